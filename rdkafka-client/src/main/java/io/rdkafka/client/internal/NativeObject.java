package io.rdkafka.client.internal;

import io.rdkafka.ffm.RdKafka;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * The one owner of a native object that a {@code *_destroy} function frees (a partition list, a queue, a
 * configuration, an error, an event, ...): closing destroys it exactly once, so try-with-resources replaces a
 * hand-written {@code try/finally destroy}. A NULL pointer is owned too and never destroyed. Handing the
 * object to C, which then owns it (a conf given to a successful {@code rd_kafka_new}), is {@link #release()}.
 *
 * <p>Not thread-safe: one owner at a time, as with the pointer it wraps. (The model is rust-rdkafka's
 * {@code NativePtr}, whose {@code KafkaDrop} names each type's destroy function.)
 */
public final class NativeObject implements AutoCloseable {
    private final String kind;
    private final Consumer<MemorySegment> destroy;
    private MemorySegment ptr;

    private NativeObject(String kind, MemorySegment ptr, Consumer<MemorySegment> destroy) {
        this.kind = kind;
        this.ptr = ptr == null ? MemorySegment.NULL : ptr;
        this.destroy = destroy;
    }

    /**
     * Owns {@code ptr}, freed by {@code destroy} on close.
     *
     * @param kind    what it is, for messages (e.g. {@code "rd_kafka_queue_t"})
     * @param ptr     the pointer; NULL (or null) owns nothing
     * @param destroy its destroy function
     * @return the owner
     */
    public static NativeObject of(String kind, MemorySegment ptr, Consumer<MemorySegment> destroy) {
        return new NativeObject(kind, ptr, destroy);
    }

    /**
     * {@return an owner of a {@code rd_kafka_topic_partition_list_t *}}
     *
     * @param list the list
     */
    public static NativeObject list(MemorySegment list) {
        return of("rd_kafka_topic_partition_list_t", list, RdKafka::rd_kafka_topic_partition_list_destroy);
    }

    /**
     * {@return an owner of a new, empty partition list with room for {@code size} elements}
     *
     * @param size the room
     */
    public static NativeObject newList(int size) {
        return list(RdKafka.rd_kafka_topic_partition_list_new(Math.max(1, size)));
    }

    /**
     * {@return an owner of a {@code rd_kafka_queue_t *}}
     *
     * @param queue the queue
     */
    public static NativeObject queue(MemorySegment queue) {
        return of("rd_kafka_queue_t", queue, RdKafka::rd_kafka_queue_destroy);
    }

    /**
     * {@return an owner of a {@code rd_kafka_conf_t *}}
     *
     * @param conf the configuration
     */
    public static NativeObject conf(MemorySegment conf) {
        return of("rd_kafka_conf_t", conf, RdKafka::rd_kafka_conf_destroy);
    }

    /**
     * {@return an owner of a {@code rd_kafka_event_t *}}
     *
     * @param event the event
     */
    public static NativeObject event(MemorySegment event) {
        return of("rd_kafka_event_t", event, RdKafka::rd_kafka_event_destroy);
    }

    /**
     * {@return an owner of a {@code rd_kafka_topic_t *}}
     *
     * @param rkt the topic handle
     */
    public static NativeObject topic(MemorySegment rkt) {
        return of("rd_kafka_topic_t", rkt, RdKafka::rd_kafka_topic_destroy);
    }

    /**
     * The pointer, for a call while this owner holds it.
     *
     * @return the pointer (NULL when it owns nothing)
     * @throws IllegalStateException after close or release
     */
    public MemorySegment ptr() {
        MemorySegment p = ptr;
        if (p == null) throw new IllegalStateException(kind + " used after it was destroyed or handed over");
        return p;
    }

    /** {@return whether it owns nothing (a NULL pointer)} */
    public boolean isNull() {
        return ptr().equals(MemorySegment.NULL);
    }

    /**
     * Gives the object away (to C, which now owns it): close does nothing afterwards.
     *
     * @return the pointer
     */
    public MemorySegment release() {
        MemorySegment p = ptr();
        ptr = null;
        return p;
    }

    /** Destroys the object, once; later calls do nothing. */
    @Override
    public void close() {
        MemorySegment p = ptr;
        ptr = null;
        if (p != null && !p.equals(MemorySegment.NULL)) destroy.accept(p);
    }

    @Override
    public String toString() {
        return kind + (ptr == null ? "[destroyed]" : "@" + Long.toHexString(ptr.address()));
    }
}

package io.rdkafka.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Reads consumed {@code rd_kafka_message_t}s (from {@code rd_kafka_consume_batch_queue}) without a per-message
 * arena: the out-parameters of {@code rd_kafka_message_timestamp}, {@code rd_kafka_message_headers} and
 * {@code rd_kafka_header_get_all} are scratch slots allocated once in the owner's arena.
 *
 * <p>Not thread-safe: one reader per polling thread (a consumer's poll is single-threaded). Header reads are
 * stateful: {@link #headerCount} selects the message whose headers {@link #readHeader} then reads.
 */
public final class MessageReader {
    private final MemorySegment tsType;
    private final MemorySegment hdrsOut;
    private final MemorySegment nameOut;
    private final MemorySegment valueOut;
    private final MemorySegment sizeOut;
    private MemorySegment headers = MemorySegment.NULL;
    private String headerName;
    private MemorySegment headerValue = MemorySegment.NULL;
    // rd_kafka_topic_t* address -> (name pointer address, name): rkts live as long as a message refers to them,
    // and the name pointer (rkt->rkt_topic->str) is checked so that a reused address cannot return a stale name
    private final Map<Long, CachedName> topicNames = new HashMap<>();
    /** The last name looked up: consecutive messages mostly share a topic, and this skips the boxed-key map. */
    private CachedName last = new CachedName(0, 0, null);

    private record CachedName(long rkt, long namePointer, String name) {
    }

    /**
     * Allocates the scratch slots in {@code arena}, which must outlive this reader's use.
     *
     * @param arena where the out-parameter slots live
     */
    public MessageReader(Arena arena) {
        this.tsType = Pointers.outInt(arena);
        this.hdrsOut = Pointers.outPointer(arena);
        this.nameOut = Pointers.outPointer(arena);
        this.valueOut = Pointers.outPointer(arena);
        this.sizeOut = Pointers.outLong(arena);
    }

    /**
     * {@return message {@code i} of a {@code rd_kafka_message_t *[]} filled by C, sized to the struct}
     *
     * @param array the array of message pointers
     * @param i     the index
     */
    public static MemorySegment message(MemorySegment array, int i) {
        return RdKafkaStructs.Message.of(Pointers.at(array, i));
    }

    /**
     * The tail of a {@code rd_kafka_message_t *[]} starting at element {@code from}, for
     * {@code rd_kafka_consume_batch_queue} to fill after the first {@code from} slots.
     *
     * @param array the array of message pointers
     * @param from  the first slot to fill
     * @return the array itself for 0, else a slice of it
     */
    public static MemorySegment slots(MemorySegment array, int from) {
        long off = java.lang.foreign.ValueLayout.ADDRESS.byteSize() * from;
        return from == 0 ? array : array.asSlice(off);
    }

    /**
     * The message's topic name ({@code rd_kafka_topic_name(rkmessage->rkt)}), cached per topic handle.
     *
     * @param msg the message
     * @return the name, or {@code null} when the message has no topic handle
     */
    public String topic(MemorySegment msg) {
        return topic(msg.address());
    }

    /**
     * As {@link #topic(MemorySegment)}, for a message given by address: no object is made on a cache hit.
     *
     * @param msg the message's address
     * @return the topic name, or null when the message has no topic
     */
    public String topic(long msg) {
        long rkt = HotPath.rkt(msg);
        if (rkt == 0) return null;
        long name = HotPath.topicName(rkt);
        CachedName c = last;
        if (c.rkt() == rkt && c.namePointer() == name) return c.name();
        c = topicNames.get(rkt);
        if (c == null || c.namePointer() != name) {
            c = new CachedName(rkt, name, CStrings.toJava(MemorySegment.ofAddress(name)));
            topicNames.put(rkt, c);
        }
        last = c;
        return c.name();
    }

    /**
     * {@code rd_kafka_message_timestamp}; the type is then available from {@link #timestampType()}.
     *
     * @param msg the message
     * @return the timestamp in milliseconds since the epoch, or -1 when it has none
     */
    public long timestamp(MemorySegment msg) {
        return RdKafka.rd_kafka_message_timestamp(msg, tsType);
    }

    /** {@return the address of the slot {@link #timestampType()} reads, for {@link HotPath#messageTimestamp}} */
    public long timestampTypeOut() {
        return tsType.address();
    }

    /** {@return the {@code rd_kafka_timestamp_type_t} of the last {@link #timestamp} call} */
    public int timestampType() {
        return Pointers.intValue(tsType);
    }

    /**
     * {@return a heap copy of the key, or null for a null key}
     *
     * @param msg the message
     */
    public static byte[] key(MemorySegment msg) {
        MemorySegment k = RdKafkaStructs.Message.key(msg);
        return k.equals(MemorySegment.NULL) ? null : k.toArray(JAVA_BYTE);
    }

    /**
     * {@return a heap copy of the payload, or null for a null value}
     *
     * @param msg the message
     */
    public static byte[] value(MemorySegment msg) {
        MemorySegment v = RdKafkaStructs.Message.payload(msg);
        return v.equals(MemorySegment.NULL) ? null : v.toArray(JAVA_BYTE);
    }

    /**
     * The key as a read-only segment whose lifetime is {@code scope} (access fails once the scope is closed,
     * so closing it before destroying the message rules out a use after free); null for a null key.
     *
     * @param msg   the message
     * @param scope the lifetime of the view
     * @return the view, or {@code null}
     */
    public static MemorySegment keyView(MemorySegment msg, Arena scope) {
        return view(RdKafkaStructs.Message.key(msg), scope);
    }

    /**
     * The payload as a read-only segment bound to {@code scope}, as {@link #keyView}.
     *
     * @param msg   the message
     * @param scope the lifetime of the view
     * @return the view, or {@code null} for a null value
     */
    public static MemorySegment valueView(MemorySegment msg, Arena scope) {
        return view(RdKafkaStructs.Message.payload(msg), scope);
    }

    private static MemorySegment view(MemorySegment p, Arena scope) {
        if (p.equals(MemorySegment.NULL)) return null;
        return p.reinterpret(p.byteSize(), scope, null).asReadOnly();
    }

    /**
     * {@code rd_kafka_message_errstr}: the error string of an error message (err != 0).
     *
     * @param msg the message
     * @return the error string
     */
    public static String errorString(MemorySegment msg) {
        return CStrings.toJava(RdKafka.rd_kafka_message_errstr(msg));
    }

    /**
     * Selects {@code msg}'s headers and returns how many there are (0 when it has none). The headers belong to
     * the message: read them before destroying it.
     *
     * @param msg the message
     * @return how many headers it has
     */
    public int headerCount(MemorySegment msg) {
        headers = MemorySegment.NULL;
        int err = RdKafka.rd_kafka_message_headers(msg, hdrsOut);
        if (err != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) return 0;
        headers = Pointers.pointer(hdrsOut);
        if (headers.equals(MemorySegment.NULL)) return 0;
        return (int) RdKafka.rd_kafka_header_cnt(headers);
    }

    /**
     * Reads header {@code i} of the selected message; then use {@link #headerName()} / {@link #headerValue()}.
     *
     * @param i the header's index, from 0 to {@link #headerCount} - 1
     * @return false when there is no such header
     */
    public boolean readHeader(int i) {
        if (headers.equals(MemorySegment.NULL)) return false;
        int err = RdKafka.rd_kafka_header_get_all(headers, i, nameOut, valueOut, sizeOut);
        if (err != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) return false;
        headerName = CStrings.toJava(Pointers.pointer(nameOut));
        MemorySegment v = Pointers.pointer(valueOut);
        headerValue = v.equals(MemorySegment.NULL) ? MemorySegment.NULL : v.reinterpret(Pointers.longValue(sizeOut));
        return true;
    }

    /** {@return the name of the header last read by {@link #readHeader}} */
    public String headerName() {
        return headerName;
    }

    /** {@return a heap copy of the value of the header last read by {@link #readHeader}; null for a null value} */
    public byte[] headerValue() {
        return headerValue.equals(MemorySegment.NULL) ? null : headerValue.toArray(JAVA_BYTE);
    }

    /**
     * {@return a pointer-sized opaque carrying {@code id} (e.g. a commit's {@code commit_opaque})}
     *
     * @param id the number to carry
     */
    public static MemorySegment opaque(long id) {
        return MemorySegment.ofAddress(id);
    }

    /**
     * {@return the id carried by an opaque made with {@link #opaque(long)}}
     *
     * @param opaque the opaque, as C handed it back
     */
    public static long opaqueId(MemorySegment opaque) {
        return opaque.address();
    }

    /**
     * Sets a {@code rd_kafka_topic_partition_t}'s {@code metadata} to a copy of {@code bytes} allocated with
     * {@code rd_kafka_mem_malloc}: the list's destroy frees it. Does nothing for null or empty bytes.
     *
     * @param rk             the client handle whose allocator is used
     * @param topicPartition the {@code rd_kafka_topic_partition_t *}
     * @param bytes          the metadata
     */
    public static void setPartitionMetadata(MemorySegment rk, MemorySegment topicPartition, byte[] bytes) {
        if (bytes == null || bytes.length == 0) return;
        MemorySegment tp = RdKafkaStructs.TopicPartition.of(topicPartition);
        MemorySegment buf = RdKafka.rd_kafka_mem_malloc(rk, bytes.length).reinterpret(bytes.length);
        MemorySegment.copy(bytes, 0, buf, JAVA_BYTE, 0, bytes.length);
        tp.set(java.lang.foreign.ValueLayout.ADDRESS, RdKafkaStructs.TopicPartition.METADATA, buf);
        tp.set(java.lang.foreign.ValueLayout.JAVA_LONG, RdKafkaStructs.TopicPartition.METADATA_SIZE, bytes.length);
    }
}

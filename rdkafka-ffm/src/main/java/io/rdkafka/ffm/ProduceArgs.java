package io.rdkafka.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A reusable argument list for {@code rd_kafka_produceva}: an {@code rd_kafka_vu_t[]} plus a native
 * scratch buffer the key, value and header bytes are copied into, so producing a record allocates no
 * native memory once the buffers have grown to the largest record seen. Use with
 * {@code RD_KAFKA_MSG_F_COPY} (librdkafka copies the bytes before {@link #produce} returns).
 * Not thread-safe: one instance per producing thread at a time.
 */
public final class ProduceArgs {
    private static final long VU_SIZE = RdKafkaStructs.Vu.LAYOUT.byteSize();

    private MemorySegment vus;
    private int capacity;
    private int count;
    private MemorySegment data;
    private long used;

    /** An argument list for 16 entries and 4 KiB of record bytes, both grown on demand. */
    public ProduceArgs() {
        this(16, 4096);
    }

    /**
     * An argument list with initial room for {@code entries} {@code rd_kafka_vu_t}s and {@code bytes} bytes of
     * keys, values and headers; both grow on demand.
     *
     * @param entries the initial number of entries
     * @param bytes   the initial size of the scratch buffer
     */
    public ProduceArgs(int entries, long bytes) {
        this.capacity = entries;
        this.vus = Arena.ofAuto().allocate(RdKafkaStructs.Vu.LAYOUT, entries);
        this.data = Arena.ofAuto().allocate(bytes, 8);
    }

    /**
     * Starts a new record.
     *
     * @param bytesNeeded the total of key, value and header bytes (header names with {@link #headerNameSize})
     *                    about to be added
     * @return this list, empty
     */
    public ProduceArgs reset(long bytesNeeded) {
        count = 0;
        used = 0;
        if (data.byteSize() < bytesNeeded) {
            // replaced buffers are freed by the GC (automatic arena); growth happens only for a new largest record
            data = Arena.ofAuto().allocate(Math.max(bytesNeeded, data.byteSize() * 2), 8);
        }
        return this;
    }

    private long slot() {
        if (count == capacity) {
            MemorySegment bigger = Arena.ofAuto().allocate(RdKafkaStructs.Vu.LAYOUT, capacity * 2L);
            bigger.copyFrom(vus);
            vus = bigger;
            capacity *= 2;
        }
        return count++;
    }

    private MemorySegment copy(byte[] bytes, int extra) {
        long n = bytes.length + extra;
        if (used + n > data.byteSize()) {
            throw new IllegalStateException("reset() was given " + data.byteSize() + " bytes; record needs more");
        }
        MemorySegment dst = data.asSlice(used, n);
        MemorySegment.copy(bytes, 0, dst, JAVA_BYTE, 0, bytes.length);
        if (extra > 0) dst.set(JAVA_BYTE, bytes.length, (byte) 0);
        used += n;
        return dst;
    }

    /**
     * {@return the bytes a header name takes in the scratch buffer (UTF-8 plus NUL)}
     *
     * @param utf8Name the name as UTF-8
     */
    public static long headerNameSize(byte[] utf8Name) {
        return utf8Name.length + 1L;
    }

    /**
     * Adds the topic ({@code RD_KAFKA_VTYPE_RKT}).
     *
     * @param rkt the {@code rd_kafka_topic_t *}
     * @return this list
     */
    public ProduceArgs topic(MemorySegment rkt) {
        RdKafkaStructs.Vu.setPointer(vus, slot(), RdKafka.RD_KAFKA_VTYPE_RKT, rkt);
        return this;
    }

    /**
     * Adds the partition ({@code RD_KAFKA_VTYPE_PARTITION}); without it librdkafka's partitioner chooses.
     *
     * @param partition the partition
     * @return this list
     */
    public ProduceArgs partition(int partition) {
        RdKafkaStructs.Vu.setInt(vus, slot(), RdKafka.RD_KAFKA_VTYPE_PARTITION, partition);
        return this;
    }

    /**
     * Adds a key ({@code RD_KAFKA_VTYPE_KEY}), copied into the scratch buffer.
     *
     * @param key the key; null means no key
     * @return this list
     */
    public ProduceArgs key(byte[] key) {
        if (key != null) RdKafkaStructs.Vu.setMem(vus, slot(), RdKafka.RD_KAFKA_VTYPE_KEY, copy(key, 0), key.length);
        return this;
    }

    /**
     * Adds a value ({@code RD_KAFKA_VTYPE_VALUE}), copied into the scratch buffer.
     *
     * @param value the value; null means a null value (a tombstone)
     * @return this list
     */
    public ProduceArgs value(byte[] value) {
        if (value == null) return this;
        RdKafkaStructs.Vu.setMem(vus, slot(), RdKafka.RD_KAFKA_VTYPE_VALUE, copy(value, 0), value.length);
        return this;
    }

    /**
     * Adds the {@code msg_opaque} delivery reports carry back ({@code RD_KAFKA_VTYPE_OPAQUE}): here a number, not
     * a pointer.
     *
     * @param id the number
     * @return this list
     */
    public ProduceArgs opaque(long id) {
        RdKafkaStructs.Vu.setPointer(vus, slot(), RdKafka.RD_KAFKA_VTYPE_OPAQUE, MemorySegment.ofAddress(id));
        return this;
    }

    /**
     * Adds the record's timestamp ({@code RD_KAFKA_VTYPE_TIMESTAMP}).
     *
     * @param epochMillis milliseconds since the epoch
     * @return this list
     */
    public ProduceArgs timestamp(long epochMillis) {
        RdKafkaStructs.Vu.setLong(vus, slot(), RdKafka.RD_KAFKA_VTYPE_TIMESTAMP, epochMillis);
        return this;
    }

    /**
     * Adds message flags ({@code RD_KAFKA_VTYPE_MSGFLAGS}), e.g. {@code RD_KAFKA_MSG_F_COPY}.
     *
     * @param msgFlags the {@code RD_KAFKA_MSG_F_*} flags
     * @return this list
     */
    public ProduceArgs flags(int msgFlags) {
        RdKafkaStructs.Vu.setInt(vus, slot(), RdKafka.RD_KAFKA_VTYPE_MSGFLAGS, msgFlags);
        return this;
    }

    /**
     * Adds a header ({@code RD_KAFKA_VTYPE_HEADER}), name and value copied into the scratch buffer.
     *
     * @param utf8Name the name as UTF-8 bytes (the NUL is added here)
     * @param value    the value; null for a null header value
     * @return this list
     */
    public ProduceArgs header(byte[] utf8Name, byte[] value) {
        MemorySegment name = copy(utf8Name, 1);
        if (value == null) {
            RdKafkaStructs.Vu.setHeader(vus, slot(), name, MemorySegment.NULL, 0);
        } else {
            RdKafkaStructs.Vu.setHeader(vus, slot(), name, copy(value, 0), value.length);
        }
        return this;
    }

    /**
     * Calls {@code rd_kafka_produceva} with the entries added since {@link #reset}.
     *
     * @param rk the producer handle
     * @return its {@code rd_kafka_error_t *}: {@code NULL} on success, else the caller must destroy it
     */
    public MemorySegment produce(MemorySegment rk) {
        return RdKafka.rd_kafka_produceva(rk, vus, count);
    }

    /**
     * {@return {@code s} as UTF-8 bytes (no NUL), e.g. for {@link #header}}
     *
     * @param s the string
     */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

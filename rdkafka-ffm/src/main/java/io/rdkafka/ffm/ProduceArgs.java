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

    public ProduceArgs() {
        this(16, 4096);
    }

    public ProduceArgs(int entries, long bytes) {
        this.capacity = entries;
        this.vus = Arena.ofAuto().allocate(RdKafkaStructs.Vu.LAYOUT, entries);
        this.data = Arena.ofAuto().allocate(bytes, 8);
    }

    /** Starts a new record; {@code bytesNeeded} is the total of key, value and header bytes about to be added. */
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

    /** Bytes a header name takes in the scratch buffer (UTF-8 plus NUL). */
    public static long headerNameSize(byte[] utf8Name) {
        return utf8Name.length + 1L;
    }

    public ProduceArgs topic(MemorySegment rkt) {
        RdKafkaStructs.Vu.setPointer(vus, slot(), RdKafka.RD_KAFKA_VTYPE_RKT, rkt);
        return this;
    }

    public ProduceArgs partition(int partition) {
        RdKafkaStructs.Vu.setInt(vus, slot(), RdKafka.RD_KAFKA_VTYPE_PARTITION, partition);
        return this;
    }

    /** A key; null means no key. */
    public ProduceArgs key(byte[] key) {
        if (key != null) RdKafkaStructs.Vu.setMem(vus, slot(), RdKafka.RD_KAFKA_VTYPE_KEY, copy(key, 0), key.length);
        return this;
    }

    /** A value; null means a null value (a tombstone). */
    public ProduceArgs value(byte[] value) {
        if (value == null) return this;
        RdKafkaStructs.Vu.setMem(vus, slot(), RdKafka.RD_KAFKA_VTYPE_VALUE, copy(value, 0), value.length);
        return this;
    }

    /** The {@code msg_opaque} delivery reports carry back: here a number, not a pointer. */
    public ProduceArgs opaque(long id) {
        RdKafkaStructs.Vu.setPointer(vus, slot(), RdKafka.RD_KAFKA_VTYPE_OPAQUE, MemorySegment.ofAddress(id));
        return this;
    }

    public ProduceArgs timestamp(long epochMillis) {
        RdKafkaStructs.Vu.setLong(vus, slot(), RdKafka.RD_KAFKA_VTYPE_TIMESTAMP, epochMillis);
        return this;
    }

    public ProduceArgs flags(int msgFlags) {
        RdKafkaStructs.Vu.setInt(vus, slot(), RdKafka.RD_KAFKA_VTYPE_MSGFLAGS, msgFlags);
        return this;
    }

    /** A header: name as UTF-8 bytes (NUL added here), value null for a null header value. */
    public ProduceArgs header(byte[] utf8Name, byte[] value) {
        MemorySegment name = copy(utf8Name, 1);
        if (value == null) {
            RdKafkaStructs.Vu.setHeader(vus, slot(), name, MemorySegment.NULL, 0);
        } else {
            RdKafkaStructs.Vu.setHeader(vus, slot(), name, copy(value, 0), value.length);
        }
        return this;
    }

    /** Calls {@code rd_kafka_produceva}; returns its {@code rd_kafka_error_t*} (NULL on success). */
    public MemorySegment produce(MemorySegment rk) {
        return RdKafka.rd_kafka_produceva(rk, vus, count);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package io.rdkafka.client.internal;

import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaStructs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A reusable {@code rd_kafka_produceva} argument list: an {@code rd_kafka_vu_t[]} plus a native scratch
 * buffer the key, value and header bytes are copied into (use with {@code RD_KAFKA_MSG_F_COPY}: librdkafka
 * copies them again before produceva returns). Nothing is allocated per record once the buffers have
 * grown to the largest record: entries are written by offset, pointers as numbers, and the call returns
 * the error pointer as a number ({@link ByAddress}). Not thread-safe: one user at a time.
 */
public final class ProduceCall {
    // unaligned layouts skip the per-access alignment check (every address here is aligned anyway)
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final long VU_SIZE = RdKafkaStructs.Vu.LAYOUT.byteSize();
    private static final long VTYPE = RdKafkaStructs.Vu.VTYPE;
    private static final long U = RdKafkaStructs.Vu.U;

    private MemorySegment vus;
    private long vusAddress;
    private int capacity;
    private int count;
    private MemorySegment data;
    private long dataAddress;
    private long used;

    /** An empty argument list with room for 16 entries and 4 KiB of record bytes; both grow on demand. */
    public ProduceCall() {
        this.capacity = 16;
        this.vus = Arena.ofAuto().allocate(RdKafkaStructs.Vu.LAYOUT, capacity);
        this.vusAddress = vus.address();
        this.data = Arena.ofAuto().allocate(4096, 8);
        this.dataAddress = data.address();
    }

    /**
     * Starts a new record.
     *
     * @param bytesNeeded the total of key, value and header bytes (header names with their NUL) about to be added
     * @return this
     */
    public ProduceCall reset(long bytesNeeded) {
        count = 0;
        used = 0;
        if (data.byteSize() < bytesNeeded) {
            // the old buffer is freed by the GC (automatic arena); growth happens only for a new largest record
            data = Arena.ofAuto().allocate(Math.max(bytesNeeded, data.byteSize() * 2), 8);
            dataAddress = data.address();
        }
        return this;
    }

    /** The offset of a new entry of type {@code vtype} in the vu array. */
    private long entry(int vtype) {
        if (count == capacity) {
            MemorySegment bigger = Arena.ofAuto().allocate(RdKafkaStructs.Vu.LAYOUT, capacity * 2L);
            bigger.copyFrom(vus);
            vus = bigger;
            vusAddress = bigger.address();
            capacity *= 2;
        }
        long base = count++ * VU_SIZE;
        vus.set(INT, base + VTYPE, vtype);
        return base + U;
    }

    /** Copies bytes (plus {@code extra} zero bytes) into the scratch buffer; returns their address. */
    private long copy(byte[] bytes, int extra) {
        long n = bytes.length + extra;
        if (used + n > data.byteSize()) {
            throw new IllegalStateException("reset() was given " + data.byteSize() + " bytes; record needs more");
        }
        MemorySegment.copy(bytes, 0, data, JAVA_BYTE, used, bytes.length);
        if (extra > 0) data.set(JAVA_BYTE, used + bytes.length, (byte) 0);
        long at = dataAddress + used;
        used += n;
        return at;
    }

    /**
     * Bytes a header name takes in the scratch buffer.
     *
     * @param utf8Name the name as UTF-8
     * @return its length plus one for the NUL
     */
    public static long headerNameSize(byte[] utf8Name) {
        return utf8Name.length + 1L;
    }

    /**
     * A string as UTF-8 bytes.
     *
     * @param s the string
     * @return its bytes
     */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Adds {@code RD_KAFKA_VTYPE_RKT}.
     *
     * @param rkt the topic handle
     * @return this
     */
    public ProduceCall topic(MemorySegment rkt) {
        vus.set(LONG, entry(RdKafka.RD_KAFKA_VTYPE_RKT), rkt.address());
        return this;
    }

    /**
     * Adds {@code RD_KAFKA_VTYPE_PARTITION}.
     *
     * @param partition the partition
     * @return this
     */
    public ProduceCall partition(int partition) {
        vus.set(INT, entry(RdKafka.RD_KAFKA_VTYPE_PARTITION), partition);
        return this;
    }

    /**
     * Adds {@code RD_KAFKA_VTYPE_KEY}, the bytes copied into the scratch buffer.
     *
     * @param key the key; null adds nothing (no key)
     * @return this
     */
    public ProduceCall key(byte[] key) {
        if (key != null) mem(RdKafka.RD_KAFKA_VTYPE_KEY, key);
        return this;
    }

    /**
     * Adds {@code RD_KAFKA_VTYPE_VALUE}, the bytes copied into the scratch buffer.
     *
     * @param value the value; null adds nothing (a null value, a tombstone)
     * @return this
     */
    public ProduceCall value(byte[] value) {
        if (value != null) mem(RdKafka.RD_KAFKA_VTYPE_VALUE, value);
        return this;
    }

    private void mem(int vtype, byte[] bytes) {
        long u = entry(vtype);
        vus.set(LONG, u, copy(bytes, 0));
        vus.set(LONG, u + 8, bytes.length);
    }

    /**
     * Adds {@code RD_KAFKA_VTYPE_OPAQUE}: the {@code msg_opaque} delivery reports carry back, here a number.
     *
     * @param id the number
     * @return this
     */
    public ProduceCall opaque(long id) {
        vus.set(LONG, entry(RdKafka.RD_KAFKA_VTYPE_OPAQUE), id);
        return this;
    }

    /**
     * Adds {@code RD_KAFKA_VTYPE_TIMESTAMP}.
     *
     * @param epochMillis milliseconds since the epoch
     * @return this
     */
    public ProduceCall timestamp(long epochMillis) {
        vus.set(LONG, entry(RdKafka.RD_KAFKA_VTYPE_TIMESTAMP), epochMillis);
        return this;
    }

    /**
     * Adds {@code RD_KAFKA_VTYPE_MSGFLAGS}.
     *
     * @param msgFlags {@code RD_KAFKA_MSG_F_*} flags (use {@code RD_KAFKA_MSG_F_COPY}: the scratch buffer is reused)
     * @return this
     */
    public ProduceCall flags(int msgFlags) {
        vus.set(INT, entry(RdKafka.RD_KAFKA_VTYPE_MSGFLAGS), msgFlags);
        return this;
    }

    /**
     * Adds {@code RD_KAFKA_VTYPE_HEADER}, name (with a NUL added) and value copied into the scratch buffer.
     *
     * @param utf8Name the header name as UTF-8
     * @param value    the header value; null for a null header value
     * @return this
     */
    public ProduceCall header(byte[] utf8Name, byte[] value) {
        long name = copy(utf8Name, 1);
        long val = value == null ? 0 : copy(value, 0);
        long u = entry(RdKafka.RD_KAFKA_VTYPE_HEADER);
        vus.set(LONG, u, name);
        vus.set(LONG, u + 8, val);
        vus.set(LONG, u + 16, value == null ? 0 : value.length);
        return this;
    }

    /**
     * Calls {@code rd_kafka_produceva} with the entries added since {@link #reset}.
     *
     * @param rk the producer handle
     * @return the {@code rd_kafka_error_t*} as an address, 0 on success: read it with {@link #errorCode}, then
     *         {@link #discardError} or {@link #readError} it
     */
    public long produce(MemorySegment rk) {
        try {
            return ByAddress.produceva(rk, vusAddress, count);
        } finally {
            // the buffers are passed by address: keep them (automatic arenas) alive until the call returned
            Reference.reachabilityFence(vus);
            Reference.reachabilityFence(data);
        }
    }

    /**
     * {@code rd_kafka_error_code} of an error {@link #produce} returned.
     *
     * @param error the {@code rd_kafka_error_t*}'s address
     * @return the {@code rd_kafka_resp_err_t}
     */
    public static int errorCode(long error) {
        return ByAddress.errorCode(error);
    }

    /**
     * Destroys an error {@link #produce} returned without reading its text (nothing allocated: a retry).
     *
     * @param error the {@code rd_kafka_error_t*}'s address; not usable afterwards
     */
    public static void discardError(long error) {
        ByAddress.errorDestroy(error);
    }

    /**
     * Reads (code, text, flags) and destroys an error {@link #produce} returned.
     *
     * @param error the {@code rd_kafka_error_t*}'s address; not usable afterwards
     * @return the error
     */
    public static io.rdkafka.client.errors.KafkaError readError(long error) {
        return Errors.readAndDestroy(MemorySegment.ofAddress(error));
    }
}

package io.rdkafka.client.internal;

import io.rdkafka.client.Header;
import io.rdkafka.client.Headers;
import io.rdkafka.client.TimestampType;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaStructs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code rd_kafka_message_t}s, consumed or reported, by address: the one place that knows the struct and
 * the per-message calls (as confluent-kafka-go's {@code glue_msg_t}). No segment, no arena, no boxing per message:
 * fields are read from their addresses through one segment spanning the address space, out-parameters live in
 * slots allocated once, topic names are cached per topic handle, and leader epochs are shared {@code Optional}s.
 *
 * <p>{@link #decode} reads a message's envelope (error, topic, partition, offset) and {@link #decodeRecord} the
 * rest of a consumed record (key, value, timestamp, headers, leader epoch), each field once; the values stay in
 * this decoder until the next {@code decode}. The static readers serve random access (a {@code RecordBatch}) and
 * delivery reports.
 *
 * <p>Not thread-safe: one decoder per thread that reads messages (a consumer's polling thread, a producer's
 * event thread).
 */
public final class MessageDecoder {
    /** The whole address space, to read fields of native structs by address without making a segment each. */
    private static final MemorySegment RAW = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    // unaligned layouts skip the per-access alignment check (every address here is aligned anyway)
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final long ERR = RdKafkaStructs.Message.ERR;
    private static final long RKT = RdKafkaStructs.Message.RKT;
    private static final long PARTITION = RdKafkaStructs.Message.PARTITION;
    private static final long PAYLOAD = RdKafkaStructs.Message.PAYLOAD;
    private static final long LEN = RdKafkaStructs.Message.LEN;
    private static final long KEY = RdKafkaStructs.Message.KEY;
    private static final long KEY_LEN = RdKafkaStructs.Message.KEY_LEN;
    private static final long OFFSET = RdKafkaStructs.Message.OFFSET;
    private static final long PRIVATE = RdKafkaStructs.Message.PRIVATE;

    private static final Optional<Integer> NO_EPOCH = Optional.empty();
    private static final Optional<Integer>[] EPOCHS = epochs(1024);

    @SuppressWarnings("unchecked")
    private static Optional<Integer>[] epochs(int n) {
        Optional<Integer>[] a = new Optional[n];
        for (int i = 0; i < n; i++) a[i] = Optional.of(i);
        return a;
    }

    // out-parameter slots, allocated once
    private final long tsTypeOut;
    private final long headersOut;
    private final long nameOut;
    private final long valueOut;
    private final long sizeOut;

    // rd_kafka_topic_t* address -> (name pointer address, name): rkts live as long as a message refers to them,
    // and the name pointer (rkt->rkt_topic->str) is checked so that a reused address cannot return a stale name
    private final Map<Long, CachedName> topicNames = new HashMap<>();
    /** The last name looked up: consecutive messages mostly share a topic, and this skips the boxed-key map. */
    private CachedName last = new CachedName(0, 0, null);

    private record CachedName(long rkt, long namePointer, String name) {
    }

    // the message last decoded
    private long msg;
    private int err;
    private long rkt;
    private String topic;
    private int partition;
    private long offset;
    private byte[] key;
    private byte[] value;
    private long timestamp;
    private TimestampType timestampType;
    private Headers headers;
    private Optional<Integer> leaderEpoch;

    /**
     * A decoder whose out-parameter slots live in {@code arena}, which must outlive its use.
     *
     * @param arena where the slots live
     */
    public MessageDecoder(Arena arena) {
        this.tsTypeOut = arena.allocate(ValueLayout.JAVA_INT).address();
        this.headersOut = arena.allocate(ValueLayout.ADDRESS).address();
        this.nameOut = arena.allocate(ValueLayout.ADDRESS).address();
        this.valueOut = arena.allocate(ValueLayout.ADDRESS).address();
        this.sizeOut = arena.allocate(ValueLayout.JAVA_LONG).address();
    }

    // ---- arrays of messages -----------------------------------------------------------------------------

    /** {@return a zeroed {@code rd_kafka_message_t *[n]} in {@code arena}} */
    public static MemorySegment newArray(Arena arena, int n) {
        return arena.allocate(ValueLayout.ADDRESS, Math.max(1, n));
    }

    /** {@return element {@code i} of a {@code rd_kafka_message_t *[]}: the message's address} */
    public static long at(MemorySegment array, int i) {
        return array.getAtIndex(LONG, i);
    }

    /** {@return the tail of a message array from element {@code from}, for a batch call to fill} */
    public static MemorySegment slots(MemorySegment array, int from) {
        return from == 0 ? array : array.asSlice(ValueLayout.ADDRESS.byteSize() * from);
    }

    /** {@code rd_kafka_message_destroy} of the message at {@code msg}: not usable afterwards. */
    public static void destroy(long msg) {
        ByAddress.messageDestroy(msg);
    }

    /** Destroys messages {@code [from, to)} of an array. */
    public static void destroy(MemorySegment array, int from, int to) {
        for (int i = from; i < to; i++) ByAddress.messageDestroy(at(array, i));
    }

    // ---- one message, each field read once -------------------------------------------------------------

    /**
     * Reads the envelope of the message at {@code m}: error, topic (null without a topic handle), partition
     * and offset; the rest of the previous message is forgotten.
     *
     * @param m the message's address
     */
    public void decode(long m) {
        msg = m;
        err = RAW.get(INT, m + ERR);
        rkt = RAW.get(LONG, m + RKT);
        topic = rkt == 0 ? null : topicName(rkt);
        partition = RAW.get(INT, m + PARTITION);
        offset = RAW.get(LONG, m + OFFSET);
        key = null;
        value = null;
        headers = null;
        leaderEpoch = null;
        timestampType = null;
    }

    /** Reads the rest of the record last {@link #decode decoded}: heap copies of key, value and headers, timestamp, epoch. */
    public void decodeRecord() {
        long m = msg;
        key = copy(RAW.get(LONG, m + KEY), RAW.get(LONG, m + KEY_LEN));
        value = copy(RAW.get(LONG, m + PAYLOAD), RAW.get(LONG, m + LEN));
        timestamp = ByAddress.messageTimestamp(m, tsTypeOut);
        timestampType = TimestampType.fromNative(RAW.get(INT, tsTypeOut));
        headers = headers(m);
        leaderEpoch = leaderEpoch(m);
    }

    /** {@return the address of the message last decoded} */
    public long message() {
        return msg;
    }

    /** {@return its {@code err}: 0 for a record} */
    public int err() {
        return err;
    }

    /** {@return its topic handle's address, 0 for none} */
    public long topicHandle() {
        return rkt;
    }

    /** {@return its topic, or null when it has no topic handle} */
    public String topic() {
        return topic;
    }

    /** {@return its partition} */
    public int partition() {
        return partition;
    }

    /** {@return its offset} */
    public long offset() {
        return offset;
    }

    /** {@return its key (null for none), after {@link #decodeRecord}} */
    public byte[] key() {
        return key;
    }

    /** {@return its value (null for a tombstone), after {@link #decodeRecord}} */
    public byte[] value() {
        return value;
    }

    /** {@return its timestamp, -1 for none, after {@link #decodeRecord}} */
    public long timestamp() {
        return timestamp;
    }

    /** {@return what its timestamp means, after {@link #decodeRecord}} */
    public TimestampType timestampType() {
        return timestampType;
    }

    /** {@return its headers, after {@link #decodeRecord}} */
    public Headers headers() {
        return headers;
    }

    /** {@return its leader epoch, after {@link #decodeRecord}} */
    public Optional<Integer> leaderEpoch() {
        return leaderEpoch;
    }

    /** {@return {@code rd_kafka_message_errstr} of the message last decoded (an error message)} */
    public String errorString() {
        return CStrings.toJava(RdKafka.rd_kafka_message_errstr(RdKafkaStructs.Message.of(MemorySegment.ofAddress(msg))));
    }

    // ---- fields by address (random access, delivery reports) -------------------------------------------

    /** {@return the {@code err} field of the message at {@code m}} */
    public static int err(long m) {
        return RAW.get(INT, m + ERR);
    }

    /** {@return the {@code rkt} field (the topic handle's address, 0 for none) of the message at {@code m}} */
    public static long topicHandle(long m) {
        return RAW.get(LONG, m + RKT);
    }

    /** {@return the partition of the message at {@code m}} */
    public static int partition(long m) {
        return RAW.get(INT, m + PARTITION);
    }

    /** {@return the offset of the message at {@code m}} */
    public static long offset(long m) {
        return RAW.get(LONG, m + OFFSET);
    }

    /** {@return the opaque ({@code _private}: a delivery report's {@code msg_opaque}) of the message at {@code m}} */
    public static long opaque(long m) {
        return RAW.get(LONG, m + PRIVATE);
    }

    /** {@return the key's size of the message at {@code m}, -1 for a null key} */
    public static int keySize(long m) {
        return RAW.get(LONG, m + KEY) == 0 ? -1 : (int) RAW.get(LONG, m + KEY_LEN);
    }

    /** {@return the value's size of the message at {@code m}, -1 for a null value} */
    public static int valueSize(long m) {
        return RAW.get(LONG, m + PAYLOAD) == 0 ? -1 : (int) RAW.get(LONG, m + LEN);
    }

    /** {@return the {@code rd_kafka_msg_status_t} (persisted, possibly, not) of the message at {@code m}} */
    public static int status(long m) {
        return ByAddress.messageStatus(m);
    }

    /**
     * A segment spanning the whole address space, bound to {@code scope}: the one restricted call a batch makes,
     * of which {@link #keyView} and {@link #valueView} take slices. ({@code asSlice} is an ordinary call,
     * {@code reinterpret} a restricted one whose caller check walks the stack in C1-compiled code: two per record
     * cost the command-line consumer more CPU than printing.)
     */
    public static MemorySegment addressSpace(Arena scope) {
        return MemorySegment.NULL.reinterpret(Long.MAX_VALUE, scope, null);
    }

    /**
     * The key as a read-only slice of {@code space} ({@link #addressSpace}: access fails once its scope is closed,
     * so closing it before destroying the message rules out a use after free); null for a null key.
     */
    public static MemorySegment keyView(long m, MemorySegment space) {
        return view(RAW.get(LONG, m + KEY), RAW.get(LONG, m + KEY_LEN), space);
    }

    /** The value as a read-only slice of {@code space}, as {@link #keyView}; null for a null value. */
    public static MemorySegment valueView(long m, MemorySegment space) {
        return view(RAW.get(LONG, m + PAYLOAD), RAW.get(LONG, m + LEN), space);
    }

    private static MemorySegment view(long ptr, long len, MemorySegment space) {
        if (ptr == 0) return null;
        return space.asSlice(ptr, len).asReadOnly();
    }

    /** {@return whether the loaded librdkafka reports messages' leader epochs (2.1.0+)} */
    public static boolean hasLeaderEpochs() {
        return ByAddress.hasLeaderEpoch();
    }

    /** {@return the leader epoch of the message at {@code m}: empty when unknown; no boxing for the usual epochs} */
    public static Optional<Integer> leaderEpoch(long m) {
        int e = ByAddress.messageLeaderEpoch(m);
        if (e < 0) return NO_EPOCH;
        return e < EPOCHS.length ? EPOCHS[e] : Optional.of(e);
    }

    /** {@return the topic of the message at {@code m} (cached per topic handle), null when it has none} */
    public String topic(long m) {
        long r = RAW.get(LONG, m + RKT);
        return r == 0 ? null : topicName(r);
    }

    /** {@return the timestamp of the message at {@code m}, -1 for none; its type is then {@link #lastTimestampType()}} */
    public long timestamp(long m) {
        return ByAddress.messageTimestamp(m, tsTypeOut);
    }

    /** {@return the type of the timestamp last read by {@link #timestamp(long)}} */
    public TimestampType lastTimestampType() {
        return TimestampType.fromNative(RAW.get(INT, tsTypeOut));
    }

    /** {@return heap copies of the headers of the message at {@code m} (one {@code rd_kafka_message_headers} call)} */
    public Headers headers(long m) {
        if (ByAddress.messageHeaders(m, headersOut) != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) return Headers.empty();
        long hdrs = RAW.get(LONG, headersOut);
        if (hdrs == 0) return Headers.empty();
        int cnt = (int) ByAddress.headerCount(hdrs);
        if (cnt == 0) return Headers.empty();
        List<Header> l = new ArrayList<>(cnt);
        for (int i = 0; i < cnt; i++) {
            if (ByAddress.headerGetAll(hdrs, i, nameOut, valueOut, sizeOut) != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) continue;
            String name = RAW.getString(RAW.get(LONG, nameOut));
            l.add(new Header(name, copy(RAW.get(LONG, valueOut), RAW.get(LONG, sizeOut))));
        }
        return Headers.of(l);
    }

    private String topicName(long r) {
        long name = ByAddress.topicName(r);
        CachedName c = last;
        if (c.rkt() == r && c.namePointer() == name) return c.name();
        c = topicNames.get(r);
        if (c == null || c.namePointer() != name) {
            c = new CachedName(r, name, CStrings.toJava(MemorySegment.ofAddress(name)));
            topicNames.put(r, c);
        }
        last = c;
        return c.name();
    }

    private static byte[] copy(long ptr, long len) {
        if (ptr == 0) return null;
        byte[] b = new byte[Math.toIntExact(len)];
        MemorySegment.copy(RAW, ValueLayout.JAVA_BYTE, ptr, b, 0, b.length);
        return b;
    }
}

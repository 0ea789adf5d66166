package io.rdkafka.ffm;


import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Allocation-free forms of the few native calls made once per record (send, delivery report, consumed
 * message). The generated layer passes and returns pointers as {@link MemorySegment}s; a segment made for
 * a pointer returned by a downcall, or for an address read from native memory, is a heap object the JIT
 * does not always scalar-replace (measured: ~45 bytes per record sent). Here pointers that are only
 * passed on are {@code long}s (the same register on LP64), and message fields are read from their
 * addresses through one segment spanning the address space.
 */
public final class HotPath {
    private HotPath() {
    }

    /** The whole address space, to read fields of native structs by address without making a segment each. */
    public static final MemorySegment RAW = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    // unaligned layouts skip the per-access alignment check (every address here is aligned anyway)
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final long MSG_ERR = RdKafkaStructs.Message.ERR;
    private static final long MSG_PARTITION = RdKafkaStructs.Message.PARTITION;
    private static final long MSG_PAYLOAD = RdKafkaStructs.Message.PAYLOAD;
    private static final long MSG_LEN = RdKafkaStructs.Message.LEN;
    private static final long MSG_KEY = RdKafkaStructs.Message.KEY;
    private static final long MSG_KEY_LEN = RdKafkaStructs.Message.KEY_LEN;
    private static final long MSG_OFFSET = RdKafkaStructs.Message.OFFSET;
    private static final long MSG_PRIVATE = RdKafkaStructs.Message.PRIVATE;
    private static final long MSG_RKT = RdKafkaStructs.Message.RKT;

    private static final MethodHandle PRODUCEVA;
    private static final MethodHandle MESSAGE_TIMESTAMP;
    private static final MethodHandle MESSAGE_STATUS;
    private static final MethodHandle ERROR_CODE;
    private static final MethodHandle ERROR_DESTROY;
    private static final MethodHandle MESSAGE_DESTROY;
    private static final MethodHandle TOPIC_NAME;
    private static final MethodHandle MESSAGE_HEADERS;
    private static final MethodHandle MESSAGE_LEADER_EPOCH; // null before librdkafka 2.1.0

    static {
        SymbolLookup lib = SymbolLookup.libraryLookup(RdKafkaLibrary.path(), Arena.global());
        Linker linker = Linker.nativeLinker();
        // rd_kafka_error_t *rd_kafka_produceva(rd_kafka_t *rk, const rd_kafka_vu_t *vus, size_t cnt)
        PRODUCEVA = linker.downcallHandle(lib.find("rd_kafka_produceva").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG));
        // int64_t rd_kafka_message_timestamp(const rd_kafka_message_t *rkmessage, rd_kafka_timestamp_type_t *tstype)
        MESSAGE_TIMESTAMP = linker.downcallHandle(lib.find("rd_kafka_message_timestamp").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.critical(false));
        // rd_kafka_msg_status_t rd_kafka_message_status(const rd_kafka_message_t *rkmessage)
        MESSAGE_STATUS = linker.downcallHandle(lib.find("rd_kafka_message_status").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG), Linker.Option.critical(false));
        // rd_kafka_resp_err_t rd_kafka_error_code(const rd_kafka_error_t *error); void rd_kafka_error_destroy(...)
        ERROR_CODE = linker.downcallHandle(lib.find("rd_kafka_error_code").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG), Linker.Option.critical(false));
        ERROR_DESTROY = linker.downcallHandle(lib.find("rd_kafka_error_destroy").orElseThrow(),
                FunctionDescriptor.ofVoid(JAVA_LONG));
        // void rd_kafka_message_destroy(rd_kafka_message_t *rkmessage): frees, may take a queue lock: not critical
        MESSAGE_DESTROY = linker.downcallHandle(lib.find("rd_kafka_message_destroy").orElseThrow(),
                FunctionDescriptor.ofVoid(JAVA_LONG));
        // const char *rd_kafka_topic_name(const rd_kafka_topic_t *rkt): returns a field
        TOPIC_NAME = linker.downcallHandle(lib.find("rd_kafka_topic_name").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG), Linker.Option.critical(false));
        // rd_kafka_resp_err_t rd_kafka_message_headers(const rd_kafka_message_t *, rd_kafka_headers_t **hdrsp)
        MESSAGE_HEADERS = linker.downcallHandle(lib.find("rd_kafka_message_headers").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
        // int32_t rd_kafka_message_leader_epoch(const rd_kafka_message_t *rkmessage), librdkafka 2.1.0+
        MESSAGE_LEADER_EPOCH = lib.find("rd_kafka_message_leader_epoch").map(f -> linker.downcallHandle(f,
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG), Linker.Option.critical(false))).orElse(null);
    }

    /**
     * {@code rd_kafka_produceva} with the argument array given by address.
     *
     * @param rk  the producer handle
     * @param vus the address of an {@code rd_kafka_vu_t[]}
     * @param cnt the number of entries
     * @return the {@code rd_kafka_error_t*} as an address, 0 on success (destroy it with {@link #errorDestroy})
     */
    public static long produceva(MemorySegment rk, long vus, long cnt) {
        try {
            return (long) PRODUCEVA.invokeExact(rk, vus, cnt);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code rd_kafka_message_timestamp} of a message given by address.
     *
     * @param msg       the message's address
     * @param tstypeOut the address of an int that receives the {@code rd_kafka_timestamp_type_t}
     * @return milliseconds since the epoch, or -1 when the message has no timestamp
     */
    public static long messageTimestamp(long msg, long tstypeOut) {
        try {
            return (long) MESSAGE_TIMESTAMP.invokeExact(msg, tstypeOut);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code rd_kafka_message_status} of a message given by address.
     *
     * @param msg the message's address
     * @return the {@code rd_kafka_msg_status_t}: whether the message is persisted, possibly or not
     */
    public static int messageStatus(long msg) {
        try {
            return (int) MESSAGE_STATUS.invokeExact(msg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code rd_kafka_error_code} of an error given by address.
     *
     * @param error the {@code rd_kafka_error_t*}'s address
     * @return the {@code rd_kafka_resp_err_t}
     */
    public static int errorCode(long error) {
        try {
            return (int) ERROR_CODE.invokeExact(error);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code rd_kafka_error_destroy} of an error given by address.
     *
     * @param error the {@code rd_kafka_error_t*}'s address; not usable afterwards
     */
    public static void errorDestroy(long error) {
        try {
            ERROR_DESTROY.invokeExact(error);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code rd_kafka_message_destroy} of a message given by address.
     *
     * @param msg the message's address; not usable afterwards
     */
    public static void messageDestroy(long msg) {
        try {
            MESSAGE_DESTROY.invokeExact(msg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code rd_kafka_message_headers} of a message given by address: whether it carries headers.
     *
     * @param msg     the message's address
     * @param hdrsOut the address of a pointer-sized slot that receives the {@code rd_kafka_headers_t*}
     * @return true when the message has headers (the call answered no error)
     */
    public static boolean messageHasHeaders(long msg, long hdrsOut) {
        try {
            return (int) MESSAGE_HEADERS.invokeExact(msg, hdrsOut) == 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return whether this librdkafka has {@code rd_kafka_message_leader_epoch} (2.1.0+)} */
    public static boolean hasLeaderEpoch() {
        return MESSAGE_LEADER_EPOCH != null;
    }

    /**
     * {@code rd_kafka_message_leader_epoch} of a message given by address.
     *
     * @param msg the message's address
     * @return the leader epoch, or -1 when unknown or the library is older than 2.1.0
     */
    public static int messageLeaderEpoch(long msg) {
        if (MESSAGE_LEADER_EPOCH == null) return -1;
        try {
            return (int) MESSAGE_LEADER_EPOCH.invokeExact(msg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code rd_kafka_topic_name} of a topic handle given by address.
     *
     * @param rkt the {@code rd_kafka_topic_t*}'s address
     * @return the address of the topic's NUL-terminated name, valid as long as the handle
     */
    public static long topicName(long rkt) {
        try {
            return (long) TOPIC_NAME.invokeExact(rkt);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Element {@code i} of a {@code rd_kafka_message_t *[]}.
     *
     * @param array the array
     * @param i     the index
     * @return the message's address
     */
    public static long messageAt(MemorySegment array, int i) {
        return array.getAtIndex(LONG, i);
    }

    /**
     * A message given by address as a struct segment, for the calls that take one (error paths, headers).
     *
     * @param msg the message's address
     * @return a segment of {@code sizeof(rd_kafka_message_t)} bytes at that address
     */
    public static MemorySegment message(long msg) {
        return RdKafkaStructs.Message.of(MemorySegment.ofAddress(msg));
    }

    // rd_kafka_message_t fields by address

    /**
     * The message's topic handle.
     *
     * @param msg the message's address
     * @return the {@code rd_kafka_topic_t*}'s address, 0 for none
     */
    public static long rkt(long msg) {
        return RAW.get(LONG, msg + MSG_RKT);
    }

    /**
     * A heap copy of the message's value.
     *
     * @param msg the message's address
     * @return the value's bytes, or null for a null value
     */
    public static byte[] valueBytes(long msg) {
        return copy(RAW.get(LONG, msg + MSG_PAYLOAD), RAW.get(LONG, msg + MSG_LEN));
    }

    /**
     * A heap copy of the message's key.
     *
     * @param msg the message's address
     * @return the key's bytes, or null for a null key
     */
    public static byte[] keyBytes(long msg) {
        return copy(RAW.get(LONG, msg + MSG_KEY), RAW.get(LONG, msg + MSG_KEY_LEN));
    }

    private static byte[] copy(long ptr, long len) {
        if (ptr == 0) return null;
        byte[] b = new byte[Math.toIntExact(len)];
        MemorySegment.copy(RAW, ValueLayout.JAVA_BYTE, ptr, b, 0, b.length);
        return b;
    }

    /**
     * The message's {@code err} field.
     *
     * @param msg the message's address
     * @return the {@code rd_kafka_resp_err_t}, 0 for a record
     */
    public static int err(long msg) {
        return RAW.get(INT, msg + MSG_ERR);
    }

    /**
     * The message's {@code partition} field.
     *
     * @param msg the message's address
     * @return the partition
     */
    public static int partition(long msg) {
        return RAW.get(INT, msg + MSG_PARTITION);
    }

    /**
     * The message's {@code offset} field.
     *
     * @param msg the message's address
     * @return the offset
     */
    public static long offset(long msg) {
        return RAW.get(LONG, msg + MSG_OFFSET);
    }

    /**
     * The message's opaque ({@code _private}): for delivery reports, the {@code msg_opaque} given to produce.
     *
     * @param msg the message's address
     * @return the opaque, as a number
     */
    public static long opaque(long msg) {
        return RAW.get(LONG, msg + MSG_PRIVATE);
    }

    /**
     * The size of the message's value.
     *
     * @param msg the message's address
     * @return the size in bytes, or -1 for a null value
     */
    public static int valueSize(long msg) {
        return RAW.get(LONG, msg + MSG_PAYLOAD) == 0 ? -1 : (int) RAW.get(LONG, msg + MSG_LEN);
    }

    /**
     * The size of the message's key.
     *
     * @param msg the message's address
     * @return the size in bytes, or -1 for a null key
     */
    public static int keySize(long msg) {
        return RAW.get(LONG, msg + MSG_KEY) == 0 ? -1 : (int) RAW.get(LONG, msg + MSG_KEY_LEN);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("unexpected exception from a native call", t);
    }
}

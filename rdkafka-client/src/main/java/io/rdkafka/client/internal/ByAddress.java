package io.rdkafka.client.internal;

import io.rdkafka.ffm.RdKafkaLibrary;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few native calls made once per record (send, delivery report, consumed message), linked with pointers as
 * {@code long}s: the generated layer passes and returns pointers as {@link MemorySegment}s, and a segment made
 * for a pointer a downcall returned, or for an address read from native memory, is a heap object the JIT does
 * not always scalar-replace (measured: ~45 bytes per record sent). Only {@link MessageDecoder} (reading
 * messages) and {@link ProduceCall} (sending) use these; the symbols come from the one library loader,
 * {@link RdKafkaLibrary}.
 */
final class ByAddress {
    private ByAddress() {
    }

    private static final Linker LINKER = Linker.nativeLinker();

    // rd_kafka_error_t *rd_kafka_produceva(rd_kafka_t *rk, const rd_kafka_vu_t *vus, size_t cnt)
    private static final MethodHandle PRODUCEVA = link("rd_kafka_produceva", false,
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG)); // rk: a long-lived segment, passed as is
    // int64_t rd_kafka_message_timestamp(const rd_kafka_message_t *rkmessage, rd_kafka_timestamp_type_t *tstype)
    private static final MethodHandle MESSAGE_TIMESTAMP = link("rd_kafka_message_timestamp", true,
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG));
    // rd_kafka_msg_status_t rd_kafka_message_status(const rd_kafka_message_t *rkmessage)
    private static final MethodHandle MESSAGE_STATUS = link("rd_kafka_message_status", true,
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    // rd_kafka_resp_err_t rd_kafka_error_code(const rd_kafka_error_t *error)
    private static final MethodHandle ERROR_CODE = link("rd_kafka_error_code", true,
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    // void rd_kafka_error_destroy(rd_kafka_error_t *error)
    private static final MethodHandle ERROR_DESTROY = link("rd_kafka_error_destroy", false,
            FunctionDescriptor.ofVoid(JAVA_LONG));
    // void rd_kafka_message_destroy(rd_kafka_message_t *rkmessage): frees, may take a queue lock: not critical
    private static final MethodHandle MESSAGE_DESTROY = link("rd_kafka_message_destroy", false,
            FunctionDescriptor.ofVoid(JAVA_LONG));
    // const char *rd_kafka_topic_name(const rd_kafka_topic_t *rkt): returns a field
    private static final MethodHandle TOPIC_NAME = link("rd_kafka_topic_name", true,
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
    // rd_kafka_resp_err_t rd_kafka_message_headers(const rd_kafka_message_t *, rd_kafka_headers_t **hdrsp):
    // parses the headers on first use (allocates): not critical
    private static final MethodHandle MESSAGE_HEADERS = link("rd_kafka_message_headers", false,
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
    // size_t rd_kafka_header_cnt(const rd_kafka_headers_t *hdrs)
    private static final MethodHandle HEADER_CNT = link("rd_kafka_header_cnt", true,
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
    // rd_kafka_resp_err_t rd_kafka_header_get_all(const rd_kafka_headers_t *hdrs, size_t idx, const char **namep,
    //                                             const void **valuep, size_t *sizep)
    private static final MethodHandle HEADER_GET_ALL = link("rd_kafka_header_get_all", true,
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
    // int32_t rd_kafka_message_leader_epoch(const rd_kafka_message_t *rkmessage): librdkafka 2.1.0+, else null
    private static final MethodHandle MESSAGE_LEADER_EPOCH = link("rd_kafka_message_leader_epoch", true,
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG));

    /** A handle for {@code name}; null when the library lacks it (or cannot be loaded: the generated layer says so). */
    private static MethodHandle link(String name, boolean critical, FunctionDescriptor d) {
        if (!RdKafkaLibrary.isAvailable()) return null;
        return RdKafkaLibrary.find(name).map(f -> critical
                ? LINKER.downcallHandle(f, d, Linker.Option.critical(false))
                : LINKER.downcallHandle(f, d)).orElse(null);
    }

    static long produceva(MemorySegment rk, long vus, long cnt) {
        try {
            return (long) PRODUCEVA.invokeExact(rk, vus, cnt);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long messageTimestamp(long msg, long tstypeOut) {
        try {
            return (long) MESSAGE_TIMESTAMP.invokeExact(msg, tstypeOut);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int messageStatus(long msg) {
        try {
            return (int) MESSAGE_STATUS.invokeExact(msg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int errorCode(long error) {
        try {
            return (int) ERROR_CODE.invokeExact(error);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void errorDestroy(long error) {
        try {
            ERROR_DESTROY.invokeExact(error);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void messageDestroy(long msg) {
        try {
            MESSAGE_DESTROY.invokeExact(msg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long topicName(long rkt) {
        try {
            return (long) TOPIC_NAME.invokeExact(rkt);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code rd_kafka_message_headers}: the error code, 0 when {@code hdrsOut} received the headers. */
    static int messageHeaders(long msg, long hdrsOut) {
        try {
            return (int) MESSAGE_HEADERS.invokeExact(msg, hdrsOut);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long headerCount(long hdrs) {
        try {
            return (long) HEADER_CNT.invokeExact(hdrs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int headerGetAll(long hdrs, long idx, long nameOut, long valueOut, long sizeOut) {
        try {
            return (int) HEADER_GET_ALL.invokeExact(hdrs, idx, nameOut, valueOut, sizeOut);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return whether this librdkafka has {@code rd_kafka_message_leader_epoch} (2.1.0+)} */
    static boolean hasLeaderEpoch() {
        return MESSAGE_LEADER_EPOCH != null;
    }

    /** The message's leader epoch; -1 when unknown or before librdkafka 2.1.0. */
    static int messageLeaderEpoch(long msg) {
        if (MESSAGE_LEADER_EPOCH == null) return -1;
        try {
            return (int) MESSAGE_LEADER_EPOCH.invokeExact(msg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("unexpected exception from a native call", t);
    }
}

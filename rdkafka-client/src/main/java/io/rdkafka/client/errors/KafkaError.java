package io.rdkafka.client.errors;

import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaEnums;
import io.rdkafka.ffm.RdKafkaLibrary;

/**
 * An error as librdkafka reports it: code, the code's name, a message, and whether it is fatal,
 * retriable, or requires the current transaction to be aborted.
 *
 * @param code             librdkafka's {@code rd_kafka_resp_err_t} code
 * @param name             the code's name, e.g. {@code _TIMED_OUT} or {@code UNKNOWN_TOPIC_OR_PART}
 * @param message          the message (librdkafka's, or the binding's with more context)
 * @param fatal            the client can no longer be used ({@code rd_kafka_error_is_fatal})
 * @param retriable        the operation may succeed if retried ({@code rd_kafka_error_is_retriable})
 * @param txnRequiresAbort the current transaction must be aborted ({@code rd_kafka_error_txn_requires_abort})
 */
public record KafkaError(int code, String name, String message, boolean fatal, boolean retriable,
                         boolean txnRequiresAbort) {

    /** {@code RD_KAFKA_RESP_ERR_UNKNOWN}: used for errors raised by the binding itself. */
    public static final int UNKNOWN_CODE = RdKafka.RD_KAFKA_RESP_ERR_UNKNOWN;

    /**
     * An error with librdkafka's name for {@code code} and no flags set.
     *
     * @param code    librdkafka's error code
     * @param message the message; {@code null} or empty for librdkafka's description of the code
     * @return the error
     */
    public static KafkaError of(int code, String message) {
        return new KafkaError(code, nameOf(code), message == null || message.isEmpty() ? describe(code) : message,
                false, false, false);
    }

    /**
     * This error with other flags.
     *
     * @param fatal            whether the client can no longer be used
     * @param retriable        whether the operation may succeed if retried
     * @param txnRequiresAbort whether the current transaction must be aborted
     * @return the error with these flags
     */
    public KafkaError withFlags(boolean fatal, boolean retriable, boolean txnRequiresAbort) {
        return new KafkaError(code, name, message, fatal, retriable, txnRequiresAbort);
    }

    /**
     * {@return librdkafka's name for the code ({@code rd_kafka_err2name}), e.g. {@code _TIMED_OUT}}
     *
     * @param code librdkafka's error code
     */
    public static String nameOf(int code) {
        if (!RdKafkaLibrary.isAvailable()) return tableName(code); // a value, even where librdkafka cannot load
        String n = CStrings.toJava(RdKafka.rd_kafka_err2name(code));
        return n == null ? "ERR_" + code : n;
    }

    /**
     * {@return librdkafka's description of the code ({@code rd_kafka_err2str}); its name when librdkafka cannot be
     * loaded}
     *
     * @param code librdkafka's error code
     */
    public static String describe(int code) {
        if (!RdKafkaLibrary.isAvailable()) return tableName(code);
        return CStrings.toJava(RdKafka.rd_kafka_err2str(code));
    }

    private static final String PREFIX = "RD_KAFKA_RESP_ERR_";

    /** The code's name from the headers' enum (what {@code rd_kafka_err2name} answers), without the library. */
    static String tableName(int code) {
        String c = RdKafkaEnums.nameOf("rd_kafka_resp_err_t", code);
        return c != null && c.startsWith(PREFIX) ? c.substring(PREFIX.length()) : "ERR_" + code;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(message).append(" (").append(name).append(", code ").append(code);
        if (fatal) sb.append(", fatal");
        if (retriable) sb.append(", retriable");
        if (txnRequiresAbort) sb.append(", transaction requires abort");
        return sb.append(')').toString();
    }
}

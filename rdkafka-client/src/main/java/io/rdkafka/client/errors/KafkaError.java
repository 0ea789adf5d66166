package io.rdkafka.client.errors;

import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.RdKafka;

/**
 * An error as librdkafka reports it: code, the code's name, a message, and whether it is fatal,
 * retriable, or requires the current transaction to be aborted.
 */
public record KafkaError(int code, String name, String message, boolean fatal, boolean retriable,
                         boolean txnRequiresAbort) {

    /** {@code RD_KAFKA_RESP_ERR_UNKNOWN}: used for errors raised by the binding itself. */
    public static final int UNKNOWN_CODE = RdKafka.RD_KAFKA_RESP_ERR_UNKNOWN;

    /** An error with librdkafka's name for {@code code} and the given message (or librdkafka's description). */
    public static KafkaError of(int code, String message) {
        return new KafkaError(code, nameOf(code), message == null || message.isEmpty() ? describe(code) : message,
                false, false, false);
    }

    public KafkaError withFlags(boolean fatal, boolean retriable, boolean txnRequiresAbort) {
        return new KafkaError(code, name, message, fatal, retriable, txnRequiresAbort);
    }

    /** librdkafka's name for the code, e.g. {@code _TIMED_OUT}. */
    public static String nameOf(int code) {
        String n = CStrings.toJava(RdKafka.rd_kafka_err2name(code));
        return n == null ? "ERR_" + code : n;
    }

    /** librdkafka's description of the code. */
    public static String describe(int code) {
        return CStrings.toJava(RdKafka.rd_kafka_err2str(code));
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

package io.rdkafka.client.errors;

/**
 * An error reported by librdkafka, with its error code, the code's name, and the flags librdkafka gives.
 * Subclasses name the common cases; {@link #code()} always carries librdkafka's exact code.
 */
public class KafkaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final KafkaError error;

    public KafkaException(KafkaError error) {
        this(error, null);
    }

    public KafkaException(KafkaError error, Throwable cause) {
        super(error.toString(), cause);
        this.error = error;
    }

    /** For errors that did not come from librdkafka (the binding's own checks). */
    public KafkaException(String message) {
        this(KafkaError.of(KafkaError.UNKNOWN_CODE, message), null);
    }

    public KafkaError error() {
        return error;
    }

    /** librdkafka's {@code rd_kafka_resp_err_t} code. */
    public int code() {
        return error.code();
    }

    /** The code's name as librdkafka spells it, e.g. {@code UNKNOWN_TOPIC_OR_PART} or {@code _TIMED_OUT}. */
    public String codeName() {
        return error.name();
    }

    /** A fatal error: the client can no longer be used and must be closed. */
    public boolean isFatal() {
        return error.fatal();
    }

    /** The operation may succeed if retried. */
    public boolean isRetriable() {
        return error.retriable();
    }

    /** The current transaction must be aborted (and may then be retried). */
    public boolean txnRequiresAbort() {
        return error.txnRequiresAbort();
    }
}

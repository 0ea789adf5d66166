package io.rdkafka.client.errors;

/**
 * An error reported by librdkafka, with its error code, the code's name, and the flags librdkafka gives.
 * Subclasses name the common cases; {@link #code()} always carries librdkafka's exact code.
 */
public class KafkaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error: code, name, message and flags. */
    private final KafkaError error;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public KafkaException(KafkaError error) {
        this(error, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public KafkaException(KafkaError error, Throwable cause) {
        super(error.toString(), cause);
        this.error = error;
    }

    /**
     * For errors that did not come from librdkafka (the binding's own checks).
     *
     * @param message what went wrong
     */
    public KafkaException(String message) {
        this(KafkaError.of(KafkaError.UNKNOWN_CODE, message), null);
    }

    /** {@return the error: code, name, message and librdkafka's flags} */
    public KafkaError error() {
        return error;
    }

    /** {@return librdkafka's {@code rd_kafka_resp_err_t} code} */
    public int code() {
        return error.code();
    }

    /** {@return the code's name as librdkafka spells it, e.g. {@code UNKNOWN_TOPIC_OR_PART} or {@code _TIMED_OUT}} */
    public String codeName() {
        return error.name();
    }

    /** {@return whether the error is fatal: the client can no longer be used and must be closed} */
    public boolean isFatal() {
        return error.fatal();
    }

    /** {@return whether the operation may succeed if retried} */
    public boolean isRetriable() {
        return error.retriable();
    }

    /** {@return whether the current transaction must be aborted (and may then be retried)} */
    public boolean txnRequiresAbort() {
        return error.txnRequiresAbort();
    }
}

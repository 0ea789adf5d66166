package io.rdkafka.client.errors;

/** The client hit a fatal error (rd_kafka_fatal_error) and can no longer be used: close it. */
public class FatalException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public FatalException(KafkaError error) {
        super(error);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public FatalException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

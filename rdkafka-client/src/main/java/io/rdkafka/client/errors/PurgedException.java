package io.rdkafka.client.errors;

/** A record was purged from the producer's queue (purge() or close without flushing) before delivery. */
public class PurgedException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public PurgedException(KafkaError error) {
        super(error);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public PurgedException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

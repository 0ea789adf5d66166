package io.rdkafka.client.errors;

/** Thrown by a blocked Consumer.poll when another thread called Consumer.wakeup(). */
public class WakeupException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public WakeupException(KafkaError error) {
        super(error);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public WakeupException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

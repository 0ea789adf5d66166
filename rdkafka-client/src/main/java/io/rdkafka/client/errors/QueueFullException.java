package io.rdkafka.client.errors;

/** librdkafka's local queue stayed full (queue.buffering.max.messages/kbytes) for longer than the producer waits. */
public class QueueFullException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public QueueFullException(KafkaError error) {
        super(error);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public QueueFullException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

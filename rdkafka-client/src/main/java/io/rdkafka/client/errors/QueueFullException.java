package io.rdkafka.client.errors;

/** librdkafka's local queue stayed full (queue.buffering.max.messages/kbytes) for longer than the producer waits. */
public class QueueFullException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public QueueFullException(KafkaError error) {
        super(error);
    }

    public QueueFullException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

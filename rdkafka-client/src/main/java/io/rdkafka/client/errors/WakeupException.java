package io.rdkafka.client.errors;

/** Thrown by a blocked Consumer.poll when another thread called Consumer.wakeup(). */
public class WakeupException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public WakeupException(KafkaError error) {
        super(error);
    }

    public WakeupException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

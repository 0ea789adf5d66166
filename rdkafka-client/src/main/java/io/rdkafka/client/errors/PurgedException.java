package io.rdkafka.client.errors;

/** A record was purged from the producer's queue (purge() or close without flushing) before delivery. */
public class PurgedException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public PurgedException(KafkaError error) {
        super(error);
    }

    public PurgedException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

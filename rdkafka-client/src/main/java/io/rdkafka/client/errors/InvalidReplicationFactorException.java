package io.rdkafka.client.errors;

/** An invalid replication factor, e.g. more replicas than brokers (INVALID_REPLICATION_FACTOR). */
public class InvalidReplicationFactorException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public InvalidReplicationFactorException(KafkaError error) {
        super(error);
    }
}

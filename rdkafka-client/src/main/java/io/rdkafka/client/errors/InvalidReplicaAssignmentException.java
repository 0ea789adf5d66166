package io.rdkafka.client.errors;

/** An invalid replica assignment (INVALID_REPLICA_ASSIGNMENT). */
public class InvalidReplicaAssignmentException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public InvalidReplicaAssignmentException(KafkaError error) {
        super(error);
    }
}

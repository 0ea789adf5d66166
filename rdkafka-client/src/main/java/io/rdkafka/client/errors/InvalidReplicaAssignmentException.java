package io.rdkafka.client.errors;

/** An invalid replica assignment (INVALID_REPLICA_ASSIGNMENT). */
public class InvalidReplicaAssignmentException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public InvalidReplicaAssignmentException(KafkaError error) {
        super(error);
    }
}

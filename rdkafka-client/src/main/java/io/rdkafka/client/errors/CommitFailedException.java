package io.rdkafka.client.errors;

/**
 * An offset commit was refused because this member is no longer part of the group generation the offsets
 * belong to (a rebalance happened: ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS, FENCED_INSTANCE_ID).
 * The partitions may now belong to another member; their records may be processed again there.
 */
public class CommitFailedException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public CommitFailedException(KafkaError error) {
        super(error);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public CommitFailedException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

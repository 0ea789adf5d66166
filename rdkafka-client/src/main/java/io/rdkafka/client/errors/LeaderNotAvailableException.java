package io.rdkafka.client.errors;

/**
 * A partition has no leader right now (its broker is down or an election is under way): retriable, the leader
 * comes back or moves. Also what {@code Admin.listOffsets} reports when librdkafka found no leader to ask.
 */
public class LeaderNotAvailableException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public LeaderNotAvailableException(KafkaError error) {
        super(error);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public LeaderNotAvailableException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

package io.rdkafka.client.errors;

/** The topic or partition does not exist (and was not auto-created). */
public class UnknownTopicOrPartitionException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public UnknownTopicOrPartitionException(KafkaError error) {
        super(error);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public UnknownTopicOrPartitionException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

package io.rdkafka.client.errors;

/** The topic or partition does not exist (and was not auto-created). */
public class UnknownTopicOrPartitionException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public UnknownTopicOrPartitionException(KafkaError error) {
        super(error);
    }

    public UnknownTopicOrPartitionException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

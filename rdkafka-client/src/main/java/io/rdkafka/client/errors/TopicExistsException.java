package io.rdkafka.client.errors;

/** The topic already exists (TOPIC_ALREADY_EXISTS). */
public class TopicExistsException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public TopicExistsException(KafkaError error) {
        super(error);
    }
}

package io.rdkafka.client.errors;

/** The topic already exists (TOPIC_ALREADY_EXISTS). */
public class TopicExistsException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public TopicExistsException(KafkaError error) {
        super(error);
    }
}

package io.rdkafka.client.errors;

/** No permission on a topic (TOPIC_AUTHORIZATION_FAILED). */
public class TopicAuthorizationException extends AuthorizationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public TopicAuthorizationException(KafkaError error) {
        super(error);
    }
}

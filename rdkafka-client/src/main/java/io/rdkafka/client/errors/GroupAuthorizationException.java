package io.rdkafka.client.errors;

/** No permission on a consumer group (GROUP_AUTHORIZATION_FAILED). */
public class GroupAuthorizationException extends AuthorizationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public GroupAuthorizationException(KafkaError error) {
        super(error);
    }
}

package io.rdkafka.client.errors;

/** No permission on the transactional id (TRANSACTIONAL_ID_AUTHORIZATION_FAILED). */
public class TransactionalIdAuthorizationException extends AuthorizationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public TransactionalIdAuthorizationException(KafkaError error) {
        super(error);
    }
}

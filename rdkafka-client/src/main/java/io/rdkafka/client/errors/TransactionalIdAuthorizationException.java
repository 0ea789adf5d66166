package io.rdkafka.client.errors;

/** No permission on the transactional id (TRANSACTIONAL_ID_AUTHORIZATION_FAILED). */
public class TransactionalIdAuthorizationException extends AuthorizationException {
    private static final long serialVersionUID = 1L;

    public TransactionalIdAuthorizationException(KafkaError error) {
        super(error);
    }
}

package io.rdkafka.client.errors;

/** The principal lacks a permission (an ACL) for the operation. */
public class AuthorizationException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public AuthorizationException(KafkaError error) {
        super(error);
    }

    public AuthorizationException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

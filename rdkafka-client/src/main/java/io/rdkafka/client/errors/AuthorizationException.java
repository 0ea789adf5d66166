package io.rdkafka.client.errors;

/** The principal lacks a permission (an ACL) for the operation. */
public class AuthorizationException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public AuthorizationException(KafkaError error) {
        super(error);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public AuthorizationException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

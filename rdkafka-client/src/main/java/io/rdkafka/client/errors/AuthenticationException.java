package io.rdkafka.client.errors;

/** The client could not authenticate (SASL or TLS handshake failure). */
public class AuthenticationException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public AuthenticationException(KafkaError error) {
        super(error);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public AuthenticationException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

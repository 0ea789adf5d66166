package io.rdkafka.client.errors;

/** The client could not authenticate (SASL or TLS handshake failure). */
public class AuthenticationException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(KafkaError error) {
        super(error);
    }

    public AuthenticationException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

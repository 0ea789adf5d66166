package io.rdkafka.client.errors;

/** A key or value could not be (de)serialized. */
public class SerializationException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public SerializationException(KafkaError error) {
        super(error);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public SerializationException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

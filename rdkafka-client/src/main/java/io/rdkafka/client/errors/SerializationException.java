package io.rdkafka.client.errors;

/** A key or value could not be (de)serialized. */
public class SerializationException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public SerializationException(KafkaError error) {
        super(error);
    }

    public SerializationException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

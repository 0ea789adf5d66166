package io.rdkafka.client.errors;

/** The client hit a fatal error (rd_kafka_fatal_error) and can no longer be used: close it. */
public class FatalException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public FatalException(KafkaError error) {
        super(error);
    }

    public FatalException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

package io.rdkafka.client.errors;

/** A record is larger than message.max.bytes or the broker's limit. */
public class RecordTooLargeException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public RecordTooLargeException(KafkaError error) {
        super(error);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public RecordTooLargeException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

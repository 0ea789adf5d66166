package io.rdkafka.client.errors;

/** A record is larger than message.max.bytes or the broker's limit. */
public class RecordTooLargeException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(KafkaError error) {
        super(error);
    }

    public RecordTooLargeException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

package io.rdkafka.client.errors;

/** An invalid partition count, e.g. fewer partitions than the topic has (INVALID_PARTITIONS). */
public class InvalidPartitionsException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public InvalidPartitionsException(KafkaError error) {
        super(error);
    }
}

package io.rdkafka.client.errors;

/**
 * The {@link io.rdkafka.client.Partitioner} set on a producer failed for a record: it threw (the cause), or it
 * returned a partition the topic does not have. Only that record's send fails; its code is librdkafka's
 * {@code _UNKNOWN_PARTITION}.
 */
public class PartitionerException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error (code {@code _UNKNOWN_PARTITION})
     * @param cause what the partitioner threw, or {@code null} when it returned a partition out of range
     */
    public PartitionerException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

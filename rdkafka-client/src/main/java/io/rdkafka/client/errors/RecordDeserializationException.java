package io.rdkafka.client.errors;

/**
 * The deserializer failed on a consumed record. The consumer's position for that partition stays at the
 * failing record: the next poll fails again unless the application seeks past {@link #offset()}.
 */
public class RecordDeserializationException extends SerializationException {
    private static final long serialVersionUID = 1L;

    /** The record's topic. */
    private final String topic;
    /** The record's partition. */
    private final int partition;
    /** The record's offset. */
    private final long offset;

    /**
     * Creates the exception.
     *
     * @param topic     the record's topic
     * @param partition the record's partition
     * @param offset    the record's offset
     * @param message   what went wrong
     * @param cause     the deserializer's exception
     */
    public RecordDeserializationException(String topic, int partition, long offset, String message, Throwable cause) {
        super(KafkaError.of(KafkaError.UNKNOWN_CODE, message), cause);
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    /** {@return the record's topic} */
    public String topic() {
        return topic;
    }

    /** {@return the record's partition} */
    public int partition() {
        return partition;
    }

    /** {@return the offset of the record that could not be deserialized} */
    public long offset() {
        return offset;
    }
}

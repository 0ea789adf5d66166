package io.rdkafka.client.errors;

/**
 * The deserializer failed on a consumed record. The consumer's position for that partition stays at the
 * failing record: the next poll fails again unless the application seeks past {@link #offset()}.
 */
public class RecordDeserializationException extends SerializationException {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final int partition;
    private final long offset;

    public RecordDeserializationException(String topic, int partition, long offset, String message, Throwable cause) {
        super(KafkaError.of(KafkaError.UNKNOWN_CODE, message), cause);
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    /** The offset of the record that could not be deserialized. */
    public long offset() {
        return offset;
    }
}

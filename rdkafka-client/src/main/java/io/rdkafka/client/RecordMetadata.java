package io.rdkafka.client;

/**
 * Where a record was stored: topic, partition, offset (-1 when the broker did not return one, e.g.
 * {@code acks=0}), timestamp and its type, serialized key and value sizes (-1 for null), and whether
 * librdkafka knows it persisted.
 */
public record RecordMetadata(String topic, int partition, long offset, long timestamp, TimestampType timestampType,
                             int serializedKeySize, int serializedValueSize, PersistenceStatus status) {

    /** librdkafka's {@code rd_kafka_msg_status_t}. */
    public enum PersistenceStatus {
        NOT_PERSISTED, POSSIBLY_PERSISTED, PERSISTED;

        public static PersistenceStatus fromNative(int s) {
            return switch (s) {
                case 2 -> PERSISTED;
                case 1 -> POSSIBLY_PERSISTED;
                default -> NOT_PERSISTED;
            };
        }
    }

    public boolean hasOffset() {
        return offset >= 0;
    }
}

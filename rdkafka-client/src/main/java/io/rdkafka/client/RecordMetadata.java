package io.rdkafka.client;

/**
 * Where a record was stored: topic, partition, offset (-1 when the broker did not return one, e.g.
 * {@code acks=0}), timestamp and its type, serialized key and value sizes (-1 for null), and whether
 * librdkafka knows it persisted.
 *
 * @param topic               the topic
 * @param partition           the partition
 * @param offset              the record's offset, -1 when the broker did not return one
 * @param timestamp           the record's timestamp, milliseconds since the epoch ({@code rd_kafka_message_timestamp})
 * @param timestampType       what the timestamp means: create time or log append time
 * @param serializedKeySize   the key's size in bytes, -1 for a null key
 * @param serializedValueSize the value's size in bytes, -1 for a null value
 * @param status              whether the record is known to be persisted ({@code rd_kafka_message_status})
 */
public record RecordMetadata(String topic, int partition, long offset, long timestamp, TimestampType timestampType,
                             int serializedKeySize, int serializedValueSize, PersistenceStatus status) {

    /** librdkafka's {@code rd_kafka_msg_status_t}. */
    public enum PersistenceStatus {
        /** The record was not written (e.g. it failed before it was sent). */
        NOT_PERSISTED,
        /** The record may have been written: it was sent but no acknowledgement came back. */
        POSSIBLY_PERSISTED,
        /** The broker acknowledged the record. */
        PERSISTED;

        /**
         * {@return the status for a native {@code rd_kafka_msg_status_t} value}
         *
         * @param s the native value
         */
        public static PersistenceStatus fromNative(int s) {
            return switch (s) {
                case 2 -> PERSISTED;
                case 1 -> POSSIBLY_PERSISTED;
                default -> NOT_PERSISTED;
            };
        }
    }

    /** {@return whether the broker returned the record's offset} */
    public boolean hasOffset() {
        return offset >= 0;
    }
}

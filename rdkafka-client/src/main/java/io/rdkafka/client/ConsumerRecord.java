package io.rdkafka.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A record read by a {@link Consumer}: where it is stored (topic, partition, offset), its timestamp, the
 * deserialized key and value, headers, and the sizes of the serialized key and value (-1 when null).
 *
 * @param leaderEpoch the partition leader's epoch when the record was written, when the loaded librdkafka
 *                    reports it (2.1.0 and newer) and the broker sent one; empty otherwise
 */
public record ConsumerRecord<K, V>(String topic, int partition, long offset, long timestamp,
                                   TimestampType timestampType, int serializedKeySize, int serializedValueSize,
                                   K key, V value, Headers headers, Optional<Integer> leaderEpoch) {
    public ConsumerRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timestampType, "timestampType");
        headers = headers == null ? Headers.empty() : headers;
        leaderEpoch = leaderEpoch == null ? Optional.empty() : leaderEpoch;
    }

    /** A record with no timestamp, headers or leader epoch (for tests and adapters). */
    public ConsumerRecord(String topic, int partition, long offset, K key, V value) {
        this(topic, partition, offset, -1, TimestampType.NO_TIMESTAMP_TYPE, -1, -1, key, value, Headers.empty(),
                Optional.empty());
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    @Override
    public String toString() {
        return "ConsumerRecord[" + topic + "-" + partition + "@" + offset + ", " + timestampType + "=" + timestamp
                + ", key=" + key + ", value=" + value + ", headers=" + headers + "]";
    }
}

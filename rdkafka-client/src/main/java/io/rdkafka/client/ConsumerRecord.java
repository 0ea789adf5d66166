package io.rdkafka.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A record read by a {@link Consumer}: where it is stored (topic, partition, offset), its timestamp, the
 * deserialized key and value, headers, and the sizes of the serialized key and value (-1 when null).
 *
 * @param topic               the topic
 * @param partition           the partition
 * @param offset              the record's offset in the partition
 * @param timestamp           the timestamp, milliseconds since the epoch; -1 when there is none
 * @param timestampType       what the timestamp means: the producer's create time or the broker's log append time
 * @param serializedKeySize   the key's size in bytes before deserialization, -1 for a null key
 * @param serializedValueSize the value's size in bytes before deserialization, -1 for a null value
 * @param key                 the deserialized key
 * @param value               the deserialized value
 * @param headers             the headers (empty when there are none)
 * @param leaderEpoch         the partition leader's epoch when the record was written, when the loaded librdkafka
 *                            reports it (2.1.0 and newer) and the broker sent one; empty otherwise
 * @param <K>                 the key type
 * @param <V>                 the value type
 */
public record ConsumerRecord<K, V>(String topic, int partition, long offset, long timestamp,
                                   TimestampType timestampType, int serializedKeySize, int serializedValueSize,
                                   K key, V value, Headers headers, Optional<Integer> leaderEpoch) {
    /**
     * Checks the record; null headers become empty headers, a null leader epoch empty.
     *
     * @throws NullPointerException when {@code topic} or {@code timestampType} is null
     */
    public ConsumerRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timestampType, "timestampType");
        headers = headers == null ? Headers.empty() : headers;
        leaderEpoch = leaderEpoch == null ? Optional.empty() : leaderEpoch;
    }

    /**
     * A record with no timestamp, headers or leader epoch (for tests and adapters).
     *
     * @param topic     the topic
     * @param partition the partition
     * @param offset    the offset
     * @param key       the key
     * @param value     the value
     */
    public ConsumerRecord(String topic, int partition, long offset, K key, V value) {
        this(topic, partition, offset, -1, TimestampType.NO_TIMESTAMP_TYPE, -1, -1, key, value, Headers.empty(),
                Optional.empty());
    }

    /** {@return the record's topic and partition} */
    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    @Override
    public String toString() {
        return "ConsumerRecord[" + topic + "-" + partition + "@" + offset + ", " + timestampType + "=" + timestamp
                + ", key=" + key + ", value=" + value + ", headers=" + headers + "]";
    }
}

package io.rdkafka.client;

import java.util.Objects;

/**
 * A record to send: topic, optional partition (null: the partitioner chooses), optional timestamp (null:
 * now), key, value, headers.
 *
 * @param topic     the topic
 * @param partition the partition, or {@code null} for the configured partitioner ({@code partitioner}) to choose
 * @param timestamp the timestamp in milliseconds since the epoch, or {@code null} for the send time
 * @param key       the key, or {@code null}
 * @param value     the value, or {@code null}
 * @param headers   the headers; {@code null} for none
 * @param <K>       the key type
 * @param <V>       the value type
 */
public record ProducerRecord<K, V>(String topic, Integer partition, Long timestamp, K key, V value, Headers headers) {
    /**
     * Checks the record.
     *
     * @throws NullPointerException     when {@code topic} is null
     * @throws IllegalArgumentException for a negative partition or timestamp
     */
    public ProducerRecord {
        Objects.requireNonNull(topic, "topic");
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0 (or null for the partitioner), got " + partition);
        }
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0 (epoch millis) or null for now, got " + timestamp);
        }
        headers = headers == null ? Headers.empty() : headers;
    }

    /**
     * A record without key, partition, timestamp or headers.
     *
     * @param topic the topic
     * @param value the value
     */
    public ProducerRecord(String topic, V value) {
        this(topic, null, null, null, value, null);
    }

    /**
     * A keyed record: records with the same key go to the same partition (with the default partitioner).
     *
     * @param topic the topic
     * @param key   the key
     * @param value the value
     */
    public ProducerRecord(String topic, K key, V value) {
        this(topic, null, null, key, value, null);
    }

    /**
     * A record for a given partition.
     *
     * @param topic     the topic
     * @param partition the partition, or {@code null} for the partitioner to choose
     * @param key       the key
     * @param value     the value
     */
    public ProducerRecord(String topic, Integer partition, K key, V value) {
        this(topic, partition, null, key, value, null);
    }

    /**
     * A keyed record with headers.
     *
     * @param topic   the topic
     * @param key     the key
     * @param value   the value
     * @param headers the headers
     */
    public ProducerRecord(String topic, K key, V value, Headers headers) {
        this(topic, null, null, key, value, headers);
    }
}

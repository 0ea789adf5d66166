package io.rdkafka.client;

import java.util.Objects;

/**
 * A record to send: topic, optional partition (null: the partitioner chooses), optional timestamp (null:
 * now), key, value, headers.
 */
public record ProducerRecord<K, V>(String topic, Integer partition, Long timestamp, K key, V value, Headers headers) {
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

    public ProducerRecord(String topic, V value) {
        this(topic, null, null, null, value, null);
    }

    public ProducerRecord(String topic, K key, V value) {
        this(topic, null, null, key, value, null);
    }

    public ProducerRecord(String topic, Integer partition, K key, V value) {
        this(topic, partition, null, key, value, null);
    }

    public ProducerRecord(String topic, K key, V value, Headers headers) {
        this(topic, null, null, key, value, headers);
    }
}

package io.rdkafka.client;

import java.util.Objects;

/**
 * A record to send: topic, optional partition (null: the partitioner chooses), optional timestamp (null:
 * now), key, value, headers.
 *
 * <p>Partition: with the default partitioner ({@link KafkaConfig#DEFAULT_PARTITIONER}) a record with a key goes to
 * the partition Apache Kafka's Java client would choose for the same serialized key (murmur2), so producers of
 * both kinds keep one key on one partition; the empty key is a key like any other. Records without a key stick to
 * one partition for a while (librdkafka's {@code sticky.partitioning.linger.ms}) and then move to another.
 *
 * <p>Timestamp: a record's timestamp must be {@code null} (the send time) or at least 1. librdkafka's
 * {@code rd_kafka_produceva} reads a timestamp of 0 as "now" and would store the send time instead, so a
 * timestamp of 0 is refused here rather than changed silently (Apache Kafka's Java client stores 0 as given).
 *
 * @param topic     the topic
 * @param partition the partition, or {@code null} for the configured partitioner ({@code partitioner}) to choose
 * @param timestamp the timestamp in milliseconds since the epoch, at least 1, or {@code null} for the send time
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
     * @throws IllegalArgumentException for a negative partition, a negative timestamp, or a timestamp of 0 (which
     *                                  librdkafka cannot send: it reads 0 as "now")
     */
    public ProducerRecord {
        Objects.requireNonNull(topic, "topic");
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0 (or null for the partitioner), got " + partition);
        }
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be >= 1 (epoch millis) or null for now, got " + timestamp);
        }
        if (timestamp != null && timestamp == 0) {
            throw new IllegalArgumentException("timestamp 0 cannot be sent: librdkafka (rd_kafka_produceva) takes a "
                    + "timestamp of 0 to mean 'now' and would store the send time instead; use null for the send time, "
                    + "or a timestamp >= 1 (epoch millis)");
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
     * A keyed record: records with the same key go to the same partition, with the default partitioner the one
     * Apache Kafka's Java client chooses for that key.
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

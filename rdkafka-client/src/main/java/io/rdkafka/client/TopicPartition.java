package io.rdkafka.client;

import java.util.Objects;

/**
 * A topic and a partition number.
 *
 * @param topic     the topic
 * @param partition the partition
 */
public record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {
    /**
     * Checks the topic.
     *
     * @throws NullPointerException when {@code topic} is null
     */
    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
    }

    @Override
    public int compareTo(TopicPartition o) {
        int c = topic.compareTo(o.topic);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}

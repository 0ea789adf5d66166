package io.rdkafka.client.admin;

import java.util.List;

/**
 * A partition of a described topic.
 *
 * @param partition the partition
 * @param leader    its leader, {@code null} when it has none
 * @param replicas  its replicas, the preferred leader first
 * @param isr       its in-sync replicas
 */
public record TopicPartitionInfo(int partition, Node leader, List<Node> replicas, List<Node> isr) {
    /** Copies the lists. */
    public TopicPartitionInfo {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }
}

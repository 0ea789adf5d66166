package io.rdkafka.client.admin;

import java.util.List;

/** A partition of a described topic: its leader ({@code null} when it has none), replicas and in-sync replicas. */
public record TopicPartitionInfo(int partition, Node leader, List<Node> replicas, List<Node> isr) {
    public TopicPartitionInfo {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }
}

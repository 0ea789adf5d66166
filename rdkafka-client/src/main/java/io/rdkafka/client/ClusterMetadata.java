package io.rdkafka.client;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of the cluster's metadata as one broker reported it: cluster id, controller, brokers, and
 * topics with their partitions. {@code topicErrors} holds per-topic errors (e.g. unknown topic).
 */
public record ClusterMetadata(String clusterId, int controllerId, List<Node> brokers,
                              Map<String, List<PartitionInfo>> topics, Map<String, String> topicErrors,
                              int originatingBrokerId, String originatingBrokerName) {

    /** A broker: id, host and port. */
    public record Node(int id, String host, int port) {
        @Override
        public String toString() {
            return id + "@" + host + ":" + port;
        }
    }

    public ClusterMetadata {
        brokers = List.copyOf(brokers);
        topics = Map.copyOf(topics);
        topicErrors = Map.copyOf(topicErrors);
    }

    public List<PartitionInfo> partitionsFor(String topic) {
        return topics.getOrDefault(topic, List.of());
    }
}

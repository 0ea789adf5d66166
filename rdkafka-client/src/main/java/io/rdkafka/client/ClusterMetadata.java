package io.rdkafka.client;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of the cluster's metadata as one broker reported it ({@code rd_kafka_metadata}): cluster id,
 * controller, brokers, and topics with their partitions.
 *
 * @param clusterId             the cluster's id, or {@code null} when the broker did not send it
 * @param controllerId          the controller's broker id, -1 when unknown
 * @param brokers               the brokers
 * @param topics                each topic's partitions
 * @param topicErrors           per-topic errors (e.g. unknown topic), by topic
 * @param originatingBrokerId   the id of the broker that answered
 * @param originatingBrokerName the name of the broker that answered
 */
public record ClusterMetadata(String clusterId, int controllerId, List<Node> brokers,
                              Map<String, List<PartitionInfo>> topics, Map<String, String> topicErrors,
                              int originatingBrokerId, String originatingBrokerName) {

    /**
     * A broker: id, host and port.
     *
     * @param id   the broker id
     * @param host the host
     * @param port the port
     */
    public record Node(int id, String host, int port) {
        @Override
        public String toString() {
            return id + "@" + host + ":" + port;
        }
    }

    /** Copies the collections. */
    public ClusterMetadata {
        brokers = List.copyOf(brokers);
        topics = Map.copyOf(topics);
        topicErrors = Map.copyOf(topicErrors);
    }

    /**
     * {@return the partitions of a topic (empty when it has no metadata)}
     *
     * @param topic the topic
     */
    public List<PartitionInfo> partitionsFor(String topic) {
        return topics.getOrDefault(topic, List.of());
    }
}

package io.rdkafka.kafka;

import io.rdkafka.client.ClusterMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Values of rdkafka-client as kafka-clients' and back. */
final class Conversions {
    private Conversions() {
    }

    static TopicPartition kafka(io.rdkafka.client.TopicPartition tp) {
        return new TopicPartition(tp.topic(), tp.partition());
    }

    static io.rdkafka.client.TopicPartition rd(TopicPartition tp) {
        return new io.rdkafka.client.TopicPartition(tp.topic(), tp.partition());
    }

    static Set<TopicPartition> kafka(Collection<io.rdkafka.client.TopicPartition> tps) {
        Set<TopicPartition> s = new LinkedHashSet<>();
        for (var tp : tps) s.add(kafka(tp));
        return s;
    }

    static List<io.rdkafka.client.TopicPartition> rd(Collection<TopicPartition> tps) {
        List<io.rdkafka.client.TopicPartition> l = new ArrayList<>(tps.size());
        for (TopicPartition tp : tps) {
            if (tp == null) throw new IllegalArgumentException("a partition must not be null");
            l.add(rd(tp));
        }
        return l;
    }

    static OffsetAndMetadata kafka(io.rdkafka.client.OffsetAndMetadata o) {
        return new OffsetAndMetadata(o.offset(), o.leaderEpoch() < 0 ? Optional.empty() : Optional.of(o.leaderEpoch()),
                o.metadata());
    }

    static io.rdkafka.client.OffsetAndMetadata rd(OffsetAndMetadata o) {
        return new io.rdkafka.client.OffsetAndMetadata(o.offset(), o.metadata(), o.leaderEpoch().orElse(-1));
    }

    static Map<io.rdkafka.client.TopicPartition, io.rdkafka.client.OffsetAndMetadata> rdOffsets(
            Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<io.rdkafka.client.TopicPartition, io.rdkafka.client.OffsetAndMetadata> m = new LinkedHashMap<>();
        for (var e : offsets.entrySet()) {
            if (e.getValue() == null) throw new IllegalArgumentException("the offset of " + e.getKey() + " is null");
            m.put(rd(e.getKey()), rd(e.getValue()));
        }
        return m;
    }

    static Map<TopicPartition, OffsetAndMetadata> kafkaOffsets(
            Map<io.rdkafka.client.TopicPartition, io.rdkafka.client.OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        offsets.forEach((tp, o) -> m.put(kafka(tp), kafka(o)));
        return m;
    }

    static io.rdkafka.client.Headers rd(Headers headers) {
        if (headers == null) return io.rdkafka.client.Headers.empty();
        Header[] array = headers.toArray();
        if (array.length == 0) return io.rdkafka.client.Headers.empty();
        io.rdkafka.client.Header[] out = new io.rdkafka.client.Header[array.length];
        for (int i = 0; i < array.length; i++) out[i] = new io.rdkafka.client.Header(array[i].key(), array[i].value());
        return io.rdkafka.client.Headers.of(out);
    }

    static RecordHeaders kafka(io.rdkafka.client.Headers headers) {
        if (headers.isEmpty()) return new RecordHeaders();
        RecordHeaders h = new RecordHeaders();
        for (io.rdkafka.client.Header x : headers) h.add(x.key(), x.value());
        return h;
    }

    static TimestampType kafka(io.rdkafka.client.TimestampType t) {
        return switch (t) {
            case CREATE_TIME -> TimestampType.CREATE_TIME;
            case LOG_APPEND_TIME -> TimestampType.LOG_APPEND_TIME;
            case NO_TIMESTAMP_TYPE -> TimestampType.NO_TIMESTAMP_TYPE;
        };
    }

    static Map<Integer, Node> nodes(ClusterMetadata md) {
        Map<Integer, Node> m = new LinkedHashMap<>();
        for (ClusterMetadata.Node n : md.brokers()) m.put(n.id(), new Node(n.id(), n.host(), n.port()));
        return m;
    }

    static PartitionInfo kafka(io.rdkafka.client.PartitionInfo p, Map<Integer, Node> nodes) {
        Node leader = p.leader() < 0 ? null : nodes.getOrDefault(p.leader(), new Node(p.leader(), "", -1));
        return new PartitionInfo(p.topic(), p.partition(), leader, nodeArray(p.replicas(), nodes),
                nodeArray(p.inSyncReplicas(), nodes), new Node[0]);
    }

    private static Node[] nodeArray(List<Integer> ids, Map<Integer, Node> nodes) {
        Node[] a = new Node[ids.size()];
        for (int i = 0; i < a.length; i++) a[i] = nodes.getOrDefault(ids.get(i), new Node(ids.get(i), "", -1));
        return a;
    }

    static List<PartitionInfo> partitions(ClusterMetadata md, String topic) {
        Map<Integer, Node> nodes = nodes(md);
        List<PartitionInfo> l = new ArrayList<>();
        for (var p : md.partitionsFor(topic)) l.add(kafka(p, nodes));
        l.sort(java.util.Comparator.comparingInt(PartitionInfo::partition));
        return l;
    }

    static Cluster cluster(ClusterMetadata md) {
        Map<Integer, Node> nodes = nodes(md);
        List<PartitionInfo> parts = new ArrayList<>();
        for (String t : md.topics().keySet()) parts.addAll(partitions(md, t));
        Node controller = nodes.get(md.controllerId());
        return new Cluster(md.clusterId(), nodes.values(), parts, Set.of(), Set.of(), controller);
    }
}

package io.rdkafka.client.admin;

import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.Metadata;
import io.rdkafka.client.internal.NativeObject;
import io.rdkafka.client.internal.TopicPartitionLists;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cluster metadata (the client's one reader, {@link Metadata}) as the fallbacks of librdkafkas before 2.3.0 need it
 * (describeTopics, describeCluster, listTopics), and the watermark-based listOffsets fallback. Blocking calls: run
 * on the admin thread inside a lease, in slices of the operation's {@link Budget}.
 *
 * @param brokers the brokers, sorted by id
 * @param topics  the topics by name, with their error codes
 */
record AdminMetadata(List<Node> brokers, Map<String, Metadata.Topic> topics) {

    /** Kafka's internal topics; metadata before librdkafka 2.3.0 has no is_internal flag. */
    private static final Set<String> INTERNAL = Set.of("__consumer_offsets", "__transaction_state",
            "__share_group_state", "__cluster_metadata");

    static boolean isInternal(String topic) {
        return INTERNAL.contains(topic);
    }

    /** Metadata for all topics, one topic, or (both off) the brokers only, within the budget. */
    static AdminMetadata fetch(MemorySegment rk, boolean allTopics, String topic, Budget budget) {
        Metadata md = Metadata.fetch(rk, allTopics, topic, budget.deadline(), Budget.SLICE_MS, budget.totalMs(),
                budget::checkCancelled);
        List<Node> brokers = new ArrayList<>();
        for (Metadata.Broker b : md.brokers()) brokers.add(new Node(b.id(), b.host(), b.port(), null));
        brokers.sort(java.util.Comparator.comparingInt(Node::id));
        return new AdminMetadata(List.copyOf(brokers), md.topics());
    }

    /** The broker with this id, or a node with only the id when the metadata does not list it. */
    Node node(int id) {
        for (Node n : brokers) if (n.id() == id) return n;
        return new Node(id, null, -1, null);
    }

    private List<Node> nodes(int[] ids) {
        List<Node> out = new ArrayList<>(ids.length);
        for (int id : ids) out.add(node(id));
        return out;
    }

    TopicDescription describe(Metadata.Topic t) {
        List<TopicPartitionInfo> parts = new ArrayList<>();
        for (Metadata.Partition p : t.partitions()) {
            parts.add(new TopicPartitionInfo(p.id(), p.leader() < 0 ? null : node(p.leader()), nodes(p.replicas()),
                    nodes(p.isrs())));
        }
        return new TopicDescription(t.name(), null, isInternal(t.name()), parts, null);
    }

    /** listOffsets through rd_kafka_query_watermark_offsets (earliest/latest) and rd_kafka_offsets_for_times. */
    static ItemResults<TopicPartition, ListOffsetsResultInfo> listOffsetsFallback(MemorySegment rk,
                                                                                  Map<TopicPartition, OffsetSpec> specs,
                                                                                  Budget budget) {
        Map<TopicPartition, ListOffsetsResultInfo> values = new LinkedHashMap<>();
        Map<TopicPartition, KafkaException> errors = new LinkedHashMap<>();
        Map<TopicPartition, Long> byTime = new LinkedHashMap<>();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment lo = Pointers.outLong(a);
            MemorySegment hi = Pointers.outLong(a);
            for (var e : specs.entrySet()) {
                TopicPartition tp = e.getKey();
                if (e.getValue() instanceof OffsetSpec.ForTimestamp ts) {
                    byTime.put(tp, ts.epochMillis());
                    continue;
                }
                MemorySegment topic = a.allocateFrom(tp.topic());
                int err = Errors.whileNoBroker(budget.deadline(), Budget.SLICE_MS,
                        left -> RdKafka.rd_kafka_query_watermark_offsets(rk, topic, tp.partition(), lo, hi, left),
                        budget::checkCancelled);
                if (err != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) {
                    errors.put(tp, Errors.isNoBroker(err) ? Errors.noBroker("listOffsets " + tp, budget.totalMs(), err)
                            : Errors.exception(err, "listOffsets " + tp + ": " + KafkaError.describe(err)));
                } else {
                    long offset = e.getValue() instanceof OffsetSpec.Earliest ? Pointers.longValue(lo) : Pointers.longValue(hi);
                    values.put(tp, new ListOffsetsResultInfo(offset, -1, -1));
                }
            }
            if (!byTime.isEmpty()) {
                try (NativeObject list = TopicPartitionLists.ofPositions(byTime)) {
                    int err = Errors.whileNoBroker(budget.deadline(), Budget.SLICE_MS,
                            left -> RdKafka.rd_kafka_offsets_for_times(rk, list.ptr(), left), budget::checkCancelled);
                    for (TopicPartitionLists.Entry en : TopicPartitionLists.read(list)) {
                        int perr = en.err() != 0 ? en.err() : err;
                        if (perr != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) {
                            errors.put(en.partition(), Errors.exception(perr, "listOffsets " + en.partition() + ": "
                                    + KafkaError.describe(perr)));
                        } else {
                            values.put(en.partition(), new ListOffsetsResultInfo(en.offset(), -1, en.leaderEpoch()));
                        }
                    }
                }
            }
        }
        return new ItemResults<>(values, errors, specs.keySet());
    }
}

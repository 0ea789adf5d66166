package io.rdkafka.client.admin;

import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.NativeObject;
import io.rdkafka.client.internal.TopicPartitionLists;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaStructs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A metadata snapshot with error codes, for the fallbacks of librdkafkas before 2.3.0 (describeTopics,
 * describeCluster, listTopics), and the watermark-based listOffsets fallback. Blocking calls: run on the
 * admin thread between {@code enter()} and {@code exit()}.
 */
record AdminMetadata(List<Node> brokers, Map<String, Topic> topics) {

    record Topic(String name, int err, List<Partition> partitions) {
    }

    record Partition(int id, int err, int leader, int[] replicas, int[] isrs) {
    }

    /** Kafka's internal topics; metadata before librdkafka 2.3.0 has no is_internal flag. */
    private static final Set<String> INTERNAL = Set.of("__consumer_offsets", "__transaction_state",
            "__share_group_state", "__cluster_metadata");

    static boolean isInternal(String topic) {
        return INTERNAL.contains(topic);
    }

    /** Metadata for all topics, one topic, or (both off) the brokers only. */
    static AdminMetadata fetch(MemorySegment rk, boolean allTopics, String topic, Budget budget) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = Pointers.outPointer(a);
            MemorySegment rkt = MemorySegment.NULL;
            if (topic != null) rkt = RdKafka.rd_kafka_topic_new(rk, a.allocateFrom(topic), MemorySegment.NULL);
            if (topic != null && rkt.equals(MemorySegment.NULL)) {
                int err = RdKafka.rd_kafka_last_error();
                throw Errors.exception(err, "cannot create a handle for topic " + topic + ": " + KafkaError.describe(err));
            }
            try {
                int err;
                do {
                    err = RdKafka.rd_kafka_metadata(rk, allTopics ? 1 : 0, rkt, out, budget.slice());
                } while (retriable(err) && !budget.exhausted());
                if (retriable(err)) throw Errors.noBroker("metadata request", budget.totalMs(), err);
                if (err != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) {
                    throw Errors.exception(err, "metadata request failed: " + KafkaError.describe(err));
                }
                MemorySegment md = RdKafkaStructs.Metadata.of(Pointers.pointer(out));
                try {
                    return read(md);
                } finally {
                    RdKafka.rd_kafka_metadata_destroy(md);
                }
            } finally {
                if (!rkt.equals(MemorySegment.NULL)) RdKafka.rd_kafka_topic_destroy(rkt);
            }
        }
    }

    /** Errors of a blocking call that a later slice may not have: no broker yet, or no answer yet. */
    static boolean retriable(int err) {
        return err == RdKafka.RD_KAFKA_RESP_ERR__TIMED_OUT || err == RdKafka.RD_KAFKA_RESP_ERR__TRANSPORT
                || err == RdKafka.RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN;
    }

    private static AdminMetadata read(MemorySegment md) {
        List<Node> brokers = new ArrayList<>();
        for (int i = 0; i < RdKafkaStructs.Metadata.brokerCnt(md); i++) {
            MemorySegment b = RdKafkaStructs.Metadata.broker(md, i);
            brokers.add(new Node(RdKafkaStructs.MetadataBroker.id(b), RdKafkaStructs.MetadataBroker.host(b),
                    RdKafkaStructs.MetadataBroker.port(b), null));
        }
        brokers.sort(java.util.Comparator.comparingInt(Node::id));
        Map<String, Topic> topics = new LinkedHashMap<>();
        for (int i = 0; i < RdKafkaStructs.Metadata.topicCnt(md); i++) {
            MemorySegment t = RdKafkaStructs.Metadata.topic(md, i);
            List<Partition> parts = new ArrayList<>();
            for (int p = 0; p < RdKafkaStructs.MetadataTopic.partitionCnt(t); p++) {
                MemorySegment mp = RdKafkaStructs.MetadataTopic.partition(t, p);
                parts.add(new Partition(RdKafkaStructs.MetadataPartition.id(mp), RdKafkaStructs.MetadataPartition.err(mp),
                        RdKafkaStructs.MetadataPartition.leader(mp), RdKafkaStructs.MetadataPartition.replicas(mp),
                        RdKafkaStructs.MetadataPartition.isrs(mp)));
            }
            parts.sort(java.util.Comparator.comparingInt(Partition::id));
            String name = RdKafkaStructs.MetadataTopic.topic(t);
            topics.put(name, new Topic(name, RdKafkaStructs.MetadataTopic.err(t), parts));
        }
        return new AdminMetadata(List.copyOf(brokers), topics);
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

    TopicDescription describe(Topic t) {
        List<TopicPartitionInfo> parts = new ArrayList<>();
        for (Partition p : t.partitions()) {
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
                int err;
                do {
                    err = RdKafka.rd_kafka_query_watermark_offsets(rk, topic, tp.partition(), lo, hi, budget.slice());
                } while (retriable(err) && !budget.exhausted());
                if (err != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) {
                    errors.put(tp, retriable(err) ? Errors.noBroker("listOffsets " + tp, budget.totalMs(), err)
                            : Errors.exception(err, "listOffsets " + tp + ": " + KafkaError.describe(err)));
                } else {
                    long offset = e.getValue() instanceof OffsetSpec.Earliest ? Pointers.longValue(lo) : Pointers.longValue(hi);
                    values.put(tp, new ListOffsetsResultInfo(offset, -1, -1));
                }
            }
            if (!byTime.isEmpty()) {
                try (NativeObject list = TopicPartitionLists.ofPositions(byTime)) {
                    int err;
                    do {
                        err = RdKafka.rd_kafka_offsets_for_times(rk, list.ptr(), budget.slice());
                    } while (retriable(err) && !budget.exhausted());
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

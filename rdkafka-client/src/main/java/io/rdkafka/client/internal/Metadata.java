package io.rdkafka.client.internal;

import io.rdkafka.client.ClusterMetadata;
import io.rdkafka.client.PartitionInfo;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaStructs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one reader of cluster metadata ({@code rd_kafka_metadata}): a snapshot with every error code, read into Java
 * values and freed. Clients turn it into a {@link ClusterMetadata}, the admin client's fallbacks into topic and
 * cluster descriptions. Blocking: call inside a lease of the owning client.
 *
 * @param brokers               the brokers, as listed
 * @param topics                the topics by name, as listed
 * @param originatingBrokerId   the broker that answered
 * @param originatingBrokerName its name
 */
public record Metadata(List<Broker> brokers, Map<String, Topic> topics, int originatingBrokerId,
                       String originatingBrokerName) {

    /** A broker: id, host and port. */
    public record Broker(int id, String host, int port) {
    }

    /** A topic, its error code (0: none) and its partitions sorted by id. */
    public record Topic(String name, int err, List<Partition> partitions) {
    }

    /** A partition, its error code, leader (-1: none), replicas and in-sync replicas. */
    public record Partition(int id, int err, int leader, int[] replicas, int[] isrs) {
    }

    /**
     * The metadata of all topics, of {@code topic}, or (neither) of the brokers only. While no broker answers,
     * the request is repeated until {@code deadline} ({@link Errors#whileNoBroker}), each call waiting at most
     * {@code sliceMs}, {@code beforeRetry} before each repetition; then it fails with a timeout naming
     * {@code timeoutMs}.
     */
    public static Metadata fetch(MemorySegment rk, boolean allTopics, String topic, long deadline, int sliceMs,
                                 long timeoutMs, Runnable beforeRetry) {
        try (Arena a = Arena.ofConfined();
             NativeObject rkt = NativeObject.topic(topic == null ? MemorySegment.NULL
                     : RdKafka.rd_kafka_topic_new(rk, a.allocateFrom(topic), MemorySegment.NULL))) {
            if (topic != null && rkt.isNull()) {
                int err = RdKafka.rd_kafka_last_error();
                throw Errors.exception(err, "cannot create a handle for topic " + topic + ": " + KafkaError.describe(err));
            }
            MemorySegment out = Pointers.outPointer(a);
            int err = Errors.whileNoBroker(deadline, sliceMs,
                    left -> RdKafka.rd_kafka_metadata(rk, allTopics ? 1 : 0, rkt.ptr(), out, left), beforeRetry);
            if (Errors.isNoBroker(err)) throw Errors.noBroker("metadata request", timeoutMs, err);
            if (err != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) {
                throw Errors.exception(err, "metadata request failed: " + KafkaError.describe(err));
            }
            try (NativeObject md = NativeObject.of("rd_kafka_metadata_t",
                    RdKafkaStructs.Metadata.of(Pointers.pointer(out)), RdKafka::rd_kafka_metadata_destroy)) {
                return read(md.ptr());
            }
        }
    }

    private static Metadata read(MemorySegment md) {
        List<Broker> brokers = new ArrayList<>();
        for (int i = 0; i < RdKafkaStructs.Metadata.brokerCnt(md); i++) {
            MemorySegment b = RdKafkaStructs.Metadata.broker(md, i);
            brokers.add(new Broker(RdKafkaStructs.MetadataBroker.id(b), RdKafkaStructs.MetadataBroker.host(b),
                    RdKafkaStructs.MetadataBroker.port(b)));
        }
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
            parts.sort(Comparator.comparingInt(Partition::id));
            String name = RdKafkaStructs.MetadataTopic.topic(t);
            topics.put(name, new Topic(name, RdKafkaStructs.MetadataTopic.err(t), List.copyOf(parts)));
        }
        return new Metadata(List.copyOf(brokers), topics, RdKafkaStructs.Metadata.origBrokerId(md),
                RdKafkaStructs.Metadata.origBrokerName(md));
    }

    /**
     * A client's {@code metadata(topic, timeout)}: {@code topic} only, or all topics when it is null, with the
     * cluster id and controller; one request waiting the whole timeout.
     */
    public static ClusterMetadata fetch(MemorySegment rk, String topic, Duration timeout) {
        int ms = Timeouts.millis(timeout);
        Metadata md = fetch(rk, topic == null, topic, Timeouts.deadline(timeout), Integer.MAX_VALUE, ms, () -> { });
        List<ClusterMetadata.Node> brokers = md.brokers().stream()
                .map(b -> new ClusterMetadata.Node(b.id(), b.host(), b.port())).toList();
        Map<String, List<PartitionInfo>> topics = new LinkedHashMap<>();
        Map<String, String> topicErrors = new LinkedHashMap<>();
        for (Topic t : md.topics().values()) {
            if (t.err() != 0) {
                topicErrors.put(t.name(), KafkaError.nameOf(t.err()));
                continue;
            }
            topics.put(t.name(), t.partitions().stream().map(p -> new PartitionInfo(t.name(), p.id(), p.leader(),
                    boxed(p.replicas()), boxed(p.isrs()), p.err() == 0 ? null : KafkaError.nameOf(p.err()))).toList());
        }
        MemorySegment cid = RdKafka.rd_kafka_clusterid(rk, ms);
        String clusterId = CStrings.toJava(cid);
        if (!cid.equals(MemorySegment.NULL)) RdKafka.rd_kafka_mem_free(rk, cid);
        int controller = RdKafka.rd_kafka_controllerid(rk, ms);
        return new ClusterMetadata(clusterId, controller, brokers, topics, topicErrors, md.originatingBrokerId(),
                md.originatingBrokerName());
    }

    private static List<Integer> boxed(int[] a) {
        return Arrays.stream(a).boxed().toList();
    }
}

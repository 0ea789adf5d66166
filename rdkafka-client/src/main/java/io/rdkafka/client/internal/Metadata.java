package io.rdkafka.client.internal;

import io.rdkafka.client.ClusterMetadata;
import io.rdkafka.client.PartitionInfo;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaStructs.Metadata.*;
import io.rdkafka.ffm.RdKafkaStructs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads cluster metadata ({@code rd_kafka_metadata}) into Java values, for any client. */
public final class Metadata {
    private Metadata() {
    }

    /**
     * Metadata for {@code topic} only, or for all topics when it is null. Must be called between
     * {@code enter()} and {@code exit()} of the owning client.
     */
    public static ClusterMetadata fetch(MemorySegment rk, String topic, Duration timeout) {
        int ms = Timeouts.millis(timeout);
        long deadline = Timeouts.deadline(timeout);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = Pointers.outPointer(a);
            MemorySegment rkt = MemorySegment.NULL;
            if (topic != null) rkt = RdKafka.rd_kafka_topic_new(rk, a.allocateFrom(topic), MemorySegment.NULL);
            try {
                MemorySegment topicHandle = rkt;
                // no broker (yet): librdkafka may answer before the timeout; retried until it, then a timeout
                int err = Errors.whileNoBroker(deadline, left -> RdKafka.rd_kafka_metadata(rk, topic == null ? 1 : 0,
                        topicHandle, out, left), () -> { });
                if (Errors.isNoBroker(err)) throw Errors.noBroker("metadata request", ms, err);
                if (err != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) throw Errors.exception(err, "metadata request failed: "
                        + KafkaError.describe(err));
                MemorySegment md = RdKafkaStructs.Metadata.of(Pointers.pointer(out));
                try {
                    return convert(rk, md, ms);
                } finally {
                    RdKafka.rd_kafka_metadata_destroy(md);
                }
            } finally {
                if (!rkt.equals(MemorySegment.NULL)) RdKafka.rd_kafka_topic_destroy(rkt);
            }
        }
    }

    private static ClusterMetadata convert(MemorySegment rk, MemorySegment md, int ms) {
        List<ClusterMetadata.Node> brokers = new ArrayList<>();
        for (int i = 0; i < RdKafkaStructs.Metadata.brokerCnt(md); i++) {
            MemorySegment b = RdKafkaStructs.Metadata.broker(md, i);
            brokers.add(new ClusterMetadata.Node(RdKafkaStructs.MetadataBroker.id(b),
                    RdKafkaStructs.MetadataBroker.host(b), RdKafkaStructs.MetadataBroker.port(b)));
        }
        Map<String, List<PartitionInfo>> topics = new LinkedHashMap<>();
        Map<String, String> topicErrors = new LinkedHashMap<>();
        for (int i = 0; i < RdKafkaStructs.Metadata.topicCnt(md); i++) {
            MemorySegment t = RdKafkaStructs.Metadata.topic(md, i);
            String name = RdKafkaStructs.MetadataTopic.topic(t);
            int terr = RdKafkaStructs.MetadataTopic.err(t);
            if (terr != 0) {
                topicErrors.put(name, KafkaError.nameOf(terr));
                continue;
            }
            List<PartitionInfo> parts = new ArrayList<>();
            for (int p = 0; p < RdKafkaStructs.MetadataTopic.partitionCnt(t); p++) {
                MemorySegment mp = RdKafkaStructs.MetadataTopic.partition(t, p);
                int perr = RdKafkaStructs.MetadataPartition.err(mp);
                parts.add(new PartitionInfo(name, RdKafkaStructs.MetadataPartition.id(mp),
                        RdKafkaStructs.MetadataPartition.leader(mp), boxed(RdKafkaStructs.MetadataPartition.replicas(mp)),
                        boxed(RdKafkaStructs.MetadataPartition.isrs(mp)), perr == 0 ? null : KafkaError.nameOf(perr)));
            }
            parts.sort((x, y) -> Integer.compare(x.partition(), y.partition()));
            topics.put(name, parts);
        }
        MemorySegment cid = RdKafka.rd_kafka_clusterid(rk, ms);
        String clusterId = CStrings.toJava(cid);
        if (!cid.equals(MemorySegment.NULL)) RdKafka.rd_kafka_mem_free(rk, cid);
        int controller = RdKafka.rd_kafka_controllerid(rk, ms);
        return new ClusterMetadata(clusterId, controller, brokers, topics, topicErrors,
                RdKafkaStructs.Metadata.origBrokerId(md), RdKafkaStructs.Metadata.origBrokerName(md));
    }

    private static List<Integer> boxed(int[] a) {
        return Arrays.stream(a).boxed().toList();
    }
}

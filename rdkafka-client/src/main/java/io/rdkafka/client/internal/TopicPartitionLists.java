package io.rdkafka.client.internal;

import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaLibrary;
import io.rdkafka.ffm.RdKafkaStructs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between Java collections and {@code rd_kafka_topic_partition_list_t}. */
public final class TopicPartitionLists {
    private TopicPartitionLists() {
    }

    /** A new native list (caller destroys it) of partitions with offset {@code RD_KAFKA_OFFSET_INVALID}. */
    public static MemorySegment of(Collection<TopicPartition> partitions) {
        MemorySegment list = RdKafka.rd_kafka_topic_partition_list_new(Math.max(1, partitions.size()));
        try (Arena a = Arena.ofConfined()) {
            for (TopicPartition tp : partitions) {
                RdKafka.rd_kafka_topic_partition_list_add(list, a.allocateFrom(tp.topic()), tp.partition());
            }
        }
        return list;
    }

    private static final boolean HAS_LEADER_EPOCH = RdKafkaLibrary.isAvailable()
            && RdKafkaLibrary.hasSymbol("rd_kafka_topic_partition_set_leader_epoch");

    /** A new native list (caller destroys it) with offsets (and leader epochs where the library has them). */
    public static MemorySegment ofOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        MemorySegment list = RdKafka.rd_kafka_topic_partition_list_new(Math.max(1, offsets.size()));
        try (Arena a = Arena.ofConfined()) {
            for (var e : offsets.entrySet()) {
                MemorySegment tp = RdKafkaStructs.TopicPartition.of(RdKafka.rd_kafka_topic_partition_list_add(list,
                        a.allocateFrom(e.getKey().topic()), e.getKey().partition()));
                RdKafkaStructs.TopicPartition.offset(tp, e.getValue().offset());
                if (HAS_LEADER_EPOCH && e.getValue().leaderEpoch() >= 0) {
                    RdKafka.rd_kafka_topic_partition_set_leader_epoch(tp, e.getValue().leaderEpoch());
                }
            }
        }
        return list;
    }

    /** One element of a native list, read into Java. */
    public record Entry(TopicPartition partition, long offset, int err, String metadata, int leaderEpoch) {
    }

    public static List<Entry> read(MemorySegment listPtr) {
        if (listPtr.equals(MemorySegment.NULL)) return List.of();
        MemorySegment list = RdKafkaStructs.TopicPartitionList.of(listPtr);
        int cnt = RdKafkaStructs.TopicPartitionList.cnt(list);
        List<Entry> out = new ArrayList<>(cnt);
        for (int i = 0; i < cnt; i++) {
            MemorySegment tp = RdKafkaStructs.TopicPartitionList.elem(list, i);
            MemorySegment md = RdKafkaStructs.TopicPartition.metadata(tp);
            String meta = md.equals(MemorySegment.NULL) ? "" : new String(md.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                    java.nio.charset.StandardCharsets.UTF_8);
            int epoch = HAS_LEADER_EPOCH ? RdKafka.rd_kafka_topic_partition_get_leader_epoch(tp) : -1;
            out.add(new Entry(new TopicPartition(RdKafkaStructs.TopicPartition.topic(tp),
                    RdKafkaStructs.TopicPartition.partition(tp)), RdKafkaStructs.TopicPartition.offset(tp),
                    RdKafkaStructs.TopicPartition.err(tp), meta, epoch));
        }
        return out;
    }

    public static List<TopicPartition> partitions(MemorySegment listPtr) {
        return read(listPtr).stream().map(Entry::partition).toList();
    }

    public static Map<TopicPartition, Long> offsets(MemorySegment listPtr) {
        Map<TopicPartition, Long> m = new LinkedHashMap<>();
        for (Entry e : read(listPtr)) m.put(e.partition(), e.offset());
        return m;
    }
}

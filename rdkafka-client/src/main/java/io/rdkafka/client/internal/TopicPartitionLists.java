package io.rdkafka.client.internal;

import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaLibrary;
import io.rdkafka.ffm.RdKafkaStructs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Conversions between Java collections and {@code rd_kafka_topic_partition_list_t}. New lists come as
 * {@link NativeObject}s: close them (try-with-resources).
 */
public final class TopicPartitionLists {
    private TopicPartitionLists() {
    }

    private static final boolean HAS_LEADER_EPOCH = RdKafkaLibrary.isAvailable()
            && RdKafkaLibrary.hasSymbol("rd_kafka_topic_partition_set_leader_epoch");

    /** {@return whether the loaded librdkafka keeps leader epochs in partition lists (2.1.0+)} */
    public static boolean hasLeaderEpochs() {
        return HAS_LEADER_EPOCH;
    }

    /**
     * A new list of {@code partitions}; each element's offset from {@code offsets} (null: left
     * {@code RD_KAFKA_OFFSET_INVALID}), then {@code each} run on it (null: nothing).
     */
    public static NativeObject build(Collection<TopicPartition> partitions, Function<TopicPartition, Long> offsets,
                                     BiConsumer<TopicPartition, MemorySegment> each) {
        NativeObject list = NativeObject.newList(partitions.size());
        try (Arena a = Arena.ofConfined()) {
            for (TopicPartition tp : partitions) {
                MemorySegment elem = RdKafkaStructs.TopicPartition.of(RdKafka.rd_kafka_topic_partition_list_add(
                        list.ptr(), a.allocateFrom(tp.topic()), tp.partition()));
                if (offsets != null) RdKafkaStructs.TopicPartition.offset(elem, offsets.apply(tp));
                if (each != null) each.accept(tp, elem);
            }
        } catch (RuntimeException | Error e) {
            list.close();
            throw e;
        }
        return list;
    }

    /** A new list of partitions with offset {@code RD_KAFKA_OFFSET_INVALID}. */
    public static NativeObject of(Collection<TopicPartition> partitions) {
        return build(partitions, null, null);
    }

    /** A new list with these offsets (absolute or logical, e.g. {@code RD_KAFKA_OFFSET_BEGINNING}). */
    public static NativeObject ofPositions(Map<TopicPartition, Long> offsets) {
        return build(offsets.keySet(), offsets::get, null);
    }

    /** A new list with offsets and leader epochs (where the library has them); metadata is not set. */
    public static NativeObject ofOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        return build(offsets.keySet(), tp -> offsets.get(tp).offset(),
                (tp, elem) -> setLeaderEpoch(elem, offsets.get(tp).leaderEpoch()));
    }

    /** Sets an element's leader epoch when it is known (>= 0) and the library has epochs. */
    public static void setLeaderEpoch(MemorySegment elem, int epoch) {
        if (HAS_LEADER_EPOCH && epoch >= 0) RdKafka.rd_kafka_topic_partition_set_leader_epoch(elem, epoch);
    }

    /**
     * Sets an element's {@code metadata} to a copy of {@code bytes} allocated with {@code rd_kafka_mem_malloc}:
     * the list's destroy frees it. Does nothing for empty bytes.
     *
     * @param rk   the client whose allocator is used
     * @param elem the {@code rd_kafka_topic_partition_t *}
     */
    public static void setMetadata(MemorySegment rk, MemorySegment elem, byte[] bytes) {
        if (bytes.length == 0) return;
        MemorySegment tp = RdKafkaStructs.TopicPartition.of(elem);
        MemorySegment buf = RdKafka.rd_kafka_mem_malloc(rk, bytes.length).reinterpret(bytes.length);
        MemorySegment.copy(bytes, 0, buf, JAVA_BYTE, 0, bytes.length);
        tp.set(ADDRESS, RdKafkaStructs.TopicPartition.METADATA, buf);
        tp.set(JAVA_LONG, RdKafkaStructs.TopicPartition.METADATA_SIZE, bytes.length);
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
            String meta = md.equals(MemorySegment.NULL) ? "" : new String(md.toArray(JAVA_BYTE), StandardCharsets.UTF_8);
            int epoch = HAS_LEADER_EPOCH ? RdKafka.rd_kafka_topic_partition_get_leader_epoch(tp) : -1;
            out.add(new Entry(new TopicPartition(RdKafkaStructs.TopicPartition.topic(tp),
                    RdKafkaStructs.TopicPartition.partition(tp)), RdKafkaStructs.TopicPartition.offset(tp),
                    RdKafkaStructs.TopicPartition.err(tp), meta, epoch));
        }
        return out;
    }

    public static List<Entry> read(NativeObject list) {
        return read(list.ptr());
    }

    public static List<TopicPartition> partitions(MemorySegment listPtr) {
        return read(listPtr).stream().map(Entry::partition).toList();
    }
}

package io.rdkafka.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * C arrays that the admin API takes and returns ({@code T **} with a count, {@code int32_t *} broker
 * ids, {@code enum *} lists, byte buffers), so that callers above this layer do no address arithmetic.
 */
public final class CArrays {
    private CArrays() {
    }

    /**
     * {@return a C array of {@code pointers.size()} pointers in {@code arena} ({@code T *[]}), at least one
     * element long}
     *
     * @param arena    where the array lives
     * @param pointers the elements
     */
    public static MemorySegment pointers(Arena arena, List<MemorySegment> pointers) {
        MemorySegment array = arena.allocate(ADDRESS, Math.max(1, pointers.size()));
        for (int i = 0; i < pointers.size(); i++) array.setAtIndex(ADDRESS, i, pointers.get(i));
        return array;
    }

    /**
     * {@return the {@code cnt} pointers of a C array {@code T **} returned by C; empty for a {@code NULL} array}
     *
     * @param array the array's address
     * @param cnt   how many elements it has
     */
    public static List<MemorySegment> pointers(MemorySegment array, long cnt) {
        if (cnt <= 0 || array == null || array.equals(MemorySegment.NULL)) return List.of();
        MemorySegment items = array.reinterpret(ADDRESS.byteSize() * cnt);
        List<MemorySegment> out = new ArrayList<>((int) cnt);
        for (long i = 0; i < cnt; i++) out.add(items.getAtIndex(ADDRESS, i));
        return out;
    }

    /**
     * {@return an {@code int32_t[]} (or C {@code enum} array) in {@code arena}, at least one element long}
     *
     * @param arena  where the array lives
     * @param values the elements
     */
    public static MemorySegment ints(Arena arena, int... values) {
        if (values.length == 0) return arena.allocate(JAVA_INT);
        return arena.allocateFrom(JAVA_INT, values);
    }

    /**
     * {@return the {@code cnt} {@code int32_t} (or enum) values of a C array returned by C; empty for
     * {@code NULL}}
     *
     * @param array the array's address
     * @param cnt   how many elements it has
     */
    public static int[] ints(MemorySegment array, long cnt) {
        if (cnt <= 0 || array == null || array.equals(MemorySegment.NULL)) return new int[0];
        return array.reinterpret(JAVA_INT.byteSize() * cnt).toArray(JAVA_INT);
    }

    /**
     * {@return a copy of {@code bytes} in {@code arena} (at least one byte, so never {@code NULL})}
     *
     * @param arena where the copy lives
     * @param bytes the bytes to copy
     */
    public static MemorySegment bytes(Arena arena, byte[] bytes) {
        MemorySegment s = arena.allocate(Math.max(1, bytes.length));
        MemorySegment.copy(bytes, 0, s, JAVA_BYTE, 0, bytes.length);
        return s;
    }

    /**
     * {@return a copy of the {@code len} bytes at {@code p}; empty for {@code NULL}}
     *
     * @param p   the address
     * @param len how many bytes to copy
     */
    public static byte[] bytes(MemorySegment p, long len) {
        if (len <= 0 || p == null || p.equals(MemorySegment.NULL)) return new byte[0];
        return p.reinterpret(len).toArray(ValueLayout.JAVA_BYTE);
    }

    /**
     * Points the {@code metadata}/{@code metadata_size} fields of an {@code rd_kafka_topic_partition_t} at
     * {@code metadata} (which the caller keeps alive), or clears them with {@link MemorySegment#NULL}.
     * Clear them again before librdkafka destroys the list: it would {@code free()} the pointer.
     *
     * @param topicPartition the {@code rd_kafka_topic_partition_t *}
     * @param metadata       the metadata bytes, or {@link MemorySegment#NULL} to clear the fields
     * @param size           how many bytes of {@code metadata} to use (ignored when clearing)
     */
    public static void topicPartitionMetadata(MemorySegment topicPartition, MemorySegment metadata, long size) {
        MemorySegment tp = RdKafkaStructs.TopicPartition.of(topicPartition);
        tp.set(ADDRESS, RdKafkaStructs.TopicPartition.METADATA, metadata);
        tp.set(ValueLayout.JAVA_LONG, RdKafkaStructs.TopicPartition.METADATA_SIZE,
                metadata.equals(MemorySegment.NULL) ? 0 : size);
    }
}

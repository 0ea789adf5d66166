package io.rdkafka.client;

import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Objects;

/**
 * A consumer's group membership (group, generation, member id) as librdkafka serializes it, for
 * {@code Producer.sendOffsetsToTransaction}. A plain value: it holds no native memory.
 */
public final class ConsumerGroupMetadata {
    private final String groupId;
    private final byte[] serialized;

    /**
     * Group metadata as {@link Consumer#groupMetadata()} reads it.
     *
     * @param groupId    the group
     * @param serialized librdkafka's serialized form (copied)
     */
    public ConsumerGroupMetadata(String groupId, byte[] serialized) {
        this.groupId = groupId;
        this.serialized = serialized.clone();
    }

    /**
     * Group metadata built from its parts ({@code rd_kafka_consumer_group_metadata_new_with_genid}), for group
     * metadata that did not come from a {@link Consumer} of this binding (e.g. Apache Kafka's
     * {@code ConsumerGroupMetadata} handed to an adapter). The group coordinator fences a member whose generation
     * or member id is stale.
     *
     * @param groupId         the group
     * @param generationId    the group generation, -1 when unknown
     * @param memberId        the member id, {@code ""} when unknown
     * @param groupInstanceId the static member id ({@code group.instance.id}), or {@code null}
     * @return the metadata
     */
    public static ConsumerGroupMetadata of(String groupId, int generationId, String memberId, String groupInstanceId) {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cgmd = RdKafka.rd_kafka_consumer_group_metadata_new_with_genid(a.allocateFrom(groupId),
                    generationId, a.allocateFrom(memberId),
                    groupInstanceId == null ? MemorySegment.NULL : a.allocateFrom(groupInstanceId));
            if (cgmd.equals(MemorySegment.NULL)) throw new KafkaException("could not create consumer group metadata");
            try {
                MemorySegment bufOut = Pointers.outPointer(a);
                MemorySegment sizeOut = Pointers.outLong(a);
                MemorySegment err = RdKafka.rd_kafka_consumer_group_metadata_write(cgmd, bufOut, sizeOut);
                if (!err.equals(MemorySegment.NULL)) {
                    RdKafka.rd_kafka_error_destroy(err);
                    throw new KafkaException(KafkaError.of(KafkaError.UNKNOWN_CODE,
                            "could not serialize consumer group metadata"));
                }
                MemorySegment buf = Pointers.pointer(bufOut);
                try {
                    return new ConsumerGroupMetadata(groupId,
                            buf.reinterpret(Pointers.longValue(sizeOut)).toArray(ValueLayout.JAVA_BYTE));
                } finally {
                    RdKafka.rd_kafka_mem_free(MemorySegment.NULL, buf);
                }
            } finally {
                RdKafka.rd_kafka_consumer_group_metadata_destroy(cgmd);
            }
        }
    }

    /** {@return the group} */
    public String groupId() {
        return groupId;
    }

    /** {@return a copy of librdkafka's {@code rd_kafka_consumer_group_metadata_write} form} */
    public byte[] serialized() {
        return serialized.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsumerGroupMetadata m && Arrays.equals(m.serialized, serialized);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(serialized);
    }

    @Override
    public String toString() {
        return "ConsumerGroupMetadata[" + groupId + "]";
    }
}

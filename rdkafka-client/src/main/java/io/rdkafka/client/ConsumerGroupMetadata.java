package io.rdkafka.client;

import java.util.Arrays;

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

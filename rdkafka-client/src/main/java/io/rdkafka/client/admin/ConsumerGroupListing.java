package io.rdkafka.client.admin;

/**
 * A consumer group as {@link Admin#listConsumerGroups} reports it.
 *
 * @param groupId the group
 * @param simple  whether it is a simple group (offsets only, no membership)
 * @param state   its state
 * @param type    its protocol, classic or consumer (KIP-848); {@link ConsumerGroupType#UNKNOWN} before librdkafka 2.6.0
 */
public record ConsumerGroupListing(String groupId, boolean simple, ConsumerGroupState state, ConsumerGroupType type) {
    /** Checks the type. */
    public ConsumerGroupListing {
        java.util.Objects.requireNonNull(type, "type");
    }

    /**
     * A listing without a type ({@link ConsumerGroupType#UNKNOWN}).
     *
     * @param groupId the group
     * @param simple  whether it is a simple group
     * @param state   its state
     */
    public ConsumerGroupListing(String groupId, boolean simple, ConsumerGroupState state) {
        this(groupId, simple, state, ConsumerGroupType.UNKNOWN);
    }
}

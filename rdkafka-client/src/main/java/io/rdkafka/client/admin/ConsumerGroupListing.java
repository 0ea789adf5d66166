package io.rdkafka.client.admin;

/**
 * A consumer group as {@link Admin#listConsumerGroups} reports it.
 *
 * @param groupId the group
 * @param simple  whether it is a simple group (offsets only, no membership)
 * @param state   its state
 */
public record ConsumerGroupListing(String groupId, boolean simple, ConsumerGroupState state) {
}

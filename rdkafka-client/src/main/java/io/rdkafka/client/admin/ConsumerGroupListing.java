package io.rdkafka.client.admin;

/** A group as {@link Admin#listConsumerGroups} reports it; {@code simple}: a group that only commits offsets. */
public record ConsumerGroupListing(String groupId, boolean simple, ConsumerGroupState state) {
}

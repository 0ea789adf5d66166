package io.rdkafka.client.admin;

import io.rdkafka.client.errors.KafkaException;

import java.util.List;

/**
 * The result of {@link Admin#listConsumerGroups}: the groups of the brokers that answered, and an error for
 * each broker that could not list its groups (the list is then incomplete).
 */
public record ConsumerGroupListings(List<ConsumerGroupListing> groups, List<KafkaException> errors) {
    public ConsumerGroupListings {
        groups = List.copyOf(groups);
        errors = List.copyOf(errors);
    }

    /** The listing of {@code groupId}, or {@code null}. */
    public ConsumerGroupListing get(String groupId) {
        for (ConsumerGroupListing g : groups) if (g.groupId().equals(groupId)) return g;
        return null;
    }
}

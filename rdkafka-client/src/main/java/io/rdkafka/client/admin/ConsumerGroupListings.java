package io.rdkafka.client.admin;

import io.rdkafka.client.errors.KafkaException;

import java.util.List;

/**
 * The result of {@link Admin#listConsumerGroups}.
 *
 * @param groups the groups of the brokers that answered
 * @param errors an error for each broker that could not list its groups (the list is then incomplete)
 */
public record ConsumerGroupListings(List<ConsumerGroupListing> groups, List<KafkaException> errors) {
    /** Copies the lists. */
    public ConsumerGroupListings {
        groups = List.copyOf(groups);
        errors = List.copyOf(errors);
    }

    /**
     * {@return the listing of {@code groupId}, or {@code null}}
     *
     * @param groupId the group
     */
    public ConsumerGroupListing get(String groupId) {
        for (ConsumerGroupListing g : groups) if (g.groupId().equals(groupId)) return g;
        return null;
    }
}

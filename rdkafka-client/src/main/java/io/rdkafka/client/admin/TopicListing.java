package io.rdkafka.client.admin;

/** A topic as {@link Admin#listTopics} reports it. */
public record TopicListing(String name, int partitions, boolean internal) {
}

package io.rdkafka.client.admin;

/**
 * A topic as {@link Admin#listTopics} reports it.
 *
 * @param name       the topic
 * @param partitions its partition count
 * @param internal   whether it is an internal topic
 */
public record TopicListing(String name, int partitions, boolean internal) {
}

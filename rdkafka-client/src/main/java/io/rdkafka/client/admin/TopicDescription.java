package io.rdkafka.client.admin;

import java.util.List;
import java.util.Set;

/**
 * A topic as {@link Admin#describeTopics} reports it.
 *
 * @param name                 the topic
 * @param topicId              the topic id as Kafka prints it (URL-safe base64, Kafka's {@code Uuid.toString()});
 *                             {@code null} where the loaded librdkafka cannot report it
 *                             (before 2.3.0 the description is derived from metadata)
 * @param internal             whether it is an internal topic (e.g. {@code __consumer_offsets})
 * @param partitions           the partitions, in order
 * @param authorizedOperations what the caller may do with the topic; {@code null} unless requested
 *                             ({@link AdminOptions#withIncludeAuthorizedOperations}) and supported
 */
public record TopicDescription(String name, String topicId, boolean internal, List<TopicPartitionInfo> partitions,
                               Set<AclOperation> authorizedOperations) {
    /** Copies the collections. */
    public TopicDescription {
        partitions = List.copyOf(partitions);
        authorizedOperations = authorizedOperations == null ? null : Set.copyOf(authorizedOperations);
    }
}

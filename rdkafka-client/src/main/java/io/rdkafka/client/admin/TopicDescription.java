package io.rdkafka.client.admin;

import java.util.List;
import java.util.Set;

/**
 * A topic as {@link Admin#describeTopics} reports it. {@code topicId} (base64) and
 * {@code authorizedOperations} are {@code null} where the loaded librdkafka cannot report them (before 2.3.0
 * the description is derived from metadata) or, for the operations, when they were not requested
 * ({@link AdminOptions#withIncludeAuthorizedOperations}).
 */
public record TopicDescription(String name, String topicId, boolean internal, List<TopicPartitionInfo> partitions,
                               Set<AclOperation> authorizedOperations) {
    public TopicDescription {
        partitions = List.copyOf(partitions);
        authorizedOperations = authorizedOperations == null ? null : Set.copyOf(authorizedOperations);
    }
}

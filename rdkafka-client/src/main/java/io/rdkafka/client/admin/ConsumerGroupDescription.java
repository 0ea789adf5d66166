package io.rdkafka.client.admin;

import java.util.List;
import java.util.Set;

/**
 * A consumer group as {@link Admin#describeConsumerGroups} reports it: state, assignor, the broker
 * coordinating it, and its members with their assignments. {@code authorizedOperations} is {@code null}
 * unless requested and supported (librdkafka 2.3.0+).
 */
public record ConsumerGroupDescription(String groupId, boolean simple, String partitionAssignor,
                                       ConsumerGroupState state, Node coordinator, List<MemberDescription> members,
                                       Set<AclOperation> authorizedOperations) {
    public ConsumerGroupDescription {
        members = List.copyOf(members);
        authorizedOperations = authorizedOperations == null ? null : Set.copyOf(authorizedOperations);
    }
}

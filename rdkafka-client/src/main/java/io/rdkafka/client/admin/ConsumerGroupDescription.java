package io.rdkafka.client.admin;

import java.util.List;
import java.util.Set;

/**
 * A consumer group as {@link Admin#describeConsumerGroups} reports it.
 *
 * @param groupId              the group
 * @param simple               whether it is a simple group (offsets only, no membership)
 * @param partitionAssignor    the assignor the members agreed on (e.g. {@code range}), or ""
 * @param state                the group's state
 * @param coordinator          the broker coordinating the group
 * @param members              the members and their assignments
 * @param authorizedOperations what the caller may do with the group; {@code null} unless requested and
 *                             supported (librdkafka 2.3.0+)
 */
public record ConsumerGroupDescription(String groupId, boolean simple, String partitionAssignor,
                                       ConsumerGroupState state, Node coordinator, List<MemberDescription> members,
                                       Set<AclOperation> authorizedOperations) {
    /** Copies the collections. */
    public ConsumerGroupDescription {
        members = List.copyOf(members);
        authorizedOperations = authorizedOperations == null ? null : Set.copyOf(authorizedOperations);
    }
}

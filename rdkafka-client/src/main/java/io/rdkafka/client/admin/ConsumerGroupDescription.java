package io.rdkafka.client.admin;

import java.util.List;
import java.util.Set;

/**
 * A consumer group as {@link Admin#describeConsumerGroups} reports it.
 *
 * @param groupId              the group
 * @param simple               whether it is a simple group (offsets only, no membership)
 * @param partitionAssignor    the assignor the members agreed on (e.g. {@code range}), or the broker's assignor
 *                             (e.g. {@code uniform}) under the consumer protocol, or ""
 * @param state                the group's state
 * @param coordinator          the broker coordinating the group
 * @param members              the members and their assignments
 * @param authorizedOperations what the caller may do with the group; {@code null} unless requested and
 *                             supported (librdkafka 2.3.0+)
 * @param type                 the group's protocol, classic or consumer (KIP-848); {@link ConsumerGroupType#UNKNOWN}
 *                             before librdkafka 2.10.0
 */
public record ConsumerGroupDescription(String groupId, boolean simple, String partitionAssignor,
                                       ConsumerGroupState state, Node coordinator, List<MemberDescription> members,
                                       Set<AclOperation> authorizedOperations, ConsumerGroupType type) {
    /** Copies the collections. */
    public ConsumerGroupDescription {
        members = List.copyOf(members);
        authorizedOperations = authorizedOperations == null ? null : Set.copyOf(authorizedOperations);
        java.util.Objects.requireNonNull(type, "type");
    }

    /**
     * A description without a type ({@link ConsumerGroupType#UNKNOWN}).
     *
     * @param groupId              the group
     * @param simple               whether it is a simple group
     * @param partitionAssignor    the assignor, or ""
     * @param state                the group's state
     * @param coordinator          the coordinating broker
     * @param members              the members
     * @param authorizedOperations what the caller may do with the group, or {@code null}
     */
    public ConsumerGroupDescription(String groupId, boolean simple, String partitionAssignor, ConsumerGroupState state,
                                    Node coordinator, List<MemberDescription> members,
                                    Set<AclOperation> authorizedOperations) {
        this(groupId, simple, partitionAssignor, state, coordinator, members, authorizedOperations,
                ConsumerGroupType.UNKNOWN);
    }
}

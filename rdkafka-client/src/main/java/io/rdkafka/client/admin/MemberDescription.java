package io.rdkafka.client.admin;

import io.rdkafka.client.TopicPartition;

import java.util.List;

/**
 * A member of a consumer group.
 *
 * @param memberId         the member id the coordinator gave it
 * @param groupInstanceId  its static instance id; {@code null} unless {@code group.instance.id} is set
 * @param clientId         its {@code client.id}
 * @param host             the host it connects from
 * @param assignment       the partitions assigned to it
 * @param targetAssignment under the consumer group protocol (KIP-848), the partitions the broker is moving it to
 *                         (equal to {@code assignment} once a rebalance is done); {@code null} for a classic group's
 *                         member and before librdkafka 2.10.0
 */
public record MemberDescription(String memberId, String groupInstanceId, String clientId, String host,
                                List<TopicPartition> assignment, List<TopicPartition> targetAssignment) {
    /** Copies the assignments. */
    public MemberDescription {
        assignment = List.copyOf(assignment);
        targetAssignment = targetAssignment == null ? null : List.copyOf(targetAssignment);
    }

    /**
     * A member without a target assignment (a classic group's).
     *
     * @param memberId        the member id
     * @param groupInstanceId its static instance id, or {@code null}
     * @param clientId        its {@code client.id}
     * @param host            the host it connects from
     * @param assignment      the partitions assigned to it
     */
    public MemberDescription(String memberId, String groupInstanceId, String clientId, String host,
                             List<TopicPartition> assignment) {
        this(memberId, groupInstanceId, clientId, host, assignment, null);
    }
}

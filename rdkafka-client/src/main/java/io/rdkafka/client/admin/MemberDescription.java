package io.rdkafka.client.admin;

import io.rdkafka.client.TopicPartition;

import java.util.List;

/**
 * A member of a consumer group.
 *
 * @param memberId        the member id the coordinator gave it
 * @param groupInstanceId its static instance id; {@code null} unless {@code group.instance.id} is set
 * @param clientId        its {@code client.id}
 * @param host            the host it connects from
 * @param assignment      the partitions assigned to it
 */
public record MemberDescription(String memberId, String groupInstanceId, String clientId, String host,
                                List<TopicPartition> assignment) {
    /** Copies the assignment. */
    public MemberDescription {
        assignment = List.copyOf(assignment);
    }
}

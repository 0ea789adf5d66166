package io.rdkafka.client.admin;

import io.rdkafka.client.TopicPartition;

import java.util.List;

/**
 * A member of a consumer group: its member id, static instance id ({@code null} unless
 * {@code group.instance.id} is set), client id, host, and the partitions assigned to it.
 */
public record MemberDescription(String memberId, String groupInstanceId, String clientId, String host,
                                List<TopicPartition> assignment) {
    public MemberDescription {
        assignment = List.copyOf(assignment);
    }
}

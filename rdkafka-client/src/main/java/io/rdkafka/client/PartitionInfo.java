package io.rdkafka.client;

import java.util.List;

/**
 * A partition as the cluster's metadata describes it.
 *
 * @param topic          the topic
 * @param partition      the partition
 * @param leader         the id of the leader broker, -1 when it has none
 * @param replicas       the ids of the replica brokers
 * @param inSyncReplicas the ids of the in-sync replica brokers
 * @param error          the partition's metadata error, or {@code null}
 */
public record PartitionInfo(String topic, int partition, int leader, List<Integer> replicas,
                            List<Integer> inSyncReplicas, String error) {
    /** Copies the lists. */
    public PartitionInfo {
        replicas = List.copyOf(replicas);
        inSyncReplicas = List.copyOf(inSyncReplicas);
    }

    /** {@return whether the metadata reported an error for the partition} */
    public boolean hasError() {
        return error != null;
    }
}

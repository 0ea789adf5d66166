package io.rdkafka.client;

import java.util.List;

/** A partition as the cluster's metadata describes it; {@code leader} is -1 when it has none. */
public record PartitionInfo(String topic, int partition, int leader, List<Integer> replicas,
                            List<Integer> inSyncReplicas, String error) {
    public PartitionInfo {
        replicas = List.copyOf(replicas);
        inSyncReplicas = List.copyOf(inSyncReplicas);
    }

    public boolean hasError() {
        return error != null;
    }
}

package io.rdkafka.client.admin;

import java.util.List;
import java.util.Set;

/**
 * The cluster as {@link Admin#describeCluster} reports it: its id, the controller ({@code null} when unknown)
 * and the brokers. {@code authorizedOperations} is {@code null} unless requested and supported
 * (librdkafka 2.3.0+).
 */
public record ClusterDescription(String clusterId, Node controller, List<Node> nodes,
                                 Set<AclOperation> authorizedOperations) {
    public ClusterDescription {
        nodes = List.copyOf(nodes);
        authorizedOperations = authorizedOperations == null ? null : Set.copyOf(authorizedOperations);
    }
}

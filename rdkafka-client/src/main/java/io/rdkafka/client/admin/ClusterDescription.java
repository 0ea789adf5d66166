package io.rdkafka.client.admin;

import java.util.List;
import java.util.Set;

/**
 * The cluster as {@link Admin#describeCluster} reports it.
 *
 * @param clusterId            the cluster's id
 * @param controller           the controller, {@code null} when unknown
 * @param nodes                the brokers
 * @param authorizedOperations what the caller may do with the cluster; {@code null} unless requested and
 *                             supported (librdkafka 2.3.0+)
 */
public record ClusterDescription(String clusterId, Node controller, List<Node> nodes,
                                 Set<AclOperation> authorizedOperations) {
    /** Copies the collections. */
    public ClusterDescription {
        nodes = List.copyOf(nodes);
        authorizedOperations = authorizedOperations == null ? null : Set.copyOf(authorizedOperations);
    }
}

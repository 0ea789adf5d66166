package io.rdkafka.client.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A topic for {@link Admin#createTopics}: a partition count and a replication factor ({@code -1} each: the
 * broker's defaults), or an explicit replica assignment, and topic configurations (e.g.
 * {@code cleanup.policy=compact}).
 *
 * @param name              the topic
 * @param partitions        the partition count, -1 for the broker's default
 * @param replicationFactor the replication factor, -1 for the broker's default (must be -1 with an assignment)
 * @param replicaAssignment partition to broker ids (partitions 0..n-1, the first id the preferred leader); empty
 *                          for none
 * @param configs           topic configurations by name
 */
public record NewTopic(String name, int partitions, int replicationFactor,
                       Map<Integer, List<Integer>> replicaAssignment, Map<String, String> configs) {
    /**
     * Checks the topic and copies the collections.
     *
     * @throws IllegalArgumentException when the assignment does not fit the partition count or replication factor
     */
    public NewTopic {
        Objects.requireNonNull(name, "name");
        replicaAssignment = replicaAssignment == null ? Map.of() : copyAssignment(replicaAssignment);
        configs = configs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configs));
        if (!replicaAssignment.isEmpty()) {
            if (replicationFactor != -1) {
                throw new IllegalArgumentException("a replica assignment and a replication factor are exclusive");
            }
            if (partitions != replicaAssignment.size()) {
                throw new IllegalArgumentException("a replica assignment of " + replicaAssignment.size()
                        + " partitions for " + partitions + " partitions");
            }
            int expected = 0;
            for (int p : replicaAssignment.keySet()) {
                if (p != expected++) throw new IllegalArgumentException("the replica assignment must name partitions "
                        + "0.." + (replicaAssignment.size() - 1) + ", got " + replicaAssignment.keySet());
            }
        }
    }

    private static Map<Integer, List<Integer>> copyAssignment(Map<Integer, List<Integer>> a) {
        Map<Integer, List<Integer>> m = new TreeMap<>();
        a.forEach((p, replicas) -> m.put(p, List.copyOf(replicas)));
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * {@return a topic with {@code partitions} partitions of {@code replicationFactor} replicas each}
     *
     * @param name              the topic
     * @param partitions        the partition count, -1 for the broker's default
     * @param replicationFactor the replication factor, -1 for the broker's default
     */
    public static NewTopic of(String name, int partitions, int replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor, Map.of(), Map.of());
    }

    /**
     * {@return a topic with the broker's default partition count and replication factor}
     *
     * @param name the topic
     */
    public static NewTopic withDefaults(String name) {
        return of(name, -1, -1);
    }

    /**
     * {@return a topic whose partition {@code i}'s replicas are {@code assignment.get(i)}, the first the
     * preferred leader}
     *
     * @param name       the topic
     * @param assignment the broker ids of each partition's replicas
     */
    public static NewTopic withAssignment(String name, List<List<Integer>> assignment) {
        Map<Integer, List<Integer>> m = new TreeMap<>();
        for (int i = 0; i < assignment.size(); i++) m.put(i, assignment.get(i));
        return new NewTopic(name, assignment.size(), -1, m, Map.of());
    }

    /**
     * {@return this topic with one more configuration}
     *
     * @param key   the configuration's name
     * @param value its value
     */
    public NewTopic withConfig(String key, String value) {
        Map<String, String> c = new LinkedHashMap<>(configs);
        c.put(key, value);
        return new NewTopic(name, partitions, replicationFactor, replicaAssignment, c);
    }

    /**
     * {@return this topic with these configurations added}
     *
     * @param more configurations by name
     */
    public NewTopic withConfigs(Map<String, String> more) {
        Map<String, String> c = new LinkedHashMap<>(configs);
        c.putAll(more);
        return new NewTopic(name, partitions, replicationFactor, replicaAssignment, c);
    }
}

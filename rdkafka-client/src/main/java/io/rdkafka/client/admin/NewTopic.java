package io.rdkafka.client.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A topic for {@link Admin#createTopics}: a partition count and a replication factor ({@code -1} each: the
 * broker's defaults), or an explicit replica assignment (partition → broker ids, partitions 0..n-1), and
 * topic configurations (e.g. {@code cleanup.policy=compact}).
 */
public record NewTopic(String name, int partitions, int replicationFactor,
                       Map<Integer, List<Integer>> replicaAssignment, Map<String, String> configs) {
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

    /** A topic with {@code partitions} partitions of {@code replicationFactor} replicas each. */
    public static NewTopic of(String name, int partitions, int replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor, Map.of(), Map.of());
    }

    /** A topic with the broker's default partition count and replication factor. */
    public static NewTopic withDefaults(String name) {
        return of(name, -1, -1);
    }

    /** A topic whose partition {@code i}'s replicas are {@code assignment.get(i)}, the first the preferred leader. */
    public static NewTopic withAssignment(String name, List<List<Integer>> assignment) {
        Map<Integer, List<Integer>> m = new TreeMap<>();
        for (int i = 0; i < assignment.size(); i++) m.put(i, assignment.get(i));
        return new NewTopic(name, assignment.size(), -1, m, Map.of());
    }

    /** This topic with one more configuration. */
    public NewTopic withConfig(String key, String value) {
        Map<String, String> c = new LinkedHashMap<>(configs);
        c.put(key, value);
        return new NewTopic(name, partitions, replicationFactor, replicaAssignment, c);
    }

    /** This topic with these configurations added. */
    public NewTopic withConfigs(Map<String, String> more) {
        Map<String, String> c = new LinkedHashMap<>(configs);
        c.putAll(more);
        return new NewTopic(name, partitions, replicationFactor, replicaAssignment, c);
    }
}

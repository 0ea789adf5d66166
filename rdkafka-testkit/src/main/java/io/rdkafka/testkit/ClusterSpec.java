package io.rdkafka.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything that defines a cluster, as a value: equal specs give interchangeable clusters, which is what
 * lets the JUnit extension share one cluster among test classes.
 *
 * @param saslUsers user to password; each user exists for PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512
 * @param brokerConfig broker properties that override or extend the kit's
 * @param plaintextPort fixed PLAINTEXT port of broker 1, or 0 for a free one
 * @param jvmOptions heap, GC and JIT options of the broker JVMs
 * @param workDir root of the kit's directories, or null for {@code ${java.io.tmpdir}/rdkafka-testkit}
 */
record ClusterSpec(
    int brokers,
    Set<ListenerKind> listeners,
    boolean authorizer,
    boolean autoCreateTopics,
    boolean sslClientAuth,
    Map<String, String> saslUsers,
    Map<String, String> brokerConfig,
    int plaintextPort,
    List<String> jvmOptions,
    Duration startTimeout,
    Path workDir) {

  /** Nodes 1..3 are combined broker+controller nodes; a larger cluster adds broker-only nodes. */
  static final int MAX_CONTROLLERS = 3;

  ClusterSpec {
    if (brokers < 1) {
      throw new IllegalArgumentException("brokers must be at least 1, not " + brokers);
    }
    if (plaintextPort != 0 && brokers != 1) {
      throw new IllegalArgumentException("a fixed PLAINTEXT port needs a single-broker cluster");
    }
    listeners = Set.copyOf(listeners);
    saslUsers = Map.copyOf(saslUsers);
    brokerConfig = Map.copyOf(brokerConfig);
    jvmOptions = List.copyOf(jvmOptions);
  }

  int controllers() {
    return Math.min(brokers, MAX_CONTROLLERS);
  }

  /** Replication factor of internal topics and default for new ones: every node, at most three. */
  int internalReplicationFactor() {
    return Math.min(brokers, MAX_CONTROLLERS);
  }

  boolean needsTls() {
    return sslClientAuth || listeners.stream().anyMatch(ListenerKind::usesTls);
  }

  Path root() {
    return workDir != null ? workDir : Workspace.defaultRoot();
  }

  /** What the cluster has beyond PLAINTEXT, e.g. {@code [SSL, SASL_SSL, authorizer]}. */
  List<String> features() {
    List<String> features = new ArrayList<>(listeners.stream().filter(kind -> kind != ListenerKind.PLAINTEXT)
        .sorted().map(ListenerKind::name).toList());
    if (sslClientAuth) {
      features.add("client certificates");
    }
    if (authorizer) {
      features.add("authorizer");
    }
    return features;
  }

  /** A short description for messages, e.g. {@code 3-node} or {@code 1-node [SSL, authorizer]}. */
  String describe() {
    return brokers + "-node" + (features().isEmpty() ? "" : " " + features());
  }
}

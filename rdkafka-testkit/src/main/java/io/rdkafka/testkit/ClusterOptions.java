package io.rdkafka.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The options of a cluster, shared by {@link KafkaCluster.Builder} and {@link KafkaClusterExtension.Builder}.
 *
 * @param <B> the concrete builder, returned by every option for chaining
 */
public abstract class ClusterOptions<B extends ClusterOptions<B>> {
  /** The administrator every SASL listener knows (a super user when the authorizer is on). */
  public static final String ADMIN_USER = "admin";
  /** The password of {@link #ADMIN_USER}. */
  public static final String ADMIN_PASSWORD = "admin-secret";

  /** Heap, GC and JIT options of each broker JVM unless {@link #jvmOptions} replaces them: tuned for a quick start. */
  public static final List<String> DEFAULT_JVM_OPTIONS =
      List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  // Names and passwords go into JAAS and StorageTool arguments unquoted: keep them to safe characters.
  private static final Pattern SAFE_CREDENTIAL = Pattern.compile("[A-Za-z0-9._@-]+");

  private int brokers = 1;
  private final Set<ListenerKind> listeners = EnumSet.of(ListenerKind.PLAINTEXT);
  private boolean authorizer;
  private boolean autoCreateTopics = true;
  private boolean sslClientAuth;
  private final Map<String, String> saslUsers = new LinkedHashMap<>(Map.of(ADMIN_USER, ADMIN_PASSWORD));
  private final Map<String, String> brokerConfig = new LinkedHashMap<>();
  private int plaintextPort;
  private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
  private Duration startTimeout = Duration.ofSeconds(90);
  private Path workDir;

  ClusterOptions() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Number of brokers (default 1). Up to three are combined broker+controller nodes, so a 3-node cluster
   * survives the loss of any one node.
   *
   * @param count the number of brokers
   * @return this builder
   */
  public B brokers(int count) {
    this.brokers = count;
    return self();
  }

  /**
   * Adds listeners besides PLAINTEXT, which every cluster has.
   *
   * @param kinds the listeners to add
   * @return this builder
   */
  public B listeners(ListenerKind... kinds) {
    listeners.addAll(Arrays.asList(kinds));
    return self();
  }

  /**
   * Turns on the StandardAuthorizer: without an ACL nothing is allowed, except to the super users
   * {@code User:ANONYMOUS} (every PLAINTEXT client, the kit included) and {@code User:admin}.
   *
   * @param enabled whether the authorizer is on (default false)
   * @return this builder
   */
  public B authorizer(boolean enabled) {
    this.authorizer = enabled;
    return self();
  }

  /**
   * Whether producing to or fetching metadata of an unknown topic creates it (default true, like Kafka).
   *
   * @param enabled whether unknown topics are created
   * @return this builder
   */
  public B autoCreateTopics(boolean enabled) {
    this.autoCreateTopics = enabled;
    return self();
  }

  /**
   * Makes the SSL listener (added if missing) require a client certificate signed by the kit's CA.
   *
   * @param required whether a client certificate is required (default false)
   * @return this builder
   */
  public B sslClientAuth(boolean required) {
    this.sslClientAuth = required;
    if (required) {
      listeners.add(ListenerKind.SSL);
    }
    return self();
  }

  /**
   * Adds a user known to the SASL listeners with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512. {@code admin} always
   * exists. Characters allowed: letters, digits and {@code ._@-}.
   *
   * @param user     the user name
   * @param password the password
   * @return this builder
   * @throws IllegalArgumentException for other characters
   */
  public B saslUser(String user, String password) {
    for (String value : List.of(user, password)) {
      if (!SAFE_CREDENTIAL.matcher(value).matches()) {
        throw new IllegalArgumentException("use only letters, digits and ._@- in SASL users and passwords: " + value);
      }
    }
    saslUsers.put(user, password);
    return self();
  }

  /**
   * Sets a broker property, overriding the kit's value if it has one.
   *
   * @param key   the property
   * @param value its value
   * @return this builder
   */
  public B brokerConfig(String key, String value) {
    brokerConfig.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
    return self();
  }

  /**
   * A fixed port for the PLAINTEXT listener (single-broker clusters only); by default a free port is used.
   *
   * @param port the port; 0 for any free port
   * @return this builder
   */
  public B plaintextPort(int port) {
    this.plaintextPort = port;
    return self();
  }

  /**
   * Replaces {@link #DEFAULT_JVM_OPTIONS}, e.g. for benchmarks: {@code "-Xmx2g", "-XX:+UseG1GC"}.
   *
   * @param options the JVM options of each broker
   * @return this builder
   */
  public B jvmOptions(String... options) {
    this.jvmOptions = List.of(options);
    return self();
  }

  /**
   * How long starting may take before it fails with the brokers' log tails (default 90 s).
   *
   * @param timeout the bound
   * @return this builder
   */
  public B startTimeout(Duration timeout) {
    this.startTimeout = Objects.requireNonNull(timeout);
    return self();
  }

  /**
   * The root of the kit's directories (default {@code ${java.io.tmpdir}/rdkafka-testkit}).
   *
   * @param directory the root
   * @return this builder
   */
  public B workDir(Path directory) {
    this.workDir = directory;
    return self();
  }

  ClusterSpec spec() {
    return new ClusterSpec(brokers, listeners, authorizer, autoCreateTopics, sslClientAuth,
        saslUsers, brokerConfig, plaintextPort, new ArrayList<>(jvmOptions), startTimeout, workDir);
  }
}

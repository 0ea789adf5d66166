package io.rdkafka.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * A real Apache Kafka cluster in KRaft mode: each node a separate JVM ({@code kafka.Kafka}) on 127.0.0.1 with
 * free ports, its data and log under a temporary directory. Start one with {@link #builder()}, or let {@link
 * KafkaTest} do it for a test class. Closing kills the brokers and deletes their data; brokers never outlive the
 * JVM that started them.
 *
 * <p>Node ids are 1..n. Up to three nodes are combined broker+controller nodes forming the KRaft quorum, so in a
 * 3-node cluster any single node may be killed. The kit talks to the cluster through the PLAINTEXT listener,
 * whose principal {@code User:ANONYMOUS} is a super user when the authorizer is on.
 */
public final class KafkaCluster implements AutoCloseable {
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final String PROBE_TOPIC = "__rdkafka_testkit_probe";

  private final ClusterSpec spec;
  private final Path dir;
  private final List<BrokerNode> nodes;
  private BrokerLauncher launcher;
  private TlsMaterial tls;
  private Admin admin;
  private Duration startupTime = Duration.ZERO;
  private volatile boolean closed;
  private volatile boolean disturbed;

  /** {@return options for a new cluster; {@link Builder#start()} starts it} */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a cluster with these options. */
  public static final class Builder extends ClusterOptions<Builder> {
    Builder() {}

    /**
     * Starts the cluster and waits until it is ready: every broker up and registered, topics creatable.
     *
     * @return the running cluster; close it
     * @throws IllegalStateException when it did not start, with the tails of the broker logs
     */
    public KafkaCluster start() {
      return KafkaCluster.start(spec());
    }
  }

  static KafkaCluster start(ClusterSpec spec) {
    long started = System.nanoTime();
    Path dir = Workspace.newClusterDir(spec.root());
    KafkaCluster cluster = new KafkaCluster(spec, dir);
    Workspace.register(cluster);
    try {
      cluster.boot();
    } catch (Exception | Error e) {
      String logs = cluster.logTails(60);
      cluster.close();
      throw new IllegalStateException("Kafka cluster (" + spec.describe() + ") did not start: " + e.getMessage()
          + "\n" + logs, e);
    }
    cluster.startupTime = Duration.ofNanos(System.nanoTime() - started);
    System.err.printf(Locale.ROOT, "testkit: %d-node Kafka %s up at %s in %.1f s%s%n", spec.brokers(),
        cluster.kafkaVersion(), cluster.bootstrapServers(), cluster.startupTime.toMillis() / 1000.0,
        spec.features().isEmpty() ? "" : " " + spec.features());
    return cluster;
  }

  private KafkaCluster(ClusterSpec spec, Path dir) {
    this.spec = spec;
    this.dir = dir;
    this.nodes = createNodes(spec, dir);
  }

  private static List<BrokerNode> createNodes(ClusterSpec spec, Path dir) {
    List<ServerSocket> reserved = new ArrayList<>();
    try {
      List<BrokerNode> nodes = new ArrayList<>();
      for (int id = 1; id <= spec.brokers(); id++) {
        Map<ListenerKind, Integer> ports = new EnumMap<>(ListenerKind.class);
        for (ListenerKind kind : spec.listeners()) {
          boolean fixed = kind == ListenerKind.PLAINTEXT && spec.plaintextPort() != 0;
          ports.put(kind, fixed ? spec.plaintextPort() : reserveFreePort(reserved));
        }
        boolean controller = id <= spec.controllers();
        int controllerPort = controller ? reserveFreePort(reserved) : -1;
        nodes.add(new BrokerNode(id, controller, dir.resolve("node-" + id), controllerPort, ports));
      }
      return List.copyOf(nodes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free ports", e);
    } finally {
      // Held until all are chosen so that no port is handed out twice.
      for (ServerSocket socket : reserved) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Nothing to do.
        }
      }
    }
  }

  private static int reserveFreePort(List<ServerSocket> reserved) throws IOException {
    ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BrokerNode.HOST));
    reserved.add(socket);
    return socket.getLocalPort();
  }

  private void boot() throws IOException {
    Duration timeout = spec.startTimeout();
    long deadline = System.nanoTime() + timeout.toNanos();
    if (spec.needsTls()) {
      tls = TlsGenerator.obtain(Workspace.cacheRoot());
    }
    launcher = new BrokerLauncher(Workspace.cacheRoot(), dir, spec.jvmOptions());
    for (BrokerNode node : nodes) {
      Files.createDirectories(node.dir);
      BrokerConfig.write(node.configFile(), BrokerConfig.forNode(node, nodes, spec, tls));
    }
    launcher.format(nodes, newClusterId(), scramFormatArguments(), timeout);
    for (BrokerNode node : nodes) {
      node.started(launcher.start(node));
    }
    admin = Admin.create(adminProperties());
    // Loads the Admin client's classes in this JVM while the brokers start; the answer is not needed.
    admin.describeCluster().nodes();
    for (BrokerNode node : nodes) {
      awaitAnswering(node, remaining(deadline));
    }
    awaitRegistered(brokerIds(), remaining(deadline));
    // The controller works end to end: a topic can be created (and deleted).
    createTopic(PROBE_TOPIC, 1, spec.internalReplicationFactor());
    deleteTopic(PROBE_TOPIC);
  }

  private List<String> scramFormatArguments() {
    List<String> arguments = new ArrayList<>();
    spec.saslUsers().forEach((user, password) -> {
      for (SaslMechanism mechanism : List.of(SaslMechanism.SCRAM_SHA_256, SaslMechanism.SCRAM_SHA_512)) {
        arguments.add("--add-scram");
        arguments.add(mechanism.mechanismName() + "=[name=" + user + ",password=" + password + "]");
      }
    });
    return arguments;
  }

  /** A cluster id as Kafka makes them: 16 random bytes in unpadded base64url, not starting with '-'. */
  private static String newClusterId() {
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[16];
    String id;
    do {
      random.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (id.startsWith("-"));
    return id;
  }

  // ---------------------------------------------------------------------------------------------- addresses

  /** {@return the bootstrap servers of the PLAINTEXT listener, e.g. {@code 127.0.0.1:40123,127.0.0.1:40125}} */
  public String bootstrapServers() {
    return bootstrapServers(ListenerKind.PLAINTEXT);
  }

  /**
   * {@return the bootstrap servers of a listener the cluster was built with}
   *
   * @param kind the listener
   */
  public String bootstrapServers(ListenerKind kind) {
    return nodes.stream().map(node -> node.address(kind)).collect(Collectors.joining(","));
  }

  /**
   * {@return {@code host:port} of one broker's listener}
   *
   * @param brokerId the broker
   * @param kind     the listener
   */
  public String brokerAddress(int brokerId, ListenerKind kind) {
    return node(brokerId).address(kind);
  }

  /** {@return the ids of the brokers} */
  public List<Integer> brokerIds() {
    return nodes.stream().map(node -> node.id).toList();
  }

  /** {@return the number of brokers} */
  public int brokerCount() {
    return nodes.size();
  }

  /** {@return the listeners the brokers offer: always PLAINTEXT, plus those chosen when building} */
  public Set<ListenerKind> listeners() {
    return spec.listeners();
  }

  /** {@return the Kafka version of the brokers, e.g. {@code 4.1.1}} */
  public String kafkaVersion() {
    return AppInfoParser.getVersion();
  }

  /** {@return how long {@link Builder#start()} took} */
  public Duration startupTime() {
    return startupTime;
  }

  /** {@return the cluster's directory: a {@code node-<id>} directory per broker with its data, configuration and log} */
  public Path dataDir() {
    return dir;
  }

  // ------------------------------------------------------------------------------------------ client configs

  /** {@return kafka-clients properties for the kit's own (PLAINTEXT, super user) connection} */
  public Properties adminProperties() {
    Properties properties = kafkaClientsConfig(ListenerKind.PLAINTEXT);
    properties.put("client.id", "rdkafka-testkit-admin");
    properties.put("request.timeout.ms", "10000");
    properties.put("default.api.timeout.ms", "30000");
    properties.put("socket.connection.setup.timeout.ms", "2000");
    properties.put("socket.connection.setup.timeout.max.ms", "5000");
    properties.put("reconnect.backoff.max.ms", "500");
    properties.put("retry.backoff.max.ms", "500");
    return properties;
  }

  /** {@return the kit's Admin client (PLAINTEXT, super user); owned by the cluster, do not close it} */
  public Admin admin() {
    ensureOpen();
    return admin;
  }

  /**
   * librdkafka configuration ({@code bootstrap.servers}, {@code security.protocol}, TLS and SASL settings) to
   * reach a listener as {@code admin}: with PLAIN on SASL listeners, the client certificate on SSL when
   * client authentication is required.
   *
   * @param kind the listener
   * @return the properties, by librdkafka's names
   */
  public Map<String, String> librdkafkaConfig(ListenerKind kind) {
    return librdkafkaConfig(kind, defaultMechanism(kind), ClusterOptions.ADMIN_USER, ClusterOptions.ADMIN_PASSWORD);
  }

  /**
   * librdkafka configuration to reach a SASL listener with the given mechanism and credentials. For {@link
   * SaslMechanism#OAUTHBEARER} the user is the unsecured token's subject and the password is ignored.
   *
   * @param kind      the listener
   * @param mechanism the SASL mechanism (ignored for listeners without SASL)
   * @param user      the user
   * @param password  the password
   * @return the properties, by librdkafka's names
   * @throws IllegalArgumentException when the listener does not accept the mechanism
   */
  public Map<String, String> librdkafkaConfig(ListenerKind kind, SaslMechanism mechanism, String user,
      String password) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("bootstrap.servers", bootstrapServers(kind));
    config.put("security.protocol", kind.securityProtocol().toLowerCase(Locale.ROOT));
    if (kind.usesTls()) {
      config.put("ssl.ca.location", tls().caCertPem().toString());
      if (kind == ListenerKind.SSL && spec.sslClientAuth()) {
        config.put("ssl.certificate.location", tls().clientCertPem().toString());
        config.put("ssl.key.location", tls().clientKeyPem().toString());
      }
    }
    if (kind.usesSasl()) {
      checkMechanism(kind, mechanism);
      config.put("sasl.mechanisms", mechanism.mechanismName());
      if (mechanism == SaslMechanism.OAUTHBEARER) {
        config.put("enable.sasl.oauthbearer.unsecure.jwt", "true");
        config.put("sasl.oauthbearer.config", "principal=" + user);
      } else {
        config.put("sasl.username", user);
        config.put("sasl.password", password);
      }
    }
    return config;
  }

  /**
   * kafka-clients (Java client) properties to reach a listener as {@code admin}; see {@link
   * #librdkafkaConfig(ListenerKind)}.
   *
   * @param kind the listener
   * @return the properties
   */
  public Properties kafkaClientsConfig(ListenerKind kind) {
    return kafkaClientsConfig(kind, defaultMechanism(kind), ClusterOptions.ADMIN_USER, ClusterOptions.ADMIN_PASSWORD);
  }

  /**
   * kafka-clients properties to reach a SASL listener with the given mechanism and credentials.
   *
   * @param kind      the listener
   * @param mechanism the SASL mechanism (ignored for listeners without SASL)
   * @param user      the user
   * @param password  the password
   * @return the properties
   * @throws IllegalArgumentException when the listener does not accept the mechanism
   */
  public Properties kafkaClientsConfig(ListenerKind kind, SaslMechanism mechanism, String user, String password) {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", bootstrapServers(kind));
    properties.put("security.protocol", kind.securityProtocol());
    if (kind.usesTls()) {
      properties.put("ssl.truststore.type", "PEM");
      properties.put("ssl.truststore.location", tls().caCertPem().toString());
      if (kind == ListenerKind.SSL && spec.sslClientAuth()) {
        properties.put("ssl.keystore.type", "PKCS12");
        properties.put("ssl.keystore.location", tls().clientKeystore().toString());
        properties.put("ssl.keystore.password", tls().password());
        properties.put("ssl.key.password", tls().password());
      }
    }
    if (kind.usesSasl()) {
      checkMechanism(kind, mechanism);
      properties.put("sasl.mechanism", mechanism.mechanismName());
      properties.put("sasl.jaas.config", switch (mechanism) {
        case PLAIN -> "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + jaasOption("username", user) + jaasOption("password", password) + ";";
        case SCRAM_SHA_256, SCRAM_SHA_512 -> "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + jaasOption("username", user) + jaasOption("password", password) + ";";
        case OAUTHBEARER -> "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
            + jaasOption("unsecuredLoginStringClaim_sub", user) + ";";
      });
    }
    return properties;
  }

  private static SaslMechanism defaultMechanism(ListenerKind kind) {
    return kind == ListenerKind.OAUTHBEARER ? SaslMechanism.OAUTHBEARER : SaslMechanism.PLAIN;
  }

  private static void checkMechanism(ListenerKind kind, SaslMechanism mechanism) {
    if ((kind == ListenerKind.OAUTHBEARER) != (mechanism == SaslMechanism.OAUTHBEARER)) {
      throw new IllegalArgumentException("listener " + kind + " does not accept SASL " + mechanism.mechanismName());
    }
  }

  private static String jaasOption(String name, String value) {
    return " " + name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  // ------------------------------------------------------------------------------------------------------- TLS

  /**
   * {@return the generated certificates and keys}
   *
   * @throws IllegalStateException for a cluster without an SSL or SASL_SSL listener
   */
  public TlsMaterial tls() {
    if (tls == null) {
      throw new IllegalStateException("this cluster has no TLS listener; add ListenerKind.SSL or SASL_SSL");
    }
    return tls;
  }

  /** {@return the PEM file of the CA that signed the broker certificates, for librdkafka's {@code ssl.ca.location}} */
  public Path caCertPemPath() {
    return tls().caCertPem();
  }

  /** {@return the PEM file of a CA unrelated to the brokers, for tests that expect certificate verification to fail} */
  public Path wrongCaCertPemPath() {
    return tls().wrongCaCertPem();
  }

  // ------------------------------------------------------------------------------------- topics, users, ACLs

  /**
   * Creates a topic and waits until every partition has a leader.
   *
   * @param name              the topic
   * @param partitions        the number of partitions
   * @param replicationFactor the number of replicas of each partition
   */
  public void createTopic(String name, int partitions, int replicationFactor) {
    createTopic(name, partitions, replicationFactor, Map.of());
  }

  /**
   * Creates a topic with topic configs (e.g. {@code cleanup.policy=compact}) and waits for its leaders.
   *
   * @param name              the topic
   * @param partitions        the number of partitions
   * @param replicationFactor the number of replicas of each partition
   * @param configs           the topic's configuration
   */
  public void createTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {
    NewTopic topic = new NewTopic(name, partitions, (short) replicationFactor).configs(configs);
    get(admin().createTopics(List.of(topic)).all());
    awaitCondition("leaders of topic " + name, ADMIN_TIMEOUT, () -> {
      TopicDescription description = get(admin.describeTopics(List.of(name)).allTopicNames()).get(name);
      return description.partitions().size() == partitions
              && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())
          ? null : "partitions " + description.partitions();
    });
  }

  /**
   * Deletes a topic and waits until it is gone, so that the name can be reused at once.
   *
   * @param name the topic
   */
  public void deleteTopic(String name) {
    get(admin().deleteTopics(List.of(name)).all());
    awaitCondition("deletion of topic " + name, ADMIN_TIMEOUT,
        () -> get(admin.listTopics(new ListTopicsOptions().listInternal(true)).names()).contains(name)
            ? "still listed" : null);
  }

  /**
   * {@return the id of the broker leading a partition, or -1 while it has none}
   *
   * @param topic     the topic
   * @param partition the partition
   */
  public int leaderOf(String topic, int partition) {
    TopicDescription description = get(admin().describeTopics(List.of(topic)).allTopicNames()).get(topic);
    Node leader = description.partitions().get(partition).leader();
    return leader == null || leader.isEmpty() ? -1 : leader.id();
  }

  /**
   * Waits until the partition has a leader other than {@code formerLeader} and returns it.
   *
   * @param topic        the topic
   * @param partition    the partition
   * @param formerLeader the leader to move away from; -1 for any leader
   * @param timeout      how long to wait
   * @return the new leader's id
   */
  public int awaitLeader(String topic, int partition, int formerLeader, Duration timeout) {
    int[] leader = {-1};
    awaitCondition("a new leader of " + topic + "-" + partition, timeout, () -> {
      leader[0] = leaderOf(topic, partition);
      return leader[0] != -1 && leader[0] != formerLeader ? null : "leader " + leader[0];
    });
    return leader[0];
  }

  /**
   * Adds or replaces a SCRAM credential at run time (users given to the builder exist from the start).
   *
   * @param user      the user
   * @param password  the password
   * @param mechanism {@link SaslMechanism#SCRAM_SHA_256} or {@link SaslMechanism#SCRAM_SHA_512}
   * @throws IllegalArgumentException for a mechanism that is not SCRAM
   */
  public void createScramUser(String user, String password, SaslMechanism mechanism) {
    if (!mechanism.isScram()) {
      throw new IllegalArgumentException(mechanism + " is not a SCRAM mechanism");
    }
    ScramMechanism scram = mechanism == SaslMechanism.SCRAM_SHA_256
        ? ScramMechanism.SCRAM_SHA_256 : ScramMechanism.SCRAM_SHA_512;
    get(admin().alterUserScramCredentials(List.of(
        new UserScramCredentialUpsertion(user, new ScramCredentialInfo(scram, 4096), password))).all());
    awaitCondition("SCRAM credential of " + user, ADMIN_TIMEOUT,
        () -> get(admin.describeUserScramCredentials(List.of(user)).all()).containsKey(user) ? null : "absent");
  }

  /**
   * Allows {@code principal} (e.g. {@code User:alice}) the operations on a resource, from any host. The name is
   * literal; {@code "*"} means every resource of the type.
   *
   * @param principal    the principal, e.g. {@code User:alice}
   * @param resourceType the resource type, e.g. {@code ResourceType.TOPIC}
   * @param resourceName the resource's literal name, or {@code "*"}
   * @param operations   the operations to allow
   */
  public void addAcl(String principal, ResourceType resourceType, String resourceName, AclOperation... operations) {
    List<AclBinding> bindings = new ArrayList<>();
    for (AclOperation operation : operations) {
      bindings.add(new AclBinding(
          new ResourcePattern(resourceType, resourceName, PatternType.LITERAL),
          new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
    }
    get(admin().createAcls(bindings).all());
  }

  // ---------------------------------------------------------------------------------------- broker lifecycle

  /**
   * Kills a broker with SIGKILL: no controlled shutdown, as in a crash.
   *
   * @param brokerId the broker
   */
  public synchronized void killBroker(int brokerId) {
    BrokerNode node = node(brokerId);
    disturbed = true;
    node.kill();
    launcher.cds().brokerExited(node);
  }

  /**
   * Stops a broker with SIGTERM and waits for its controlled shutdown (SIGKILL after a minute).
   *
   * @param brokerId the broker
   */
  public synchronized void stopBroker(int brokerId) {
    BrokerNode node = node(brokerId);
    disturbed = true;
    if (!node.stop(STOP_TIMEOUT)) {
      System.err.println("testkit: " + node + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s; killed it");
    }
    launcher.cds().brokerExited(node);
  }

  /**
   * Starts a broker again with its data and ports (stopping it first if it runs) and waits until it serves
   * requests and is registered. Partitions may still be catching up: see {@link #awaitHealthy}.
   *
   * @param brokerId the broker
   */
  public synchronized void restartBroker(int brokerId) {
    ensureOpen();
    BrokerNode node = node(brokerId);
    if (node.isRunning()) {
      stopBroker(brokerId);
    }
    disturbed = true;
    try {
      node.started(launcher.start(node));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + node, e);
    }
    awaitAnswering(node, spec.startTimeout());
    awaitRegistered(List.of(brokerId), spec.startTimeout());
  }

  /**
   * {@return whether the broker's process is running}
   *
   * @param brokerId the broker
   */
  public boolean isBrokerRunning(int brokerId) {
    return node(brokerId).isRunning();
  }

  /**
   * Waits until every broker runs and is registered and no partition (internal ones included) is offline or
   * under-replicated. Fails at once if a broker is not running.
   *
   * @param timeout how long to wait
   */
  public void awaitHealthy(Duration timeout) {
    ensureOpen();
    awaitCondition("a healthy cluster", timeout, this::healthProblem);
  }

  private String healthProblem() {
    for (BrokerNode node : nodes) {
      if (!node.isRunning()) {
        throw new BrokerNotRunningException(node + " is not running");
      }
    }
    Set<Integer> registered = registeredBrokerIds();
    if (!registered.containsAll(brokerIds())) {
      return "registered brokers " + registered;
    }
    Set<String> topics = get(admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
    if (topics.isEmpty()) {
      return null;
    }
    for (TopicDescription topic : get(admin.describeTopics(topics).allTopicNames()).values()) {
      for (TopicPartitionInfo partition : topic.partitions()) {
        String name = topic.name() + "-" + partition.partition();
        if (partition.leader() == null || partition.leader().isEmpty()) {
          return name + " has no leader";
        }
        if (partition.isr().size() < partition.replicas().size()) {
          return name + " has ISR " + ids(partition.isr()) + " of replicas " + ids(partition.replicas());
        }
      }
    }
    return null;
  }

  private static List<Integer> ids(Collection<Node> nodes) {
    return nodes.stream().map(Node::id).toList();
  }

  private Set<Integer> registeredBrokerIds() {
    return get(admin.describeCluster().nodes()).stream().map(Node::id).collect(Collectors.toSet());
  }

  private void awaitAnswering(BrokerNode node, Duration timeout) {
    awaitCondition(node + " to answer requests", timeout, () -> {
      if (!node.isRunning()) {
        throw new BrokerNotRunningException(node + " exited with code " + node.process().exitValue());
      }
      return BrokerProbe.answers(BrokerNode.HOST, node.port(ListenerKind.PLAINTEXT), 500) ? null : "no answer";
    });
  }

  private void awaitRegistered(List<Integer> brokerIds, Duration timeout) {
    awaitCondition("brokers " + brokerIds + " to register", timeout, () -> {
      Set<Integer> registered = registeredBrokerIds();
      return registered.containsAll(brokerIds) ? null : "registered " + registered;
    });
  }

  // ------------------------------------------------------------------------------------------------------ logs

  /**
   * {@return the broker's log file (its stdout and stderr, across restarts)}
   *
   * @param brokerId the broker
   */
  public Path logFile(int brokerId) {
    return node(brokerId).logFile();
  }

  /**
   * {@return the last lines of a broker's log}
   *
   * @param brokerId the broker
   * @param lines    how many lines
   */
  public String logTail(int brokerId, int lines) {
    return FileTree.tail(node(brokerId).logFile(), lines);
  }

  /**
   * Prints the last lines of every broker's log, as the JUnit extension does when a test fails.
   *
   * @param out   where to print
   * @param lines how many lines of each log
   */
  public void printLogTails(PrintStream out, int lines) {
    out.println(logTails(lines));
    out.flush();
  }

  private String logTails(int lines) {
    StringBuilder text = new StringBuilder();
    for (BrokerNode node : nodes) {
      text.append("----- last ").append(lines).append(" lines of ").append(node).append(": ")
          .append(node.logFile()).append('\n')
          .append(FileTree.tail(node.logFile(), lines)).append('\n');
    }
    return text.toString();
  }

  // ---------------------------------------------------------------------------------------------- shutting down

  /** Kills the brokers and deletes the cluster's directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
    if (launcher != null) {
      // The broker recording the CDS archive writes it on an orderly exit only.
      nodes.stream().filter(node -> launcher.cds().isRecording(node)).forEach(node -> {
        node.stop(STOP_TIMEOUT);
        launcher.cds().brokerExited(node);
      });
    }
    killAllBrokers();
    Workspace.unregister(this);
    FileTree.deleteQuietly(dir);
  }

  /** SIGKILL to every broker, without waiting for locks: also used by the JVM shutdown hook. */
  void killAllBrokers() {
    for (BrokerNode node : nodes) {
      Process process = node.process();
      if (process != null) {
        process.destroyForcibly();
      }
    }
    for (BrokerNode node : nodes) {
      Process process = node.process();
      if (process != null) {
        try {
          process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Whether brokers were killed, stopped or restarted: a shared cluster is then not handed on. */
  boolean wasDisturbed() {
    return disturbed;
  }

  boolean isClosed() {
    return closed;
  }

  ClusterSpec spec() {
    return spec;
  }

  @Override
  public String toString() {
    return "KafkaCluster[" + spec.describe() + ", " + bootstrapServers() + ", " + dir + "]";
  }

  // --------------------------------------------------------------------------------------------------- helpers

  private BrokerNode node(int brokerId) {
    if (brokerId < 1 || brokerId > nodes.size()) {
      throw new IllegalArgumentException("no broker " + brokerId + "; the ids are " + brokerIds());
    }
    return nodes.get(brokerId - 1);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the cluster is closed");
    }
  }

  private static Duration remaining(long deadlineNanos) {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /** The future's value; failures are rethrown as the Kafka exception (unchecked) that caused them. */
  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer from the cluster in " + ADMIN_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Polls {@code problem} until it returns null (no problem left). Exceptions count as "not yet", except {@link
   * BrokerNotRunningException}, which no amount of waiting cures.
   */
  private static void awaitCondition(String what, Duration timeout, Supplier<String> problem) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastProblem = "not checked";
    RuntimeException lastFailure = null;
    while (true) {
      try {
        lastProblem = problem.get();
        if (lastProblem == null) {
          return;
        }
        lastFailure = null;
      } catch (BrokerNotRunningException e) {
        throw e;
      } catch (RuntimeException e) {
        lastFailure = e;
        lastProblem = e.toString();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("waited " + timeout.toMillis() / 1000.0 + " s for " + what + "; last: "
            + lastProblem, lastFailure);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  /** A broker is down that waiting will not bring back. */
  private static final class BrokerNotRunningException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    BrokerNotRunningException(String message) {
      super(message);
    }
  }
}

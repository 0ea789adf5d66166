package io.rdkafka.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a node's server.properties, tuned for fast tests, and the log4j2 configurations. */
final class BrokerConfig {
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String SASL_MECHANISMS = "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512";

  private BrokerConfig() {}

  static Map<String, String> forNode(BrokerNode node, List<BrokerNode> nodes, ClusterSpec spec, TlsMaterial tls) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("node.id", Integer.toString(node.id));
    config.put("process.roles", node.controller ? "broker,controller" : "broker");
    // A static quorum of the combined nodes: no dynamic-quorum bootstrapping to get right.
    config.put("controller.quorum.voters", nodes.stream().filter(n -> n.controller)
        .map(n -> n.id + "@" + BrokerNode.HOST + ":" + n.controllerPort).collect(Collectors.joining(",")));
    config.put("controller.listener.names", CONTROLLER_LISTENER);
    config.put("inter.broker.listener.name", ListenerKind.PLAINTEXT.listenerName());

    List<String> listeners = new ArrayList<>();
    List<String> advertised = new ArrayList<>();
    List<String> protocols = new ArrayList<>(List.of(CONTROLLER_LISTENER + ":PLAINTEXT"));
    for (ListenerKind kind : ListenerKind.values()) {
      if (spec.listeners().contains(kind)) {
        String endpoint = kind.listenerName() + "://" + node.address(kind);
        listeners.add(endpoint);
        advertised.add(endpoint);
        protocols.add(kind.listenerName() + ":" + kind.securityProtocol());
      }
    }
    if (node.controller) {
      listeners.add(CONTROLLER_LISTENER + "://" + BrokerNode.HOST + ":" + node.controllerPort);
    }
    config.put("listeners", String.join(",", listeners));
    config.put("advertised.listeners", String.join(",", advertised));
    config.put("listener.security.protocol.map", String.join(",", protocols));
    config.put("log.dirs", node.dataDir().toString());

    int replication = spec.internalReplicationFactor();
    String minIsr = Integer.toString(replication >= 3 ? 2 : 1);
    config.put("default.replication.factor", Integer.toString(replication));
    config.put("offsets.topic.replication.factor", Integer.toString(replication));
    config.put("transaction.state.log.replication.factor", Integer.toString(replication));
    config.put("transaction.state.log.min.isr", minIsr);
    config.put("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
    config.put("share.coordinator.state.topic.min.isr", minIsr);
    // Fewer internal partitions: the first consumer group or transaction creates them all.
    config.put("offsets.topic.num.partitions", "5");
    config.put("transaction.state.log.num.partitions", "5");
    config.put("num.partitions", "1");
    config.put("group.initial.rebalance.delay.ms", "0");
    config.put("auto.create.topics.enable", Boolean.toString(spec.autoCreateTopics()));
    // A killed broker is fenced, and its partitions get new leaders, after 4 s rather than 9 s.
    config.put("broker.session.timeout.ms", "4000");
    config.put("broker.heartbeat.interval.ms", "500");
    // Sized for a test machine: the default dedupe buffer alone is 128 MiB of heap.
    config.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
    config.put("num.network.threads", "2");
    config.put("num.io.threads", "4");

    if (spec.needsTls()) {
      config.put("ssl.keystore.type", "PKCS12");
      config.put("ssl.keystore.location", tls.brokerKeystore().toString());
      config.put("ssl.keystore.password", tls.password());
      config.put("ssl.key.password", tls.password());
      config.put("ssl.truststore.type", "PKCS12");
      config.put("ssl.truststore.location", tls.truststore().toString());
      config.put("ssl.truststore.password", tls.password());
      if (spec.sslClientAuth()) {
        config.put("listener.name.ssl.ssl.client.auth", "required");
      }
    }
    String plainUsers = spec.saslUsers().entrySet().stream()
        .map(user -> " user_" + user.getKey() + "=\"" + user.getValue() + "\"")
        .sorted().collect(Collectors.joining());
    for (ListenerKind kind : List.of(ListenerKind.SASL_PLAINTEXT, ListenerKind.SASL_SSL)) {
      if (spec.listeners().contains(kind)) {
        String prefix = "listener.name." + kind.listenerName().toLowerCase() + ".";
        config.put(prefix + "sasl.enabled.mechanisms", SASL_MECHANISMS);
        config.put(prefix + "plain.sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required" + plainUsers + ";");
        String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
        config.put(prefix + "scram-sha-256.sasl.jaas.config", scram);
        config.put(prefix + "scram-sha-512.sasl.jaas.config", scram);
      }
    }
    if (spec.listeners().contains(ListenerKind.OAUTHBEARER)) {
      // No callback handler configured: the broker accepts unsecured (unsigned) JWTs.
      String prefix = "listener.name." + ListenerKind.OAUTHBEARER.listenerName().toLowerCase() + ".";
      config.put(prefix + "sasl.enabled.mechanisms", "OAUTHBEARER");
      config.put(prefix + "oauthbearer.sasl.jaas.config",
          "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
              + " unsecuredLoginStringClaim_sub=\"" + ClusterOptions.ADMIN_USER + "\";");
    }
    if (spec.authorizer()) {
      config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
      config.put("super.users", "User:ANONYMOUS;User:" + ClusterOptions.ADMIN_USER);
      config.put("allow.everyone.if.no.acl.found", "false");
    }
    config.putAll(spec.brokerConfig());
    return config;
  }

  static void write(Path file, Map<String, String> config) throws IOException {
    StringBuilder text = new StringBuilder("# Written by rdkafka-testkit\n");
    config.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
    Files.writeString(file, text);
  }

  /** Escapes what java.util.Properties would read differently; '=' and ':' after the first are literal. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\n", "\\n");
  }

  /** Broker logs: everything at INFO to stdout, which goes to the node's broker.log. */
  static void writeBrokerLog4j(Path file) throws IOException {
    Files.writeString(file, log4j("INFO") + """
        # The full configuration dump of every client and server is long; server.properties is at hand.
        logger.config.name = org.apache.kafka.common.config.AbstractConfig
        logger.config.level = WARN
        """);
  }

  /** Tool (storage format) logs: warnings only. */
  static void writeToolLog4j(Path file) throws IOException {
    Files.writeString(file, log4j("WARN"));
  }

  private static String log4j(String level) {
    return """
        appender.out.type = Console
        appender.out.name = out
        appender.out.target = SYSTEM_OUT
        appender.out.layout.type = PatternLayout
        appender.out.layout.pattern = [%d] %p %m (%c)%n
        rootLogger.level = LEVEL
        rootLogger.appenderRef.out.ref = out
        """.replace("LEVEL", level);
  }
}

package io.rdkafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SecurityIT {
  @RegisterExtension
  static final KafkaClusterExtension kafka = KafkaClusterExtension.builder()
      .listeners(ListenerKind.SSL, ListenerKind.SASL_PLAINTEXT, ListenerKind.SASL_SSL, ListenerKind.OAUTHBEARER)
      .saslUser("alice", "alice-secret")
      .build();

  @Test
  void sslProducerTrustsTheGeneratedCa() throws Exception {
    KafkaCluster cluster = kafka.cluster();
    cluster.createTopic("over-tls", 1, 1);
    Properties ssl = cluster.kafkaClientsConfig(ListenerKind.SSL);
    assertEquals("PEM", ssl.get("ssl.truststore.type"));
    try (KafkaProducer<String, String> producer = Clients.producer(ssl)) {
      Clients.send(producer, "over-tls", 0, "encrypted");
    }
  }

  @Test
  void sslRejectsABrokerCertificateFromAnotherCa() {
    KafkaCluster cluster = kafka.cluster();
    Properties ssl = cluster.kafkaClientsConfig(ListenerKind.SSL);
    ssl.put("ssl.truststore.location", cluster.wrongCaCertPemPath().toString());
    assertInstanceOf(SslAuthenticationException.class, connectionFailure(ssl));
  }

  @ParameterizedTest
  @EnumSource(value = SaslMechanism.class, names = {"PLAIN", "SCRAM_SHA_256", "SCRAM_SHA_512"})
  void saslAcceptsTheRightPasswordAndRejectsAWrongOne(SaslMechanism mechanism) throws Exception {
    KafkaCluster cluster = kafka.cluster();
    connect(cluster.kafkaClientsConfig(ListenerKind.SASL_PLAINTEXT, mechanism, "alice", "alice-secret"));
    assertInstanceOf(SaslAuthenticationException.class, connectionFailure(
        cluster.kafkaClientsConfig(ListenerKind.SASL_PLAINTEXT, mechanism, "alice", "wrong-secret")));
  }

  @Test
  void saslSslCombinesTlsAndScram() throws Exception {
    KafkaCluster cluster = kafka.cluster();
    connect(cluster.kafkaClientsConfig(ListenerKind.SASL_SSL, SaslMechanism.SCRAM_SHA_512, "alice", "alice-secret"));
    connect(cluster.kafkaClientsConfig(ListenerKind.SASL_SSL)); // admin with PLAIN
  }

  @Test
  void scramUsersCanBeAddedWhileRunning() throws Exception {
    KafkaCluster cluster = kafka.cluster();
    cluster.createScramUser("bob", "bob-secret", SaslMechanism.SCRAM_SHA_256);
    connect(cluster.kafkaClientsConfig(ListenerKind.SASL_PLAINTEXT, SaslMechanism.SCRAM_SHA_256, "bob", "bob-secret"));
    // Only the SCRAM-SHA-256 credential exists.
    assertInstanceOf(SaslAuthenticationException.class, connectionFailure(
        cluster.kafkaClientsConfig(ListenerKind.SASL_PLAINTEXT, SaslMechanism.SCRAM_SHA_512, "bob", "bob-secret")));
  }

  @Test
  void oauthbearerAcceptsUnsecuredTokens() throws Exception {
    connect(kafka.cluster().kafkaClientsConfig(ListenerKind.OAUTHBEARER));
  }

  @Test
  void librdkafkaConfigNamesThePemFiles() throws Exception {
    KafkaCluster cluster = kafka.cluster();
    Map<String, String> config =
        cluster.librdkafkaConfig(ListenerKind.SASL_SSL, SaslMechanism.SCRAM_SHA_256, "alice", "alice-secret");
    assertEquals("sasl_ssl", config.get("security.protocol"));
    assertEquals("SCRAM-SHA-256", config.get("sasl.mechanisms"));
    assertEquals(cluster.caCertPemPath().toString(), config.get("ssl.ca.location"));
    assertEquals(cluster.bootstrapServers(ListenerKind.SASL_SSL), config.get("bootstrap.servers"));
    assertTrue(Files.readString(cluster.caCertPemPath()).startsWith("-----BEGIN CERTIFICATE-----"));
    assertTrue(Files.readString(cluster.wrongCaCertPemPath()).startsWith("-----BEGIN CERTIFICATE-----"));
    assertTrue(Files.readString(cluster.tls().clientKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertEquals("true", cluster.librdkafkaConfig(ListenerKind.OAUTHBEARER).get("enable.sasl.oauthbearer.unsecure.jwt"));
    assertThrows(IllegalArgumentException.class,
        () -> cluster.librdkafkaConfig(ListenerKind.SASL_SSL, SaslMechanism.OAUTHBEARER, "x", "y"));
  }

  static void connect(Properties connection) throws Exception {
    try (Admin admin = Clients.admin(connection)) {
      assertEquals(1, admin.describeCluster().nodes().get().size());
    }
  }

  static Throwable connectionFailure(Properties connection) {
    try (Admin admin = Clients.admin(connection)) {
      return assertThrows(ExecutionException.class, () -> admin.describeCluster().nodes().get()).getCause();
    }
  }
}

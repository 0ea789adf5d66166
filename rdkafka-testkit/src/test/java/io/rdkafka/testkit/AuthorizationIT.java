package io.rdkafka.testkit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

@KafkaTest(
    listeners = ListenerKind.SASL_PLAINTEXT,
    authorizer = true,
    sslClientAuth = true,
    saslUsers = "alice:alice-secret")
class AuthorizationIT {

  @Test
  void aSaslUserNeedsAnAclToWrite(KafkaCluster cluster) throws Exception {
    cluster.createTopic("guarded", 1, 1);
    Properties alice = cluster.kafkaClientsConfig(ListenerKind.SASL_PLAINTEXT, SaslMechanism.PLAIN, "alice",
        "alice-secret");
    try (KafkaProducer<String, String> producer = Clients.producer(alice)) {
      ExecutionException denied =
          assertThrows(ExecutionException.class, () -> Clients.send(producer, "guarded", 0, "no"));
      assertInstanceOf(TopicAuthorizationException.class, denied.getCause());
    }
    cluster.addAcl("User:alice", ResourceType.TOPIC, "guarded", AclOperation.WRITE, AclOperation.DESCRIBE);
    sendEventually(alice, "guarded");
  }

  @Test
  void adminIsASuperUser(KafkaCluster cluster) throws Exception {
    cluster.createTopic("admin-only", 1, 1);
    sendEventually(cluster.kafkaClientsConfig(ListenerKind.SASL_PLAINTEXT), "admin-only");
  }

  @Test
  void sslClientsAuthenticateWithTheGeneratedCertificate(KafkaCluster cluster) throws Exception {
    cluster.createTopic("mtls", 1, 1);
    cluster.addAcl(TlsMaterial.CLIENT_PRINCIPAL, ResourceType.TOPIC, "mtls", AclOperation.WRITE);
    sendEventually(cluster.kafkaClientsConfig(ListenerKind.SSL), "mtls");

    Properties withoutCertificate = cluster.kafkaClientsConfig(ListenerKind.SSL);
    withoutCertificate.keySet().removeIf(key -> key.toString().startsWith("ssl.keystore") || key.equals("ssl.key.password"));
    assertInstanceOf(SslAuthenticationException.class, SecurityIT.connectionFailure(withoutCertificate));
  }

  /** ACLs reach the broker's authorizer asynchronously: retry briefly. */
  private static void sendEventually(Properties connection, String topic) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      try (KafkaProducer<String, String> producer = Clients.producer(connection)) {
        Clients.send(producer, topic, 0, "allowed");
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicAuthorizationException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }
}

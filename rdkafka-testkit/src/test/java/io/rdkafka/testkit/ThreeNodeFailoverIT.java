package io.rdkafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

@KafkaTest(brokers = 3, shared = false)
class ThreeNodeFailoverIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void survivesTheLeaderBeingKilledAndHealsAfterItsRestart(KafkaCluster cluster) throws Exception {
    assertEquals(List.of(1, 2, 3), cluster.brokerIds());
    String topic = "replicated";
    cluster.createTopic(topic, 3, 3);
    try (KafkaProducer<String, String> producer = Clients.producer(cluster.kafkaClientsConfig(ListenerKind.PLAINTEXT))) {
      Clients.send(producer, topic, 0, "before");

      int formerLeader = cluster.leaderOf(topic, 0);
      assertTrue(cluster.brokerIds().contains(formerLeader), "leader " + formerLeader);
      cluster.killBroker(formerLeader);
      assertFalse(cluster.isBrokerRunning(formerLeader));
      assertThrows(IllegalStateException.class, () -> cluster.awaitHealthy(Duration.ofSeconds(1)));

      int newLeader = cluster.awaitLeader(topic, 0, formerLeader, TIMEOUT);
      assertNotEquals(formerLeader, newLeader);
      Clients.send(producer, topic, 0, "during"); // two of three replicas satisfy acks=all

      cluster.restartBroker(formerLeader);
      cluster.awaitHealthy(TIMEOUT);
      TopicDescription description =
          cluster.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      assertEquals(List.of(1, 2, 3),
          description.partitions().get(0).isr().stream().map(Node::id).sorted().toList());
    }
    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(cluster.kafkaClientsConfig(ListenerKind.PLAINTEXT), "failover")) {
      consumer.subscribe(List.of(topic));
      assertEquals(2, Clients.poll(consumer, 2, TIMEOUT).size());
    }
  }

  @Test
  void stopsAndRestartsABrokerGracefully(KafkaCluster cluster) {
    cluster.stopBroker(3);
    assertFalse(cluster.isBrokerRunning(3));
    cluster.restartBroker(3);
    assertTrue(cluster.isBrokerRunning(3));
    cluster.awaitHealthy(TIMEOUT);
  }
}

package io.rdkafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@KafkaTest
class SingleNodeIT {

  @BeforeAll
  static void shareTheCluster(KafkaCluster cluster) {
    SharedClusterIT.assertSameAsOtherClasses(cluster);
  }

  @Test
  void producesAndConsumesAcrossThreePartitions(KafkaCluster cluster) throws Exception {
    String topic = "single-" + UUID.randomUUID();
    cluster.createTopic(topic, 3, 1);

    try (KafkaProducer<String, String> producer = Clients.producer(cluster.kafkaClientsConfig(ListenerKind.PLAINTEXT))) {
      for (int i = 0; i < 9; i++) {
        Clients.send(producer, topic, i % 3, "value-" + i);
      }
    }
    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(cluster.kafkaClientsConfig(ListenerKind.PLAINTEXT), "group-" + topic)) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, String>> records = Clients.poll(consumer, 9, Duration.ofSeconds(30));
      assertEquals(9, records.size());
      assertEquals(Set.of(0, 1, 2), records.stream().map(ConsumerRecord::partition).collect(Collectors.toSet()));
    }

    cluster.deleteTopic(topic);
    assertFalse(cluster.admin().listTopics().names().get().contains(topic));
  }

  @Test
  void createsTopicsWithConfigsAndRejectsDuplicates(KafkaCluster cluster) throws Exception {
    String topic = "compacted-" + UUID.randomUUID();
    cluster.createTopic(topic, 1, 1, Map.of("cleanup.policy", "compact"));
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    ConfigEntry policy = cluster.admin().describeConfigs(List.of(resource)).all().get().get(resource)
        .get("cleanup.policy");
    assertEquals("compact", policy.value());
    assertThrows(TopicExistsException.class, () -> cluster.createTopic(topic, 1, 1));
    assertEquals(1, cluster.leaderOf(topic, 0));
    cluster.deleteTopic(topic);
    cluster.createTopic(topic, 2, 1); // the name is reusable at once
    cluster.deleteTopic(topic);
  }

  @Test
  void describesItself(KafkaCluster cluster) throws Exception {
    assertEquals(List.of(1), cluster.brokerIds());
    assertEquals(1, cluster.brokerCount());
    assertTrue(cluster.bootstrapServers().matches("127\\.0\\.0\\.1:\\d+"), cluster.bootstrapServers());
    assertEquals(cluster.bootstrapServers(), cluster.brokerAddress(1, ListenerKind.PLAINTEXT));
    assertEquals("4.1.1", cluster.kafkaVersion());
    assertTrue(Files.isRegularFile(cluster.dataDir().resolve("node-1/server.properties")));
    assertTrue(cluster.logTail(1, 200).contains("Kafka Server started"), cluster.logTail(1, 20));
    assertTrue(cluster.isBrokerRunning(1));
    cluster.awaitHealthy(Duration.ofSeconds(30));

    try (Admin admin = Admin.create(cluster.adminProperties())) {
      assertEquals(1, admin.describeCluster().nodes().get().size());
    }
    assertEquals("plaintext", cluster.librdkafkaConfig(ListenerKind.PLAINTEXT).get("security.protocol"));
    assertThrows(IllegalArgumentException.class, () -> cluster.bootstrapServers(ListenerKind.SSL));
    assertThrows(IllegalStateException.class, cluster::caCertPemPath);
  }
}

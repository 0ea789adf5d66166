package io.rdkafka.client.admin;

import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.InvalidReplicaAssignmentException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Admin operations where replication matters, on a 3-node cluster (one broker is stopped and restarted). */
@KafkaTest(brokers = 3, shared = false)
class AdminReplicationIT {

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return get(admin.describeTopics(List.of(topic))).get(topic);
    }

    @Test
    void replicasFollowTheAssignmentAndAPreferredLeaderElectionRestoresLeadership(KafkaCluster cluster) throws Exception {
        String topic = "replicated";
        try (Admin admin = Admin.create(KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers())
                .closeTimeout(Duration.ofSeconds(10)).build())) {
            ClusterDescription c = get(admin.describeCluster());
            assertEquals(List.of(1, 2, 3), ids(c.nodes()).stream().sorted().toList());
            assertTrue(c.nodes().contains(c.controller()), "controller " + c.controller() + " among " + c.nodes());

            ItemResults<String, Void> created = get(admin.createTopics(List.of(
                    NewTopic.withAssignment(topic, List.of(List.of(1, 2, 3), List.of(2, 3, 1))),
                    NewTopic.withAssignment("bad-assignment", List.of(List.of(1, 9))),
                    NewTopic.of("rf3", 2, 3).withConfig("min.insync.replicas", "2"))));
            assertTrue(created.succeeded(topic) && created.succeeded("rf3"), created.toString());
            assertInstanceOf(InvalidReplicaAssignmentException.class, created.error("bad-assignment"));
            cluster.awaitLeader(topic, 1, -1, Duration.ofSeconds(30));

            TopicDescription d = describe(admin, topic);
            assertEquals(List.of(1, 2, 3), ids(d.partitions().get(0).replicas()));
            assertEquals(List.of(2, 3, 1), ids(d.partitions().get(1).replicas()));
            assertEquals(1, d.partitions().get(0).leader().id(), "the first replica leads");
            assertEquals(3, describe(admin, "rf3").partitions().get(1).replicas().size());

            assertTrue(get(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3, List.of(List.of(3, 1, 2))))))
                    .allSucceeded());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            List<TopicPartitionInfo> parts;
            while ((parts = describe(admin, topic).partitions()).size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(100); // the answering broker learns of the new partition shortly after the controller
            }
            assertEquals(List.of(3, 1, 2), ids(parts.get(2).replicas()));

            Config broker2 = get(admin.describeConfigs(List.of(ConfigResource.broker(2)))).get(ConfigResource.broker(2));
            assertEquals("2", broker2.get("node.id").value());

            TopicPartition p0 = new TopicPartition(topic, 0);
            TopicPartition p1 = new TopicPartition(topic, 1);
            if (!Admin.Feature.ELECT_LEADERS.isAvailable()) {
                var e = assertThrows(UnsupportedOperationException.class,
                        () -> admin.electLeaders(ElectionType.PREFERRED, List.of(p0)));
                assertTrue(e.getMessage().contains("2.6.0"), e.getMessage());
                return; // the broker restart below is only needed for a real election
            }
            cluster.stopBroker(1);
            int interim = cluster.awaitLeader(topic, 0, 1, Duration.ofSeconds(30));
            cluster.restartBroker(1);
            cluster.awaitHealthy(Duration.ofSeconds(60));
            assertEquals(interim, describe(admin, topic).partitions().get(0).leader().id(),
                    "leadership stays away from the restarted preferred replica until an election");

            ItemResults<TopicPartition, Void> elected = get(admin.electLeaders(ElectionType.PREFERRED, List.of(p0, p1)));
            assertTrue(elected.succeeded(p0), elected.toString());
            KafkaException notNeeded = elected.error(p1);
            assertNotNull(notNeeded, "partition 1's preferred replica already leads");
            assertEquals(RdKafka.RD_KAFKA_RESP_ERR_ELECTION_NOT_NEEDED, notNeeded.code());
            assertEquals(1, cluster.leaderOf(topic, 0), "Kafka's own client sees the preferred leader back");
        }
    }
}

package io.rdkafka.client.admin;

import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.TimeoutException;
import io.rdkafka.client.errors.TopicAuthorizationException;
import io.rdkafka.client.errors.UnsupportedVersionException;
import io.rdkafka.client.mock.MockCluster;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaLibrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Admin on librdkafka's mock cluster (which answers Metadata, ListOffsets, OffsetCommit and OffsetFetch but
 * no admin-only request) and without any broker.
 */
class AdminMockTest {
    private static MockCluster mock;
    private static Admin admin;

    @BeforeAll
    static void start() {
        mock = MockCluster.start(3);
        mock.createTopic("orders", 3, 2);
        mock.createTopic("audit", 1, 1);
        admin = Admin.create(mock.clientConfig().build());
    }

    @AfterAll
    static void stop() {
        if (admin != null) admin.close();
        if (mock != null) mock.close();
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        return e.getCause();
    }

    /** An admin client whose only broker never answers. */
    private static Admin unreachable() {
        return Admin.create(KafkaConfig.builder().bootstrapServers("127.0.0.1:1")
                .set("reconnect.backoff.max.ms", "1000").closeTimeout(Duration.ofSeconds(1)).build());
    }

    @Test
    void listTopicsReportsTheMockTopicsWithTheirPartitionCounts() throws Exception {
        List<TopicListing> topics = get(admin.listTopics());
        assertEquals(List.of(new TopicListing("audit", 1, false), new TopicListing("orders", 3, false)),
                topics.stream().filter(t -> Set.of("audit", "orders").contains(t.name())).toList());
        assertEquals(topics.stream().map(TopicListing::name).sorted().toList(),
                topics.stream().map(TopicListing::name).toList(), "sorted by name");
    }

    @Test
    void describeClusterAnswersFromMetadataOnTheMockCluster() throws Exception {
        // librdkafka 2.3+ sends DescribeCluster to the controller, which the mock cluster does not name: the admin
        // client takes the metadata path there on every version (the native path: AdminIT), within its timeout
        long t0 = System.nanoTime();
        ClusterDescription cluster = get(admin.describeCluster(AdminOptions.defaults().withRequestTimeout(Duration.ofSeconds(5))));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(3).toNanos(), "answered, not timed out");
        assertEquals(List.of(1, 2, 3), cluster.nodes().stream().map(Node::id).toList());
        for (Node n : cluster.nodes()) {
            assertTrue(mock.bootstrapServers().contains(n.host() + ":" + n.port()), n + " not in " + mock.bootstrapServers());
        }
        assertTrue(cluster.clusterId().startsWith("mockCluster"), cluster.clusterId());
        assertNull(cluster.controller(), "the mock's controller id 0 is no broker's");
        assertNull(cluster.authorizedOperations(), "not requested");
    }

    @Test
    void describeTopicsGivesLeadersAndReplicasAndPerTopicErrors() throws Exception {
        // as describeCluster: from metadata on the mock cluster whatever the version (native: AdminIT)
        mock.setPartitionLeader("orders", 1, 3);
        mock.createTopic("secret", 1, 1);
        mock.setTopicError("secret", RdKafka.RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED);
        ItemResults<String, TopicDescription> r = get(admin.describeTopics(List.of("orders", "secret")));
        assertEquals(List.of("orders", "secret"), List.copyOf(r.items()));
        TopicDescription orders = r.get("orders");
        assertEquals(List.of(0, 1, 2), orders.partitions().stream().map(TopicPartitionInfo::partition).toList());
        assertFalse(orders.internal());
        assertNull(orders.topicId(), "metadata has no topic ids");
        for (TopicPartitionInfo p : orders.partitions()) {
            assertTrue(p.replicas().contains(p.leader()), p.toString());
            assertTrue(p.leader().port() > 0 && p.leader().host() != null, "leader resolved to its broker: " + p);
        }
        assertEquals(3, orders.partitions().get(1).leader().id(), "setPartitionLeader moved it");
        KafkaException e = r.error("secret");
        assertInstanceOf(TopicAuthorizationException.class, e);
        assertTrue(e.getMessage().contains("secret"), e.getMessage());
        assertThrows(TopicAuthorizationException.class, () -> r.get("secret"));
        KafkaException all = assertThrows(KafkaException.class, r::all);
        assertSame(e, all);
        assertFalse(r.allSucceeded());
        assertEquals(Set.of("orders"), r.values().keySet());
    }

    @Test
    void listOffsetsFindsEarliestAndLatest() throws Exception {
        try (var p = Producer.create(mock.clientConfig().linger(Duration.ofMillis(1)).build(),
                Serdes.stringSerializer(), Serdes.stringSerializer())) {
            for (int i = 0; i < 7; i++) p.send(new ProducerRecord<>("audit", 0, "k", "v" + i));
            p.flush(Duration.ofSeconds(30));
        }
        TopicPartition tp = new TopicPartition("audit", 0);
        TopicPartition empty = new TopicPartition("orders", 2);
        TopicPartition missing = new TopicPartition("audit", 9);
        assertEquals(0, get(admin.listOffsets(Map.of(tp, OffsetSpec.earliest()))).get(tp).offset());
        ItemResults<TopicPartition, ListOffsetsResultInfo> r = get(admin.listOffsets(Map.of(
                tp, OffsetSpec.latest(), empty, OffsetSpec.latest(), missing, OffsetSpec.latest())));
        assertEquals(7, r.get(tp).offset());
        assertEquals(0, r.get(empty).offset());
        assertNotNull(r.error(missing), "partition 9 of a 1-partition topic: " + r);
        assertFalse(r.succeeded(missing));
    }

    @Test
    void consumerGroupOffsetsAlteredThenListedWithMetadata() throws Exception {
        String group = "g-alter-list";
        TopicPartition o0 = new TopicPartition("orders", 0);
        TopicPartition o2 = new TopicPartition("orders", 2);
        ItemResults<TopicPartition, Void> altered = get(admin.alterConsumerGroupOffsets(group,
                Map.of(o0, new OffsetAndMetadata(5, "checkpoint-5"))));
        assertTrue(altered.allSucceeded(), altered.toString());
        assertEquals(Set.of(o0), altered.items());

        ItemResults<TopicPartition, OffsetAndMetadata> listed = get(admin.listConsumerGroupOffsets(group,
                List.of(o0, o2), AdminOptions.DEFAULTS));
        assertEquals(5, listed.get(o0).offset());
        assertEquals("checkpoint-5", listed.get(o0).metadata());
        assertTrue(listed.succeeded(o2));
        assertNull(listed.get(o2), "no offset committed for orders-2");
    }

    @Test
    void requestsTheMockDoesNotImplementFailPerItemOrPerBrokerWithUnsupportedVersion() throws Exception {
        TopicPartition tp = new TopicPartition("orders", 0);
        ItemResults<TopicPartition, Long> deleted = get(admin.deleteRecords(Map.of(tp, 1L)));
        assertInstanceOf(UnsupportedVersionException.class, deleted.error(tp));
        assertTrue(deleted.error(tp).getMessage().startsWith("deleteRecords orders-0"), deleted.error(tp).getMessage());

        ConsumerGroupListings listed = get(admin.listConsumerGroups());
        assertEquals(List.of(), listed.groups());
        assertEquals(3, listed.errors().size(), "one error per broker: " + listed.errors());
        listed.errors().forEach(e -> assertInstanceOf(UnsupportedVersionException.class, e));
    }

    @Test
    void groupRequestsAreNotSentToTheMockWhereLibrdkafkaWouldAbortOrHang() throws Exception {
        try (Admin fresh = Admin.create(mock.clientConfig().build())) { // cluster id not known yet
            KafkaException e = get(fresh.deleteConsumerGroups(List.of("g1", "g2"))).error("g2");
            assertInstanceOf(UnsupportedVersionException.class, e);
            assertTrue(e.getMessage().contains("#3663"), e.getMessage());
            Throwable t = failure(fresh.deleteConsumerGroupOffsets("g1", List.of(new TopicPartition("orders", 0))));
            assertInstanceOf(UnsupportedVersionException.class, t);
            assertInstanceOf(UnsupportedVersionException.class, get(fresh.describeConsumerGroups(List.of("g1"))).error("g1"));
            assertTrue(get(fresh.listTopics()).stream().anyMatch(x -> x.name().equals("orders")), "still works");
        } // and closes
    }

    @Test
    void operationsMissingFromTheLoadedLibraryThrowNamingTheVersion() {
        record Case(Admin.Feature feature, String version, Executable call) {
        }
        TopicPartition tp = new TopicPartition("orders", 0);
        Admin a = unreachable(); // closed at the end: it fails what the available operations sent
        List<Case> cases = List.of(
                new Case(Admin.Feature.INCREMENTAL_ALTER_CONFIGS, "2.2.0", () -> a.incrementalAlterConfigs(
                        Map.of(ConfigResource.topic("orders"), List.of(AlterConfigOp.set("retention.ms", "1000"))))),
                new Case(Admin.Feature.USER_SCRAM_CREDENTIALS, "2.2.0", () -> a.describeUserScramCredentials(List.of())),
                new Case(Admin.Feature.USER_SCRAM_CREDENTIALS, "2.2.0", () -> a.alterUserScramCredentials(List.of(
                        UserScramCredentialAlteration.delete("alice", ScramMechanism.SCRAM_SHA_256)))),
                new Case(Admin.Feature.ELECT_LEADERS, "2.6.0", () -> a.electLeaders(ElectionType.PREFERRED, List.of(tp))),
                new Case(Admin.Feature.AUTHORIZED_OPERATIONS, "2.3.0", () -> a.describeCluster(
                        AdminOptions.DEFAULTS.withIncludeAuthorizedOperations(true))),
                new Case(Admin.Feature.LIST_OFFSETS, "2.3.0", () -> a.listOffsets(Map.of(tp, OffsetSpec.maxTimestamp()))));
        int unsupported = 0;
        try {
            for (Case c : cases) {
                assertEquals(c.version(), c.feature().sinceVersion());
                if (c.feature().isAvailable()) {
                    assertDoesNotThrow(c.call(), c.feature() + " is available");
                } else {
                    unsupported++;
                    var e = assertThrows(UnsupportedOperationException.class, c.call(), c.feature().name());
                    assertTrue(e.getMessage().contains("needs librdkafka " + c.version()), e.getMessage());
                    assertTrue(e.getMessage().contains(RdKafkaLibrary.versionString()), e.getMessage());
                }
            }
        } finally {
            a.close(Duration.ZERO);
        }
        if (!RdKafkaLibrary.isAtLeast(2, 2, 0)) assertEquals(cases.size(), unsupported, "2.0.x lacks all of them");
    }

    @Test
    void aDryRunIsRefusedWhereTheOperationWouldAct() {
        try (Admin a = unreachable()) {
            AdminOptions dryRun = AdminOptions.DEFAULTS.withValidateOnly(true);
            var e = assertThrows(IllegalArgumentException.class, () -> a.deleteTopics(List.of("orders"), dryRun));
            assertTrue(e.getMessage().contains("cannot validate only"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> a.deleteConsumerGroups(List.of("g"), dryRun));
            assertThrows(IllegalArgumentException.class, () -> a.deleteRecords(Map.of(new TopicPartition("orders", 0), 1L), dryRun));
            assertEquals(0, a.pendingCount(), "nothing was sent");
        }
    }

    @Test
    void invalidArgumentsThrowAtOnceWithLibrdkafkasReason() {
        try (Admin a = unreachable()) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> a.createTopics(List.of(NewTopic.of("t", -5, 1))));
            assertTrue(e.getMessage().contains("num_partitions"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> a.createAcls(List.of(new AclBinding(
                    ResourceType.ANY, "x", PatternType.LITERAL, "User:a", "*", AclOperation.READ, AclPermissionType.ALLOW))));
            assertThrows(IllegalArgumentException.class,
                    () -> new NewTopic("t", 2, 3, Map.of(0, List.of(1), 1, List.of(2)), Map.of()));
            assertEquals(0, a.pendingCount());
        }
    }

    @Test
    void emptyRequestsCompleteAtOnceWithoutARequest() throws Exception {
        assertTrue(admin.createTopics(List.of()).isDone());
        assertEquals(Set.of(), get(admin.deleteTopics(List.of())).items());
        assertTrue(admin.describeConfigs(List.of()).isDone());
    }

    @Test
    void aRequestNoBrokerAnswersFailsWithTimeoutException() {
        try (Admin a = unreachable()) {
            long t0 = System.nanoTime();
            Throwable t = failure(a.deleteTopics(List.of("x"), AdminOptions.DEFAULTS.withRequestTimeout(Duration.ofMillis(500))));
            assertInstanceOf(TimeoutException.class, t);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
        }
    }

    @Test
    void closeFailsWhatIsInFlightAndLaterCallsThrow() throws Exception {
        Admin a = unreachable();
        CompletableFuture<ItemResults<String, Void>> native1 = a.deleteConsumerGroups(List.of("g"),
                AdminOptions.DEFAULTS.withRequestTimeout(Duration.ofSeconds(60)));
        CompletableFuture<List<TopicListing>> fallback = a.listTopics(false,
                AdminOptions.DEFAULTS.withRequestTimeout(Duration.ofMillis(1500)));
        assertEquals(2, a.pendingCount());
        long t0 = System.nanoTime();
        a.close(Duration.ofMillis(200));
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(closeMs < 5000, "close took " + closeMs + " ms");
        for (CompletableFuture<?> f : List.of(native1, fallback)) {
            assertTrue(f.isDone(), "a future was left pending");
            Throwable t = failure(f);
            assertInstanceOf(KafkaException.class, t);
            assertEquals(RdKafka.RD_KAFKA_RESP_ERR__DESTROY, ((KafkaException) t).code(), t.toString());
        }
        assertEquals(0, a.pendingCount());
        assertThrows(IllegalStateException.class, () -> a.describeCluster());
        assertThrows(IllegalStateException.class, () -> a.listTopics());
        assertThrows(IllegalStateException.class, () -> a.createTopics(List.of(NewTopic.of("t", 1, 1))));
        a.close(); // idempotent
    }

    @Test
    void closeWaitsForAnAnswerThatIsOnItsWay() throws Exception {
        mock.setRtt(1, Duration.ofMillis(300));
        mock.setRtt(2, Duration.ofMillis(300));
        mock.setRtt(3, Duration.ofMillis(300));
        try {
            Admin a = Admin.create(mock.clientConfig().build());
            CompletableFuture<ItemResults<TopicPartition, OffsetAndMetadata>> f =
                    a.listConsumerGroupOffsets("g-close", List.of(new TopicPartition("orders", 0)), AdminOptions.DEFAULTS);
            a.close(Duration.ofSeconds(20));
            assertTrue(f.isDone());
            assertTrue(get(f).succeeded(new TopicPartition("orders", 0)), "completed normally, not failed by close");
        } finally {
            mock.setRtt(1, Duration.ZERO);
            mock.setRtt(2, Duration.ZERO);
            mock.setRtt(3, Duration.ZERO);
        }
    }
}

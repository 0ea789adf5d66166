package io.rdkafka.client.admin;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.GroupIdNotFoundException;
import io.rdkafka.client.errors.GroupNotEmptyException;
import io.rdkafka.client.errors.InvalidConfigurationException;
import io.rdkafka.client.errors.InvalidPartitionsException;
import io.rdkafka.client.errors.InvalidReplicationFactorException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.SecurityDisabledException;
import io.rdkafka.client.errors.TopicExistsException;
import io.rdkafka.client.errors.UnknownTopicOrPartitionException;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every admin operation the loaded librdkafka supports, against a real single-node Kafka broker (the test kit's
 * shared default cluster, auto topic creation on), cross-checked with Kafka's own Java admin client where the
 * result would otherwise only be read back through the code under test.
 */
@KafkaTest
class AdminIT {
    private static Admin admin;

    @BeforeAll
    static void open(KafkaCluster cluster) {
        admin = Admin.create(config(cluster).build());
    }

    @AfterAll
    static void close() {
        if (admin != null) admin.close();
    }

    private static KafkaConfig.Builder config(KafkaCluster cluster) {
        return KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers()).closeTimeout(Duration.ofSeconds(10));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS)).getCause();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    private static Set<String> javaAdminTopics(KafkaCluster cluster) throws Exception {
        return cluster.admin().listTopics().names().get(30, TimeUnit.SECONDS);
    }

    @Test
    void topicsAreCreatedGrownDescribedAndDeletedWithPerTopicErrors(KafkaCluster cluster) throws Exception {
        String plain = unique("plain");
        String compacted = unique("compacted");
        String assigned = unique("assigned");
        String existing = unique("existing");
        String tooReplicated = unique("rf3");
        String dryRun = unique("dry-run");
        cluster.createTopic(existing, 1, 1);

        ItemResults<String, Void> created = get(admin.createTopics(List.of(
                NewTopic.of(plain, 3, 1),
                NewTopic.of(compacted, 1, 1).withConfig("cleanup.policy", "compact"),
                NewTopic.withAssignment(assigned, List.of(List.of(1), List.of(1))),
                NewTopic.of(existing, 1, 1),
                NewTopic.of(tooReplicated, 1, 3))));
        assertEquals(List.of(plain, compacted, assigned, existing, tooReplicated), List.copyOf(created.items()));
        assertEquals(Set.of(plain, compacted, assigned), created.values().keySet());
        assertInstanceOf(TopicExistsException.class, created.error(existing));
        assertInstanceOf(InvalidReplicationFactorException.class, created.error(tooReplicated));

        assertTrue(get(admin.createTopics(List.of(NewTopic.of(dryRun, 1, 1)), AdminOptions.DEFAULTS.withValidateOnly(true)))
                .allSucceeded());
        Set<String> names = javaAdminTopics(cluster);
        assertTrue(names.containsAll(Set.of(plain, compacted, assigned)), names.toString());
        assertFalse(names.contains(dryRun), "validate-only created the topic");
        await("created topics in our listing", () -> {
            try {
                return get(admin.listTopics()).stream().map(TopicListing::name).toList().containsAll(List.of(plain, compacted));
            } catch (Exception e) {
                return false;
            }
        });
        TopicListing listed = get(admin.listTopics()).stream().filter(t -> t.name().equals(plain)).findFirst().orElseThrow();
        assertEquals(3, listed.partitions());
        assertFalse(get(admin.listTopics()).stream().anyMatch(TopicListing::internal), "internal topics only on request");

        ItemResults<String, TopicDescription> described = get(admin.describeTopics(List.of(plain, assigned, "no-such-" + plain)));
        TopicDescription d = described.get(plain);
        assertEquals(3, d.partitions().size());
        for (TopicPartitionInfo p : d.partitions()) {
            assertEquals(1, p.leader().id());
            assertEquals(List.of(1), p.replicas().stream().map(Node::id).toList());
            assertEquals(List.of(1), p.isr().stream().map(Node::id).toList());
        }
        assertEquals(2, described.get(assigned).partitions().size());
        assertInstanceOf(UnknownTopicOrPartitionException.class, described.error("no-such-" + plain));
        assertFalse(javaAdminTopics(cluster).contains("no-such-" + plain), "describing must not auto-create");
        if (Admin.Feature.DESCRIBE_TOPICS.isAvailable()) {
            String javaId = cluster.admin().describeTopics(List.of(plain)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(plain).topicId().toString();
            assertEquals(javaId, d.topicId());
        } else {
            assertNull(d.topicId());
        }

        ItemResults<String, Void> grown = get(admin.createPartitions(Map.of(plain, NewPartitions.increaseTo(5),
                compacted, NewPartitions.increaseTo(1))));
        assertTrue(grown.succeeded(plain));
        assertInstanceOf(InvalidPartitionsException.class, grown.error(compacted));
        // the broker's metadata may lag the controller's answer by a moment (KRaft): 5 partitions, eventually
        await(plain + " with 5 partitions in Kafka's admin client", () -> {
            try {
                return cluster.admin().describeTopics(List.of(plain)).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(plain).partitions().size() == 5;
            } catch (Exception e) {
                return false;
            }
        });

        ItemResults<String, Void> deleted = get(admin.deleteTopics(List.of(plain, compacted, assigned, "no-such-" + plain)));
        assertEquals(Set.of(plain, compacted, assigned), deleted.values().keySet());
        assertInstanceOf(UnknownTopicOrPartitionException.class, deleted.error("no-such-" + plain));
        await("deleted topics gone", () -> {
            try {
                return !javaAdminTopics(cluster).contains(plain);
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void describeConfigsShowsValuesSourcesAndFlagsAndTheChangesOfAlter(KafkaCluster cluster) throws Exception {
        String topic = unique("configs");
        cluster.createTopic(topic, 1, 1);
        ConfigResource res = ConfigResource.topic(topic);

        ConfigEntry before = get(admin.describeConfigs(List.of(res))).get(res).get("retention.ms");
        assertNotNull(before);
        assertNotEquals(ConfigSource.DYNAMIC_TOPIC_CONFIG, before.source());
        assertTrue(before.isDefault());

        ItemResults<ConfigResource, Void> altered = get(admin.alterConfigs(Map.of(
                res, Map.of("retention.ms", "123456789"),
                ConfigResource.topic("no-such-" + topic), Map.of("retention.ms", "1"))));
        assertTrue(altered.succeeded(res), altered.toString());
        assertInstanceOf(UnknownTopicOrPartitionException.class, altered.error(ConfigResource.topic("no-such-" + topic)));

        // the broker applies the change from the metadata log a moment after the controller accepted it
        ConfigEntry after = get(admin.describeConfigs(List.of(res))).get(res).get("retention.ms");
        for (long until = System.nanoTime() + 20_000_000_000L; !"123456789".equals(after.value())
                && System.nanoTime() < until; ) {
            Thread.sleep(100);
            after = get(admin.describeConfigs(List.of(res))).get(res).get("retention.ms");
        }
        assertEquals("123456789", after.value());
        assertEquals(ConfigSource.DYNAMIC_TOPIC_CONFIG, after.source());
        assertFalse(after.isDefault());
        assertFalse(after.readOnly());
        assertEquals(new ConfigEntry.Synonym("retention.ms", "123456789", ConfigSource.DYNAMIC_TOPIC_CONFIG),
                after.synonyms().getFirst(), "highest precedence first: " + after.synonyms());
        assertEquals("123456789", cluster.admin().describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic))).all().get(30, TimeUnit.SECONDS)
                .values().iterator().next().get("retention.ms").value(), "Kafka's own client sees the change");

        KafkaException invalid = get(admin.alterConfigs(Map.of(res, Map.of("retention.ms", "not-a-number")))).error(res);
        assertInstanceOf(InvalidConfigurationException.class, invalid);
        assertTrue(get(admin.alterConfigs(Map.of(res, Map.of("retention.ms", "1000")),
                AdminOptions.DEFAULTS.withValidateOnly(true))).allSucceeded());
        assertEquals("123456789", get(admin.describeConfigs(List.of(res))).get(res).get("retention.ms").value(),
                "validate-only changed nothing");

        if (Admin.Feature.INCREMENTAL_ALTER_CONFIGS.isAvailable()) {
            assertTrue(get(admin.incrementalAlterConfigs(Map.of(res, List.of(AlterConfigOp.delete("retention.ms"),
                    AlterConfigOp.set("segment.ms", "7200000"))))).allSucceeded());
            Config c = get(admin.describeConfigs(List.of(res))).get(res);
            assertTrue(c.get("retention.ms").isDefault(), "deleted: back to the default");
            assertEquals("7200000", c.get("segment.ms").value());
        } else {
            assertThrows(UnsupportedOperationException.class, () -> admin.incrementalAlterConfigs(
                    Map.of(res, List.of(AlterConfigOp.set("segment.ms", "7200000")))));
        }

        Config broker = get(admin.describeConfigs(List.of(ConfigResource.broker(1)))).get(ConfigResource.broker(1));
        assertTrue(broker.entries().size() > 100, "a broker has hundreds of configurations: " + broker.entries().size());
        assertTrue(broker.get("node.id").readOnly());
        assertEquals("1", broker.get("node.id").value());
        List<ConfigEntry> sensitive = broker.entries().stream().filter(ConfigEntry::sensitive).toList();
        assertFalse(sensitive.isEmpty());
        sensitive.forEach(e -> assertNull(e.value(), e.name() + " is sensitive: never shown"));
    }

    @Test
    void deletedRecordsMoveTheEarliestOffsetWhichListOffsetsReports(KafkaCluster cluster) throws Exception {
        String topic = unique("records");
        cluster.createTopic(topic, 2, 1);
        long t0 = System.currentTimeMillis();
        try (var p = Producer.create(config(cluster).linger(Duration.ofMillis(1)).build(), Serdes.stringSerializer(),
                Serdes.stringSerializer())) {
            for (int i = 0; i < 10; i++) p.send(new ProducerRecord<>(topic, 0, t0 + i * 1000L, "k", "v" + i, io.rdkafka.client.Headers.of()));
            p.flush(Duration.ofSeconds(30));
        }
        TopicPartition tp0 = new TopicPartition(topic, 0);
        TopicPartition tp1 = new TopicPartition(topic, 1);
        TopicPartition missing = new TopicPartition(topic, 7);

        ItemResults<TopicPartition, Long> deleted = get(admin.deleteRecords(Map.of(tp0, 4L, tp1, -1L, missing, 1L)));
        assertEquals(4L, deleted.get(tp0), "new low watermark");
        assertEquals(0L, deleted.get(tp1));
        assertInstanceOf(UnknownTopicOrPartitionException.class, deleted.error(missing));

        var offsets = get(admin.listOffsets(Map.of(tp0, OffsetSpec.earliest(), tp1, OffsetSpec.latest())));
        assertEquals(4, offsets.get(tp0).offset());
        assertEquals(0, offsets.get(tp1).offset());
        assertEquals(10, get(admin.listOffsets(Map.of(tp0, OffsetSpec.latest()))).get(tp0).offset());
        ListOffsetsResultInfo byTime = get(admin.listOffsets(Map.of(tp0, OffsetSpec.forTimestamp(t0 + 6500)))).get(tp0);
        assertEquals(7, byTime.offset(), "first record at or after the timestamp");
        if (Admin.Feature.LIST_OFFSETS.isAvailable()) {
            assertEquals(t0 + 7000, byTime.timestamp());
            ListOffsetsResultInfo max = get(admin.listOffsets(Map.of(tp0, OffsetSpec.maxTimestamp()))).get(tp0);
            assertEquals(9, max.offset());
            assertEquals(t0 + 9000, max.timestamp());
        }
    }

    @Test
    void consumerGroupsAreListedDescribedAndTheirOffsetsManaged(KafkaCluster cluster) throws Exception {
        String topic = unique("groups");
        String active = unique("active");
        String idle = unique("idle");
        cluster.createTopic(topic, 2, 1);
        TopicPartition tp0 = new TopicPartition(topic, 0);
        TopicPartition tp1 = new TopicPartition(topic, 1);

        // an idle group with committed offsets, made by the admin client alone
        assertTrue(get(admin.alterConsumerGroupOffsets(idle, Map.of(tp0, new OffsetAndMetadata(3, "m3"),
                tp1, new OffsetAndMetadata(5)))).allSucceeded());
        ItemResults<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(idle));
        assertEquals(new OffsetAndMetadata(3, "m3", committed.get(tp0).leaderEpoch()), committed.get(tp0));
        assertEquals(5, committed.get(tp1).offset());
        assertEquals(5, cluster.admin().listConsumerGroupOffsets(idle).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS).get(new org.apache.kafka.common.TopicPartition(topic, 1)).offset());

        assertTrue(get(admin.deleteConsumerGroupOffsets(idle, List.of(tp1))).allSucceeded());
        ItemResults<TopicPartition, OffsetAndMetadata> afterDelete = get(admin.listConsumerGroupOffsets(idle,
                List.of(tp0, tp1), AdminOptions.DEFAULTS.withRequireStableOffsets(true)));
        assertEquals(3, afterDelete.get(tp0).offset());
        assertNull(afterDelete.get(tp1), "its offset was deleted");

        try (var consumer = Consumer.create(config(cluster).groupId(active).clientId("admin-it-member")
                .set("session.timeout.ms", "10000").build(), Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) consumer.poll(Duration.ofMillis(100));
            assertEquals(Set.of(tp0, tp1), consumer.assignment());

            ConsumerGroupListings listings = get(admin.listConsumerGroups());
            assertEquals(ConsumerGroupState.STABLE, listings.get(active).state());
            assertEquals(ConsumerGroupState.EMPTY, listings.get(idle).state());
            assertTrue(get(admin.listConsumerGroups(Set.of(ConsumerGroupState.EMPTY), AdminOptions.DEFAULTS)).groups()
                    .stream().noneMatch(g -> g.groupId().equals(active)), "filtered by state");

            ItemResults<String, ConsumerGroupDescription> described = get(admin.describeConsumerGroups(List.of(active, idle)));
            ConsumerGroupDescription a = described.get(active);
            assertEquals(ConsumerGroupState.STABLE, a.state());
            assertFalse(a.simple());
            assertEquals(1, a.coordinator().id());
            assertEquals(1, a.members().size());
            MemberDescription m = a.members().getFirst();
            assertEquals("admin-it-member", m.clientId());
            assertEquals(Set.of(tp0, tp1), Set.copyOf(m.assignment()));
            assertFalse(a.partitionAssignor().isEmpty());
            assertEquals(List.of(), described.get(idle).members());

            KafkaException notEmpty = get(admin.deleteConsumerGroups(List.of(active))).error(active);
            assertInstanceOf(GroupNotEmptyException.class, notEmpty);
        }
        ItemResults<String, Void> deleted = get(admin.deleteConsumerGroups(List.of(idle, "no-such-" + idle)));
        assertTrue(deleted.succeeded(idle));
        assertInstanceOf(GroupIdNotFoundException.class, deleted.error("no-such-" + idle));
        assertNull(get(admin.listConsumerGroups()).get(idle));
    }

    @Test
    void groupTypesAndTargetAssignmentsAreReportedWhereTheLibraryHasThem(KafkaCluster cluster) throws Exception {
        String topic = unique("group-types");
        String modern = unique("kip848");
        String classic = unique("classic");
        cluster.createTopic(topic, 2, 1);
        boolean kip848 = io.rdkafka.ffm.RdKafkaLibrary.isAtLeast(2, 4, 0);
        boolean listingTypes = io.rdkafka.ffm.RdKafkaLibrary.isAtLeast(2, 6, 0);
        boolean descriptionTypes = io.rdkafka.ffm.RdKafkaLibrary.isAtLeast(2, 10, 0);
        KafkaConfig.Builder classicConfig = config(cluster).groupId(classic).set("session.timeout.ms", "10000");
        KafkaConfig.Builder modernConfig = kip848 ? config(cluster).groupId(modern).set("group.protocol", "consumer")
                : classicConfig.build().toBuilder().groupId(modern); // before 2.4: two classic groups
        try (var c1 = Consumer.create(classicConfig.build(), Serdes.stringDeserializer(), Serdes.stringDeserializer());
             var c2 = Consumer.create(modernConfig.build(), Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            c1.subscribe(List.of(topic));
            c2.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((c1.assignment().size() < 2 || c2.assignment().size() < 2) && System.nanoTime() < deadline) {
                c1.poll(Duration.ofMillis(50));
                c2.poll(Duration.ofMillis(50));
            }
            assertEquals(2, c1.assignment().size());
            assertEquals(2, c2.assignment().size());

            ConsumerGroupListings listings = get(admin.listConsumerGroups());
            assertEquals(listingTypes ? ConsumerGroupType.CLASSIC : ConsumerGroupType.UNKNOWN, listings.get(classic).type());
            assertEquals(!listingTypes ? ConsumerGroupType.UNKNOWN : kip848 ? ConsumerGroupType.CONSUMER
                    : ConsumerGroupType.CLASSIC, listings.get(modern).type());

            ItemResults<String, ConsumerGroupDescription> described = get(admin.describeConsumerGroups(List.of(modern, classic)));
            ConsumerGroupDescription m = described.get(modern);
            ConsumerGroupDescription c = described.get(classic);
            assertEquals(1, c.members().size());
            // before 2.10.0 librdkafka describes with the classic DescribeGroups, which lists no consumer-protocol
            // members; 2.10.0 added ConsumerGroupDescribe
            assertEquals(kip848 && !descriptionTypes ? 0 : 1, m.members().size(), m.toString());
            if (descriptionTypes) {
                assertEquals(ConsumerGroupType.CONSUMER, m.type());
                assertEquals(ConsumerGroupType.CLASSIC, c.type());
                // a settled consumer-protocol member owns what the broker targets for it
                assertEquals(Set.copyOf(m.members().getFirst().assignment()),
                        Set.copyOf(m.members().getFirst().targetAssignment()));
                assertEquals(2, m.members().getFirst().targetAssignment().size());
                assertNull(c.members().getFirst().targetAssignment(), "classic members have no target assignment");
            } else {
                assertEquals(ConsumerGroupType.UNKNOWN, m.type());
                assertNull(c.members().getFirst().targetAssignment());
            }
        }
    }

    @Test
    void describeClusterMatchesKafkasOwnClient(KafkaCluster cluster) throws Exception {
        ClusterDescription d = get(admin.describeCluster());
        assertEquals(cluster.admin().describeCluster().clusterId().get(30, TimeUnit.SECONDS), d.clusterId());
        assertEquals(List.of(1), d.nodes().stream().map(Node::id).toList());
        assertEquals(cluster.bootstrapServers(), d.nodes().getFirst().host() + ":" + d.nodes().getFirst().port());
        assertEquals(d.nodes().getFirst(), d.controller());
        if (Admin.Feature.AUTHORIZED_OPERATIONS.isAvailable()) {
            Set<AclOperation> ops = get(admin.describeCluster(AdminOptions.DEFAULTS.withIncludeAuthorizedOperations(true)))
                    .authorizedOperations();
            assertNotNull(ops);
        }
    }

    @Test
    void aclRequestsWithoutAnAuthorizerFailWithSecurityDisabled() throws Exception {
        AclBinding acl = AclBinding.allow(ResourceType.TOPIC, "t", "User:alice", AclOperation.READ);
        assertInstanceOf(SecurityDisabledException.class, get(admin.createAcls(List.of(acl))).error(acl));
        assertInstanceOf(SecurityDisabledException.class,
                get(admin.deleteAcls(List.of(AclBindingFilter.ANY))).error(AclBindingFilter.ANY));
        // librdkafka drops DescribeAcls' top-level error (documented on Admin.describeAcls)
        assertEquals(List.of(), get(admin.describeAcls(AclBindingFilter.ANY)));
    }

    @Test
    void scramCredentialsAreAddedDescribedAndDeletedWhereTheLibraryCan() throws Exception {
        String user = unique("bob");
        if (!Admin.Feature.USER_SCRAM_CREDENTIALS.isAvailable()) {
            assertThrows(UnsupportedOperationException.class, () -> admin.describeUserScramCredentials(List.of(user)));
            return;
        }
        // Kafka refuses two alterations of one user in a request (DUPLICATE_RESOURCE): one request each
        assertTrue(get(admin.alterUserScramCredentials(List.of(
                UserScramCredentialAlteration.upsert(user, ScramMechanism.SCRAM_SHA_256, 8192, "bob-secret"))))
                .allSucceeded());
        assertTrue(get(admin.alterUserScramCredentials(List.of(
                UserScramCredentialAlteration.upsert(user, ScramMechanism.SCRAM_SHA_512, 4096, "bob-secret"))))
                .allSucceeded());
        await("credentials visible", () -> {
            try {
                return get(admin.describeUserScramCredentials(List.of(user))).succeeded(user);
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(Set.of(new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096)),
                Set.copyOf(get(admin.describeUserScramCredentials(List.of(user))).get(user)));
        assertTrue(get(admin.alterUserScramCredentials(List.of(
                UserScramCredentialAlteration.delete(user, ScramMechanism.SCRAM_SHA_256)))).allSucceeded());
        assertTrue(get(admin.alterUserScramCredentials(List.of(
                UserScramCredentialAlteration.delete(user, ScramMechanism.SCRAM_SHA_512)))).allSucceeded());
        await("credentials gone", () -> {
            try {
                return !get(admin.describeUserScramCredentials(List.of(user))).succeeded(user);
            } catch (Exception e) {
                return false;
            }
        });
        assertNotNull(get(admin.describeUserScramCredentials(List.of(user))).error(user));
    }
}

package io.rdkafka.kafka;

import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import io.rdkafka.testkit.ListenerKind;
import io.rdkafka.testkit.SaslMechanism;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidGroupIdException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The contract: the same scenarios against Apache Kafka's KafkaProducer/KafkaConsumer/AdminClient and against this
 * module, on a real broker, asserting the same observable results. A scenario passes for both implementations or it
 * documents a difference (docs/kafka-clients.md).
 */
@KafkaTest(listeners = {ListenerKind.SSL, ListenerKind.SASL_SSL, ListenerKind.OAUTHBEARER}, sslClientAuth = true)
class ContractIT {
    static String unique(String prefix, Impl impl) {
        return prefix + "-" + impl.name().toLowerCase() + "-" + System.nanoTime();
    }

    static Properties props(KafkaCluster cluster) {
        Properties p = cluster.kafkaClientsConfig(ListenerKind.PLAINTEXT);
        p.put("max.block.ms", "20000");
        return p;
    }

    static Properties consumerProps(KafkaCluster cluster, String group) {
        Properties p = props(cluster);
        p.remove("max.block.ms");
        if (group != null) p.put("group.id", group);
        p.put("auto.offset.reset", "earliest");
        return p;
    }

    static List<ConsumerRecord<String, String>> pollUntil(Consumer<String, String> c, int n, Duration max) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        long deadline = System.nanoTime() + max.toNanos();
        while (all.size() < n && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) all.add(r);
        }
        return all;
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void recordsPartitionsOffsetsHeadersAndTimestampsRoundTrip(Impl impl, KafkaCluster cluster) throws Exception {
        String topic = unique("roundtrip", impl);
        cluster.createTopic(topic, 3, 1);
        long ts = System.currentTimeMillis() - 60_000;
        List<RecordMetadata> sent = new ArrayList<>();
        try (Producer<String, String> p = impl.producer(props(cluster))) {
            List<Future<RecordMetadata>> fs = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                RecordHeaders h = new RecordHeaders();
                h.add("n", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                h.add("dup", null);
                h.add("dup", new byte[]{7});
                fs.add(p.send(new ProducerRecord<>(topic, null, ts + i, "key-" + i, "value-" + i, h)));
            }
            p.send(new ProducerRecord<>(topic, 1, "tombstone", null)).get(20, TimeUnit.SECONDS);
            for (Future<RecordMetadata> f : fs) sent.add(f.get(20, TimeUnit.SECONDS));
            assertEquals(3, p.partitionsFor(topic).size());
        }
        for (int i = 0; i < 30; i++) {
            int expected = Utils.toPositive(Utils.murmur2(("key-" + i).getBytes(StandardCharsets.UTF_8))) % 3;
            assertEquals(expected, sent.get(i).partition(), "key-" + i);
            assertEquals(ts + i, sent.get(i).timestamp());
            assertEquals(("key-" + i).length(), sent.get(i).serializedKeySize());
        }
        try (Consumer<String, String> c = impl.consumer(consumerProps(cluster, null))) {
            List<TopicPartition> tps = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1),
                    new TopicPartition(topic, 2));
            c.assign(tps);
            List<ConsumerRecord<String, String>> got = pollUntil(c, 31, Duration.ofSeconds(30));
            assertEquals(31, got.size());
            for (ConsumerRecord<String, String> r : got) {
                if (r.key().equals("tombstone")) {
                    assertNull(r.value());
                    assertEquals(-1, r.serializedValueSize());
                    continue;
                }
                int i = Integer.parseInt(r.key().substring(4));
                RecordMetadata md = sent.get(i);
                assertEquals(md.partition(), r.partition());
                assertEquals(md.offset(), r.offset());
                assertEquals("value-" + i, r.value());
                assertEquals(ts + i, r.timestamp());
                assertEquals(TimestampType.CREATE_TIME, r.timestampType());
                assertEquals(3, r.headers().toArray().length);
                assertArrayEquals(new byte[]{7}, r.headers().lastHeader("dup").value());
                assertNull(r.headers().toArray()[1].value());
                assertEquals(Integer.toString(i), new String(r.headers().lastHeader("n").value(), StandardCharsets.UTF_8));
            }
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            assertEquals(31L, end.values().stream().mapToLong(Long::longValue).sum());
            assertEquals(Map.of(tps.get(0), 0L, tps.get(1), 0L, tps.get(2), 0L), c.beginningOffsets(tps));
            TopicPartition p1 = tps.get(1);
            long position = c.position(p1);
            assertEquals(end.get(p1), position);
        }
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void exceptionTypes(Impl impl, KafkaCluster cluster) throws Exception {
        String topic = unique("errors", impl);
        cluster.createTopic(topic, 1, 1);
        Properties pp = props(cluster);
        pp.put("max.request.size", "2000");
        try (Producer<String, String> p = impl.producer(pp)) {
            List<Exception> callbackErrors = new CopyOnWriteArrayList<>();
            Future<RecordMetadata> f = p.send(new ProducerRecord<>(topic, "k", "x".repeat(10_000)),
                    (md, e) -> callbackErrors.add(e));
            ExecutionException ee = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
            assertInstanceOf(RecordTooLargeException.class, ee.getCause());
            assertInstanceOf(RecordTooLargeException.class, callbackErrors.getFirst());
            p.close();
            assertThrows(IllegalStateException.class, () -> p.send(new ProducerRecord<>(topic, "k", "v")));
        }
        Properties tp = props(cluster);
        tp.put("transactional.id", unique("txn-errors", impl));
        Producer<String, String> uninitialized = impl.producer(tp);
        try {
            assertThrows(IllegalStateException.class, () -> uninitialized.send(new ProducerRecord<>(topic, "k", "v")),
                    "send before initTransactions");
        } finally {
            // KafkaProducer's close() waits 120 s here for a transaction manager that was never initialized
            uninitialized.close(Duration.ofSeconds(2));
        }
        try (Consumer<String, String> c = impl.consumer(consumerProps(cluster, null))) {
            assertThrows(IllegalStateException.class, () -> c.poll(Duration.ofMillis(10)));
            assertThrows(InvalidGroupIdException.class, c::commitSync);
            TopicPartition tp0 = new TopicPartition(topic, 0);
            assertThrows(IllegalStateException.class, () -> c.position(tp0));
            c.assign(List.of(tp0));
            assertThrows(IllegalArgumentException.class, () -> c.seek(tp0, -1));
            assertThrows(IllegalStateException.class, () -> c.seek(new TopicPartition(topic, 5), 0));
            c.wakeup();
            assertThrows(WakeupException.class, () -> c.poll(Duration.ofSeconds(5)));
        }
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void rebalanceListenerCallOrder(Impl impl, KafkaCluster cluster) throws Exception {
        String topic = unique("rebalance", impl);
        cluster.createTopic(topic, 4, 1);
        String group = unique("g", impl);
        List<String> calls = new CopyOnWriteArrayList<>();
        ConsumerRebalanceListener recorder = new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                calls.add("revoked:" + partitions.size());
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                calls.add("assigned:" + partitions.size());
            }
        };
        Properties cp = consumerProps(cluster, group);
        cp.put("session.timeout.ms", "10000");
        cp.put("heartbeat.interval.ms", "500");
        try (Consumer<String, String> c1 = impl.consumer(cp)) {
            c1.subscribe(List.of(topic), recorder);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (c1.assignment().size() < 4 && System.nanoTime() < deadline) c1.poll(Duration.ofMillis(100));
            assertEquals(List.of("assigned:4"), calls, "no revoke before the first assignment");
            try (Consumer<String, String> c2 = impl.consumer(cp)) {
                c2.subscribe(List.of(topic));
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while ((c1.assignment().size() != 2 || c2.assignment().size() != 2) && System.nanoTime() < deadline) {
                    c1.poll(Duration.ofMillis(100));
                    c2.poll(Duration.ofMillis(100));
                }
                assertEquals(2, c1.assignment().size());
                assertEquals(List.of("assigned:4", "revoked:4", "assigned:2"), calls, "eager: all revoked, then the new share");
            }
        }
        assertEquals("revoked:2", calls.getLast(), "close revokes what is left: " + calls);
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void commitsCommittedAndAsyncCallbacks(Impl impl, KafkaCluster cluster) throws Exception {
        String topic = unique("commits", impl);
        cluster.createTopic(topic, 2, 1);
        try (Producer<String, String> p = impl.producer(props(cluster))) {
            for (int i = 0; i < 10; i++) p.send(new ProducerRecord<>(topic, 0, "k", "v" + i));
            p.flush();
        }
        TopicPartition tp0 = new TopicPartition(topic, 0);
        TopicPartition tp1 = new TopicPartition(topic, 1);
        Properties cp = consumerProps(cluster, unique("g", impl));
        cp.put("enable.auto.commit", "false");
        try (Consumer<String, String> c = impl.consumer(cp)) {
            c.assign(List.of(tp0, tp1));
            assertEquals(10, pollUntil(c, 10, Duration.ofSeconds(30)).size());
            Map<TopicPartition, OffsetAndMetadata> none = c.committed(Set.of(tp0, tp1));
            assertTrue(none.get(tp0) == null && none.get(tp1) == null, none.toString());
            c.commitSync(Map.of(tp0, new OffsetAndMetadata(7, "seven")));
            Map<TopicPartition, OffsetAndMetadata> got = c.committed(Set.of(tp0, tp1));
            assertEquals(7, got.get(tp0).offset());
            assertEquals("seven", got.get(tp0).metadata());
            assertNull(got.get(tp1));
            List<Map<TopicPartition, OffsetAndMetadata>> async = new CopyOnWriteArrayList<>();
            c.commitAsync((offsets, e) -> {
                assertNull(e);
                async.add(offsets);
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (async.isEmpty() && System.nanoTime() < deadline) c.poll(Duration.ofMillis(100));
            assertEquals(10, async.getFirst().get(tp0).offset(), "the position after what poll returned");
            assertEquals(10, c.committed(Set.of(tp0)).get(tp0).offset());
        }
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void transactionalVisibilityAndOffsetsInTransactions(Impl impl, KafkaCluster cluster) throws Exception {
        String in = unique("txn-in", impl);
        String out = unique("txn-out", impl);
        cluster.createTopic(in, 1, 1);
        cluster.createTopic(out, 1, 1);
        try (Producer<String, String> p = impl.producer(props(cluster))) {
            for (int i = 0; i < 5; i++) p.send(new ProducerRecord<>(in, "k" + i, "v" + i));
            p.flush();
        }
        String group = unique("txn-g", impl);
        Properties tp = props(cluster);
        tp.put("transactional.id", unique("txn", impl));
        Properties cp = consumerProps(cluster, group);
        cp.put("enable.auto.commit", "false");
        try (Producer<String, String> p = impl.producer(tp); Consumer<String, String> c = impl.consumer(cp)) {
            p.initTransactions();
            c.subscribe(List.of(in));
            List<ConsumerRecord<String, String>> got = pollUntil(c, 5, Duration.ofSeconds(30));
            assertEquals(5, got.size());
            p.beginTransaction();
            for (ConsumerRecord<String, String> r : got) p.send(new ProducerRecord<>(out, r.key(), "copied-" + r.value()));
            p.sendOffsetsToTransaction(Map.of(new TopicPartition(in, 0), new OffsetAndMetadata(5)), c.groupMetadata());
            p.commitTransaction();
            p.beginTransaction();
            for (int i = 0; i < 3; i++) p.send(new ProducerRecord<>(out, "aborted", "a" + i));
            p.flush();
            p.abortTransaction();
            assertEquals(5, c.committed(Set.of(new TopicPartition(in, 0))).get(new TopicPartition(in, 0)).offset(),
                    "offsets committed with the transaction");
        }
        TopicPartition o0 = new TopicPartition(out, 0);
        Properties rc = consumerProps(cluster, null);
        rc.put("isolation.level", "read_committed");
        try (Consumer<String, String> c = impl.consumer(rc)) {
            c.assign(List.of(o0));
            List<ConsumerRecord<String, String>> got = pollUntil(c, 8, Duration.ofSeconds(10));
            assertEquals(5, got.size(), "read_committed sees the committed records only");
            assertTrue(got.stream().allMatch(r -> r.value().startsWith("copied-")));
        }
        try (Consumer<String, String> c = impl.consumer(consumerProps(cluster, null))) {
            c.assign(List.of(o0));
            assertEquals(8, pollUntil(c, 8, Duration.ofSeconds(20)).size(), "read_uncommitted (the default) sees all");
        }
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void aFencedProducerGetsProducerFencedException(Impl impl, KafkaCluster cluster) throws Exception {
        String topic = unique("fenced", impl);
        cluster.createTopic(topic, 1, 1);
        Properties tp = props(cluster);
        tp.put("transactional.id", unique("fenced-txn", impl));
        try (Producer<String, String> first = impl.producer(tp)) {
            first.initTransactions();
            first.beginTransaction();
            first.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
            try (Producer<String, String> second = impl.producer(tp)) {
                second.initTransactions(); // takes the transactional id over
                RuntimeException e = assertThrows(RuntimeException.class, first::commitTransaction);
                Throwable fenced = e instanceof org.apache.kafka.common.errors.ProducerFencedException ? e : e.getCause();
                assertInstanceOf(org.apache.kafka.common.errors.ProducerFencedException.class, fenced, e.toString());
                second.beginTransaction();
                second.send(new ProducerRecord<>(topic, "k", "second"));
                second.commitTransaction();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void patternSubscriptionReadsEveryMatchingTopic(Impl impl, KafkaCluster cluster) throws Exception {
        String prefix = unique("pat", impl);
        cluster.createTopic(prefix + "-a", 1, 1);
        cluster.createTopic(prefix + "-b", 2, 1);
        cluster.createTopic(prefix + "x-other", 1, 1);
        try (Producer<String, String> p = impl.producer(props(cluster))) {
            p.send(new ProducerRecord<>(prefix + "-a", "k", "a"));
            p.send(new ProducerRecord<>(prefix + "-b", "k", "b"));
            p.send(new ProducerRecord<>(prefix + "x-other", "k", "other"));
            p.flush();
        }
        try (Consumer<String, String> c = impl.consumer(consumerProps(cluster, unique("pat-g", impl)))) {
            c.subscribe(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(prefix) + "-[ab]"));
            List<ConsumerRecord<String, String>> got = pollUntil(c, 2, Duration.ofSeconds(30));
            assertEquals(Set.of("a", "b"), got.stream().map(ConsumerRecord::value).collect(java.util.stream.Collectors.toSet()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < deadline) assertTrue(c.poll(Duration.ofMillis(100)).isEmpty(), "no other topic");
            assertEquals(3, c.assignment().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void pauseResumeAndOffsetsForTimes(Impl impl, KafkaCluster cluster) throws Exception {
        String topic = unique("times", impl);
        cluster.createTopic(topic, 1, 1);
        try (Producer<String, String> p = impl.producer(props(cluster))) {
            for (int i = 0; i < 5; i++) p.send(new ProducerRecord<>(topic, 0, 1_000_000L * (i + 1), "k", "v" + i));
            p.flush();
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Consumer<String, String> c = impl.consumer(consumerProps(cluster, null))) {
            Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(Map.of(tp, 2_500_000L));
            assertEquals(2, found.get(tp).offset());
            assertNull(c.offsetsForTimes(Map.of(tp, 9_000_000L)).get(tp), "no record at or after: null");
            c.assign(List.of(tp));
            c.pause(List.of(tp));
            assertEquals(Set.of(tp), c.paused());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < deadline) assertTrue(c.poll(Duration.ofMillis(200)).isEmpty());
            c.resume(List.of(tp));
            c.seek(tp, found.get(tp).offset());
            List<ConsumerRecord<String, String>> got = pollUntil(c, 3, Duration.ofSeconds(20));
            assertEquals(List.of("v2", "v3", "v4"), got.stream().map(ConsumerRecord::value).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void adminTopicLifecycle(Impl impl, KafkaCluster cluster) throws Exception {
        String topic = unique("admin", impl);
        Properties ap = cluster.kafkaClientsConfig(ListenerKind.PLAINTEXT);
        try (Admin admin = impl.admin(ap)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            ExecutionException dup = assertThrows(ExecutionException.class, () -> admin.createTopics(
                    List.of(new NewTopic(topic, 3, (short) 1))).values().get(topic).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TopicExistsException.class, dup.getCause());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!admin.listTopics().names().get().contains(topic) && System.nanoTime() < deadline) Thread.sleep(100);
            assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic));
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            assertEquals(3, d.partitions().size());
            assertEquals(2, d.partitions().get(2).partition());
            assertFalse(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).isEmpty());
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            ExecutionException missing = assertThrows(ExecutionException.class, () -> admin.deleteTopics(
                    List.of(topic + "-missing")).all().get(30, TimeUnit.SECONDS));
            assertInstanceOf(UnknownTopicOrPartitionException.class, missing.getCause());
        }
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void adminConfigsPartitionsRecordsOffsetsAndGroups(Impl impl, KafkaCluster cluster) throws Exception {
        String topic = unique("admin2", impl);
        cluster.createTopic(topic, 1, 1);
        try (Producer<String, String> p = impl.producer(props(cluster))) {
            for (int i = 0; i < 10; i++) p.send(new ProducerRecord<>(topic, 0, (long) (1000 * (i + 1)), "k", "v" + i));
            p.flush();
        }
        String group = unique("admin-g", impl);
        TopicPartition tp = new TopicPartition(topic, 0);
        Properties cp = consumerProps(cluster, group);
        cp.put("enable.auto.commit", "false");
        try (Consumer<String, String> c = impl.consumer(cp)) {
            c.subscribe(List.of(topic));
            assertEquals(10, pollUntil(c, 10, Duration.ofSeconds(30)).size());
            c.commitSync(Map.of(tp, new OffsetAndMetadata(4, "four")));
            try (Admin admin = impl.admin(cluster.kafkaClientsConfig(ListenerKind.PLAINTEXT))) {
                var groups = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
                var description = groups.get(group);
                assertEquals(1, description.members().size());
                assertEquals(Set.of(tp), description.members().iterator().next().assignment().topicPartitions());
                assertEquals(org.apache.kafka.common.GroupState.STABLE, description.groupState());
                assertTrue(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                        .anyMatch(l -> l.groupId().equals(group)));
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                assertEquals(4, offsets.get(tp).offset());
                assertEquals("four", offsets.get(tp).metadata());
            }
        }
        try (Admin admin = impl.admin(cluster.kafkaClientsConfig(ListenerKind.PLAINTEXT))) {
            admin.alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(6))).all().get(30, TimeUnit.SECONDS);
            assertEquals(6, admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(tp).offset());
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                    new org.apache.kafka.clients.admin.ConfigEntry("retention.ms", "3600000"),
                    org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            // the broker applies the change from the metadata log a moment after the controller accepted it
            var config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            long configDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!"3600000".equals(config.get("retention.ms").value()) && System.nanoTime() < configDeadline) {
                Thread.sleep(100);
                config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            }
            assertEquals("3600000", config.get("retention.ms").value());
            assertEquals(org.apache.kafka.clients.admin.ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG,
                    config.get("retention.ms").source());
            admin.createPartitions(Map.of(topic, org.apache.kafka.clients.admin.NewPartitions.increaseTo(2))).all()
                    .get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size() < 2
                    && System.nanoTime() < deadline) Thread.sleep(100);
            assertEquals(2, admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size());
            var deleted = admin.deleteRecords(Map.of(tp, org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(3)))
                    .lowWatermarks().get(tp).get(30, TimeUnit.SECONDS);
            assertEquals(3, deleted.lowWatermark());
            var listed = admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.earliest()))
                    .partitionResult(tp).get(30, TimeUnit.SECONDS);
            assertEquals(3, listed.offset());
            var latest = admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                    .partitionResult(tp).get(30, TimeUnit.SECONDS);
            assertEquals(10, latest.offset());
            admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
            ExecutionException gone = assertThrows(ExecutionException.class, () -> admin.deleteConsumerGroups(
                    List.of(group)).all().get(30, TimeUnit.SECONDS));
            assertInstanceOf(org.apache.kafka.common.errors.GroupIdNotFoundException.class, gone.getCause());
        }
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void javaClientSecuritySettingsConnect(Impl impl, KafkaCluster cluster) throws Exception {
        String topic = unique("secure", impl);
        cluster.createTopic(topic, 1, 1);
        for (Properties p : List.of(cluster.kafkaClientsConfig(ListenerKind.SSL),
                cluster.kafkaClientsConfig(ListenerKind.SASL_SSL, SaslMechanism.PLAIN, "admin",
                        "admin-secret"), cluster.kafkaClientsConfig(ListenerKind.OAUTHBEARER, SaslMechanism.OAUTHBEARER,
                        "admin", null))) {
            p.put("max.block.ms", "20000");
            try (Producer<String, String> pr = impl.producer(p)) {
                pr.send(new ProducerRecord<>(topic, 0, "k", p.getProperty("security.protocol"))).get(30, TimeUnit.SECONDS);
            }
            p.remove("max.block.ms");
            p.put("auto.offset.reset", "earliest");
            try (Consumer<String, String> c = impl.consumer(p)) {
                c.assign(List.of(new TopicPartition(topic, 0)));
                assertFalse(pollUntil(c, 1, Duration.ofSeconds(30)).isEmpty(), p.getProperty("security.protocol"));
            }
        }
    }

    /** Not a scenario: checks that both implementations return records in the shape of ConsumerRecords. */
    @ParameterizedTest
    @EnumSource(Impl.class)
    void nextOffsetsOfConsumerRecords(Impl impl, KafkaCluster cluster) throws Exception {
        String topic = unique("next", impl);
        cluster.createTopic(topic, 1, 1);
        try (Producer<String, String> p = impl.producer(props(cluster))) {
            for (int i = 0; i < 3; i++) p.send(new ProducerRecord<>(topic, 0, "k", "v"));
            p.flush();
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Consumer<String, String> c = impl.consumer(consumerProps(cluster, null))) {
            c.assign(List.of(tp));
            long last = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int n = 0;
            while (n < 3 && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> rs = c.poll(Duration.ofMillis(200));
                n += rs.count();
                if (!rs.isEmpty()) last = rs.nextOffsets().get(tp).offset();
            }
            assertEquals(3, last);
        }
    }
}

package io.rdkafka.client;

import io.rdkafka.client.errors.FatalException;
import io.rdkafka.client.errors.InconsistentGroupProtocolException;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/** Consumer behaviour against a real Kafka broker (the test kit's KRaft cluster). */
@KafkaTest
class ConsumerIT {

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static KafkaConfig.Builder base(KafkaCluster cluster) {
        return KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers()).closeTimeout(Duration.ofSeconds(20));
    }

    private static KafkaConfig.Builder consumerConfig(KafkaCluster cluster, String group) {
        return base(cluster).groupId(group).set("auto.offset.reset", "earliest").set("session.timeout.ms", "10000")
                .set("heartbeat.interval.ms", "500").set("fetch.wait.max.ms", "100");
    }

    private static Consumer<String, String> consumer(KafkaConfig.Builder b) {
        return Consumer.create(b.build(), Serdes.stringDeserializer(), Serdes.stringDeserializer());
    }

    private static void produce(KafkaCluster cluster, String topic, int partitions, int perPartition) throws Exception {
        try (var p = Producer.create(base(cluster).linger(Duration.ofMillis(5)).build(), Serdes.stringSerializer(),
                Serdes.stringSerializer())) {
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            for (int i = 0; i < perPartition; i++) {
                for (int part = 0; part < partitions; part++) {
                    fs.add(p.send(new ProducerRecord<>(topic, part, "k" + i, "v-" + part + "-" + i)));
                }
            }
            p.flush(Duration.ofSeconds(30));
            for (var f : fs) f.get(30, TimeUnit.SECONDS);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting for " + what);
        }
    }

    /** Records every listener call of one member. */
    static final class Events implements ConsumerRebalanceListener {
        record Event(String kind, Set<TopicPartition> partitions) {
        }

        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            events.add(new Event("revoked", Set.copyOf(partitions)));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            events.add(new Event("assigned", Set.copyOf(partitions)));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            events.add(new Event("lost", Set.copyOf(partitions)));
        }

        Set<TopicPartition> all(String kind, int fromIndex) {
            Set<TopicPartition> s = new HashSet<>();
            for (Event e : events.subList(fromIndex, events.size())) if (e.kind.equals(kind)) s.addAll(e.partitions);
            return s;
        }
    }

    @Test
    void cooperativeGroupMovesOnlyThePartitionsTheNewMemberGets(KafkaCluster cluster) {
        String topic = unique("coop");
        String group = unique("g");
        cluster.createTopic(topic, 5, 1);
        KafkaConfig.Builder cfg = consumerConfig(cluster, group).set("partition.assignment.strategy", "cooperative-sticky");
        Events e1 = new Events();
        Events e2 = new Events();
        Events e3 = new Events();
        try (var c1 = consumer(cfg); var c2 = consumer(cfg)) {
            c1.subscribe(List.of(topic), e1);
            c2.subscribe(List.of(topic), e2);
            await("two members split five partitions", Duration.ofSeconds(60), () -> {
                c1.poll(Duration.ofMillis(50));
                c2.poll(Duration.ofMillis(50));
                return c1.assignment().size() + c2.assignment().size() == 5
                        && !c1.assignment().isEmpty() && !c2.assignment().isEmpty();
            });
            assertEquals(RebalanceProtocol.COOPERATIVE, c1.rebalanceProtocol());
            Set<TopicPartition> before1 = Set.copyOf(c1.assignment());
            Set<TopicPartition> before2 = Set.copyOf(c2.assignment());
            assertTrue(java.util.Collections.disjoint(before1, before2));
            int mark1 = e1.events.size();
            int mark2 = e2.events.size();

            try (var c3 = consumer(cfg)) {
                c3.subscribe(List.of(topic), e3);
                await("the third member gets its share", Duration.ofSeconds(60), () -> {
                    c1.poll(Duration.ofMillis(50));
                    c2.poll(Duration.ofMillis(50));
                    c3.poll(Duration.ofMillis(50));
                    return c1.assignment().size() + c2.assignment().size() + c3.assignment().size() == 5
                            && !c3.assignment().isEmpty() && e3.all("assigned", 0).equals(c3.assignment());
                });
                Set<TopicPartition> after1 = c1.assignment();
                Set<TopicPartition> after2 = c2.assignment();
                Set<TopicPartition> revoked = new HashSet<>(e1.all("revoked", mark1));
                revoked.addAll(e2.all("revoked", mark2));
                Set<TopicPartition> stillOwned = new HashSet<>(after1);
                stillOwned.addAll(after2);
                // cooperative: what was revoked is exactly what the new member got; nothing kept was revoked
                assertEquals(c3.assignment(), revoked, "revoked " + revoked + ", new member got " + c3.assignment());
                assertTrue(java.util.Collections.disjoint(revoked, stillOwned), "revoked " + revoked + " still owned " + stillOwned);
                assertTrue(before1.containsAll(after1) && before2.containsAll(after2), "old members only lost partitions");
                assertEquals(Set.of(), e1.all("assigned", mark1), "no re-assignment of kept partitions");
                assertEquals(Set.of(), e2.all("assigned", mark2));
                assertEquals(Set.of(), e1.all("lost", 0));
            }
        }
    }

    @Test
    void anEagerMemberJoiningACooperativeGroupFailsWithInconsistentGroupProtocol(KafkaCluster cluster) {
        String topic = unique("incons");
        String group = unique("g");
        cluster.createTopic(topic, 2, 1);
        try (var coop = consumer(consumerConfig(cluster, group).set("partition.assignment.strategy", "cooperative-sticky"))) {
            coop.subscribe(List.of(topic));
            await("the cooperative member joined", Duration.ofSeconds(60), () -> {
                coop.poll(Duration.ofMillis(100));
                return coop.assignment().size() == 2;
            });
            try (var eager = consumer(consumerConfig(cluster, group))) { // default: range,roundrobin (eager)
                eager.subscribe(List.of(topic));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                InconsistentGroupProtocolException failure = null;
                while (failure == null && System.nanoTime() < deadline) {
                    coop.poll(Duration.ofMillis(50));
                    try {
                        eager.poll(Duration.ofMillis(200));
                    } catch (InconsistentGroupProtocolException e) {
                        failure = e;
                    }
                }
                assertNotNull(failure, "no InconsistentGroupProtocolException within 30 s");
                assertEquals("INCONSISTENT_GROUP_PROTOCOL", failure.codeName());
                assertTrue(eager.assignment().isEmpty());
            }
            assertEquals(2, coop.assignment().size(), "the group kept working");
        }
    }

    @Test
    void committedOffsetsCarryTheLeaderEpochOfTheRecordTheyFollowAndSeekTakesIt(KafkaCluster cluster) throws Exception {
        String topic = unique("epochs");
        String group = unique("g");
        cluster.createTopic(topic, 1, 1);
        produce(cluster, topic, 1, 20);
        TopicPartition tp = new TopicPartition(topic, 0);
        boolean epochs = io.rdkafka.ffm.RdKafkaLibrary.isAtLeast(2, 1, 0);
        try (var c = consumer(consumerConfig(cluster, group).set("enable.auto.commit", "false"))) {
            c.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (got.size() < 20 && System.nanoTime() < deadline) c.poll(Duration.ofMillis(200)).forEach(got::add);
            assertEquals(20, got.size());
            ConsumerRecord<String, String> last = got.getLast();
            assertEquals(epochs, last.leaderEpoch().isPresent(), "leader epoch of " + last);
            c.commitSync(); // the positions poll returned, stored by the binding
            OffsetAndMetadata committed = c.committed(Set.of(tp), Duration.ofSeconds(30)).get(tp);
            assertEquals(20, committed.offset());
            assertEquals(last.leaderEpoch().orElse(-1), committed.leaderEpoch(), "the epoch of the record before 20");

            // back to offset 5 with the epoch of record 4, as committed() would give it
            c.seek(tp, new OffsetAndMetadata(5, "", got.get(4).leaderEpoch().orElse(-1)));
            List<ConsumerRecord<String, String>> again = new ArrayList<>();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (again.isEmpty() && System.nanoTime() < deadline) c.poll(Duration.ofMillis(200)).forEach(again::add);
            assertFalse(again.isEmpty());
            assertEquals(5, again.getFirst().offset());
            assertEquals(got.get(5).value(), again.getFirst().value());
        }
    }

    @Test
    void aNewMemberResumesExactlyAfterTheCommittedOffsets(KafkaCluster cluster) throws Exception {
        String topic = unique("resume");
        String group = unique("g");
        cluster.createTopic(topic, 3, 1);
        produce(cluster, topic, 3, 40);
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        try (var c = consumer(consumerConfig(cluster, group).set("enable.auto.commit", "false"))) {
            c.subscribe(List.of(topic));
            Map<TopicPartition, Long> next = new HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (next.size() < 3 && System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(200))) next.put(r.topicPartition(), r.offset() + 1);
            }
            assertEquals(3, next.size());
            // commit a different point per partition (not just "everything read")
            int i = 0;
            for (TopicPartition tp : next.keySet()) committed.put(tp, new OffsetAndMetadata(7 + 5L * i++, "m"));
            c.commitSync(committed, Duration.ofSeconds(30));
            assertEquals(committed.keySet(), c.committed(committed.keySet(), Duration.ofSeconds(30)).keySet());
        }
        try (var c = consumer(consumerConfig(cluster, group).set("enable.auto.commit", "false"))) {
            c.subscribe(List.of(topic));
            Map<TopicPartition, Long> first = new HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (first.size() < 3 && System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(200))) first.putIfAbsent(r.topicPartition(), r.offset());
            }
            for (var e : committed.entrySet()) assertEquals(e.getValue().offset(), first.get(e.getKey()), e.getKey().toString());
        }
    }

    @Test
    void recordsReadButNotCommittedAreDeliveredAgainAfterClose(KafkaCluster cluster) throws Exception {
        String topic = unique("alo");
        String group = unique("g");
        cluster.createTopic(topic, 1, 1);
        produce(cluster, topic, 1, 60);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (var c = consumer(consumerConfig(cluster, group).set("enable.auto.commit", "false"))) {
            c.subscribe(List.of(topic));
            List<Long> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen.size() < 50 && System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    seen.add(r.offset());
                    if (r.offset() == 19) c.commitSync(Map.of(tp, new OffsetAndMetadata(20)));
                }
            }
            assertTrue(seen.size() >= 50);
        } // closed without committing what came after offset 19
        try (var c = consumer(consumerConfig(cluster, group).set("enable.auto.commit", "false"))) {
            c.subscribe(List.of(topic));
            List<Long> again = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (again.size() < 40 && System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(200))) again.add(r.offset());
            }
            List<Long> expected = new ArrayList<>();
            for (long o = 20; o < 60; o++) expected.add(o);
            assertEquals(expected, again, "every record after the last commit is delivered again, in order");
        }
    }

    @Test
    void seekOffsetsForTimesWatermarksAndPauseShowInWhatPollReturns(KafkaCluster cluster) throws Exception {
        String topic = unique("nav");
        cluster.createTopic(topic, 2, 1);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        long t0 = System.currentTimeMillis() - 100_000;
        try (var p = Producer.create(base(cluster).build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                fs.add(p.send(new ProducerRecord<>(topic, 0, t0 + i * 1000L, "k", "ts-" + i, null)));
                fs.add(p.send(new ProducerRecord<>(topic, 1, t0 + i * 1000L, "k", "p1-" + i, null)));
            }
            p.flush(Duration.ofSeconds(30));
            for (var f : fs) f.get(30, TimeUnit.SECONDS);
        }
        try (var c = consumer(consumerConfig(cluster, unique("g")))) {
            assertEquals(Map.of(p0, 0L, p1, 0L), c.beginningOffsets(List.of(p0, p1), Duration.ofSeconds(30)));
            assertEquals(Map.of(p0, 20L, p1, 20L), c.endOffsets(List.of(p0, p1), Duration.ofSeconds(30)));
            Map<TopicPartition, Long> at = c.offsetsForTimes(Map.of(p0, t0 + 12_500, p1, t0 + 999_999),
                    Duration.ofSeconds(30));
            assertEquals(Map.of(p0, 13L), at, "p1 has no record that late");

            c.assign(List.of(p0, p1));
            c.seek(p0, at.get(p0));
            c.pause(List.of(p1));
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.size() < 7 && System.nanoTime() < deadline) c.poll(Duration.ofMillis(200)).forEach(got::add);
            assertEquals(13, got.getFirst().offset(), "the seek to offsetsForTimes' answer");
            assertEquals("ts-13", got.getFirst().value());
            assertEquals(t0 + 13_000, got.getFirst().timestamp());
            assertEquals(TimestampType.CREATE_TIME, got.getFirst().timestampType());
            assertTrue(got.stream().allMatch(r -> r.partition() == 0), "nothing of the paused partition");
            assertTrue(c.poll(Duration.ofMillis(500)).isEmpty());

            c.resume(List.of(p1));
            got.clear();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.size() < 20 && System.nanoTime() < deadline) c.poll(Duration.ofMillis(200)).forEach(got::add);
            assertEquals(20, got.size());
            assertTrue(got.stream().allMatch(r -> r.partition() == 1));
            assertEquals(List.of(0L, 19L), List.of(got.getFirst().offset(), got.getLast().offset()));

            c.seekToBeginning(List.of(p0));
            var first = c.poll(Duration.ofSeconds(10));
            assertEquals(0, first.records(p0).getFirst().offset());
            c.seekToEnd(List.of());
            assertTrue(c.poll(Duration.ofMillis(500)).isEmpty());
            assertEquals(20, c.position(p0));
        }
    }

    @Test
    void aStaticMemberFencedByItsTwinFailsFatallyAndClosesWithoutHanging(KafkaCluster cluster) {
        String topic = unique("static");
        String group = unique("g");
        cluster.createTopic(topic, 2, 1);
        KafkaConfig.Builder cfg = consumerConfig(cluster, group).set("group.instance.id", "instance-1");
        var first = consumer(cfg);
        try (var twin = consumer(cfg)) {
            first.subscribe(List.of(topic));
            await("the first instance joined", Duration.ofSeconds(60), () -> {
                first.poll(Duration.ofMillis(100));
                return first.assignment().size() == 2;
            });
            twin.subscribe(List.of(topic));
            FatalException fatal = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (fatal == null && System.nanoTime() < deadline) {
                twin.poll(Duration.ofMillis(50));
                try {
                    first.poll(Duration.ofMillis(50));
                } catch (FatalException e) {
                    fatal = e;
                }
            }
            assertNotNull(fatal, "the fenced member did not fail");
            assertEquals("FENCED_INSTANCE_ID", fatal.codeName());
            assertThrows(FatalException.class, () -> first.poll(Duration.ZERO), "fatal stays fatal");
            long t0 = System.nanoTime();
            first.close(Duration.ofSeconds(20));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "close of a fatally failed consumer");
            await("the twin owns the partitions", Duration.ofSeconds(60), () -> {
                twin.poll(Duration.ofMillis(100));
                return twin.assignment().size() == 2;
            });
        } finally {
            first.close();
        }
    }

    @Test
    void groupMetadataCommitsOffsetsThroughAProducerTransaction(KafkaCluster cluster) throws Exception {
        String in = unique("txn-in");
        String out = unique("txn-out");
        String group = unique("g");
        cluster.createTopic(in, 1, 1);
        cluster.createTopic(out, 1, 1);
        produce(cluster, in, 1, 5);
        TopicPartition tp = new TopicPartition(in, 0);
        try (var c = consumer(consumerConfig(cluster, group).set("enable.auto.commit", "false"));
             var p = Producer.create(base(cluster).transactionalId(unique("tx")).build(), Serdes.stringSerializer(),
                     Serdes.stringSerializer())) {
            c.subscribe(List.of(in));
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (got.size() < 5 && System.nanoTime() < deadline) c.poll(Duration.ofMillis(200)).forEach(got::add);
            assertEquals(5, got.size());
            ConsumerGroupMetadata md = c.groupMetadata();
            assertEquals(group, md.groupId());
            p.initTransactions(Duration.ofSeconds(30));
            // an aborted transaction must not move the group's offsets
            p.beginTransaction();
            p.send(new ProducerRecord<>(out, "k", "discarded"));
            p.sendOffsetsToTransaction(Map.of(tp, new OffsetAndMetadata(3)), md, Duration.ofSeconds(30));
            p.abortTransaction(Duration.ofSeconds(30));
            assertFalse(c.committed(Set.of(tp), Duration.ofSeconds(30)).containsKey(tp),
                    "offsets of an aborted transaction were committed");
            p.beginTransaction();
            for (var r : got) p.send(new ProducerRecord<>(out, r.key(), r.value().toUpperCase()));
            p.sendOffsetsToTransaction(Map.of(tp, new OffsetAndMetadata(5)), md, Duration.ofSeconds(30));
            p.commitTransaction(Duration.ofSeconds(30));
            assertEquals(5, c.committed(Set.of(tp), Duration.ofSeconds(30)).get(tp).offset());
        }
    }

    @Test
    void aMillionSmallRecordsArriveOncePerOffsetInOrder(KafkaCluster cluster) throws Exception {
        String topic = unique("million");
        int partitions = 4;
        int total = 1_000_000;
        cluster.createTopic(topic, partitions, 1);
        long t0 = System.nanoTime();
        // idempotent: without it librdkafka may reorder a partition's batches when it retries one
        try (var p = Producer.create(base(cluster).enableIdempotence(true).linger(Duration.ofMillis(20))
                .set("batch.num.messages", "10000")
                .set("queue.buffering.max.messages", "500000").build(), Serdes.byteArraySerializer(),
                Serdes.byteArraySerializer())) {
            for (int i = 0; i < total; i++) {
                p.send(new ProducerRecord<>(topic, i % partitions, null, ByteBuffer.allocate(8).putLong(i).array()));
            }
            p.flush(Duration.ofSeconds(60));
        }
        long produced = System.nanoTime();
        long[] next = new long[partitions];
        long[] lastValue = new long[partitions];
        java.util.Arrays.fill(lastValue, -1);
        int count = 0;
        try (var c = Consumer.create(consumerConfig(cluster, unique("g")).set("enable.auto.commit", "false").build(),
                Serdes.voidDeserializer(), Serdes.byteArrayDeserializer(), Consumer.Options.defaults().withMaxPollRecords(2000))) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count < total && System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(500))) {
                    int part = r.partition();
                    assertEquals(next[part], r.offset(), "offset in partition " + part);
                    next[part]++;
                    long v = ByteBuffer.wrap(r.value()).getLong();
                    assertTrue(v > lastValue[part] && v % partitions == part, "value order in partition " + part
                            + " at offset " + r.offset() + ": " + lastValue[part] + " then " + v);
                    lastValue[part] = v;
                    count++;
                }
            }
            assertTrue(c.poll(Duration.ofMillis(300)).isEmpty(), "nothing beyond the million");
        }
        long consumed = System.nanoTime();
        assertEquals(total, count);
        for (int part = 0; part < partitions; part++) assertEquals(total / partitions, next[part]);
        System.out.printf("1M records: produced in %d ms, consumed in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(produced - t0), TimeUnit.NANOSECONDS.toMillis(consumed - produced));
    }
}

package io.rdkafka.client.reliability;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerRebalanceListener;
import io.rdkafka.client.ConsumerRecord;
import io.rdkafka.client.ConsumerRecords;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.RecordMetadata;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.admin.Admin;
import io.rdkafka.client.admin.AdminOptions;
import io.rdkafka.client.admin.NewTopic;
import io.rdkafka.client.admin.OffsetSpec;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.TimeoutException;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import io.rdkafka.testkit.ListenerKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Faults on a 3-broker cluster: a cooperative-sticky group that members join, leave and one abandons
 * (at-least-once: every record processed, duplicates only among what was processed but not committed); a
 * consume-transform-produce loop with injected aborts and a producer crash (exactly once for a read_committed
 * reader); and a broker that disappears while clients use it (every call fails typed within its timeout,
 * nothing hangs). The broker test runs last: it kills a broker.
 *
 * <p>With {@code -Drdkafka.long=true} the group test sends 200 000 records instead of 20 000 (at 5 000 a
 * second instead of 1 500, about 40 s of sending), and the exactly-once loop reads 100 000 input records
 * instead of 3 000, with a producer crash every 100 transactions instead of once.
 */
@Tag("once") // runs on the system's librdkafka only (bin/test): three brokers killed and restarted; long, and about recovery rather than version-gated behaviour
@KafkaTest(brokers = 3, shared = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
    static final boolean LONG = Boolean.getBoolean("rdkafka.long");

    private static Map<String, String> conn(KafkaCluster cluster) {
        return cluster.librdkafkaConfig(ListenerKind.PLAINTEXT);
    }

    // ---- at least once through membership changes ----------------------------------------------------

    /** One group member on its own thread: poll, process (count), commitSync; it can leave or be abandoned. */
    static final class Member implements Runnable {
        final String name;
        final Consumer<String, String> consumer;
        final AtomicIntegerArray seen;
        final Set<Integer> atRisk;
        final AtomicInteger processed = new AtomicInteger();
        final AtomicInteger failedCommits = new AtomicInteger();
        final Set<String> commitErrors = ConcurrentHashMap.newKeySet();
        final AtomicReference<Set<TopicPartition>> assigned = new AtomicReference<>(Set.of());
        final AtomicBoolean leave = new AtomicBoolean();
        final AtomicBoolean abandon = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread;
        volatile boolean abandoned;

        Member(String name, KafkaConfig config, String topic, AtomicIntegerArray seen, Set<Integer> atRisk) {
            this.name = name;
            this.seen = seen;
            this.atRisk = atRisk;
            this.consumer = Consumer.create(config, Serdes.stringDeserializer(), Serdes.stringDeserializer(),
                    Consumer.Options.defaults().withMaxPollRecords(200));
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    assigned.set(consumer.assignment());
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assigned.set(consumer.assignment());
                }
            });
            this.thread = Thread.ofPlatform().name("member-" + name).start(this);
        }

        @Override
        public void run() {
            try {
                while (!leave.get()) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                    List<Integer> batch = new ArrayList<>();
                    for (ConsumerRecord<String, String> r : records) {
                        int i = Integer.parseInt(r.value());
                        seen.incrementAndGet(i);
                        batch.add(i);
                    }
                    processed.addAndGet(batch.size());
                    if (!batch.isEmpty()) Thread.sleep(10); // "processing": lets rebalances meet work in progress
                    if (abandon.get()) {
                        atRisk.addAll(batch); // processed, never committed: a crash right here
                        abandoned = true;
                        return;               // no commit, no close: the group notices after max.poll.interval.ms
                    }
                    if (batch.isEmpty()) continue;
                    try {
                        consumer.commitSync(Duration.ofSeconds(10));
                    } catch (KafkaException e) {
                        failedCommits.incrementAndGet(); // e.g. CommitFailedException during a rebalance
                        commitErrors.add(e.getClass().getSimpleName() + " " + e.codeName());
                        atRisk.addAll(batch);
                    }
                }
                consumer.close();
            } catch (Throwable t) {
                failure.set(t);
            }
        }
    }

    @Test
    @Order(1)
    void cooperativeGroupProcessesEveryRecordAtLeastOnceThroughJoinsLeavesAndAnAbandonedMember(KafkaCluster cluster)
            throws Exception {
        String topic = "group-" + System.nanoTime();
        cluster.createTopic(topic, 6, 3);
        int total = LONG ? 200_000 : 20_000;
        int perSecond = LONG ? 5_000 : 1_500; // so that members join and leave while records flow
        long sendingMs = total * 1000L / perSecond;
        AtomicIntegerArray seen = new AtomicIntegerArray(total);
        Set<Integer> atRisk = ConcurrentHashMap.newKeySet();
        KafkaConfig config = KafkaConfig.builder().setAll(conn(cluster)).groupId("coop-" + System.nanoTime())
                .set("partition.assignment.strategy", "cooperative-sticky").set("enable.auto.commit", "false")
                .set("auto.offset.reset", "earliest").set("session.timeout.ms", "6000")
                .set("heartbeat.interval.ms", "500").set("max.poll.interval.ms", "7000")
                .set("fetch.wait.max.ms", "50").closeTimeout(Duration.ofSeconds(10)).build();

        // a producer keeps sending while the membership changes
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        Thread producer = Thread.ofPlatform().name("group-producer").start(() -> {
            try (var p = Producer.create(KafkaConfig.builder().setAll(conn(cluster)).enableIdempotence(true)
                    .linger(Duration.ofMillis(5)).build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
                List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    fs.add(p.send(new ProducerRecord<>(topic, Integer.toString(i), Integer.toString(i))));
                    sent.incrementAndGet();
                    long due = start + TimeUnit.SECONDS.toNanos(i) / perSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                }
                p.flush(Duration.ofSeconds(60));
                for (var f : fs) f.get(1, TimeUnit.SECONDS);
            } catch (Throwable t) {
                producerFailure.set(t);
            }
        });

        long t0 = System.nanoTime();
        List<Member> members = new ArrayList<>();
        try {
            Member a = new Member("a", config, topic, seen, atRisk);
            members.add(a);
            await("a processing", () -> a.processed.get() > 500);
            Member b = new Member("b", config, topic, seen, atRisk);
            members.add(b);
            await("b assigned and processing", () -> !b.assigned.get().isEmpty() && b.processed.get() > 0);
            Member c = new Member("c", config, topic, seen, atRisk);
            members.add(c);
            await("c assigned and processing", () -> !c.assigned.get().isEmpty() && c.processed.get() > 0);
            b.leave.set(true); // a graceful leave: commits are done, close() leaves the group
            b.thread.join(30_000);
            assertFalse(b.thread.isAlive(), "b did not leave");
            int cBefore = c.processed.get();
            await("c taking over some of b's partitions", () -> c.processed.get() > cBefore + 100);
            c.abandon.set(true); // a crash: stops after processing a batch it never commits
            await("c abandoned", () -> c.abandoned);
            Member d = new Member("d", config, topic, seen, atRisk);
            members.add(d);
            await("d assigned and processing", () -> !d.assigned.get().isEmpty() && d.processed.get() > 0);
            producer.join(sendingMs + 60_000);
            assertNull(producerFailure.get(), () -> "producer: " + producerFailure.get());
            await("every record processed", Duration.ofSeconds(90), () -> IntStream.range(0, total).allMatch(i -> seen.get(i) > 0));
        } finally {
            for (Member m : members) m.leave.set(true);
            for (Member m : members) {
                m.thread.join(30_000);
                if (m.abandoned) m.consumer.close();
            }
            producer.join(60_000);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        for (Member m : members) assertNull(m.failure.get(), () -> m.name + " failed: " + m.failure.get());
        int duplicates = 0;
        Set<Integer> duplicated = new HashSet<>();
        for (int i = 0; i < total; i++) {
            assertTrue(seen.get(i) >= 1, "record " + i + " never processed");
            if (seen.get(i) > 1) {
                duplicates += seen.get(i) - 1;
                duplicated.add(i);
            }
        }
        Set<Integer> unexplained = new HashSet<>(duplicated);
        unexplained.removeAll(atRisk);
        StringBuilder per = new StringBuilder();
        for (Member m : members) per.append(m.name).append('=').append(m.processed.get()).append(" (failed commits ")
                .append(m.failedCommits.get()).append(m.commitErrors).append(") ");
        System.out.printf("cooperative group: %d records, members a,b,c,d (b left, c abandoned), %d ms; processed %s; "
                + "%d duplicates of %d records, %d records at risk (processed, uncommitted)%n", total, ms, per,
                duplicates, duplicated.size(), atRisk.size());
        assertTrue(unexplained.isEmpty(), "duplicates of records that had been committed: " + unexplained.size()
                + " e.g. " + unexplained.stream().limit(10).toList());
        assertTrue(duplicated.size() <= atRisk.size());
    }

    // ---- exactly once ---------------------------------------------------------------------------------

    @Test
    @Order(2)
    void consumeTransformProduceWithAbortsAndAProducerCrashIsExactlyOnce(KafkaCluster cluster) throws Exception {
        String in = "eos-in-" + System.nanoTime();
        String out = "eos-out-" + System.nanoTime();
        cluster.createTopic(in, 3, 3);
        cluster.createTopic(out, 3, 3);
        int total = LONG ? 100_000 : 3000;
        try (var p = Producer.create(KafkaConfig.builder().setAll(conn(cluster)).linger(Duration.ofMillis(5)).build(),
                Serdes.stringSerializer(), Serdes.stringSerializer())) {
            for (int i = 0; i < total; i++) p.send(new ProducerRecord<>(in, Integer.toString(i), Integer.toString(i)));
            p.flush(Duration.ofSeconds(60));
        }
        String txnId = "eos-" + System.nanoTime();
        KafkaConfig producerConfig = KafkaConfig.builder().setAll(conn(cluster)).transactionalId(txnId)
                .linger(Duration.ofMillis(5)).closeTimeout(Duration.ofSeconds(5)).build();
        KafkaConfig consumerConfig = KafkaConfig.builder().setAll(conn(cluster)).groupId("eos-" + System.nanoTime())
                .set("isolation.level", "read_committed").set("enable.auto.commit", "false")
                .set("auto.offset.reset", "earliest").set("fetch.wait.max.ms", "50").build();
        List<TopicPartition> inputs = IntStream.range(0, 3).mapToObj(i -> new TopicPartition(in, i)).toList();
        int commits = 0;
        int aborts = 0;
        int crashes = 0;
        int transactions = 0;
        long t0 = System.nanoTime();
        Producer<String, String> producer = Producer.create(producerConfig, Serdes.stringSerializer(), Serdes.stringSerializer());
        try (var consumer = Consumer.create(consumerConfig, Serdes.stringDeserializer(), Serdes.stringDeserializer(),
                Consumer.Options.defaults().withMaxPollRecords(250))) {
            producer.initTransactions(Duration.ofSeconds(30));
            consumer.assign(inputs);
            Map<TopicPartition, Long> end = consumer.endOffsets(inputs, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LONG ? 900 : 120);
            while (true) {
                assertTrue(System.nanoTime() < deadline, "the loop did not finish");
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(inputs),
                            Duration.ofSeconds(10));
                    boolean done = inputs.stream().allMatch(tp -> committed.containsKey(tp)
                            && committed.get(tp).offset() >= end.get(tp));
                    if (done) break;
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
                Map<TopicPartition, Long> first = new HashMap<>();
                producer.beginTransaction();
                transactions++;
                for (var r : records) {
                    producer.send(new ProducerRecord<>(out, r.value(), "out-" + r.value()));
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    first.putIfAbsent(tp, r.offset());
                    next.put(tp, new OffsetAndMetadata(r.offset() + 1));
                }
                producer.sendOffsetsToTransaction(next, consumer.groupMetadata(), Duration.ofSeconds(30));
                if (transactions % 5 == 3) {
                    producer.abortTransaction(Duration.ofSeconds(30)); // flushes first (see lessons file)
                    aborts++;
                    first.forEach(consumer::seek); // reprocess the batch
                } else if (transactions % 100 == 7) {
                    // a crash mid-transaction: the new instance's initTransactions fences and aborts the old one
                    producer.close(Duration.ZERO);
                    crashes++;
                    producer = Producer.create(producerConfig, Serdes.stringSerializer(), Serdes.stringSerializer());
                    producer.initTransactions(Duration.ofSeconds(60));
                    first.forEach(consumer::seek);
                } else {
                    producer.commitTransaction(Duration.ofSeconds(30));
                    commits++;
                }
            }
        } finally {
            producer.close();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        var committedOut = ReadBack.readAll(conn(cluster), out, 3, "read_committed", Duration.ofSeconds(60));
        Map<String, Integer> counts = new HashMap<>();
        for (var r : committedOut) counts.merge(r.key(), 1, Integer::sum);
        var everything = ReadBack.readAll(conn(cluster), out, 3, "read_uncommitted", Duration.ofSeconds(60));
        System.out.printf("exactly once: %d input records, %d transactions (%d committed, %d aborted, %d crashed) in "
                + "%d ms; read_committed sees %d records, read_uncommitted %d%n", total, transactions, commits, aborts,
                crashes, ms, committedOut.size(), everything.size());
        assertTrue(aborts >= 2 && crashes >= 1, "faults were not injected: " + aborts + " aborts, " + crashes + " crashes");
        for (int i = 0; i < total; i++) {
            assertEquals(1, counts.getOrDefault(Integer.toString(i), 0), "output for input " + i);
        }
        assertEquals(total, committedOut.size());
        assertTrue(everything.size() > total, "the aborted records should be in the log, invisible to read_committed");
    }

    // ---- a broker disappears ---------------------------------------------------------------------------

    @Test
    @Order(3)
    void aBrokerThatDisappearsMakesCallsFailTypedWithinTheirTimeouts(KafkaCluster cluster) throws Exception {
        String topic = "lonely-" + System.nanoTime();
        int victim = cluster.brokerIds().get(cluster.brokerIds().size() - 1);
        KafkaConfig base = KafkaConfig.builder().setAll(conn(cluster)).set("message.timeout.ms", "4000")
                .set("auto.offset.reset", "earliest").set("fetch.wait.max.ms", "50")
                .closeTimeout(Duration.ofSeconds(2)).build();
        TopicPartition tp = new TopicPartition(topic, 0);
        try (var admin = Admin.create(base)) {
            // the only replica on the victim: nobody else can lead the partition when it is gone
            admin.createTopics(List.of(NewTopic.withAssignment(topic, List.of(List.of(victim))))).get(30, TimeUnit.SECONDS)
                    .all();
            await("the topic's leader", () -> cluster.leaderOf(topic, 0) == victim);
            var producer = Producer.create(base, Serdes.stringSerializer(), Serdes.stringSerializer());
            var consumer = Consumer.create(base, Serdes.stringDeserializer(), Serdes.stringDeserializer());
            try {
                producer.send(new ProducerRecord<>(topic, 0, "k", "before")).get(30, TimeUnit.SECONDS);
                consumer.assign(List.of(tp));
                consumer.seek(tp, 0);
                await("the record before the kill", () -> !consumer.poll(Duration.ofMillis(100)).isEmpty());

                cluster.killBroker(victim);
                long t = System.nanoTime();
                var lost = producer.send(new ProducerRecord<>(topic, 0, "k", "after"));
                KafkaException flush = assertThrows(TimeoutException.class, () -> producer.flush(Duration.ofSeconds(2)));
                assertBetween("flush(2 s)", t, 1_900, 3_500);
                assertTrue(flush.getMessage().contains("pending"), flush.getMessage());
                Throwable sendFailure = failure(lost, 15_000);
                assertInstanceOf(TimeoutException.class, sendFailure);
                // librdkafka times messages out in a scan once a second, and a request in flight to the dead broker
                // first has to fail: a few seconds past message.timeout.ms
                assertBetween("send with message.timeout.ms=4000", t, 0, 9_000);

                t = System.nanoTime();
                for (int i = 0; i < 3; i++) assertTrue(consumer.poll(Duration.ofSeconds(1)).isEmpty());
                assertBetween("3 x poll(1 s)", t, 2_900, 5_000);

                t = System.nanoTime();
                KafkaException offsets = assertThrows(KafkaException.class,
                        () -> consumer.endOffsets(List.of(tp), Duration.ofSeconds(2)));
                assertNotSame(KafkaException.class, offsets.getClass(), "untyped: " + offsets);
                System.out.println("broker gone: endOffsets threw " + offsets);
                assertBetween("endOffsets(2 s)", t, 0, 4_000);

                t = System.nanoTime();
                var listed = admin.listOffsets(Map.of(tp, OffsetSpec.latest()),
                        AdminOptions.defaults().withRequestTimeout(Duration.ofSeconds(2)));
                try {
                    var r = listed.get(10, TimeUnit.SECONDS);
                    KafkaException e = r.error(tp);
                    assertNotNull(e, "offsets listed for a partition without a leader: " + r);
                    System.out.println("broker gone: listOffsets item error " + e);
                    assertNotSame(KafkaException.class, e.getClass(), "untyped: " + e);
                } catch (ExecutionException e) {
                    assertInstanceOf(KafkaException.class, e.getCause());
                    assertNotSame(KafkaException.class, e.getCause().getClass(), "untyped: " + e.getCause());
                }
                assertBetween("admin listOffsets (request timeout 2 s)", t, 0, 5_000);

                var pending = producer.send(new ProducerRecord<>(topic, 0, "k", "at-close"));
                t = System.nanoTime();
                producer.close(Duration.ofSeconds(2));
                assertBetween("producer close(2 s)", t, 0, 4_500);
                assertTrue(pending.isDone(), "close must complete every future");
                t = System.nanoTime();
                consumer.close();
                assertBetween("consumer close (closeTimeout 2 s)", t, 0, 4_500);
            } finally {
                producer.close(Duration.ZERO);
                consumer.close();
                cluster.restartBroker(victim);
                cluster.awaitHealthy(Duration.ofSeconds(90));
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static void assertBetween(String what, long t0, long minMs, long maxMs) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("broker gone: %s returned after %d ms%n", what, ms);
        assertTrue(ms >= minMs && ms <= maxMs, what + " took " + ms + " ms, expected " + minMs + ".." + maxMs);
    }

    private static Throwable failure(CompletableFuture<?> f, long ms) throws Exception {
        try {
            Object v = f.get(ms, TimeUnit.MILLISECONDS);
            throw new AssertionError("succeeded: " + v);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, Duration.ofSeconds(60), condition);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("no " + what + " within " + timeout);
            Thread.sleep(20);
        }
    }
}

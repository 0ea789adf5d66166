package io.rdkafka.client;

import io.rdkafka.client.errors.ConfigException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.RecordDeserializationException;
import io.rdkafka.client.errors.WakeupException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static io.rdkafka.client.MockKafka.await;
import static org.junit.jupiter.api.Assertions.*;

/** Consumer behaviour on librdkafka's mock cluster (no real broker). */
class ConsumerTest {
    private static MockKafka kafka;
    private static final AtomicInteger SEQ = new AtomicInteger();

    @BeforeAll
    static void start() {
        kafka = new MockKafka(3);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) kafka.close();
    }

    private static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-" + System.nanoTime() % 100000;
    }

    private static io.rdkafka.client.Consumer<String, String> consumer(KafkaConfig.Builder b) {
        return io.rdkafka.client.Consumer.create(b.build(), Serdes.stringDeserializer(), Serdes.stringDeserializer());
    }

    /** Polls until {@code n} records arrived (or fails after 30 s). */
    private static List<ConsumerRecord<String, String>> pollUntil(io.rdkafka.client.Consumer<String, String> c, int n) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (out.size() < n) {
            if (System.nanoTime() > deadline) fail("got only " + out.size() + " of " + n + " records");
            for (var r : c.poll(Duration.ofMillis(200))) out.add(r);
        }
        return out;
    }

    static final class RecordingListener implements ConsumerRebalanceListener {
        final List<Set<TopicPartition>> assigned = new CopyOnWriteArrayList<>();
        final List<Set<TopicPartition>> revoked = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            revoked.add(Set.copyOf(partitions));
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.add(Set.copyOf(partitions));
            threads.add(Thread.currentThread().getName());
        }
    }

    @Test
    void subscribeAndPollReturnsProducedRecordsInOffsetOrderWithHeadersAndTimestamps() throws Exception {
        String topic = unique("sub");
        kafka.createTopic(topic, 3);
        for (int p = 0; p < 3; p++) kafka.produce(topic, p, p * 1000, 50);
        try (var producer = Producer.create(kafka.config().build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, null, null, "with-headers",
                    Headers.of(Header.of("h1", "v1"), new Header("h2", null), Header.of("h1", "v1b")))).get(30, TimeUnit.SECONDS);
        }
        var listener = new RecordingListener();
        try (var c = consumer(kafka.consumerConfig(unique("g")))) {
            c.subscribe(List.of(topic), listener);
            assertEquals(Set.of(topic), c.subscription());
            List<ConsumerRecord<String, String>> got = pollUntil(c, 151);
            Map<Integer, List<ConsumerRecord<String, String>>> byPartition = new HashMap<>();
            for (var r : got) byPartition.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add(r);
            for (int p = 0; p < 3; p++) {
                List<ConsumerRecord<String, String>> rs = byPartition.get(p);
                for (int i = 0; i < 50; i++) {
                    ConsumerRecord<String, String> r = rs.get(i);
                    assertEquals(topic, r.topic());
                    assertEquals(i, r.offset());
                    assertEquals("key-" + (p * 1000 + i), r.key());
                    assertEquals("value-" + (p * 1000 + i), r.value());
                    assertEquals(TimestampType.CREATE_TIME, r.timestampType());
                    assertTrue(Math.abs(System.currentTimeMillis() - r.timestamp()) < 120_000, "timestamp " + r.timestamp());
                    assertEquals(r.key().length(), r.serializedKeySize());
                    assertTrue(r.headers().isEmpty());
                }
            }
            ConsumerRecord<String, String> h = byPartition.get(0).get(50);
            assertNull(h.key());
            assertEquals(-1, h.serializedKeySize());
            assertEquals(List.of(Header.of("h1", "v1"), new Header("h2", null), Header.of("h1", "v1b")),
                    h.headers().asList());
            assertEquals(Set.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1), new TopicPartition(topic, 2)),
                    c.assignment());
            assertEquals(1, listener.assigned.size());
            assertEquals(c.assignment(), listener.assigned.getFirst());
            assertEquals(RebalanceProtocol.EAGER, c.rebalanceProtocol());
        }
        // close left the group: the final revoke ran the listener with everything
        assertEquals(List.of(listener.assigned.getFirst()), listener.revoked);
        assertTrue(listener.threads.stream().allMatch(t -> t.equals(Thread.currentThread().getName())), listener.threads.toString());
    }

    @Test
    void pollReturnsAtMostMaxPollRecordsAndEmptyAfterTimeout() throws Exception {
        String topic = unique("max");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, 0, 100);
        try (var c = io.rdkafka.client.Consumer.create(kafka.consumerConfig(null).build(), Serdes.stringDeserializer(),
                Serdes.stringDeserializer(), io.rdkafka.client.Consumer.Options.defaults().withMaxPollRecords(7))) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            int total = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (total < 100 && System.nanoTime() < deadline) {
                int n = c.poll(Duration.ofMillis(500)).count();
                assertTrue(n <= 7, "poll returned " + n);
                total += n;
            }
            assertEquals(100, total);
            long t0 = System.nanoTime();
            assertTrue(c.poll(Duration.ofMillis(300)).isEmpty());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(waited >= 250 && waited < 3000, "waited " + waited + " ms");
        }
    }

    @Test
    void manualAssignWithoutGroupAndSeekBeforeFirstPollStartsThere() throws Exception {
        String topic = unique("seek");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, 0, 100);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (var c = consumer(kafka.consumerConfig(null))) {
            c.assign(List.of(tp));
            assertEquals(Set.of(tp), c.assignment());
            c.seek(tp, 60);
            assertEquals(60, c.position(tp));
            List<ConsumerRecord<String, String>> got = pollUntil(c, 40);
            assertEquals(60, got.getFirst().offset(), "first record after seek");
            assertEquals(99, got.getLast().offset());
            assertEquals(100, c.position(tp));
            // seek backwards while fetching
            c.seek(tp, 10);
            List<ConsumerRecord<String, String>> again = pollUntil(c, 5);
            assertEquals(10, again.getFirst().offset());
            c.seekToBeginning(List.of());
            assertEquals(0, pollUntil(c, 1).getFirst().offset());
            c.seekToEnd(List.of(tp));
            assertTrue(c.poll(Duration.ofMillis(300)).isEmpty());
            assertEquals(100, c.position(tp));
            assertThrows(IllegalStateException.class, () -> c.seek(new TopicPartition(topic, 5), 0));
            assertThrows(IllegalStateException.class, c::commitSync, "no group.id");
            assertThrows(IllegalStateException.class, () -> c.subscribe(List.of(topic)));
        }
    }

    @Test
    void commitSyncThenCommittedAndANewConsumerResumesAfterIt() throws Exception {
        String topic = unique("commit");
        String group = unique("g");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, 0, 20);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (var c = consumer(kafka.consumerConfig(group).set("enable.auto.commit", "false"))) {
            c.subscribe(List.of(topic));
            pollUntil(c, 20);
            c.commitSync(Map.of(tp, new OffsetAndMetadata(12, "twelve")));
            OffsetAndMetadata om = c.committed(Set.of(tp), Duration.ofSeconds(10)).get(tp);
            assertEquals(12, om.offset());
            assertEquals("twelve", om.metadata());
            // async with callback: delivered on this thread during a later call
            AtomicReference<Map<TopicPartition, OffsetAndMetadata>> result = new AtomicReference<>();
            AtomicReference<String> thread = new AtomicReference<>();
            c.commitAsync(Map.of(tp, new OffsetAndMetadata(15)), (offsets, ex) -> {
                assertNull(ex);
                result.set(offsets);
                thread.set(Thread.currentThread().getName());
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (result.get() == null && System.nanoTime() < deadline) c.poll(Duration.ofMillis(100));
            assertEquals(Map.of(tp, new OffsetAndMetadata(15, "", -1)), result.get());
            assertEquals(Thread.currentThread().getName(), thread.get());
            assertEquals(15, c.committed(Set.of(tp)).get(tp).offset());
        }
        try (var c = consumer(kafka.consumerConfig(group).set("enable.auto.commit", "false"))) {
            c.assign(List.of(tp)); // starts at the group's committed offset, as a new member would
            assertEquals(15, pollUntil(c, 1).getFirst().offset());
        }
    }

    @Test
    void commitSyncOfConsumedPositionsAndStoreOffsets() throws Exception {
        String topic = unique("store");
        String group = unique("g");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, 0, 10);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (var c = consumer(kafka.consumerConfig(group).set("enable.auto.commit", "false"))) {
            c.subscribe(List.of(topic));
            pollUntil(c, 10);
            c.commitSync();
            assertEquals(10, c.committed(Set.of(tp)).get(tp).offset());
        }
        try (var c = consumer(kafka.consumerConfig(unique("g")).set("enable.auto.commit", "false")
                .set("enable.auto.offset.store", "false"))) {
            c.assign(List.of(tp));
            pollUntil(c, 10);
            c.storeOffsets(Map.of(tp, new OffsetAndMetadata(4)));
            c.commitSync();
            assertEquals(4, c.committed(Set.of(tp)).get(tp).offset());
        }
    }

    @Test
    void autoCommitCommitsWhatPollReturnedNotWhatWasFetched() throws Exception {
        String topic = unique("autocommit");
        String group = unique("g");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, 0, 10);
        TopicPartition tp = new TopicPartition(topic, 0);
        long returnedUpTo;
        try (var c = io.rdkafka.client.Consumer.create(kafka.consumerConfig(group).set("auto.commit.interval.ms", "100")
                        .build(), Serdes.stringDeserializer(), Serdes.stringDeserializer(),
                io.rdkafka.client.Consumer.Options.defaults().withMaxPollRecords(3))) {
            c.assign(List.of(tp));
            long lastBatchStart = -1;
            long next = 0;
            while (next < 3) {
                ConsumerRecords<String, String> rs = c.poll(Duration.ofMillis(200));
                if (rs.isEmpty()) continue;
                lastBatchStart = rs.records(tp).getFirst().offset();
                next = rs.records(tp).getLast().offset() + 1;
            }
            Thread.sleep(400); // several auto-commit intervals
            OffsetAndMetadata before = c.committed(Set.of(tp)).get(tp);
            assertTrue(before == null || before.offset() <= lastBatchStart,
                    "the last poll's records were committed before the application polled again: " + before);
            ConsumerRecords<String, String> more = c.poll(Duration.ofSeconds(5));
            returnedUpTo = more.isEmpty() ? next : more.records(tp).getLast().offset() + 1;
            long expected = next;
            await("the earlier polls' records are committed", Duration.ofSeconds(10), () -> {
                OffsetAndMetadata om = c.committed(Set.of(tp)).get(tp);
                return om != null && om.offset() == expected;
            });
            assertTrue(returnedUpTo < 10, "everything was returned: " + returnedUpTo);
        } // close commits what was returned, not what was fetched but never returned
        try (var c = consumer(kafka.consumerConfig(group))) {
            assertEquals(returnedUpTo, c.committed(Set.of(tp)).get(tp).offset());
            c.assign(List.of(tp));
            assertEquals(returnedUpTo, pollUntil(c, 1).getFirst().offset());
        }
    }

    @Test
    void pauseStopsAPartitionAndResumeContinuesWhereItStopped() throws Exception {
        String topic = unique("pause");
        kafka.createTopic(topic, 2);
        kafka.produce(topic, 0, 0, 10);
        kafka.produce(topic, 1, 0, 10);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        try (var c = consumer(kafka.consumerConfig(null))) {
            c.assign(List.of(p0, p1));
            c.pause(List.of(p1));
            assertEquals(Set.of(p1), c.paused());
            List<ConsumerRecord<String, String>> got = pollUntil(c, 10);
            assertTrue(got.stream().allMatch(r -> r.partition() == 0), "records of the paused partition arrived");
            kafka.produce(topic, 0, 10, 5);
            kafka.produce(topic, 1, 10, 5);
            got = pollUntil(c, 5);
            assertTrue(got.stream().allMatch(r -> r.partition() == 0));
            c.resume(List.of(p1));
            assertEquals(Set.of(), c.paused());
            got = pollUntil(c, 15);
            assertTrue(got.stream().allMatch(r -> r.partition() == 1));
            assertEquals(0, got.getFirst().offset());
            assertThrows(IllegalStateException.class, () -> c.pause(List.of(new TopicPartition(topic, 9))));
        }
    }

    @Test
    void wakeupMakesABlockedPollThrowPromptlyAndAnEarlyWakeupTheNextPoll() throws Exception {
        String topic = unique("wake");
        kafka.createTopic(topic, 1);
        try (var c = consumer(kafka.consumerConfig(null))) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            c.wakeup();
            assertThrows(WakeupException.class, () -> c.poll(Duration.ofSeconds(5)));
            assertTrue(c.poll(Duration.ofMillis(50)).isEmpty(), "the wakeup is used up");

            CompletableFuture<Throwable> polled = new CompletableFuture<>();
            CountDownLatch started = new CountDownLatch(1);
            Thread t = Thread.ofPlatform().start(() -> {
                started.countDown();
                try {
                    c.poll(Duration.ofSeconds(30));
                    polled.complete(null);
                } catch (Throwable e) {
                    polled.complete(e);
                }
            });
            started.await();
            Thread.sleep(300); // let it block inside librdkafka
            long t0 = System.nanoTime();
            c.wakeup();
            Throwable e = polled.get(5, TimeUnit.SECONDS);
            assertInstanceOf(WakeupException.class, e);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2));
            t.join();
        }
    }

    @Test
    void closeFromAnotherThreadEndsABlockedPollWithIllegalState() throws Exception {
        String topic = unique("closepoll");
        kafka.createTopic(topic, 1);
        var c = consumer(kafka.consumerConfig(unique("g")));
        c.subscribe(List.of(topic));
        CompletableFuture<Throwable> polled = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                while (true) c.poll(Duration.ofSeconds(30));
            } catch (Throwable e) {
                polled.complete(e);
            }
        });
        Thread.sleep(1500); // joined and blocked
        long t0 = System.nanoTime();
        c.close(Duration.ofSeconds(10));
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertInstanceOf(IllegalStateException.class, polled.get(5, TimeUnit.SECONDS));
        assertTrue(closeMs < 8000, "close took " + closeMs + " ms");
        t.join();
        c.close(); // idempotent
    }

    @Test
    void concurrentUseFromTwoThreadsIsRefused() throws Exception {
        String topic = unique("cme");
        kafka.createTopic(topic, 1);
        try (var c = consumer(kafka.consumerConfig(null))) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            CountDownLatch inPoll = new CountDownLatch(1);
            Thread t = Thread.ofPlatform().start(() -> {
                inPoll.countDown();
                c.poll(Duration.ofSeconds(2));
            });
            inPoll.await();
            Thread.sleep(200);
            assertThrows(ConcurrentModificationException.class, c::assignment);
            assertThrows(ConcurrentModificationException.class, () -> c.poll(Duration.ZERO));
            t.join();
            assertEquals(1, c.assignment().size());
        }
    }

    @Test
    void everyMethodThrowsIllegalStateAfterClose() {
        var c = consumer(kafka.consumerConfig(unique("g")));
        c.close();
        TopicPartition tp = new TopicPartition("t", 0);
        List<Runnable> calls = List.of(
                () -> c.subscribe(List.of("t")), () -> c.subscribe(List.of("t"), ConsumerRebalanceListener.noop()),
                () -> c.subscribe(Pattern.compile("t.*")), () -> c.assign(List.of(tp)), c::unsubscribe,
                c::assignment, c::subscription, () -> c.poll(Duration.ZERO), () -> c.pollBatch(Duration.ZERO),
                c::commitSync, () -> c.commitSync(Duration.ofSeconds(1)), () -> c.commitSync(Map.of(tp, new OffsetAndMetadata(1))),
                c::commitAsync, () -> c.commitAsync((o, e) -> { }), () -> c.storeOffsets(Map.of(tp, new OffsetAndMetadata(1))),
                () -> c.committed(Set.of(tp)), () -> c.committed(Set.of(tp), Duration.ofSeconds(1)), () -> c.position(tp),
                () -> c.seek(tp, 1), () -> c.seekToBeginning(List.of(tp)), () -> c.seekToEnd(List.of(tp)),
                () -> c.offsetsForTimes(Map.of(tp, 1L), Duration.ofSeconds(1)),
                () -> c.beginningOffsets(List.of(tp), Duration.ofSeconds(1)), () -> c.endOffsets(List.of(tp), Duration.ofSeconds(1)),
                () -> c.pause(List.of(tp)), () -> c.resume(List.of(tp)), c::paused, c::groupMetadata,
                () -> c.metadata("t", Duration.ofSeconds(1)), () -> c.partitionsFor("t", Duration.ofSeconds(1)),
                c::wakeup, c::rebalanceProtocol); // name() is a plain value and answers after close, as Producer.name()
        for (int i = 0; i < calls.size(); i++) {
            int n = i;
            assertThrows(IllegalStateException.class, () -> calls.get(n).run(), "call #" + i);
        }
        c.close();
    }

    @Test
    void twoMembersSplitTheTopicAndTheListenersSeeEagerRebalances() throws Exception {
        String topic = unique("split");
        String group = unique("g");
        kafka.createTopic(topic, 4);
        var l1 = new RecordingListener();
        var l2 = new RecordingListener();
        try (var c1 = consumer(kafka.consumerConfig(group)); var c2 = consumer(kafka.consumerConfig(group))) {
            c1.subscribe(List.of(topic), l1);
            await("first member owns all", Duration.ofSeconds(20), () -> {
                c1.poll(Duration.ofMillis(100));
                return c1.assignment().size() == 4;
            });
            c2.subscribe(List.of(topic), l2);
            await("both own two", Duration.ofSeconds(30), () -> {
                c1.poll(Duration.ofMillis(50));
                c2.poll(Duration.ofMillis(50));
                return c1.assignment().size() == 2 && c2.assignment().size() == 2;
            });
            Set<TopicPartition> union = new HashSet<>(c1.assignment());
            union.addAll(c2.assignment());
            assertEquals(4, union.size());
            // eager: the first member gave everything back, then got its half
            assertEquals(4, l1.revoked.getFirst().size());
            assertEquals(c1.assignment(), l1.assigned.getLast());
            assertEquals(c2.assignment(), l2.assigned.getLast());
        }
    }

    @Test
    void listenerCanCommitAndSeekInsideTheCallbackAndItsExceptionReachesPoll() throws Exception {
        String topic = unique("lsn");
        String group = unique("g");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, 0, 30);
        TopicPartition tp = new TopicPartition(topic, 0);
        AtomicReference<io.rdkafka.client.Consumer<String, String>> self = new AtomicReference<>();
        AtomicReference<Long> committedInRevoke = new AtomicReference<>();
        try (var c = consumer(kafka.consumerConfig(group).set("enable.auto.commit", "false"))) {
            self.set(c);
            c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    self.get().commitSync(Map.of(tp, new OffsetAndMetadata(25)));
                    committedInRevoke.set(25L);
                    // librdkafka does not answer offset fetches while leaving: refused at once, not after a timeout
                    assertThrows(IllegalStateException.class, () -> self.get().committed(Set.of(tp)));
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    self.get().seek(tp, 20);
                }
            });
            List<ConsumerRecord<String, String>> got = pollUntil(c, 10);
            assertEquals(20, got.getFirst().offset(), "seek in onPartitionsAssigned");
        }
        assertEquals(25L, committedInRevoke.get(), "commit in onPartitionsRevoked during close");
        try (var c = consumer(kafka.consumerConfig(group))) {
            assertEquals(25, c.committed(Set.of(tp)).get(tp).offset());
        }

        try (var c = consumer(kafka.consumerConfig(unique("g")))) {
            c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    throw new IllegalArgumentException("listener bug");
                }
            });
            KafkaException e = assertThrows(KafkaException.class, () -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < deadline) c.poll(Duration.ofMillis(200));
            });
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertEquals(Set.of(tp), c.assignment(), "the assignment happened regardless");
            assertFalse(pollUntil(c, 1).isEmpty());
        }
    }

    @Test
    void assignmentInsideOnPartitionsRevokedDuringCloseListsThePartitionsBeingRevoked() throws Exception {
        String topic = unique("revoke-assignment");
        kafka.createTopic(topic, 2);
        kafka.produce(topic, 0, 0, 5);
        AtomicReference<io.rdkafka.client.Consumer<String, String>> self = new AtomicReference<>();
        AtomicReference<Object> seenInRevoke = new AtomicReference<>();
        AtomicReference<Collection<TopicPartition>> revoked = new AtomicReference<>();
        try (var c = consumer(kafka.consumerConfig(unique("g")).set("partition.assignment.strategy", "cooperative-sticky"))) {
            self.set(c);
            c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    revoked.set(Set.copyOf(partitions));
                    try {
                        seenInRevoke.set(self.get().assignment());
                    } catch (RuntimeException e) {
                        seenInRevoke.set(e);
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }
            });
            pollUntil(c, 5);
            assertEquals(2, c.assignment().size());
        } // close revokes the assignment
        assertEquals(Set.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1)), revoked.get());
        assertEquals(revoked.get(), seenInRevoke.get(),
                "as in Kafka's consumer, the partitions being revoked are still assigned inside the callback");
    }

    @Test
    void deserializationFailureThrowsWithTheOffsetAndSeekingPastContinues() throws Exception {
        String topic = unique("deser");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, 0, 10);
        TopicPartition tp = new TopicPartition(topic, 0);
        Deserializer<String> failsOn5 = (t, data) -> {
            String s = new String(data, StandardCharsets.UTF_8);
            if (s.equals("value-5")) throw new IllegalArgumentException("bad record");
            return s;
        };
        try (var c = io.rdkafka.client.Consumer.create(kafka.consumerConfig(null).build(), Serdes.stringDeserializer(), failsOn5)) {
            c.assign(List.of(tp));
            List<Long> offsets = new ArrayList<>();
            RecordDeserializationException failure = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (failure == null && System.nanoTime() < deadline) {
                try {
                    for (var r : c.poll(Duration.ofMillis(200))) offsets.add(r.offset());
                } catch (RecordDeserializationException e) {
                    failure = e;
                }
            }
            assertNotNull(failure);
            assertEquals(5, failure.offset());
            assertEquals(topic, failure.topic());
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), offsets);
            // it stays there until the application seeks past it
            assertThrows(RecordDeserializationException.class, () -> {
                long d = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < d) c.poll(Duration.ofMillis(200));
            });
            c.seek(tp, 6);
            assertEquals(List.of(6L, 7L, 8L, 9L), pollUntil(c, 4).stream().map(ConsumerRecord::offset).toList());
        }
    }

    @Test
    void pollBatchGivesNativeViewsThatDieWithTheBatch() throws Exception {
        String topic = unique("batch");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, 0, 20);
        try (var c = consumer(kafka.consumerConfig(null))) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            List<String> values = new ArrayList<>();
            MemorySegment kept = null;
            RecordBatch last = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (values.size() < 20 && System.nanoTime() < deadline) {
                RecordBatch b = c.pollBatch(Duration.ofMillis(200));
                for (RecordBatch.Record r : b) {
                    assertEquals(values.size(), r.offset());
                    MemorySegment v = r.value();
                    assertTrue(v.isReadOnly());
                    assertEquals(r.valueSize(), v.byteSize());
                    // a slice of the batch's address-space segment, bounded to the value and read-only
                    assertThrows(IndexOutOfBoundsException.class, () -> v.get(ValueLayout.JAVA_BYTE, v.byteSize()));
                    assertThrows(IllegalArgumentException.class, () -> v.set(ValueLayout.JAVA_BYTE, 0, (byte) 1)); // read-only
                    assertEquals(r.keySize(), r.key().byteSize());
                    values.add(new String(v.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
                    assertEquals("key-" + r.offset(), new String(r.key().toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
                    kept = v;
                }
                last = b;
            }
            assertEquals(20, values.size());
            assertEquals("value-19", values.getLast());
            MemorySegment stale = kept;
            c.pollBatch(Duration.ZERO).close(); // the next poll closes the previous batch
            assertThrows(IllegalStateException.class, () -> stale.get(ValueLayout.JAVA_BYTE, 0));
            RecordBatch closed = last;
            assertThrows(IllegalStateException.class, closed::size);
            try (RecordBatch empty = c.pollBatch(Duration.ofMillis(10))) {
                assertEquals(0, empty.size(), "an empty batch after an earlier empty one was closed");
            }
        }
    }

    @Test
    void endOfPartitionIsReportedWhenEnabled() throws Exception {
        String topic = unique("eof");
        kafka.createTopic(topic, 2);
        kafka.produce(topic, 0, 0, 3);
        try (var c = consumer(kafka.consumerConfig(null).set("enable.partition.eof", "true"))) {
            c.assign(List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1)));
            Set<TopicPartition> eof = new HashSet<>();
            int records = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (eof.size() < 2 && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> rs = c.poll(Duration.ofMillis(200));
                records += rs.count();
                eof.addAll(rs.endOfPartition());
            }
            assertEquals(3, records);
            assertEquals(Set.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1)), eof);
        }
    }

    @Test
    void watermarksAreTheFirstAndNextOffsets() throws Exception {
        String topic = unique("wm");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, 0, 5);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (var c = consumer(kafka.consumerConfig(null))) {
            assertEquals(Map.of(tp, 0L), c.beginningOffsets(List.of(tp), Duration.ofSeconds(10)));
            assertEquals(Map.of(tp, 5L), c.endOffsets(List.of(tp), Duration.ofSeconds(10)));
            assertEquals(List.of(0), c.partitionsFor(topic, Duration.ofSeconds(10)).stream().map(PartitionInfo::partition).toList());
            assertEquals(3, c.metadata(null, Duration.ofSeconds(10)).brokers().size());
        }
    }

    @Test
    void aMemberThatStopsPollingLeavesTheGroupAfterMaxPollInterval() throws Exception {
        String topic = unique("maxpoll");
        kafka.createTopic(topic, 1);
        List<String> errors = new CopyOnWriteArrayList<>();
        List<String> errorThreads = new CopyOnWriteArrayList<>();
        var listener = new RecordingListener();
        try (var c = io.rdkafka.client.Consumer.create(kafka.consumerConfig(unique("g")).set("session.timeout.ms", "4000")
                        .set("max.poll.interval.ms", "4000").build(), Serdes.stringDeserializer(), Serdes.stringDeserializer(),
                ClientListeners.builder().onError(e -> {
                    errors.add(e.codeName());
                    errorThreads.add(Thread.currentThread().getName());
                }).build())) {
            c.subscribe(List.of(topic), listener);
            await("assignment", Duration.ofSeconds(20), () -> {
                c.poll(Duration.ofMillis(100));
                return !c.assignment().isEmpty();
            });
            Thread.sleep(5500); // no poll for longer than max.poll.interval.ms
            await("the revoke after leaving", Duration.ofSeconds(10), () -> {
                c.poll(Duration.ofMillis(100));
                return !listener.revoked.isEmpty();
            });
            assertEquals(List.of(Set.of(new TopicPartition(topic, 0))), listener.revoked);
            assertTrue(errors.contains("_MAX_POLL_EXCEEDED"), errors.toString());
            // a consumer error: reported on the polling thread, inside poll
            assertEquals(Thread.currentThread().getName(), errorThreads.get(errors.indexOf("_MAX_POLL_EXCEEDED")));
        }
    }

    @Test
    void clientErrorsAndStatisticsReachTheApplicationOnTheEventThread() {
        List<String> statsThreads = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        List<KafkaException> errors = new CopyOnWriteArrayList<>();
        try (var c = io.rdkafka.client.Consumer.create(KafkaConfig.builder().bootstrapServers("127.0.0.1:1")
                        .set("reconnect.backoff.max.ms", "200").statisticsInterval(Duration.ofMillis(100))
                        .closeTimeout(Duration.ofSeconds(2)).build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer(), ClientListeners.builder().onError(e -> {
                    errors.add(e);
                    threads.add(Thread.currentThread().getName());
                }).onStatistics(json -> statsThreads.add(Thread.currentThread().getName())).build())) {
            c.assign(List.of(new TopicPartition("nowhere", 0)));
            await("an error about the unreachable broker", Duration.ofSeconds(20), () -> {
                assertTrue(c.poll(Duration.ofMillis(100)).isEmpty());
                return !errors.isEmpty();
            });
            assertTrue(errors.getFirst().codeName().equals("_TRANSPORT") || errors.getFirst().codeName().equals("_ALL_BROKERS_DOWN"),
                    errors.toString());
            assertTrue(threads.getFirst().startsWith("rdkafka-rdkafka#consumer-") && threads.getFirst().endsWith("-events"),
                    threads.getFirst());
            await("statistics", Duration.ofSeconds(10), () -> !statsThreads.isEmpty());
            assertEquals(threads.getFirst(), statsThreads.getFirst());
        }
    }

    @Test
    void aManualAssignmentStartsOnceTheCoordinatorAnswersTheCommittedOffsetFetch() throws Exception {
        // librdkafka 2.14 leaves a manually assigned partition waiting forever when the OffsetFetch of its committed
        // offset fails with a coordinator error (a fresh cluster's NOT_COORDINATOR): the binding asks again
        try (var mock = io.rdkafka.client.mock.MockCluster.start(1)) {
            mock.createTopic("fresh-coordinator", 1, 1);
            try (var p = Producer.create(mock.clientConfig().build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
                for (int i = 0; i < 5; i++) p.send(new ProducerRecord<>("fresh-coordinator", 0, "k" + i, "v" + i));
                p.flush(Duration.ofSeconds(10));
            }
            mock.pushRequestErrors(io.rdkafka.client.mock.MockCluster.ApiKey.OFFSET_FETCH,
                    io.rdkafka.ffm.RdKafka.RD_KAFKA_RESP_ERR_NOT_COORDINATOR, io.rdkafka.ffm.RdKafka.RD_KAFKA_RESP_ERR_NOT_COORDINATOR);
            try (var c = Consumer.create(mock.clientConfig().groupId(unique("g")).set("auto.offset.reset", "earliest")
                    .build(), Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
                c.assign(List.of(new TopicPartition("fresh-coordinator", 0)));
                List<String> got = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (got.size() < 5 && System.nanoTime() < deadline) {
                    for (var r : c.poll(Duration.ofMillis(100))) got.add(r.value());
                }
                assertEquals(List.of("v0", "v1", "v2", "v3", "v4"), got);
            }
        }
    }

    @Test
    void aConsumerFetchesAgainAfterTenMillisecondsNotASecondWhereTheLibraryLetsItChoose() {
        KafkaConfig plain = KafkaConfig.builder().build();
        if (io.rdkafka.ffm.RdKafkaLibrary.isAtLeast(2, 2, 0)) {
            assertEquals("10", plain.dump().global().get("fetch.queue.backoff.ms"));
            assertNull(plain.get("fetch.queue.backoff.ms"), "get() shows only what was set");
            KafkaConfig own = KafkaConfig.builder().set("fetch.queue.backoff.ms", "1000").build();
            assertEquals("1000", own.dump().global().get("fetch.queue.backoff.ms"), "a setting of the user's is kept");
        } else {
            // 2.0.2 has no such property (its back-off is a fixed second): nothing is added
            assertNull(plain.dump().global().get("fetch.queue.backoff.ms"));
            assertThrows(ConfigException.class, () -> KafkaConfig.builder().set("fetch.queue.backoff.ms", "10").build());
        }
    }

    @Test
    void kip848GroupProtocolIsAcceptedFromLibrdkafka240AndRefusedBefore() {
        if (io.rdkafka.ffm.RdKafkaLibrary.isAtLeast(2, 4, 0)) {
            KafkaConfig config = KafkaConfig.builder().set("group.protocol", "consumer").build();
            // incremental always from 2.10.0; before, the early-access protocol follows the assignment strategy
            boolean alwaysIncremental = io.rdkafka.ffm.RdKafkaLibrary.isAtLeast(2, 10, 0);
            assertEquals(alwaysIncremental ? RebalanceProtocol.COOPERATIVE : RebalanceProtocol.EAGER,
                    RebalanceProtocol.configuredBy(config));
            if (!alwaysIncremental) {
                assertEquals(RebalanceProtocol.COOPERATIVE, RebalanceProtocol.configuredBy(config.toBuilder()
                        .set("partition.assignment.strategy", "cooperative-sticky").build()));
            }
            assertEquals("consumer", config.dump().global().get("group.protocol"));
            // the classic protocol's client-side settings are the broker's now: the generally available KIP-848
            // (refused on 2.14) refuses them naming the property; the early-access releases (2.8) accept them
            for (String p : List.of("partition.assignment.strategy", "session.timeout.ms")) {
                String value = p.equals("session.timeout.ms") ? "10000" : "range";
                KafkaConfig.Builder b = kafka.config().groupId(unique("g")).set("group.protocol", "consumer").set(p, value);
                if (io.rdkafka.ffm.RdKafkaLibrary.isAtLeast(2, 12, 0)) {
                    ConfigException e = assertThrows(ConfigException.class, () -> consumer(b));
                    assertEquals(p, e.property(), e.getMessage());
                    assertTrue(e.getMessage().contains("group.protocol=consumer"), e.getMessage());
                } else {
                    try (var c = consumer(b)) {
                        assertEquals(alwaysIncremental ? RebalanceProtocol.COOPERATIVE : RebalanceProtocol.EAGER,
                                RebalanceProtocol.configuredBy(b.build()));
                    }
                }
            }
        } else {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> KafkaConfig.builder().set("group.protocol", "consumer").build());
            assertEquals("group.protocol", e.property());
            assertTrue(e.getMessage().contains("2.4.0") && e.getMessage().contains("KIP-848"), e.getMessage());
        }
    }

    @Test
    void subscribeToAPatternFindsMatchingTopics() throws Exception {
        String prefix = unique("pat");
        kafka.createTopic(prefix + "-a", 1);
        kafka.createTopic(prefix + "-b", 1);
        kafka.createTopic(unique("other"), 1);
        kafka.produce(prefix + "-a", 0, 0, 1);
        kafka.produce(prefix + "-b", 0, 0, 1);
        try (var c = consumer(kafka.consumerConfig(unique("g")))) {
            c.subscribe(Pattern.compile(Pattern.quote(prefix).replace("\\Q", "").replace("\\E", "") + "-.*"));
            List<ConsumerRecord<String, String>> got = pollUntil(c, 2);
            assertEquals(Set.of(prefix + "-a", prefix + "-b"), Set.of(got.get(0).topic(), got.get(1).topic()));
        }
    }

}

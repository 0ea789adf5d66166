package io.rdkafka.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import static io.rdkafka.client.MockKafka.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link RecordPublisher} on the mock cluster with hand-written subscribers: demand drives polling (never more
 * onNext than requested, at most bufferSize records buffered for a slow subscriber, partitions paused meanwhile),
 * commits cover acknowledged records only, the Reactive Streams rules for bad requests, cancel, completion and a
 * second subscriber, and a rebalance while publishing loses no record.
 */
class RecordPublisherTest {
    private static MockKafka kafka;

    @BeforeAll
    static void start() {
        kafka = new MockKafka(1);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    /** Records signals; requests {@code initial} on subscribe; {@code onRecord} may request, ack, cancel. */
    static final class Probe implements Flow.Subscriber<AcknowledgeableRecord<String, String>> {
        final List<AcknowledgeableRecord<String, String>> received = new CopyOnWriteArrayList<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger inOnNext = new AtomicInteger();
        final AtomicInteger overlapping = new AtomicInteger();
        final AtomicLong requested = new AtomicLong();
        final CountDownLatch terminated = new CountDownLatch(1);
        volatile Flow.Subscription subscription;
        volatile Throwable error;
        volatile boolean completed;
        volatile int subscribes;
        final long initial;
        final BiConsumer<Probe, AcknowledgeableRecord<String, String>> onRecord;

        Probe(long initial, BiConsumer<Probe, AcknowledgeableRecord<String, String>> onRecord) {
            this.initial = initial;
            this.onRecord = onRecord;
        }

        void request(long n) {
            requested.addAndGet(n);
            subscription.request(n);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscribes++;
            subscription = s;
            if (initial > 0) request(initial);
        }

        @Override
        public void onNext(AcknowledgeableRecord<String, String> item) {
            if (inOnNext.incrementAndGet() > 1) overlapping.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            received.add(item);
            assertTrue(received.size() <= requested.get(), "more onNext than requested");
            if (onRecord != null) onRecord.accept(this, item);
            inOnNext.decrementAndGet();
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            terminated.countDown();
        }

        @Override
        public void onComplete() {
            completed = true;
            terminated.countDown();
        }
    }

    private static String topicWith(int partitions, int recordsPerPartition) throws Exception {
        String topic = "pub-" + System.nanoTime();
        kafka.createTopic(topic, partitions);
        for (int p = 0; p < partitions; p++) kafka.produce(topic, p, 0, recordsPerPartition);
        return topic;
    }

    private static KafkaConfig config(String group) {
        return kafka.consumerConfig(group).build();
    }

    private static long committed(String group, TopicPartition tp) {
        try (var c = Consumer.create(config(group), Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            OffsetAndMetadata o = c.committed(Set.of(tp), Duration.ofSeconds(10)).get(tp);
            return o == null ? -1 : o.offset();
        }
    }

    @Test
    void aSlowSubscriberNeverHasMoreThanTheBufferWaitingAndGetsNoMoreThanItAskedFor() throws Exception {
        String topic = topicWith(1, 2000);
        String group = "pub-slow-" + System.nanoTime();
        var publisher = RecordPublisher.ofSubscription(config(group), Serdes.stringDeserializer(),
                Serdes.stringDeserializer(), List.of(topic), ClientListeners.none(),
                RecordPublisher.Settings.defaults().withBufferSize(50));
        Probe probe = new Probe(10, (p, r) -> r.acknowledge());
        publisher.subscribe(probe);
        for (int round = 0; round < 20; round++) {
            int target = (round + 1) * 10;
            await("10 more records", Duration.ofSeconds(30), () -> probe.received.size() >= target);
            Thread.sleep(30); // slow: nothing more may arrive until the next request
            assertEquals(target, probe.received.size(), "delivered past the demand");
            assertTrue(publisher.metrics().buffered() <= 50, "buffered " + publisher.metrics());
            if (round < 19) probe.request(10);
        }
        var m = publisher.metrics();
        assertTrue(m.maxBuffered() <= 50, "at most bufferSize records buffered: " + m);
        assertTrue(m.pausedPolls() > 0, "waited with partitions paused: " + m);
        probe.subscription.cancel();
        await("the subscription to end", Duration.ofSeconds(20), () -> publisher.metrics().buffered() == 0
                && committed(group, new TopicPartition(topic, 0)) == 200);
        assertEquals(0, probe.overlapping.get(), "concurrent onNext");
        assertEquals(1, probe.threads.size(), "one publisher thread: " + probe.threads);
        assertNull(probe.error);
        assertFalse(probe.completed, "no signal after cancel");
        // values in order, offsets 0..199
        for (int i = 0; i < 200; i++) assertEquals("value-" + i, probe.received.get(i).record().value());
    }

    @Test
    void onlyAcknowledgedRecordsAreCommittedUpToTheFirstGap() throws Exception {
        String topic = topicWith(1, 20);
        String group = "pub-ack-" + System.nanoTime();
        var publisher = RecordPublisher.ofAssignment(config(group), Serdes.stringDeserializer(),
                Serdes.stringDeserializer(), List.of(new TopicPartition(topic, 0)), ClientListeners.none(),
                RecordPublisher.Settings.defaults().withCommitInterval(Duration.ofMillis(50)));
        Probe probe = new Probe(10, null);
        publisher.subscribe(probe);
        await("10 records", Duration.ofSeconds(30), () -> probe.received.size() == 10);
        // acknowledged out of order, from another thread: 6, then 0..4; 5 never
        Thread acker = Thread.ofPlatform().start(() -> {
            probe.received.get(6).record();
            probe.received.get(6).acknowledge();
            for (int i = 4; i >= 0; i--) probe.received.get(i).acknowledge();
            probe.received.get(0).acknowledge(); // twice: no effect
        });
        acker.join();
        TopicPartition tp = new TopicPartition(topic, 0);
        await("offset 5 committed", Duration.ofSeconds(20), () -> committed(group, tp) == 5);
        assertEquals(6, publisher.metrics().acknowledged());
        assertEquals(5, publisher.metrics().unacknowledged(), "5 and 7..9; 6 waits for 5");
        probe.received.get(5).acknowledge();
        await("offset 7 committed", Duration.ofSeconds(20), () -> committed(group, tp) == 7);
        probe.subscription.cancel();
        Thread.sleep(300);
        assertEquals(7, committed(group, tp), "unacknowledged 7..9 stay uncommitted after cancel");
    }

    @Test
    void aLimitCompletesAfterThatManyRecords() throws Exception {
        String topic = topicWith(1, 20);
        String group = "pub-limit-" + System.nanoTime();
        var publisher = RecordPublisher.ofAssignment(config(group), Serdes.stringDeserializer(),
                Serdes.stringDeserializer(), List.of(new TopicPartition(topic, 0)), ClientListeners.none(),
                RecordPublisher.Settings.defaults().withLimit(7));
        Probe probe = new Probe(Long.MAX_VALUE, (p, r) -> r.acknowledge());
        publisher.subscribe(probe);
        assertTrue(probe.terminated.await(30, TimeUnit.SECONDS));
        assertTrue(probe.completed);
        assertEquals(7, probe.received.size());
        assertEquals(7, committed(group, new TopicPartition(topic, 0)), "acknowledged offsets committed at the end");
    }

    @Test
    void aRequestOfZeroOrLessEndsTheSubscriptionWithIllegalArgumentException() throws Exception {
        String topic = topicWith(1, 5);
        for (long bad : new long[]{0, -1, Long.MIN_VALUE}) {
            var publisher = RecordPublisher.ofAssignment(config("pub-bad-" + System.nanoTime()),
                    Serdes.stringDeserializer(), Serdes.stringDeserializer(), List.of(new TopicPartition(topic, 0)),
                    ClientListeners.none(), RecordPublisher.Settings.defaults());
            Probe probe = new Probe(0, null);
            publisher.subscribe(probe);
            await("onSubscribe", Duration.ofSeconds(10), () -> probe.subscription != null);
            probe.subscription.request(bad);
            assertTrue(probe.terminated.await(10, TimeUnit.SECONDS));
            IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, probe.error);
            assertTrue(e.getMessage().contains("3.9") && e.getMessage().contains(Long.toString(bad)), e.getMessage());
            assertTrue(probe.received.isEmpty());
        }
    }

    @Test
    void oneSubscriberAtATimeThenAnotherMayFollow() throws Exception {
        String topic = topicWith(1, 10);
        String group = "pub-one-" + System.nanoTime();
        var publisher = RecordPublisher.ofAssignment(config(group), Serdes.stringDeserializer(),
                Serdes.stringDeserializer(), List.of(new TopicPartition(topic, 0)), ClientListeners.none(),
                RecordPublisher.Settings.defaults());
        Probe first = new Probe(3, (p, r) -> r.acknowledge());
        publisher.subscribe(first);
        await("3 records", Duration.ofSeconds(30), () -> first.received.size() == 3);
        Probe second = new Probe(1, null);
        publisher.subscribe(second);
        assertTrue(second.terminated.await(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, second.error);
        assertEquals(1, second.subscribes, "onSubscribe before onError (rule 1.9)");
        first.subscription.cancel();
        first.subscription.cancel(); // idempotent (rule 3.5)
        // at once, while the first one's consumer may still be committing and closing: accepted, and started after it
        Probe third = new Probe(2, null);
        publisher.subscribe(third);
        await("records from the committed offset", Duration.ofSeconds(30), () -> third.received.size() == 2);
        assertNull(third.error, "the follower was accepted");
        assertEquals(3, third.received.getFirst().record().offset());
        assertEquals(3, committed(group, new TopicPartition(topic, 0)), "the first subscription committed what it acknowledged");
        third.subscription.cancel();
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThrows(IllegalArgumentException.class, () -> RecordPublisher.ofSubscription(kafka.config().build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer(), List.of("t"), ClientListeners.none(),
                RecordPublisher.Settings.defaults()), "group.id is required");
        assertThrows(IllegalArgumentException.class, () -> RecordPublisher.ofSubscription(config("g"),
                Serdes.stringDeserializer(), Serdes.stringDeserializer(), List.of(), ClientListeners.none(),
                RecordPublisher.Settings.defaults()));
        var p = RecordPublisher.ofSubscription(config("g"), Serdes.stringDeserializer(), Serdes.stringDeserializer(),
                List.of("t"), ClientListeners.none(), RecordPublisher.Settings.defaults());
        assertThrows(NullPointerException.class, () -> p.subscribe(null));
        assertThrows(IllegalArgumentException.class, () -> RecordPublisher.Settings.defaults().withBufferSize(0));
        assertThrows(IllegalArgumentException.class, () -> RecordPublisher.Settings.defaults().withMaxUnacknowledged(0));
        assertThrows(IllegalArgumentException.class, () -> RecordPublisher.Settings.defaults().withCommitInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RecordPublisher.Settings.defaults().withLimit(-1));
    }

    @Test
    void aRebalanceWhilePublishingLosesNoRecord() throws Exception {
        int partitions = 4;
        int perPartition = 100;
        String topic = topicWith(partitions, perPartition);
        String group = "pub-rebalance-" + System.nanoTime();
        var publisher = RecordPublisher.ofSubscription(config(group), Serdes.stringDeserializer(),
                Serdes.stringDeserializer(), List.of(topic), ClientListeners.none(),
                RecordPublisher.Settings.defaults().withBufferSize(20).withCommitInterval(Duration.ofMillis(100)));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Probe probe = new Probe(5, (p, r) -> {
            seen.add(r.record().partition() + "/" + r.record().offset());
            r.acknowledge();
            try {
                Thread.sleep(5); // slow enough that the second member joins mid-stream
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.request(1);
        });
        publisher.subscribe(probe);
        await("first records", Duration.ofSeconds(30), () -> probe.received.size() >= 20);
        Set<String> other = new HashSet<>();
        try (var second = Consumer.create(config(group), Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            second.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                for (var r : second.poll(Duration.ofMillis(100))) other.add(r.partition() + "/" + r.offset());
                Set<String> all = new HashSet<>(seen);
                all.addAll(other);
                if (all.size() == partitions * perPartition) break;
            }
            second.commitSync();
        }
        Set<String> all = new HashSet<>(seen);
        all.addAll(other);
        assertEquals(partitions * perPartition, all.size(), "records lost: publisher saw " + seen.size()
                + ", the second member " + other.size());
        assertFalse(other.isEmpty(), "the second member got partitions");
        probe.subscription.cancel();
        assertNull(probe.error, "no error through the rebalance");
        assertEquals(0, probe.overlapping.get());
        assertTrue(publisher.metrics().maxBuffered() <= 20, publisher.metrics().toString());
    }
}

package io.rdkafka.client;

import io.rdkafka.client.errors.ConfigException;
import io.rdkafka.ffm.RdKafkaLibrary;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The consumer group protocol of KIP-848 ({@code group.protocol=consumer}, Kafka 4's default-enabled protocol)
 * on a real broker: the broker assigns, partitions move one by one, and every member's rebalance listener hears
 * of exactly the partitions it gains or loses. librdkafka accepts the protocol from 2.4.0; on older libraries each
 * test asserts the refusal instead.
 */
@KafkaTest
class ConsumerGroupProtocolIT {
    private static final boolean SUPPORTED = RdKafkaLibrary.isAtLeast(2, 4, 0);
    private static final int PARTITIONS = 6;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A consumer-protocol member. Before librdkafka 2.10.0 the early-access protocol takes incremental or eager
     * assignment from {@code partition.assignment.strategy} (eager by default): cooperative-sticky makes it
     * incremental there, as it always is from 2.10.0 (where 2.12+ refuse the property in this mode).
     */
    private static KafkaConfig.Builder kip848(KafkaCluster cluster, String group) {
        KafkaConfig.Builder b = KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers()).groupId(group)
                .set("group.protocol", "consumer").set("auto.offset.reset", "earliest")
                .set("fetch.wait.max.ms", "100").closeTimeout(Duration.ofSeconds(20));
        if (SUPPORTED && !RdKafkaLibrary.isAtLeast(2, 10, 0)) b.set("partition.assignment.strategy", "cooperative-sticky");
        return b;
    }

    private static KafkaConfig.Builder classic(KafkaCluster cluster, String group) {
        return KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers()).groupId(group)
                .set("auto.offset.reset", "earliest").set("session.timeout.ms", "10000")
                .set("heartbeat.interval.ms", "500").set("fetch.wait.max.ms", "100").closeTimeout(Duration.ofSeconds(20));
    }

    /** On a library without KIP-848: asserts that the configuration is refused, naming the version that has it. */
    private static boolean refusedByThisLibrary(KafkaCluster cluster) {
        if (SUPPORTED) return false;
        ConfigException e = assertThrows(ConfigException.class, () -> kip848(cluster, "g").build());
        assertEquals("group.protocol", e.property());
        assertTrue(e.getMessage().contains("2.4.0"), e.getMessage());
        return true;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            Thread.sleep(20);
        }
    }

    /** Produces values "0".."n-1", spread over the partitions by key, at about {@code perSecond}. */
    private static Thread produceInBackground(KafkaCluster cluster, String topic, int n, int perSecond,
                                              AtomicReference<Throwable> failure, int[] produced) {
        Thread t = Thread.ofPlatform().name("producer-" + topic).start(() -> {
            try (var p = Producer.create(KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers())
                    .linger(Duration.ofMillis(5)).acks("all").build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
                for (int i = 0; i < n; i++) {
                    p.send(new ProducerRecord<>(topic, "k" + i, Integer.toString(i)), (md, e) -> {
                        if (e != null) failure.compareAndSet(null, e);
                    });
                    synchronized (produced) {
                        produced[0] = i + 1;
                    }
                    if (i % 100 == 99) Thread.sleep(100_000L / perSecond);
                }
                p.flush(Duration.ofSeconds(30));
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });
        return t;
    }

    private static int produced(int[] produced) {
        synchronized (produced) {
            return produced[0];
        }
    }

    /** One group member polling on its own thread (a consumer is used by one thread), recording what it sees. */
    static final class Member implements ConsumerRebalanceListener, AutoCloseable {
        record Event(String kind, Set<TopicPartition> partitions) {
        }

        final String name;
        final List<Event> events = new CopyOnWriteArrayList<>();
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile Set<TopicPartition> assignment = Set.of();
        volatile RebalanceProtocol protocol = RebalanceProtocol.NONE;
        private volatile boolean running = true;
        private final Thread thread;

        Member(String name, KafkaConfig config, String topic) {
            this(name, config, topic, true);
        }

        /** A member whose thread starts now, or at {@link #start()}. */
        Member(String name, KafkaConfig config, String topic, boolean startNow) {
            this.name = name;
            this.thread = Thread.ofPlatform().name("member-" + name).unstarted(() -> {
                try (var c = Consumer.create(config, Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
                    c.subscribe(List.of(topic), this);
                    while (running) {
                        var records = c.poll(Duration.ofMillis(100));
                        for (var r : records) seen.add(r.value());
                        if (!records.isEmpty()) c.commitAsync();
                        assignment = Set.copyOf(c.assignment());
                        protocol = c.rebalanceProtocol();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            if (startNow) thread.start();
        }

        void start() {
            thread.start();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            events.add(new Event("assigned", Set.copyOf(partitions)));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            events.add(new Event("revoked", Set.copyOf(partitions)));
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

        /**
         * Replays the listener calls: each assigned set is new to the member, each revoked set was held, and after
         * close nothing is held.
         */
        void assertIncremental(boolean closed) {
            Set<TopicPartition> held = new HashSet<>();
            for (Event e : events) {
                switch (e.kind) {
                    case "assigned" -> {
                        assertTrue(Collections.disjoint(held, e.partitions), name + " was assigned " + e.partitions
                                + " while holding " + held + " (incremental assignment hands out only new partitions)");
                        held.addAll(e.partitions);
                    }
                    case "revoked", "lost" -> {
                        assertTrue(held.containsAll(e.partitions), name + " lost " + e.partitions + " holding " + held);
                        held.removeAll(e.partitions);
                    }
                    default -> fail(e.kind);
                }
            }
            if (closed) assertEquals(Set.of(), held, name + ": close revokes what is left; events " + events);
            else assertEquals(assignment, held, name + ": the listener calls add up to the assignment; events " + events);
        }

        /** Stops polling and closes the consumer (leaving the group); idempotent. */
        @Override
        public void close() throws InterruptedException {
            running = false;
            if (thread.getState() == Thread.State.NEW) return;
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(thread.isAlive(), name + " did not close within 30 s");
            if (failure.get() != null) throw new AssertionError(name + " failed", failure.get());
        }
    }

    private static Set<TopicPartition> partitions(String topic) {
        Set<TopicPartition> s = new HashSet<>();
        for (int i = 0; i < PARTITIONS; i++) s.add(new TopicPartition(topic, i));
        return s;
    }

    private static boolean shared(Member a, Member b, String topic) {
        Set<TopicPartition> x = a.assignment;
        Set<TopicPartition> y = b.assignment;
        Set<TopicPartition> union = new HashSet<>(x);
        union.addAll(y);
        return !x.isEmpty() && !y.isEmpty() && Collections.disjoint(x, y) && union.equals(partitions(topic));
    }

    @Test
    void membersJoiningAndLeavingWhileRecordsFlowConsumeEveryRecord(KafkaCluster cluster) throws Exception {
        if (refusedByThisLibrary(cluster)) return;
        String topic = unique("kip848-flow");
        String group = unique("g");
        cluster.createTopic(topic, PARTITIONS, 1);
        int n = 6000;
        AtomicReference<Throwable> produceFailure = new AtomicReference<>();
        int[] produced = new int[1];
        try (Member a = new Member("a", kip848(cluster, group).build(), topic);
             Member b = new Member("b", kip848(cluster, group).build(), topic, false)) {
            await("member a owns all partitions", Duration.ofSeconds(60), () -> a.assignment.equals(partitions(topic)));
            assertEquals(RebalanceProtocol.COOPERATIVE, a.protocol);
            Thread producer = produceInBackground(cluster, topic, n, 1500, produceFailure, produced);
            await("a third of the records produced", Duration.ofSeconds(60), () -> produced(produced) >= n / 3);
            b.start();
            await("a and b share the partitions", Duration.ofSeconds(60), () -> shared(a, b, topic));
            Set<TopicPartition> aWhileShared = a.assignment;
            Set<TopicPartition> bWhileShared = b.assignment;
            await("two thirds of the records produced", Duration.ofSeconds(60), () -> produced(produced) >= 2 * n / 3);
            a.close(); // leaves the group while records still flow
            a.assertIncremental(true);
            assertEquals(Set.of(), a.all("lost", 0), "a left cleanly: nothing lost");
            producer.join(TimeUnit.SECONDS.toMillis(60));
            assertNull(produceFailure.get(), () -> "producing failed: " + produceFailure.get());
            assertEquals(n, produced(produced));

            await("b owns every partition after a left", Duration.ofSeconds(60), () -> b.assignment.equals(partitions(topic)));
            Set<String> all = new HashSet<>();
            for (int i = 0; i < n; i++) all.add(Integer.toString(i));
            await("every record consumed by a or b", Duration.ofSeconds(90), () -> {
                Set<String> union = new HashSet<>(a.seen);
                union.addAll(b.seen);
                return union.containsAll(all);
            });
            b.close();
            b.assertIncremental(true);
            // b's first assignment was its share while a was in; a's departure only added a's partitions to it
            assertEquals(bWhileShared, b.events.getFirst().partitions(), "b's first assignment: " + b.events);
            assertEquals("assigned", b.events.getFirst().kind());
            assertTrue(b.all("assigned", 1).containsAll(aWhileShared), "b took over a's " + aWhileShared + ": " + b.events);
            assertEquals(1, b.events.stream().filter(e -> !e.kind().equals("assigned")).count(),
                    "b gave nothing up until it closed: " + b.events);
        }
    }

    @Test
    void aStaticMemberRejoiningGetsItsPartitionsBackAndTheOtherMemberKeepsItsOwn(KafkaCluster cluster) throws Exception {
        if (refusedByThisLibrary(cluster)) return;
        String topic = unique("kip848-static");
        String group = unique("g");
        cluster.createTopic(topic, PARTITIONS, 1);
        try (Member b = new Member("b", kip848(cluster, group).set("group.instance.id", "instance-b").build(), topic)) {
            Set<TopicPartition> before;
            try (Member a = new Member("a", kip848(cluster, group).set("group.instance.id", "instance-a").build(), topic)) {
                await("a and b share the partitions", Duration.ofSeconds(60), () -> shared(a, b, topic));
                before = a.assignment;
            }
            int mark = b.events.size();
            Set<TopicPartition> bBefore = b.assignment;
            try (Member again = new Member("a-again", kip848(cluster, group).set("group.instance.id", "instance-a").build(),
                    topic)) {
                await("the rejoined static member has partitions", Duration.ofSeconds(60), () -> !again.assignment.isEmpty()
                        && shared(again, b, topic));
                assertEquals(before, again.assignment, "a static member comes back to its own partitions");
                assertEquals(bBefore, b.assignment, "b kept its partitions");
                assertEquals(List.of(), b.events.subList(mark, b.events.size()), "b heard of no rebalance");
            }
        }
    }

    @Test
    void withoutAStrategyEarlyAccessLibrariesAssignEagerlyAndLaterOnesIncrementally(KafkaCluster cluster) throws Exception {
        if (refusedByThisLibrary(cluster)) return;
        String topic = unique("kip848-default");
        String group = unique("g");
        cluster.createTopic(topic, PARTITIONS, 1);
        KafkaConfig plain = KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers()).groupId(group)
                .set("group.protocol", "consumer").set("auto.offset.reset", "earliest").closeTimeout(Duration.ofSeconds(20))
                .build();
        boolean incremental = RdKafkaLibrary.isAtLeast(2, 10, 0);
        assertEquals(incremental ? RebalanceProtocol.COOPERATIVE : RebalanceProtocol.EAGER, RebalanceProtocol.configuredBy(plain));
        try (Member a = new Member("a", plain, topic)) {
            await("a owns all partitions", Duration.ofSeconds(60), () -> a.assignment.equals(partitions(topic)));
            try (Member b = new Member("b", plain, topic)) {
                await("a and b share the partitions", Duration.ofSeconds(60), () -> shared(a, b, topic));
                assertEquals(incremental ? RebalanceProtocol.COOPERATIVE : RebalanceProtocol.EAGER, b.protocol);
                if (incremental) {
                    assertEquals(Set.of(), a.all("assigned", 1), "a only gave partitions up: " + a.events);
                } else {
                    // eager: a was revoked everything and assigned its new, smaller share
                    assertTrue(a.all("revoked", 0).containsAll(partitions(topic)), a.events.toString());
                }
            }
        }
    }

    @Test
    void theRangeRemoteAssignorGivesEachMemberAContiguousRange(KafkaCluster cluster) throws Exception {
        if (refusedByThisLibrary(cluster)) return;
        String topic = unique("kip848-range");
        String group = unique("g");
        cluster.createTopic(topic, PARTITIONS, 1);
        KafkaConfig config = kip848(cluster, group).set("group.remote.assignor", "range").build();
        try (Member a = new Member("a", config, topic); Member b = new Member("b", config, topic)) {
            await("a and b share the partitions", Duration.ofSeconds(60), () -> shared(a, b, topic)
                    && a.assignment.size() == PARTITIONS / 2);
            for (Member m : List.of(a, b)) {
                TreeSet<Integer> ps = new TreeSet<>();
                for (TopicPartition tp : m.assignment) ps.add(tp.partition());
                assertEquals(ps.last() - ps.first() + 1, ps.size(), m.name + " got " + ps + ": not a range");
            }
        }
    }

    @Test
    void committedOffsetsAreWhereTheNextMemberResumes(KafkaCluster cluster) throws Exception {
        if (refusedByThisLibrary(cluster)) return;
        String topic = unique("kip848-commit");
        String group = unique("g");
        cluster.createTopic(topic, PARTITIONS, 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int[] produced = new int[1];
        Thread p = produceInBackground(cluster, topic, 600, 100_000, failure, produced);
        p.join(TimeUnit.SECONDS.toMillis(60));
        assertNull(failure.get());
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (var c = Consumer.create(kip848(cluster, group).set("enable.auto.commit", "false").build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            c.subscribe(List.of(topic));
            int got = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (got < 300 && System.nanoTime() < deadline) got += c.poll(Duration.ofMillis(200)).count();
            assertTrue(got >= 300, "read " + got);
            c.commitSync();
            committed = c.committed(partitions(topic), Duration.ofSeconds(30));
            long total = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
            assertEquals(got, total, "commitSync() committed the position of everything poll returned: " + committed);
        }
        long left = 600 - committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        try (var c = Consumer.create(kip848(cluster, group).set("enable.auto.commit", "false").build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            c.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> rest = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (rest.size() < left && System.nanoTime() < deadline) c.poll(Duration.ofMillis(200)).forEach(rest::add);
            c.poll(Duration.ofMillis(500)).forEach(rest::add); // nothing more may come
            assertEquals(left, rest.size(), "the next member read exactly what was not committed");
            for (var r : rest) {
                assertTrue(r.offset() >= committed.getOrDefault(r.topicPartition(), new OffsetAndMetadata(0)).offset(),
                        r + " is before the committed offset");
            }
        }
    }

    @Test
    void classicAndConsumerProtocolMembersShareOneGroup(KafkaCluster cluster) throws Exception {
        if (refusedByThisLibrary(cluster)) return;
        // The classic protocol's clash (an eager member joining a cooperative group fails with
        // INCONSISTENT_GROUP_PROTOCOL, ConsumerIT) has no counterpart here: Kafka 4 runs mixed groups, converting
        // the group online (group.consumer.migration.policy=bidirectional, the broker's default).
        String topic = unique("kip848-mixed");
        String group = unique("g");
        cluster.createTopic(topic, PARTITIONS, 1);
        try (Member modern = new Member("consumer-protocol", kip848(cluster, group).build(), topic)) {
            await("the consumer-protocol member owns all partitions", Duration.ofSeconds(60),
                    () -> modern.assignment.equals(partitions(topic)));
            try (Member eager = new Member("classic-eager", classic(cluster, group).build(), topic)) {
                await("the classic eager member gets a share", Duration.ofSeconds(60), () -> shared(modern, eager, topic));
                assertEquals(RebalanceProtocol.COOPERATIVE, modern.protocol);
                assertEquals(RebalanceProtocol.EAGER, eager.protocol);
            }
            await("the consumer-protocol member owns all partitions again", Duration.ofSeconds(60),
                    () -> modern.assignment.equals(partitions(topic)));
            modern.assertIncremental(false);
        }
    }
}

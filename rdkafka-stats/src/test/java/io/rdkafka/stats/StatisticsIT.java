package io.rdkafka.stats;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.Consumer;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The parser against statistics that real clients emit (librdkafka as loaded, every 500 ms) while they
 * produce to and consume from the test kit's broker.
 */
@KafkaTest
class StatisticsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Collects every emit, parsed, and keeps the last raw JSON. */
    static final class Emits {
        final BlockingQueue<Statistics> queue = new LinkedBlockingQueue<>();
        final AtomicReference<String> lastJson = new AtomicReference<>();
        volatile long maxRttAvg = -1;

        ClientListeners listeners() {
            return ClientListeners.builder().onStatistics(json -> {
                lastJson.set(json);
                Statistics s = Statistics.parse(json); // a failure here is logged by the client and fails the awaits
                for (BrokerStats b : s.clusterBrokers()) maxRttAvg = Math.max(maxRttAvg, b.rtt().avg());
                queue.add(s);
            }).build();
        }

        /** The first emit from now on that satisfies {@code condition}. */
        Statistics await(String what, Predicate<Statistics> condition) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            Statistics last = null;
            while (System.nanoTime() < deadline) {
                Statistics s = queue.poll(200, TimeUnit.MILLISECONDS);
                if (s == null) continue;
                last = s;
                if (condition.test(s)) return s;
            }
            return fail("no statistics emit showed " + what + " within " + WAIT + "; last: " + last);
        }
    }

    private static KafkaConfig.Builder base(KafkaCluster cluster) {
        return KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers())
                .statisticsInterval(Duration.ofMillis(500)).closeTimeout(Duration.ofSeconds(10));
    }

    private static long sum(Statistics s, String topic, java.util.function.ToLongFunction<PartitionStats> f) {
        return s.partitions().stream().filter(p -> p.topic().equals(topic)).mapToLong(f).sum();
    }

    /** Queued records of a topic, also in the unassigned partition (where they wait for the topic's metadata). */
    private static long queued(Statistics s, String topic) {
        TopicStats t = s.topics().get(topic);
        return t == null ? 0 : t.partitions().values().stream().mapToLong(p -> p.msgqCnt() + p.xmitMsgqCnt()).sum();
    }

    private static void save(String name, String json) throws Exception {
        // kept for a look at the real shape (target/ is not checked in)
        Path dir = Path.of("target", "statistics");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), json);
    }

    @Test
    void producerStatistics(KafkaCluster cluster) throws Exception {
        String topic = "stats-p-" + System.nanoTime();
        cluster.createTopic(topic, 2, 1);
        Emits emits = new Emits();
        // A long linger keeps the records queued long enough for an emit to show them.
        KafkaConfig config = base(cluster).clientId("stats-producer").enableIdempotence(true)
                .linger(Duration.ofSeconds(10)).build();
        try (var producer = Producer.create(config, Serdes.stringSerializer(), Serdes.stringSerializer(),
                emits.listeners())) {
            for (int i = 0; i < 100; i++) producer.send(new ProducerRecord<>(topic, i % 2, "k" + i, "v" + i));

            // librdkafka moves queued records from a partition's queue (msgq_cnt) to the broker thread's
            // (xmit_msgq_cnt) and on into requests; the client-level msg_cnt counts them all.
            Statistics queued = emits.await("100 queued records", s -> s.msgCnt() == 100 && queued(s, topic) > 0);
            assertTrue(queued(queued, topic) <= 100);
            assertEquals(50, queued.partition(topic, 0).orElseThrow().msgs(), "produced, not yet sent");
            assertTrue(queued.isProducer());
            assertEquals(producer.name(), queued.name());
            assertEquals("stats-producer", queued.clientId());
            assertTrue(queued.msgSize() > 0, "queued bytes");
            assertEquals(0, sum(queued, topic, PartitionStats::txMsgs), "nothing sent yet");
            assertTrue(queued.msgMax() > 0 && queued.msgSizeMax() > 0);

            producer.flush(Duration.ofSeconds(30));
            Statistics sent = emits.await("100 sent records", s -> s.msgCnt() == 0
                    && sum(s, topic, PartitionStats::txMsgs) == 100);
            save("producer.json", emits.lastJson.get());
            assertTrue(sent.ts() > queued.ts(), "monotonic clock advances");
            assertTrue(sent.age() > 0);
            assertTrue(sent.time() > 1_600_000_000L, "seconds since the epoch");
            assertTrue(sent.txMsgs() >= 100, "client-level total");
            assertTrue(sent.tx() > 0 && sent.rx() > 0 && sent.txBytes() > 0 && sent.rxBytes() > 0);
            assertEquals(0, sum(sent, topic, p -> p.msgqCnt() + p.xmitMsgqCnt()));
            for (int part = 0; part < 2; part++) {
                PartitionStats p = sent.partition(topic, part).orElseThrow();
                assertEquals(50, p.txMsgs(), "partition " + part);
                assertTrue(p.txBytes() > 0);
                assertEquals(cluster.leaderOf(topic, part), p.leader());
            }
            List<BrokerStats> brokers = sent.clusterBrokers();
            assertEquals(1, brokers.size(), "one broker in the cluster: " + sent.brokers().keySet());
            BrokerStats b = brokers.getFirst();
            assertTrue(b.isUp(), b.state());
            assertEquals(cluster.brokerIds().getFirst(), b.nodeId());
            assertTrue(b.tx() > 0 && b.txBytes() > 0 && b.rx() > 0 && b.rxBytes() > 0);
            assertTrue(b.requests().getOrDefault("Produce", 0L) > 0, "request counters: " + b.requests());
            assertTrue(b.toppars().contains(new BrokerStats.TopicPartitionRef(topic, 0)), b.toppars().toString());
            assertTrue(emits.maxRttAvg > 0, "some emit had a round-trip time");
            assertTrue(b.rtt().isPresent() && b.throttle().isPresent());
            assertTrue(sent.topics().get(topic).batchCnt().isPresent());

            EosStats eos = sent.eos().orElseThrow(() -> new AssertionError("an idempotent producer has eos"));
            assertEquals("Assigned", eos.idempState());
            assertTrue(eos.producerId() >= 0 && eos.producerEpoch() >= 0);
            assertTrue(sent.cgrp().isEmpty());
        }
    }

    @Test
    void consumerStatisticsFollowTheLag(KafkaCluster cluster) throws Exception {
        String topic = "stats-c-" + System.nanoTime();
        cluster.createTopic(topic, 2, 1);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        Emits emits = new Emits();
        try (var producer = Producer.create(base(cluster).linger(Duration.ofMillis(5)).build(),
                Serdes.stringSerializer(), Serdes.stringSerializer());
             var consumer = Consumer.create(base(cluster).groupId("stats-" + System.nanoTime())
                             .set("auto.offset.reset", "earliest").set("enable.auto.commit", "false")
                             .set("fetch.wait.max.ms", "100").build(),
                     Serdes.stringDeserializer(), Serdes.stringDeserializer(), emits.listeners())) {
            for (int i = 0; i < 100; i++) producer.send(new ProducerRecord<>(topic, i % 2, "k" + i, "v" + i));
            producer.flush(Duration.ofSeconds(30));

            consumer.subscribe(List.of(topic));
            int consumed = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (consumed < 100 && System.nanoTime() < deadline) consumed += consumer.poll(Duration.ofMillis(200)).count();
            assertEquals(100, consumed);

            // committed 20 of 50 on each partition: the lag is 30 each
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(20), p1, new OffsetAndMetadata(20)));
            Statistics partial = emits.await("a lag of 30 per partition", s -> lag(s, topic, 0) == 30 && lag(s, topic, 1) == 30);
            assertTrue(partial.isConsumer());
            assertEquals(60, partial.consumerLag());
            PartitionStats pp = partial.partition(topic, 0).orElseThrow();
            assertEquals(50, pp.hiOffset());
            assertEquals(20, pp.committedOffset());
            assertEquals(0, pp.loOffset());
            assertTrue(pp.desired(), "assigned");
            assertTrue(pp.isFetching(), pp.fetchState());
            assertEquals(50, pp.rxMsgs());
            assertTrue(pp.rxBytes() > 0);
            ConsumerGroupStats g = partial.cgrp().orElseThrow(() -> new AssertionError("a group member has cgrp"));
            assertTrue(g.isUp(), g.state());
            assertEquals(2, g.assignmentSize());
            assertTrue(g.rebalanceCnt() >= 1);
            assertFalse(g.joinState().isEmpty());
            assertTrue(partial.rxMsgs() >= 100);
            assertTrue(partial.eos().isEmpty());

            // everything committed: no lag
            consumer.commitSync();
            Statistics caughtUp = emits.await("no lag", s -> lag(s, topic, 0) == 0 && lag(s, topic, 1) == 0);
            assertEquals(0, caughtUp.consumerLag());
            assertEquals(50, caughtUp.partition(topic, 1).orElseThrow().committedOffset());

            // 10 more on partition 0, not consumed yet: lag 10 there
            for (int i = 0; i < 10; i++) producer.send(new ProducerRecord<>(topic, 0, "more", "v"));
            producer.flush(Duration.ofSeconds(30));
            Statistics behind = emits.await("a lag of 10 on partition 0", s -> lag(s, topic, 0) == 10);
            assertEquals(60, behind.partition(topic, 0).orElseThrow().hiOffset());
            assertEquals(0, lag(behind, topic, 1));
            save("consumer.json", emits.lastJson.get());

            BrokerStats b = behind.clusterBrokers().getFirst();
            assertTrue(b.isUp());
            assertTrue(b.requests().getOrDefault("Fetch", 0L) > 0, b.requests().toString());
            assertTrue(emits.maxRttAvg > 0, "fetches have a round-trip time");
            assertTrue(behind.clusterBrokers().stream().anyMatch(x -> x.rtt().cnt() > 0 && x.rtt().p99() > 0),
                    "fetch.wait.max.ms=100 keeps fetching: every window has round trips");
        }
    }

    private static long lag(Statistics s, String topic, int partition) {
        return s.partition(topic, partition).map(PartitionStats::consumerLag).orElse(-2L);
    }
}

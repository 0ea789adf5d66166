package io.rdkafka.client.reliability;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.admin.Admin;
import io.rdkafka.client.mock.MockCluster;
import io.rdkafka.ffm.RdKafka;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * 100 warm-up and 200 measured create/use/close cycles of a producer, a consumer and an admin client against
 * librdkafka's mock cluster:
 * afterwards librdkafka's threads ("rdk:*" in /proc/self/task) and the binding's Java threads ("rdkafka-*")
 * are back to their baseline, {@code rd_kafka_wait_destroyed} reports every handle destroyed, and the resident
 * set after the warm-up cycles grows by less than {@link #RSS_BOUND_KB}.
 *
 * <p>The bound: one leaked client handle costs librdkafka at least its queues, buffers and 3+ threads with
 * their stacks (several hundred KiB); one leaked record batch or message set at least its payload. 200
 * measured cycles × 3 clients that each leaked only 32 KiB would add 19 MiB. Heap noise is removed by a full
 * GC before each measurement (SerialGC, as configured for the tests). The warm-up is long because the JVM's
 * code cache, metaspace and glibc's malloc arenas grow for the first ~200 cycles (+10 MiB measured) and
 * then stay flat (+2 MiB over the next 400); the slack is for that tail. Figures: docs/reliability.md.
 */
@Tag("once") // runs on the system's librdkafka only (bin/test): minutes of churn; the ownership it checks lives in the Java layer
class LeakTest {
    static final int WARMUP = 100;
    static final int CYCLES = WARMUP + 200;
    static final long RSS_BOUND_KB = 16 * 1024;
    private static final String TOPIC = "leak";

    @Test
    void createCloseCyclesReturnThreadsHandlesAndMemory() throws Exception {
        // an earlier test in this JVM may have closed a consumer whose destruction finishes in the background
        // (a commit waiting for an unreachable coordinator is kept up to session.timeout.ms, 45 s): start clean
        assertEquals(0, RdKafka.rd_kafka_wait_destroyed(60_000), "handles of earlier tests still being destroyed");
        int baseRdk = ProcStats.rdkThreads().size();
        int baseJava = bindingThreads();
        long rssWarm;
        long rssEnd;
        long t0 = System.nanoTime();
        try (MockCluster mock = MockCluster.start(1)) {
            mock.createTopic(TOPIC, 1, 1);
            KafkaConfig config = mock.clientConfig().set("log_level", "2").linger(Duration.ofMillis(1))
                    .set("fetch.wait.max.ms", "20").closeTimeout(Duration.ofSeconds(5)).build();
            int withMock = ProcStats.rdkThreads().size();
            rssWarm = 0;
            for (int i = 0; i < CYCLES; i++) {
                cycle(config, i);
                if (i == WARMUP - 1) rssWarm = ProcStats.settledRssKb();
            }
            rssEnd = ProcStats.settledRssKb();
            int left = ProcStats.awaitRdkThreadsAtMost(withMock, 5_000);
            assertEquals(withMock, left, "librdkafka threads left by closed clients: " + ProcStats.rdkThreads());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        int left = ProcStats.awaitRdkThreadsAtMost(baseRdk, 5_000);
        assertEquals(baseRdk, left, "librdkafka threads after the mock cluster closed: " + ProcStats.rdkThreads());
        assertEquals(0, RdKafka.rd_kafka_wait_destroyed(1000), "librdkafka handles not destroyed");
        awaitBindingThreadsAtMost(baseJava);
        long growth = rssEnd - rssWarm;
        System.out.printf("LeakTest: %d cycles (producer+consumer+admin) in %d ms; rdk threads %d -> %d; "
                        + "RSS after warm-up %d KiB, after %d cycles %d KiB, growth %d KiB (bound %d KiB)%n",
                CYCLES, ms, baseRdk, left, rssWarm, CYCLES, rssEnd, growth, RSS_BOUND_KB);
        assertTrue(growth < RSS_BOUND_KB, "RSS grew by " + growth + " KiB over " + (CYCLES - WARMUP) + " cycles");
    }

    private static void cycle(KafkaConfig config, int i) throws Exception {
        try (var p = Producer.create(config, Serdes.stringSerializer(), Serdes.stringSerializer())) {
            p.send(new ProducerRecord<>(TOPIC, 0, "k", "v" + i)).get(10, TimeUnit.SECONDS);
        }
        try (var c = Consumer.create(config.toBuilder().set("auto.offset.reset", "earliest").build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            c.assign(List.of(new TopicPartition(TOPIC, 0)));
            c.seek(new TopicPartition(TOPIC, 0), 0); // else the first fetch waits ~100 ms for offset lookups
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (c.poll(Duration.ofMillis(100)).isEmpty()) {
                if (System.nanoTime() > deadline) fail("cycle " + i + ": the consumer got nothing");
            }
        }
        try (var a = Admin.create(config)) {
            assertFalse(a.describeCluster().get(10, TimeUnit.SECONDS).nodes().isEmpty());
        }
    }

    /** Java threads of this binding (event, close and admin threads are named "rdkafka-..."). */
    static int bindingThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("rdkafka-")).count();
    }

    private static void awaitBindingThreadsAtMost(int max) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (bindingThreads() > max && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(bindingThreads() <= max, "binding threads left: " + Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName).filter(n -> n.startsWith("rdkafka-")).toList());
    }
}

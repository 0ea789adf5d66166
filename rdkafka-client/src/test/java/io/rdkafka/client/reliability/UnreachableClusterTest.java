package io.rdkafka.client.reliability;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.admin.Admin;
import io.rdkafka.client.admin.AdminOptions;
import io.rdkafka.client.admin.NewTopic;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.TimeoutException;
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
 * No broker is reachable from the start (nothing listens on the bootstrap port): every blocking call and every
 * future fails with a typed exception (TimeoutException where librdkafka reports a timeout) within its timeout
 * plus a little, and close returns within its bound. Nothing may hang. The wall-clock bounds are asserted.
 */
class UnreachableClusterTest {
    private static final String TOPIC = "nowhere";

    private static KafkaConfig.Builder config() {
        return KafkaConfig.builder().bootstrapServers("127.0.0.1:1").set("log_level", "0")
                .set("reconnect.backoff.max.ms", "500").set("message.timeout.ms", "2000")
                .closeTimeout(Duration.ofSeconds(1));
    }

    /** The four scenarios run at once (each mostly waits): the class takes as long as the longest. */
    @Test
    void everyCallFailsTypedWithinItsTimeout() throws Throwable {
        List<Executable> scenarios = List.of(this::producer, this::transactionalProducer, this::consumer, this::admin);
        List<Thread> threads = new java.util.ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (Executable e : scenarios) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    e.execute();
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) t.join(60_000);
        if (!failures.isEmpty()) {
            Throwable first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    void producer() throws Exception {
        try (var p = Producer.create(config().build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            long t = System.nanoTime();
            var f = p.send(new ProducerRecord<>(TOPIC, "k", "v"));
            typedWithin("flush(1 s)", 1_000, 2_500, TimeoutException.class, () -> p.flush(Duration.ofSeconds(1)));
            assertInstanceOf(TimeoutException.class, failure(f));
            bounded("send (message.timeout.ms=2000)", t, 0, 4_500);
            typedWithin("partitionsFor(1 s)", 0, 2_500, KafkaException.class,
                    () -> p.partitionsFor(TOPIC, Duration.ofSeconds(1)));
            typedWithin("metadata(1 s)", 0, 2_500, KafkaException.class, () -> p.metadata(null, Duration.ofSeconds(1)));
            p.send(new ProducerRecord<>(TOPIC, "k", "pending at close"));
            t = System.nanoTime();
            p.close(Duration.ofSeconds(1));
            bounded("close(1 s) with a pending record", t, 0, 2_500);
        }
    }

    void transactionalProducer() {
        try (var p = Producer.create(config().transactionalId("nowhere-" + System.nanoTime()).build(),
                Serdes.stringSerializer(), Serdes.stringSerializer())) {
            typedWithin("initTransactions(2 s)", 1_500, 4_000, KafkaException.class,
                    () -> p.initTransactions(Duration.ofSeconds(2)));
        }
    }

    void consumer() {
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        // session.timeout.ms bounds how long librdkafka keeps the unanswerable commit after close (in the background)
        try (var c = Consumer.create(config().groupId("nowhere").set("session.timeout.ms", "6000").build(), Serdes.stringDeserializer(),
                Serdes.stringDeserializer())) {
            c.subscribe(List.of(TOPIC));
            long t = System.nanoTime();
            assertTrue(c.poll(Duration.ofSeconds(1)).isEmpty());
            bounded("poll(1 s)", t, 900, 2_000);
            typedWithin("commitSync(offsets, 1 s)", 900, 2_500, TimeoutException.class,
                    () -> c.commitSync(Map.of(tp, new OffsetAndMetadata(1)), Duration.ofSeconds(1)));
            typedWithin("committed(1 s)", 0, 2_500, KafkaException.class,
                    () -> c.committed(Set.of(tp), Duration.ofSeconds(1)));
            typedWithin("endOffsets(1 s)", 0, 2_500, KafkaException.class,
                    () -> c.endOffsets(List.of(tp), Duration.ofSeconds(1)));
            typedWithin("offsetsForTimes(1 s)", 0, 2_500, KafkaException.class,
                    () -> c.offsetsForTimes(Map.of(tp, 0L), Duration.ofSeconds(1)));
            t = System.nanoTime();
            c.close();
            bounded("close (closeTimeout 1 s)", t, 0, 3_000);
        }
        try (var c = Consumer.create(config().build(), Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            c.assign(List.of(tp));
            typedWithin("position(1 s)", 0, 2_500, KafkaException.class, () -> c.position(tp, Duration.ofSeconds(1)));
        }
    }

    void admin() throws Exception {
        try (var a = Admin.create(config().build())) {
            AdminOptions opts = AdminOptions.defaults().withRequestTimeout(Duration.ofMillis(1500));
            futureWithin("describeCluster (1.5 s)", 2_000, 4_000, a.describeCluster(opts));
            futureWithin("createTopics (1.5 s)", 1_000, 4_000, a.createTopics(List.of(NewTopic.of("x", 1, 1)), opts));
            futureWithin("listTopics (1.5 s)", 1_000, 4_000, a.listTopics(false, opts));
            long t = System.nanoTime();
            a.close();
            bounded("admin close", t, 0, 2_500);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static void typedWithin(String what, long minMs, long maxMs, Class<? extends KafkaException> type,
                                    Executable call) {
        long t = System.nanoTime();
        KafkaException e = assertThrows(KafkaException.class, call, what);
        System.out.printf("unreachable: %s -> %s (%s)%n", what, e.getClass().getSimpleName(), e.codeName());
        bounded(what, t, minMs, maxMs);
        assertInstanceOf(type, e, what);
        assertNotSame(KafkaException.class, e.getClass(), what + ": untyped " + e);
    }

    private static void futureWithin(String what, long minMsIgnored, long maxMs, CompletableFuture<?> f) throws Exception {
        long t = System.nanoTime();
        Throwable cause = failure(f);
        System.out.printf("unreachable: %s -> %s%n", what, cause);
        bounded(what, t, 0, maxMs);
        assertInstanceOf(KafkaException.class, cause, what);
        assertNotSame(KafkaException.class, cause.getClass(), what + ": untyped " + cause);
    }

    private static Throwable failure(CompletableFuture<?> f) throws Exception {
        try {
            Object v = f.get(30, TimeUnit.SECONDS);
            throw new AssertionError("succeeded without a broker: " + v);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static void bounded(String what, long t0, long minMs, long maxMs) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("unreachable: %s took %d ms (allowed %d..%d)%n", what, ms, minMs, maxMs);
        assertTrue(ms >= minMs && ms <= maxMs, what + " took " + ms + " ms, expected " + minMs + ".." + maxMs);
    }
}

package io.rdkafka.client;

import io.rdkafka.client.errors.WakeupException;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Many consumers driven from virtual threads on a scheduler of 2 carriers: their blocking calls wait in Java
 * (parked), so all of them are inside poll at once and each one progresses. Runs in a surefire execution of its own
 * with {@code -Djdk.virtualThreadScheduler.parallelism=2 -Djdk.virtualThreadScheduler.maxPoolSize=2}
 * (rdkafka-client/pom.xml), JVM-wide flags the other tests must not get.
 */
@Tag("virtual-threads")
class VirtualThreadsTest {
    private static final int CONSUMERS = 50;
    private static final String PINNED = "jdk.VirtualThreadPinned";

    /** What one consumer's virtual thread did: the record it got and how its last poll ended. */
    private record Outcome(ConsumerRecord<String, String> record, Throwable lastPoll) {
    }

    @Test
    void fiftyConsumersOnTwoCarriersWaitInJavaAndAllProgress() throws Exception {
        assertEquals("2", System.getProperty("jdk.virtualThreadScheduler.parallelism"),
                "this test must run with -Djdk.virtualThreadScheduler.parallelism=2 (its surefire execution)");
        assertEquals("2", System.getProperty("jdk.virtualThreadScheduler.maxPoolSize"),
                "this test must run with -Djdk.virtualThreadScheduler.maxPoolSize=2 (its surefire execution)");
        Path file = Files.createTempFile("rdkafka-virtual-threads", ".jfr");
        try (MockKafka kafka = new MockKafka(1); Recording rec = new Recording()) {
            // a first round, unrecorded: a virtual thread waiting for a class another one initializes or loads is
            // pinned (JDK 25 still pins there), once per class and JVM; these are not the waits this test is about
            run(kafka, 2);
            rec.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
            // the client's own events stay off: JFR writes an event inside a critical section of its own, where a
            // virtual thread blocked on JFR's buffers is reported pinned (seen on 2.14: JfrEvents$Commit.commit)
            for (String event : List.of("DeliveryReports", "ProduceBlocked", "ConsumerPoll", "Rebalance", "Commit")) {
                rec.disable("io.rdkafka." + event);
            }
            rec.start();
            run(kafka, CONSUMERS);
            rec.stop();
            rec.dump(file);
            List<String> pinnedInClient = new ArrayList<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (!e.getEventType().getName().equals(PINNED) || e.getStackTrace() == null) continue;
                String where = pinnedWaitOfTheClient(e.getStackTrace().getFrames());
                if (where != null) {
                    pinnedInClient.add((e.getThread() == null ? "?" : e.getThread().getJavaName()) + " at " + where
                            + ": " + e.getString("pinnedReason") + " " + topFrames(e));
                } else { // the JDK's own: in the test's output, to see what it was
                    System.out.println("not counted (" + e.getString("pinnedReason") + "): " + topFrames(e));
                }
            }
            assertEquals(List.of(), pinnedInClient, "virtual threads pinned while waiting in the client");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The top frames of an event's stack, as {@code type.method}. */
    private static List<String> topFrames(RecordedEvent e) {
        return e.getStackTrace().getFrames().stream().limit(16)
                .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName()).toList();
    }

    /**
     * Where the client itself parked or blocked while pinned: the first {@code io.rdkafka} frame, when every frame
     * above it (nearer the top) is the JDK's parking, waiting or sleeping machinery. Null for pins the JDK causes
     * on its own inside something the client merely called: a class initialized or linked for the first time, a
     * method handle's form spun, JFR's buffers (each seen once in full runs; they are not the client's waits).
     */
    static String pinnedWaitOfTheClient(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("io.rdkafka")) return type + "." + f.getMethod().getName();
            boolean waiting = type.startsWith("java.util.concurrent.locks.") || type.equals("java.lang.Object")
                    || type.equals("java.lang.VirtualThread") || type.equals("java.lang.Thread")
                    || type.equals("jdk.internal.misc.Unsafe") || type.startsWith("jdk.internal.vm.Continuation")
                    || type.startsWith("java.util.concurrent.CompletableFuture")
                    || type.startsWith("java.util.concurrent.CountDownLatch");
            if (!waiting) return null;
        }
        return null;
    }

    /**
     * {@code n} consumers, each on its own virtual thread and partition: all get inside poll and park there, a
     * producer on a virtual thread sends each its record and flushes, each consumer commits it (commitSync on its
     * virtual thread), then consumer 0 parked in poll is woken up and consumer 1 parked in poll is closed.
     */
    private static void run(MockKafka kafka, int n) throws Exception {
        String topic = "vt-" + n + "-" + System.nanoTime() % 100000;
        String group = topic + "-group";
        List<Consumer<String, String>> consumers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            kafka.createTopic(topic, n);
            KafkaConfig config = kafka.consumerConfig(group).set("enable.auto.commit", "false").build();
            for (int i = 0; i < n; i++) {
                consumers.add(Consumer.create(config, Serdes.stringDeserializer(), Serdes.stringDeserializer()));
            }

            CountDownLatch polling = new CountDownLatch(n);
            CountDownLatch pollingAgain = new CountDownLatch(2);
            List<CompletableFuture<ConsumerRecord<String, String>>> received = new ArrayList<>();
            List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Consumer<String, String> c = consumers.get(i);
                TopicPartition tp = new TopicPartition(topic, i);
                CompletableFuture<ConsumerRecord<String, String>> got = new CompletableFuture<>();
                CompletableFuture<Outcome> outcome = new CompletableFuture<>();
                received.add(got);
                outcomes.add(outcome);
                boolean pollsAgain = i < 2; // consumer 0 is woken up, consumer 1 closed, while parked in poll
                threads.add(Thread.ofVirtual().name("vt-consumer-" + i).start(() -> {
                    ConsumerRecord<String, String> r = null;
                    try {
                        c.assign(List.of(tp));
                        polling.countDown();
                        var records = c.poll(Duration.ofSeconds(30));
                        if (records.isEmpty()) throw new AssertionError("no record for " + tp + " within 30 s");
                        r = records.iterator().next();
                        c.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset() + 1)));
                        got.complete(r);
                    } catch (Throwable t) {
                        got.completeExceptionally(t);
                        return;
                    }
                    Throwable last = null;
                    if (pollsAgain) {
                        pollingAgain.countDown();
                        try {
                            c.poll(Duration.ofSeconds(30));
                        } catch (Throwable t) {
                            last = t;
                        }
                    }
                    outcome.complete(new Outcome(r, last));
                }));
            }

            // today's code held both carriers in native waits: only 2 virtual threads ever got here
            assertTrue(polling.await(10, TimeUnit.SECONDS), (n - polling.getCount()) + " of " + n
                    + " consumers reached poll on 2 carriers");
            awaitParked("all " + n + " polls parked", threads);

            CompletableFuture<Integer> flushed = new CompletableFuture<>();
            Thread.ofVirtual().name("vt-producer").start(() -> {
                try (var p = Producer.create(kafka.config().build(), Serdes.stringSerializer(),
                        Serdes.stringSerializer())) {
                    List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        sent.add(p.send(new ProducerRecord<>(topic, i, "key-" + i, "value-" + i)));
                    }
                    p.flush(Duration.ofSeconds(30));
                    int done = 0;
                    for (var f : sent) if (f.isDone() && !f.isCompletedExceptionally()) done++;
                    flushed.complete(done);
                } catch (Throwable t) {
                    flushed.completeExceptionally(t);
                }
            });
            assertEquals(n, flushed.get(30, TimeUnit.SECONDS), "records delivered when flush returned");

            for (int i = 0; i < n; i++) {
                ConsumerRecord<String, String> r = received.get(i).get(30, TimeUnit.SECONDS);
                assertEquals(i, r.partition());
                assertEquals("value-" + i, r.value());
            }
            try (var checker = Consumer.create(config, Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
                Set<TopicPartition> all = new HashSet<>();
                for (int i = 0; i < n; i++) all.add(new TopicPartition(topic, i));
                Map<TopicPartition, OffsetAndMetadata> committed = checker.committed(all, Duration.ofSeconds(30));
                for (int i = 0; i < n; i++) {
                    TopicPartition tp = new TopicPartition(topic, i);
                    assertEquals(received.get(i).get().offset() + 1, committed.get(tp).offset(), "committed " + tp);
                }
            }

            assertTrue(pollingAgain.await(10, TimeUnit.SECONDS));
            awaitParked("the polls to wake and close parked", threads.subList(0, 2));
            long t0 = System.nanoTime();
            consumers.get(0).wakeup();
            assertInstanceOf(WakeupException.class, outcomes.get(0).get(5, TimeUnit.SECONDS).lastPoll());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2), "wakeup ended the parked poll promptly");
            t0 = System.nanoTime();
            consumers.get(1).close(Duration.ofSeconds(10)); // from this platform thread
            assertInstanceOf(IllegalStateException.class, outcomes.get(1).get(5, TimeUnit.SECONDS).lastPoll());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(8), "close of a consumer parked in poll");
            for (int i = 2; i < n; i++) assertNull(outcomes.get(i).get(30, TimeUnit.SECONDS).lastPoll());
            for (Thread t : threads) assertTrue(t.join(Duration.ofSeconds(10)), t.getName() + " ended");
        } finally {
            for (Consumer<String, String> c : consumers) c.close(Duration.ofSeconds(5));
            for (Thread t : threads) t.join(Duration.ofSeconds(10));
        }
    }

    /** Waits until every thread is parked (waiting in Java: a virtual thread inside a native call is RUNNABLE). */
    private static void awaitParked(String what, List<Thread> threads) {
        MockKafka.await(what, Duration.ofSeconds(5), () -> threads.stream().allMatch(t ->
                t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.WAITING));
    }
}

package io.rdkafka.client;

import io.rdkafka.client.errors.ConfigException;
import io.rdkafka.client.errors.InvalidTopicException;
import io.rdkafka.client.errors.PurgedException;
import io.rdkafka.client.errors.QueueFullException;
import io.rdkafka.client.errors.RecordTooLargeException;
import io.rdkafka.client.errors.SerializationException;
import io.rdkafka.client.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** Producer behaviour on librdkafka's built-in mock cluster and against unreachable brokers. */
class ProducerTest {

    private static KafkaConfig.Builder mock() {
        return KafkaConfig.builder().set("test.mock.num.brokers", "1").linger(Duration.ofMillis(2));
    }

    /** A broker address nothing listens on: records stay queued. */
    private static KafkaConfig.Builder unreachable() {
        return KafkaConfig.builder().bootstrapServers("127.0.0.1:1").set("reconnect.backoff.max.ms", "1000")
                .closeTimeout(Duration.ofMillis(200));
    }

    private static Throwable cause(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void futuresCompleteWithAscendingOffsetsPerPartition() throws Exception {
        try (var p = Producer.create(mock().build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) fs.add(p.send(new ProducerRecord<>("orders", 1, "k" + i, "value-" + i)));
            p.flush(Duration.ofSeconds(30));
            for (int i = 0; i < fs.size(); i++) {
                RecordMetadata md = fs.get(i).getNow(null);
                assertNotNull(md, "flush returned before record " + i + " was reported");
                assertEquals("orders", md.topic());
                assertEquals(1, md.partition());
                assertEquals(i, md.offset());
                assertEquals(("k" + i).length(), md.serializedKeySize());
                assertEquals(("value-" + i).length(), md.serializedValueSize());
                assertEquals(RecordMetadata.PersistenceStatus.PERSISTED, md.status());
            }
            assertEquals(0, p.pendingCount());
        }
    }

    @Test
    void callbackRunsOnceWithMetadataAndAThrowingCallbackDoesNotHurt() throws Exception {
        try (var p = Producer.create(mock().build(), Serdes.byteArraySerializer(), Serdes.byteArraySerializer())) {
            AtomicInteger calls = new AtomicInteger();
            AtomicReference<String> thread = new AtomicReference<>();
            var f1 = p.send(new ProducerRecord<>("cb", 0, null, new byte[]{1}), (md, ex) -> {
                calls.incrementAndGet();
                thread.set(Thread.currentThread().getName());
                throw new IllegalStateException("callback bug");
            });
            assertNotNull(f1.get(30, TimeUnit.SECONDS));
            var f2 = p.send(new ProducerRecord<>("cb", 0, null, new byte[]{2}));
            assertEquals(f1.get().offset() + 1, f2.get(30, TimeUnit.SECONDS).offset());
            assertEquals(1, calls.get());
            assertTrue(thread.get().startsWith("rdkafka-") && thread.get().endsWith("-events"), thread.get());
        }
    }

    @Test
    void flushReturnsOnlyAfterTheLastCallbackHasRun() {
        try (var p = Producer.create(mock().build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            AtomicInteger finished = new AtomicInteger();
            for (int i = 0; i < 3; i++) {
                p.send(new ProducerRecord<>("slow-cb", 0, null, "v" + i), (md, ex) -> {
                    try {
                        Thread.sleep(150); // a slow callback: flush must not return while it runs
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    finished.incrementAndGet();
                });
            }
            p.flush(Duration.ofSeconds(30));
            assertEquals(3, finished.get(), "flush returned before every callback had finished");
        }
    }

    /** What a {@link DeliveryHandler} saw, by context. */
    private static final class Outcomes implements DeliveryHandler {
        final long[] offsets;
        final int[] partitions;
        final String[] topics;
        final io.rdkafka.client.errors.KafkaException[] errors;
        final AtomicInteger calls = new AtomicInteger();
        volatile String thread;

        Outcomes(int n) {
            offsets = new long[n];
            partitions = new int[n];
            topics = new String[n];
            errors = new io.rdkafka.client.errors.KafkaException[n];
        }

        @Override
        public void onDelivery(long context, String topic, int partition, long offset,
                               io.rdkafka.client.errors.KafkaException error) {
            int i = (int) context;
            offsets[i] = offset;
            partitions[i] = partition;
            topics[i] = topic;
            errors[i] = error;
            thread = Thread.currentThread().getName();
            calls.incrementAndGet();
        }
    }

    @Test
    void handlerSendsReportEachRecordOnceWithItsContextPartitionAndOffset() {
        try (var p = Producer.create(mock().build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            Outcomes out = new Outcomes(2000);
            for (int i = 0; i < 2000; i++) p.send(new ProducerRecord<>("plain", i % 2, "k", "v" + i), i, out);
            p.flush(Duration.ofSeconds(30));
            assertEquals(2000, out.calls.get());
            assertEquals(0, p.pendingCount());
            for (int i = 0; i < 2000; i++) {
                assertNull(out.errors[i], "record " + i);
                assertEquals("plain", out.topics[i]);
                assertEquals(i % 2, out.partitions[i], "record " + i);
                assertEquals(i / 2, out.offsets[i], "record " + i + ": offsets ascend per partition in send order");
            }
            assertTrue(out.thread.endsWith("-events"), out.thread);
            // a future-returning send still works next to handler sends, offsets continue
            var md = p.send(new ProducerRecord<>("plain", 0, "k", "last")).join();
            assertEquals(1000, md.offset());
        }
    }

    @Test
    void handlerSendsReportFailuresTypedAndAThrowingHandlerDoesNotHurt() {
        try (var p = Producer.create(mock().set("message.max.bytes", "2000").build(), Serdes.byteArraySerializer(),
                Serdes.byteArraySerializer())) {
            Outcomes out = new Outcomes(3);
            // refused by librdkafka at once: reported on this thread before send returns
            p.send(new ProducerRecord<>("h", 2, null, new byte[10_000]), 0, out);
            assertEquals(1, out.calls.get());
            assertInstanceOf(RecordTooLargeException.class, out.errors[0]);
            assertEquals(2, out.partitions[0]);
            assertTrue(out.offsets[0] < 0);
            p.send(new ProducerRecord<>("h", 0, null, new byte[]{1}), 1, (ctx, t, part, off, err) -> {
                throw new IllegalStateException("handler bug");
            });
            p.send(new ProducerRecord<>("h", 0, null, new byte[]{2}), 2, out);
            p.flush(Duration.ofSeconds(30));
            assertNull(out.errors[2]);
            assertEquals(1, out.offsets[2], "the record after a throwing handler's is delivered and reported");
            assertThrows(NullPointerException.class, () -> p.send(new ProducerRecord<>("h", new byte[1]), 3, null));
        }
        var p = Producer.create(unreachable().build(), Serdes.stringSerializer(), Serdes.stringSerializer());
        Outcomes out = new Outcomes(1);
        p.send(new ProducerRecord<>("t", "never"), 0, out);
        p.close(Duration.ofMillis(300));
        assertEquals(1, out.calls.get(), "close reports every pending handler send");
        assertInstanceOf(PurgedException.class, out.errors[0]);
    }

    @Test
    void oversizeRecordFailsItsFutureWithRecordTooLarge() {
        try (var p = Producer.create(mock().set("message.max.bytes", "2000").build(), Serdes.byteArraySerializer(),
                Serdes.byteArraySerializer())) {
            var f = p.send(new ProducerRecord<>("big", null, new byte[10_000]));
            Throwable c = cause(f);
            assertInstanceOf(RecordTooLargeException.class, c);
            assertTrue(c.getMessage().contains("MSG_SIZE_TOO_LARGE"), c.getMessage());
        }
    }

    @Test
    void unreachableBrokerFailsAfterMessageTimeoutWithTimeout() {
        try (var p = Producer.create(unreachable().set("message.timeout.ms", "300").build(),
                Serdes.stringSerializer(), Serdes.stringSerializer())) {
            long t0 = System.nanoTime();
            Throwable c = cause(p.send(new ProducerRecord<>("t", "v")));
            assertInstanceOf(TimeoutException.class, c);
            assertTrue(c.getMessage().contains("_MSG_TIMED_OUT"), c.getMessage());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
        }
    }

    @Test
    void fullLocalQueueFailsWithQueueFullAfterTheConfiguredWait() {
        try (var p = Producer.create(unreachable().set("queue.buffering.max.messages", "5")
                        .queueFullTimeout(Duration.ofMillis(200)).build(), Serdes.stringSerializer(),
                Serdes.stringSerializer())) {
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            for (int i = 0; i < 5; i++) fs.add(p.send(new ProducerRecord<>("t", "v" + i)));
            long t0 = System.nanoTime();
            var sixth = p.send(new ProducerRecord<>("t", "v6"));
            long waited = System.nanoTime() - t0;
            Throwable c = cause(sixth);
            assertInstanceOf(QueueFullException.class, c);
            assertTrue(((QueueFullException) c).isRetriable());
            assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(180), "waited only " + waited / 1_000_000 + " ms");
            fs.forEach(f -> assertFalse(f.isDone()));
        }
    }

    @Test
    void purgeFailsQueuedFuturesWithPurgedAndCloseFailsTheRest() throws Exception {
        var p = Producer.create(unreachable().build(), Serdes.stringSerializer(), Serdes.stringSerializer());
        var a = p.send(new ProducerRecord<>("t", "a"));
        var b = p.send(new ProducerRecord<>("t", "b"));
        p.purge(true, true);
        assertInstanceOf(PurgedException.class, cause(a));
        assertInstanceOf(PurgedException.class, cause(b));
        var c = p.send(new ProducerRecord<>("t", "c"));
        long t0 = System.nanoTime();
        p.close(Duration.ofMillis(300));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "close took too long");
        assertInstanceOf(PurgedException.class, cause(c), "close must complete every future");
    }

    @Test
    void closeFlushesPendingRecordsWithinItsTimeout() throws Exception {
        var p = Producer.create(mock().linger(Duration.ofMillis(200)).build(), Serdes.stringSerializer(),
                Serdes.stringSerializer());
        List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
        for (int i = 0; i < 100; i++) fs.add(p.send(new ProducerRecord<>("c", "v" + i)));
        p.close(Duration.ofSeconds(10));
        for (var f : fs) assertTrue(f.isDone() && !f.isCompletedExceptionally(), "record not delivered by close");
    }

    @Test
    void everyMethodAfterCloseThrowsIllegalState() {
        var p = Producer.create(mock().build(), Serdes.stringSerializer(), Serdes.stringSerializer());
        p.close();
        p.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> p.send(new ProducerRecord<>("t", "v")));
        assertThrows(IllegalStateException.class, () -> p.flush(Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, () -> p.purge(true, true));
        assertThrows(IllegalStateException.class, p::queueLength);
        assertThrows(IllegalStateException.class, () -> p.partitionsFor("t", Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, () -> p.metadata(null, Duration.ofSeconds(1)));
    }

    @Test
    void closeWhileOtherThreadsSendIsSafe() throws Exception {
        var p = Producer.create(mock().build(), Serdes.stringSerializer(), Serdes.stringSerializer());
        int threads = 4;
        CountDownLatch started = new CountDownLatch(threads);
        AtomicInteger unexpected = new AtomicInteger();
        List<CompletableFuture<RecordMetadata>> all = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            ts.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                for (int i = 0; i < 1_000_000; i++) {
                    try {
                        all.add(p.send(new ProducerRecord<>("race", "v" + i)));
                    } catch (IllegalStateException closed) {
                        return;
                    } catch (Throwable other) {
                        unexpected.incrementAndGet();
                        return;
                    }
                }
            }));
        }
        started.await();
        Thread.sleep(50);
        p.close(Duration.ofSeconds(5));
        for (Thread t : ts) t.join(10_000);
        assertEquals(0, unexpected.get());
        assertFalse(all.isEmpty());
        for (var f : all) assertTrue(f.isDone(), "a future was left incomplete by close");
    }

    @Test
    void badInputIsATypedExceptionAndTheProducerStaysUsable() throws Exception {
        try (var p = Producer.create(mock().build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            assertThrows(InvalidTopicException.class, () -> p.send(new ProducerRecord<>("", "v")));
            assertThrows(InvalidTopicException.class, () -> p.send(new ProducerRecord<>("a".repeat(250), "v")));
            assertThrows(InvalidTopicException.class, () -> p.send(new ProducerRecord<>("no/slash", "v")));
            assertThrows(NullPointerException.class, () -> p.send(new ProducerRecord<>(null, "v")));
            assertThrows(IllegalArgumentException.class, () -> new ProducerRecord<>("t", -2, "k", "v"));
            Producer<String, String> failing = p;
            var bad = Producer.create(mock().build(), (t, d) -> { throw new RuntimeException("nope"); },
                    Serdes.stringSerializer());
            try (bad) {
                SerializationException se = assertThrows(SerializationException.class,
                        () -> bad.send(new ProducerRecord<>("t", "k", "v")));
                assertTrue(se.getMessage().contains("key"), se.getMessage());
            }
            assertNotNull(failing.send(new ProducerRecord<>("ok", "v")).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void configErrorsNameThePropertyAndHintJavaClientNames() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> KafkaConfig.builder().set("linger.ms", "soon").build());
        assertEquals("linger.ms", e.property());
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> KafkaConfig.builder().set("key.serializer", "x").build());
        assertTrue(unknown.getMessage().contains("No such configuration property"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("Producer.create"), unknown.getMessage());
        ConfigException buffer = assertThrows(ConfigException.class,
                () -> KafkaConfig.builder().set("buffer.memory", "1").build());
        assertTrue(buffer.getMessage().contains("queue.buffering.max.kbytes"), buffer.getMessage());
    }

    @Test
    void secretsNeverShowInToStringOrDump() {
        KafkaConfig c = KafkaConfig.builder().bootstrapServers("h:1").sasl("PLAIN", "alice", "pa55-w0rd")
                .set("ssl.key.password", "k3y-pass").build();
        assertFalse(c.toString().contains("pa55-w0rd"));
        assertFalse(c.toString().contains("k3y-pass"));
        var dump = c.dump();
        assertEquals("h:1", dump.global().get("bootstrap.servers"));
        assertEquals(KafkaConfig.REDACTED, dump.global().get("sasl.password"));
        assertFalse(dump.toString().contains("pa55-w0rd"));
        assertFalse(dump.toString().contains("k3y-pass"));
        assertTrue(dump.topic().containsKey("message.timeout.ms") || dump.topic().containsKey("request.timeout.ms"));
    }

    @Test
    void nonTransactionalProducerRefusesTransactionalCalls() {
        try (var p = Producer.create(mock().build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            var e = assertThrows(IllegalStateException.class, () -> p.initTransactions(Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("transactional.id"));
            assertThrows(IllegalStateException.class, p::beginTransaction);
            assertThrows(IllegalStateException.class, () -> p.commitTransaction(Duration.ofSeconds(1)));
            assertThrows(IllegalStateException.class, () -> p.abortTransaction(Duration.ofSeconds(1)));
            assertThrows(IllegalStateException.class, p::commitTransaction);
            assertThrows(IllegalStateException.class, p::abortTransaction);
        }
    }
}

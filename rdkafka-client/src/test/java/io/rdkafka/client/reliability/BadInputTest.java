package io.rdkafka.client.reliability;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerGroupMetadata;
import io.rdkafka.client.ConsumerRecords;
import io.rdkafka.client.Header;
import io.rdkafka.client.Headers;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.Serializer;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.ConfigException;
import io.rdkafka.client.errors.InvalidTopicException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.RecordTooLargeException;
import io.rdkafka.client.errors.SerializationException;
import io.rdkafka.client.errors.TransactionException;
import io.rdkafka.client.errors.UnknownTopicOrPartitionException;
import io.rdkafka.client.mock.MockCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every kind of bad input a user can hand the client, in one table: each case must end in a typed exception
 * (thrown, failing the returned future, or reaching the error listener) whose message names what was wrong,
 * and the shared producer and consumer must still work afterwards. Runs on librdkafka's mock cluster.
 */
class BadInputTest {
    private static final String TOPIC = "bad-input";
    private static final TopicPartition TP0 = new TopicPartition(TOPIC, 0);

    private static MockCluster mock;
    private static Producer<String, byte[]> producer;
    private static Consumer<String, String> consumer;
    private static final List<KafkaException> consumerErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        mock = MockCluster.start(1);
        mock.createTopic(TOPIC, 3, 1);
        producer = Producer.create(config().linger(Duration.ofMillis(1)).build(), Serdes.stringSerializer(),
                Serdes.byteArraySerializer());
        for (int i = 0; i < 10; i++) producer.send(new ProducerRecord<>(TOPIC, 0, "k" + i, new byte[]{(byte) i}));
        producer.flush(Duration.ofSeconds(30));
        consumer = Consumer.create(consumerConfig().build(), Serdes.stringDeserializer(), Serdes.stringDeserializer(),
                ClientListeners.builder().onError(consumerErrors::add).build());
    }

    @AfterAll
    static void stop() {
        if (consumer != null) consumer.close();
        if (producer != null) producer.close();
        if (mock != null) mock.close();
    }

    private static KafkaConfig.Builder config() {
        return mock.clientConfig().set("log_level", "2").closeTimeout(Duration.ofSeconds(5));
    }

    private static KafkaConfig.Builder consumerConfig() {
        return config().set("auto.offset.reset", "earliest").set("fetch.wait.max.ms", "50");
    }

    /** One row: what is done, the exception type expected, and words its message must contain. */
    record Case(String name, Class<? extends Throwable> type, List<String> mentions, Action action) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Action {
        /** Throws the error, or returns a future that fails with it, or returns the error (from a listener). */
        Object run() throws Exception;
    }

    private static Case c(String name, Class<? extends Throwable> type, Action action, String... mentions) {
        return new Case(name, type, List.of(mentions), action);
    }

    static List<Case> cases() {
        List<Case> t = new ArrayList<>();
        // ---- configuration
        t.add(c("unknown property", ConfigException.class,
                () -> KafkaConfig.builder().set("no.such.property", "1").build(), "no.such.property"));
        t.add(c("Java-client property", ConfigException.class,
                () -> KafkaConfig.builder().set("value.serializer", "x").build(), "value.serializer", "Producer.create"));
        t.add(c("invalid enum value", ConfigException.class,
                () -> KafkaConfig.builder().set("compression.type", "brotli").build(), "compression.type", "brotli"));
        t.add(c("value out of range", ConfigException.class,
                () -> KafkaConfig.builder().set("linger.ms", "-5").build(), "linger.ms"));
        t.add(c("non-numeric value", ConfigException.class,
                () -> KafkaConfig.builder().set("message.max.bytes", "lots").build(), "message.max.bytes"));
        t.add(c("null property name", NullPointerException.class,
                () -> KafkaConfig.builder().set(null, "x"), "property name"));
        t.add(c("negative queueFullTimeout", IllegalArgumentException.class,
                () -> KafkaConfig.builder().queueFullTimeout(Duration.ofSeconds(-1)), "queueFullTimeout"));
        t.add(c("idempotence with acks=1", ConfigException.class,
                () -> Producer.create(config().enableIdempotence(true).acks("1").build(), Serdes.stringSerializer(),
                        Serdes.stringSerializer()), "acks", "enable.idempotence"));
        t.add(c("transactional.id without idempotence", ConfigException.class,
                () -> Producer.create(config().transactionalId("t-" + System.nanoTime()).enableIdempotence(false).build(),
                        Serdes.stringSerializer(), Serdes.stringSerializer()), "enable.idempotence"));
        // ---- bootstrap.servers (librdkafka would misread these silently)
        t.add(c("port out of range", ConfigException.class,
                () -> KafkaConfig.builder().bootstrapServers("localhost:99999").build(), "bootstrap.servers", "99999"));
        t.add(c("port not a number", ConfigException.class,
                () -> KafkaConfig.builder().bootstrapServers("localhost:abc").build(), "bootstrap.servers", "abc"));
        t.add(c("no address at all", ConfigException.class,
                () -> KafkaConfig.builder().bootstrapServers(" , ,").build(), "bootstrap.servers", "names no broker"));
        t.add(c("space-separated list", ConfigException.class,
                () -> KafkaConfig.builder().bootstrapServers("a:9092 b:9092").build(), "bootstrap.servers", "commas"));
        t.add(c("protocol mismatch", ConfigException.class,
                () -> KafkaConfig.builder().bootstrapServers("ssl://localhost:9093").build(), "ssl", "security.protocol"));
        t.add(c("unknown protocol", ConfigException.class,
                () -> KafkaConfig.builder().bootstrapServers("http://localhost:9093").build(), "http"));
        // ---- topic names
        t.add(c("empty topic", InvalidTopicException.class, () -> send(new ProducerRecord<>("", null, new byte[1])),
                "empty"));
        t.add(c("too long topic", InvalidTopicException.class,
                () -> send(new ProducerRecord<>("x".repeat(250), null, new byte[1])), "249", "250"));
        t.add(c("illegal character", InvalidTopicException.class,
                () -> send(new ProducerRecord<>("orders/eu", null, new byte[1])), "orders/eu", "'/'"));
        t.add(c("reserved name", InvalidTopicException.class, () -> send(new ProducerRecord<>("..", null, new byte[1])),
                "reserved"));
        t.add(c("null topic", NullPointerException.class, () -> new ProducerRecord<>(null, null, new byte[1]), "topic"));
        t.add(c("subscribe to illegal name", InvalidTopicException.class,
                () -> withGroupConsumer(c -> c.subscribe(List.of("a b"))), "a b"));
        t.add(c("assign illegal name", InvalidTopicException.class,
                () -> { consumer.assign(List.of(new TopicPartition("a*b", 0))); return null; }, "a*b"));
        // ---- partitions
        t.add(c("negative partition", IllegalArgumentException.class,
                () -> new ProducerRecord<>(TOPIC, -2, null, new byte[1]), "partition", "-2"));
        t.add(c("partition out of range", UnknownTopicOrPartitionException.class,
                () -> send(new ProducerRecord<>(TOPIC, 99, null, new byte[1])), TOPIC, "99"));
        // ---- records
        t.add(c("record over message.max.bytes", RecordTooLargeException.class,
                () -> send(new ProducerRecord<>(TOPIC, 0, null, new byte[1_100_000])), TOPIC, "message.max.bytes"));
        t.add(c("null record", NullPointerException.class, () -> producer.send(null), "record"));
        t.add(c("null header key", NullPointerException.class, () -> Headers.of(List.of(new Header(null, null))),
                "header key"));
        t.add(c("negative timestamp", IllegalArgumentException.class,
                () -> new ProducerRecord<>(TOPIC, 0, -5L, "k", new byte[1], null), "timestamp", "-5"));
        t.add(c("timestamp 0 (librdkafka's 'now')", IllegalArgumentException.class,
                () -> new ProducerRecord<>(TOPIC, 0, 0L, "k", new byte[1], null), "timestamp 0", "now", "null"));
        t.add(c("serializer failure", SerializationException.class, () -> {
            Serializer<String> broken = (topic, s) -> { throw new IllegalArgumentException("no " + s); };
            try (var p = Producer.create(config().build(), broken, Serdes.stringSerializer())) {
                return p.send(new ProducerRecord<>(TOPIC, "the-key", "v"));
            }
        }, "key", TOPIC));
        t.add(c("negative flush timeout", IllegalArgumentException.class,
                () -> { producer.flush(Duration.ofMillis(-1)); return null; }, "timeout"));
        // ---- consumer
        t.add(c("assign unknown topic", UnknownTopicOrPartitionException.class,
                () -> assignAndAwaitError(new TopicPartition("no-such-topic", 0)), "no-such-topic"));
        t.add(c("assign partition out of range", UnknownTopicOrPartitionException.class,
                () -> assignAndAwaitError(new TopicPartition(TOPIC, 42)), TOPIC, "42"));
        t.add(c("seek unassigned partition", IllegalStateException.class, () -> {
            consumer.assign(List.of(TP0));
            consumer.seek(new TopicPartition(TOPIC, 2), 0);
            return null;
        }, TOPIC + "-2", "not assigned"));
        t.add(c("seek to negative offset", IllegalArgumentException.class,
                () -> { consumer.seek(TP0, -3); return null; }, "offset", "-3"));
        t.add(c("seek past the end, auto.offset.reset=error", KafkaException.class, BadInputTest::seekOutOfRange,
                "Offset out of range", TOPIC + " [0]"));
        t.add(c("commit without group.id", IllegalStateException.class,
                () -> { consumer.commitSync(); return null; }, "group.id"));
        t.add(c("negative poll timeout", IllegalArgumentException.class,
                () -> consumer.poll(Duration.ofMillis(-1)), "timeout"));
        // ---- transactions
        t.add(c("beginTransaction, not transactional", IllegalStateException.class,
                () -> { producer.beginTransaction(); return null; }, "transactional.id"));
        t.add(c("sendOffsetsToTransaction, not transactional", IllegalStateException.class, () -> {
            producer.sendOffsetsToTransaction(Map.of(TP0, new OffsetAndMetadata(1)),
                    new ConsumerGroupMetadata("g", new byte[0]), Duration.ofSeconds(1));
            return null;
        }, "transactional.id"));
        t.add(c("begin before initTransactions", TransactionException.class,
                () -> transactional(false, p -> p.beginTransaction()), "state Init"));
        t.add(c("commit without begin", TransactionException.class,
                () -> transactional(true, p -> p.commitTransaction(Duration.ofSeconds(5))), "state Ready"));
        t.add(c("begin twice", TransactionException.class, () -> transactional(true, p -> {
            p.beginTransaction();
            p.beginTransaction();
        }), "InTransaction"));
        t.add(c("send outside a transaction", KafkaException.class, () -> transactional(true, p -> {
            try {
                p.send(new ProducerRecord<>(TOPIC, "k", "v")).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw (RuntimeException) e.getCause();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }), "not allowed", "Ready"));
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithATypedExceptionNamingTheProblem(Case c) throws Exception {
        Throwable error = outcome(c);
        assertNotNull(error, c.name + ": no error at all");
        assertTrue(c.type.isInstance(error), c.name + ": expected " + c.type.getSimpleName() + " but got " + error);
        assertFalse(error.getClass() == KafkaException.class && c.type != KafkaException.class, "untyped: " + error);
        String msg = String.valueOf(error.getMessage());
        for (String m : c.mentions) assertTrue(msg.contains(m), c.name + ": message does not mention '" + m + "': " + msg);
    }

    private static Throwable outcome(Case c) throws Exception {
        consumerErrors.clear();
        Object r;
        try {
            r = c.action.run();
        } catch (Throwable t) {
            return t;
        }
        if (r instanceof CompletableFuture<?> f) {
            try {
                f.get(30, TimeUnit.SECONDS);
                return null;
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }
        return r instanceof Throwable t ? t : null;
    }

    /** After every case the shared clients still produce and consume. */
    @AfterEach
    void clientsStillWork() throws Exception {
        assertNotNull(producer.send(new ProducerRecord<>(TOPIC, 0, "after", new byte[]{42})).get(10, TimeUnit.SECONDS));
        consumer.assign(List.of(TP0));
        consumer.seek(TP0, 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ConsumerRecords<String, String> got = ConsumerRecords.empty();
        while (got.isEmpty() && System.nanoTime() < deadline) got = consumer.poll(Duration.ofMillis(100));
        assertFalse(got.isEmpty(), "the consumer returned nothing after the case");
        assertEquals(0, got.iterator().next().offset());
    }

    @Test
    void timeoutsTooLongForNanosecondsMeanWaitLong() throws Exception {
        var f = producer.send(new ProducerRecord<>(TOPIC, 1, "k", new byte[1]));
        producer.flush(Duration.ofMillis(Long.MAX_VALUE)); // threw ArithmeticException (long overflow) before
        assertTrue(f.isDone());
        consumer.assign(List.of(TP0));
        consumer.seek(TP0, 0);
        assertFalse(consumer.poll(Duration.ofMillis(Long.MAX_VALUE)).isEmpty()); // records are there: returns at once
        try (var p = Producer.create(config().build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            p.send(new ProducerRecord<>(TOPIC, "k", "v")).get(10, TimeUnit.SECONDS);
            p.close(Duration.ofMillis(Long.MAX_VALUE));
        }
    }

    /**
     * auto.offset.reset=error stops the partition's fetcher; librdkafka 2.0.2 then answers every seek with
     * _STATE, which left the partition silent forever. A seek must bring it back.
     */
    @Test
    void seekRevivesAPartitionStoppedByAutoOffsetResetError() {
        try (var c = Consumer.create(consumerConfig().set("auto.offset.reset", "error").build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            c.assign(List.of(TP0)); // no committed offset (a private group): the reset fails
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            KafkaException reset = null;
            while (reset == null && System.nanoTime() < deadline) {
                try {
                    assertTrue(c.poll(Duration.ofMillis(100)).isEmpty());
                } catch (KafkaException e) {
                    reset = e;
                }
            }
            assertNotNull(reset, "no auto.offset.reset error");
            assertEquals("_AUTO_OFFSET_RESET", reset.codeName());
            assertTrue(reset.getMessage().contains(TOPIC + " [0]"), reset.getMessage());
            c.seek(TP0, 3);
            ConsumerRecords<String, String> got = ConsumerRecords.empty();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (got.isEmpty() && System.nanoTime() < deadline) got = c.poll(Duration.ofMillis(100));
            assertFalse(got.isEmpty(), "the partition stayed silent after the seek");
            assertEquals(3, got.iterator().next().offset());
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static CompletableFuture<?> send(ProducerRecord<String, byte[]> r) {
        return producer.send(r);
    }

    private static Object withGroupConsumer(java.util.function.Consumer<Consumer<String, String>> body) {
        try (var c = Consumer.create(consumerConfig().groupId("bad-input-" + System.nanoTime()).build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            body.accept(c);
        }
        return null;
    }

    /** Assigns the partition and polls until the error listener hears of the problem (at most 10 s). */
    private static Object assignAndAwaitError(TopicPartition tp) {
        consumer.assign(List.of(tp));
        return awaitListenerError(() -> consumer.poll(Duration.ofMillis(100)));
    }

    private static Object awaitListenerError(Supplier<?> poll) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (consumerErrors.isEmpty() && System.nanoTime() < deadline) poll.get();
        return consumerErrors.isEmpty() ? null : consumerErrors.getFirst();
    }

    /** With auto.offset.reset=error a seek past the end makes poll throw, naming the partition. */
    private static Object seekOutOfRange() {
        try (var c = Consumer.create(consumerConfig().set("auto.offset.reset", "error").build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            c.assign(List.of(TP0));
            c.seek(TP0, 0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (c.poll(Duration.ofMillis(100)).isEmpty()) {
                if (System.nanoTime() > deadline) fail("no records before the seek");
            }
            c.seek(TP0, 1_000_000);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> r = c.poll(Duration.ofMillis(100)); // throws
                assertTrue(r.isEmpty(), "records after seeking past the end: " + r.count());
            }
            return null;
        }
    }

    @FunctionalInterface
    interface TxnBody {
        void run(Producer<String, String> p);
    }

    private static Object transactional(boolean init, TxnBody body) {
        try (var p = Producer.create(config().transactionalId("bad-input-" + System.nanoTime()).build(),
                Serdes.stringSerializer(), Serdes.stringSerializer())) {
            if (init) p.initTransactions(Duration.ofSeconds(30));
            body.run(p);
        }
        return null;
    }
}

package io.rdkafka.kafka;

import io.rdkafka.client.mock.MockCluster;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The producer on librdkafka's mock cluster: placement, callbacks, futures, exceptions, interceptors. */
class RdKafkaProducerTest {
    static MockCluster cluster;

    @BeforeAll
    static void start() {
        cluster = MockCluster.start(1);
        cluster.createTopic("p6", 6, 1);
        cluster.createTopic("p3", 3, 1);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static Map<String, Object> config() {
        Map<String, Object> m = new HashMap<>();
        m.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        m.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        m.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        m.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return m;
    }

    @Test
    void keyedRecordsLandWhereKafkaProducerPutsThem() throws Exception {
        try (Producer<String, String> p = new RdKafkaProducer<>(config())) {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) futures.add(p.send(new ProducerRecord<>("p6", "key-" + i, "v")));
            for (int i = 0; i < 200; i++) {
                byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
                int expected = Utils.toPositive(Utils.murmur2(key)) % 6; // KafkaProducer's BuiltInPartitioner
                RecordMetadata md = futures.get(i).get(10, TimeUnit.SECONDS);
                assertEquals(expected, md.partition(), "key-" + i);
                assertTrue(md.hasOffset());
                assertEquals(("key-" + i).length(), md.serializedKeySize());
                assertEquals(1, md.serializedValueSize());
            }
        }
    }

    @Test
    void callbackGetsMetadataThenTheFutureCompletes() throws Exception {
        try (Producer<String, String> p = new RdKafkaProducer<>(config())) {
            List<RecordMetadata> seen = new CopyOnWriteArrayList<>();
            long ts = System.currentTimeMillis() - 3_600_000;
            Future<RecordMetadata> f = p.send(new ProducerRecord<>("p3", 2, ts, "k", "v"), (md, e) -> {
                assertNull(e);
                seen.add(md);
            });
            RecordMetadata md = f.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(md), seen);
            assertEquals(2, md.partition());
            // the timestamp is checked on a real broker (ContractIT): the mock answers with log append time 1234
            assertEquals("p3", md.topic());
        }
    }

    @Test
    void timestampZeroFailsThroughFutureAndCallback() {
        try (Producer<String, String> p = new RdKafkaProducer<>(config())) {
            List<Exception> errors = new ArrayList<>();
            List<RecordMetadata> mds = new ArrayList<>();
            Future<RecordMetadata> f = p.send(new ProducerRecord<>("p3", 0, 0L, "k", "v"), (md, e) -> {
                mds.add(md);
                errors.add(e);
            });
            ExecutionException ee = assertThrows(ExecutionException.class, f::get);
            assertInstanceOf(InvalidTimestampException.class, ee.getCause());
            assertInstanceOf(InvalidTimestampException.class, errors.getFirst());
            assertEquals(-1, mds.getFirst().offset(), "metadata with -1 offset on failure, as KafkaProducer");
            assertEquals(0, mds.getFirst().partition());
        }
    }

    @Test
    void recordTooLargeFailsThroughTheFuture() {
        Map<String, Object> c = config();
        c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2000);
        try (Producer<String, String> p = new RdKafkaProducer<>(c)) {
            Future<RecordMetadata> f = p.send(new ProducerRecord<>("p3", "k", "x".repeat(5000)));
            ExecutionException ee = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            assertInstanceOf(RecordTooLargeException.class, ee.getCause());
        }
    }

    @Test
    void serializersReceiveHeadersAndMayAddTo() throws Exception {
        Serializer<String> typed = new Serializer<>() {
            @Override
            public byte[] serialize(String topic, String data) {
                throw new AssertionError("the header-aware variant must be called");
            }

            @Override
            public byte[] serialize(String topic, Headers headers, String data) {
                headers.add("type", "string".getBytes(StandardCharsets.UTF_8));
                return data.getBytes(StandardCharsets.UTF_8);
            }
        };
        try (Producer<String, String> p = new RdKafkaProducer<>(config(), new StringSerializer(), typed)) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("h1", new byte[]{1});
            ProducerRecord<String, String> r = new ProducerRecord<>("p3", 0, "k", "v", headers);
            p.send(r).get(10, TimeUnit.SECONDS);
            assertEquals(2, r.headers().toArray().length);
            assertThrows(IllegalStateException.class, () -> r.headers().add("late", null),
                    "headers are read-only once sent, as with KafkaProducer");
        }
    }

    @Test
    void wrongTypeIsASerializationException() {
        Map<String, Object> c = config();
        try (Producer<Object, Object> p = new RdKafkaProducer<>(c)) {
            assertThrows(SerializationException.class, () -> p.send(new ProducerRecord<>("p3", 42, "v")));
        }
    }

    /** Counts calls; configured from interceptor.classes. */
    public static class CountingInterceptor implements ProducerInterceptor<String, String> {
        static final AtomicInteger SENDS = new AtomicInteger();
        static final AtomicInteger ACKS = new AtomicInteger();
        static volatile String clientId;

        @Override
        public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
            SENDS.incrementAndGet();
            return new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value() + "!");
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
            ACKS.incrementAndGet();
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
            clientId = (String) configs.get(ProducerConfig.CLIENT_ID_CONFIG);
        }
    }

    @Test
    void interceptorsSeeSendsAndAcknowledgements() throws Exception {
        Map<String, Object> c = config();
        c.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, List.of(CountingInterceptor.class.getName()));
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class); // overridden below
        try (Producer<String, String> p = new RdKafkaProducer<>(c, new StringSerializer(), new StringSerializer())) {
            int before = CountingInterceptor.ACKS.get();
            RecordMetadata md = p.send(new ProducerRecord<>("p3", 1, "k", "v")).get(10, TimeUnit.SECONDS);
            assertEquals(1, CountingInterceptor.SENDS.get());
            assertEquals(2, md.serializedValueSize(), "the interceptor's record was sent");
            assertEquals(before + 1, CountingInterceptor.ACKS.get());
            assertTrue(CountingInterceptor.clientId.startsWith("producer-"));
        }
    }

    /** Sends every record to the last partition. */
    public static class LastPartition implements Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
            return cluster.partitionCountForTopic(topic) - 1;
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    @Test
    void customPartitionerIsCalledWithTheCluster() throws Exception {
        Map<String, Object> c = config();
        c.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, LastPartition.class);
        try (Producer<String, String> p = new RdKafkaProducer<>(c)) {
            assertEquals(5, p.send(new ProducerRecord<>("p6", "a", "v")).get(10, TimeUnit.SECONDS).partition());
            assertEquals(2, p.send(new ProducerRecord<>("p3", "b", "v")).get(10, TimeUnit.SECONDS).partition());
        }
    }

    @Test
    void partitionsForListsEveryPartition() {
        try (Producer<String, String> p = new RdKafkaProducer<>(config())) {
            List<PartitionInfo> parts = p.partitionsFor("p6");
            assertEquals(6, parts.size());
            for (int i = 0; i < 6; i++) {
                assertEquals(i, parts.get(i).partition());
                assertNotNull(parts.get(i).leader());
            }
        }
    }

    @Test
    void sendAfterCloseThrows() {
        Producer<String, String> p = new RdKafkaProducer<>(config());
        p.close(Duration.ofSeconds(5));
        assertThrows(IllegalStateException.class, () -> p.send(new ProducerRecord<>("p3", "k", "v")));
        p.close(); // idempotent
    }

    @Test
    void closeFromACallbackDoesNotBlock() throws Exception {
        Producer<String, String> p = new RdKafkaProducer<>(config());
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        Callback cb = (md, e) -> {
            long t0 = System.nanoTime();
            p.close();
            if (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2)) closed.countDown();
        };
        p.send(new ProducerRecord<>("p3", "k", "v"), cb);
        assertTrue(closed.await(10, TimeUnit.SECONDS));
    }

    @Test
    void metricsCarryKafkaClientsNames() throws Exception {
        Map<String, Object> c = config();
        c.put("statistics.interval.ms", 100);
        try (Producer<String, String> p = new RdKafkaProducer<>(c)) {
            for (int i = 0; i < 10; i++) p.send(new ProducerRecord<>("p3", "k" + i, "v"));
            p.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            double sent = Double.NaN;
            while (System.nanoTime() < deadline) {
                var m = p.metrics();
                MetricName name = m.keySet().stream().filter(n -> n.name().equals("record-send-total")
                        && n.group().equals("producer-metrics")).findFirst().orElseThrow();
                sent = (Double) m.get(name).metricValue();
                if (sent >= 10) break;
                Thread.sleep(50);
            }
            assertEquals(10.0, sent);
        }
    }

    @Test
    void untranslatablePropertyIsRefusedByName() {
        Map<String, Object> c = config();
        c.put("ssl.engine.factory.class", "com.example.Engine");
        ConfigException e = assertThrows(ConfigException.class, () -> new RdKafkaProducer<String, String>(c));
        assertTrue(e.getMessage().contains("ssl.engine.factory.class"), e.getMessage());
    }

    @Test
    void librdkafkaNamesPassThrough() throws Exception {
        Map<String, Object> c = config();
        c.put("queue.buffering.max.ms", "1");
        try (Producer<String, String> p = new RdKafkaProducer<>(c)) {
            assertTrue(p.send(new ProducerRecord<>("p3", "k", "v")).get(10, TimeUnit.SECONDS).hasOffset());
        }
        c.put("queue.buffering.max.ms", "-5");
        ConfigException e = assertThrows(ConfigException.class, () -> new RdKafkaProducer<String, String>(c));
        assertTrue(e.getMessage().contains("queue.buffering.max.ms"), e.getMessage());
    }
}

package io.rdkafka.kafka;

import io.rdkafka.client.mock.MockCluster;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidGroupIdException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The consumer on librdkafka's mock cluster. */
class RdKafkaConsumerTest {
    static MockCluster cluster;
    static final AtomicInteger GROUPS = new AtomicInteger();

    @BeforeAll
    static void start() {
        cluster = MockCluster.start(1);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static Map<String, Object> config(String group) {
        Map<String, Object> m = new HashMap<>();
        m.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        m.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        m.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        m.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (group != null) m.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        return m;
    }

    static void produce(String topic, int partition, int n, String prefix) throws Exception {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (Producer<String, String> p = new RdKafkaProducer<>(c, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                RecordHeaders h = new RecordHeaders();
                h.add("i", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                p.send(new ProducerRecord<>(topic, partition, "k" + i, prefix + i, h)).get(10, TimeUnit.SECONDS);
            }
        }
    }

    static <K, V> List<ConsumerRecord<K, V>> pollUntil(Consumer<K, V> c, int n) {
        List<ConsumerRecord<K, V>> all = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (all.size() < n && System.nanoTime() < deadline) {
            for (ConsumerRecord<K, V> r : c.poll(Duration.ofMillis(200))) all.add(r);
        }
        return all;
    }

    @Test
    void subscribesConsumesCommitsAndCallsTheListenerInKafkaOrder() throws Exception {
        String topic = "c-sub";
        cluster.createTopic(topic, 2, 1);
        produce(topic, 0, 5, "v");
        produce(topic, 1, 5, "v");
        List<String> calls = new ArrayList<>();
        try (Consumer<String, String> c = new RdKafkaConsumer<>(config("g" + GROUPS.incrementAndGet()))) {
            c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    calls.add("revoked" + partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    calls.add("assigned" + partitions);
                }
            });
            List<ConsumerRecord<String, String>> got = pollUntil(c, 10);
            assertEquals(10, got.size());
            ConsumerRecord<String, String> first = got.stream().filter(r -> r.partition() == 0).findFirst().orElseThrow();
            assertEquals("k0", first.key());
            assertEquals("v0", first.value());
            assertEquals(0, first.offset());
            assertArrayEquals("0".getBytes(StandardCharsets.UTF_8), first.headers().lastHeader("i").value());
            assertEquals(List.of("assigned[c-sub-0, c-sub-1]"), calls);
            c.commitSync();
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(Set.of(new TopicPartition(topic, 0),
                    new TopicPartition(topic, 1)));
            assertEquals(5, committed.get(new TopicPartition(topic, 0)).offset());
            assertEquals(5, committed.get(new TopicPartition(topic, 1)).offset());
            assertEquals(5, c.position(new TopicPartition(topic, 1)));
            ConsumerGroupMetadata gm = c.groupMetadata();
            assertTrue(gm.generationId() > 0, "generation read from librdkafka's form: " + gm);
            assertFalse(gm.memberId().isEmpty(), gm.toString());
        }
        assertEquals("revoked[c-sub-0, c-sub-1]", calls.getLast(), "close revokes");
    }

    @Test
    void deserializersGetHeadersAndAFailureStopsThePartitionAtTheRecord() throws Exception {
        String topic = "c-deser";
        cluster.createTopic(topic, 1, 1);
        produce(topic, 0, 6, "v");
        Deserializer<String> failsOnThree = new Deserializer<>() {
            @Override
            public String deserialize(String t, byte[] data) {
                throw new AssertionError("the header-aware variant must be called");
            }

            @Override
            public String deserialize(String t, Headers headers, byte[] data) {
                String s = new String(data, StandardCharsets.UTF_8);
                if (s.equals("v3")) throw new IllegalArgumentException("bad record");
                return s + "/" + new String(headers.lastHeader("i").value(), StandardCharsets.UTF_8);
            }
        };
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Consumer<String, String> c = new RdKafkaConsumer<>(config(null), new StringDeserializer(), failsOnThree)) {
            c.assign(List.of(tp));
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            RecordDeserializationException failure = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (failure == null && System.nanoTime() < deadline) {
                try {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) got.add(r);
                } catch (RecordDeserializationException e) {
                    failure = e;
                }
            }
            assertNotNull(failure);
            assertEquals(List.of("v0/0", "v1/1", "v2/2"), got.stream().map(ConsumerRecord::value).toList());
            assertEquals(3, failure.offset());
            assertEquals(tp, failure.topicPartition());
            assertEquals(RecordDeserializationException.DeserializationExceptionOrigin.VALUE, failure.origin());
            assertEquals(3, c.position(tp));
            assertThrows(RecordDeserializationException.class, () -> {
                for (int i = 0; i < 50; i++) c.poll(Duration.ofMillis(100));
            }, "the next poll fails at the same record");
            c.seek(tp, 4);
            assertEquals(List.of("v4/4", "v5/5"), pollUntil(c, 2).stream().map(ConsumerRecord::value).toList());
        }
    }

    @Test
    void pollWithoutSubscriptionAndGroupCallsWithoutGroupFailAsKafkaConsumer() {
        try (Consumer<String, String> c = new RdKafkaConsumer<>(config(null))) {
            assertThrows(IllegalStateException.class, () -> c.poll(Duration.ofMillis(10)));
            assertThrows(InvalidGroupIdException.class, () -> c.subscribe(List.of("x")));
            assertThrows(InvalidGroupIdException.class, c::commitSync);
        }
    }

    @Test
    void seekAndPositionOfAManualAssignment() throws Exception {
        String topic = "c-seek";
        cluster.createTopic(topic, 1, 1);
        produce(topic, 0, 4, "s");
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Consumer<String, String> c = new RdKafkaConsumer<>(config(null))) {
            c.assign(List.of(tp));
            assertEquals(Set.of(tp), c.assignment());
            c.seek(tp, 2);
            assertEquals(2, c.position(tp));
            List<ConsumerRecord<String, String>> got = pollUntil(c, 2);
            assertEquals(List.of(2L, 3L), got.stream().map(ConsumerRecord::offset).toList());
            assertEquals(Map.of(tp, 0L), c.beginningOffsets(List.of(tp)));
            assertEquals(Map.of(tp, 4L), c.endOffsets(List.of(tp)));
            c.pause(List.of(tp));
            assertEquals(Set.of(tp), c.paused());
            c.resume(List.of(tp));
            assertThrows(IllegalStateException.class, () -> c.seek(new TopicPartition(topic, 7), 0));
        }
    }

    @Test
    void recordsCarryNextOffsets() throws Exception {
        String topic = "c-next";
        cluster.createTopic(topic, 1, 1);
        produce(topic, 0, 3, "n");
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Consumer<String, String> c = new RdKafkaConsumer<>(config(null))) {
            c.assign(List.of(tp));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int total = 0;
            ConsumerRecords<String, String> last = ConsumerRecords.empty();
            while (total < 3 && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> p = c.poll(Duration.ofMillis(500));
                if (!p.isEmpty()) last = p;
                total += p.count();
            }
            assertEquals(3, total);
            assertEquals(3, last.nextOffsets().get(tp).offset());
        }
    }

    /** Uppercases values and records commits; configured from interceptor.classes. */
    public static class UpperInterceptor implements org.apache.kafka.clients.consumer.ConsumerInterceptor<String, String> {
        static final List<Map<TopicPartition, OffsetAndMetadata>> COMMITS = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public ConsumerRecords<String, String> onConsume(ConsumerRecords<String, String> records) {
            Map<TopicPartition, List<ConsumerRecord<String, String>>> m = new HashMap<>();
            for (TopicPartition tp : records.partitions()) {
                m.put(tp, records.records(tp).stream().map(r -> new ConsumerRecord<>(r.topic(), r.partition(), r.offset(),
                        r.key(), r.value().toUpperCase())).toList());
            }
            return new ConsumerRecords<>(m, records.nextOffsets());
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            COMMITS.add(offsets);
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    @Test
    void interceptorsAsyncCommitsMetricsAndLag() throws Exception {
        String topic = "c-icpt";
        cluster.createTopic(topic, 1, 1);
        produce(topic, 0, 4, "x");
        TopicPartition tp = new TopicPartition(topic, 0);
        Map<String, Object> cfg = config("g" + GROUPS.incrementAndGet());
        cfg.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, UpperInterceptor.class.getName());
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cfg.put("statistics.interval.ms", 100);
        try (Consumer<String, String> c = new RdKafkaConsumer<>(cfg)) {
            c.assign(List.of(tp));
            List<ConsumerRecord<String, String>> got = pollUntil(c, 4);
            assertEquals(List.of("X0", "X1", "X2", "X3"), got.stream().map(ConsumerRecord::value).toList());
            List<Map<TopicPartition, OffsetAndMetadata>> callbacks = new java.util.concurrent.CopyOnWriteArrayList<>();
            c.commitAsync(Map.of(tp, new OffsetAndMetadata(3)), (offsets, e) -> {
                assertNull(e);
                callbacks.add(offsets);
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (callbacks.isEmpty() && System.nanoTime() < deadline) c.poll(Duration.ofMillis(100));
            assertEquals(3, callbacks.getFirst().get(tp).offset());
            assertEquals(3, UpperInterceptor.COMMITS.getLast().get(tp).offset(), "interceptors hear about commits");
            double consumed = Double.NaN;
            java.util.OptionalLong lag = java.util.OptionalLong.empty();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && (!(consumed >= 4) || lag.isEmpty())) {
                c.poll(Duration.ofMillis(100));
                var m = c.metrics();
                consumed = m.entrySet().stream().filter(e -> e.getKey().name().equals("records-consumed-total")
                        && e.getKey().group().equals("consumer-fetch-manager-metrics"))
                        .mapToDouble(e -> (Double) e.getValue().metricValue()).findFirst().orElse(Double.NaN);
                lag = c.currentLag(tp);
            }
            assertEquals(4.0, consumed);
            assertEquals(java.util.OptionalLong.of(0), lag, "everything consumed: no lag");
        }
    }
}

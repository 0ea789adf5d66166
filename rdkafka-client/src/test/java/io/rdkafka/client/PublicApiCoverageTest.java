package io.rdkafka.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Public methods no other test called: the integer, long, double, UUID and ByteBuffer serdes through a produce and
 * consume round trip on the mock cluster (with null values), {@link Headers#with}, and the typed
 * {@link KafkaConfig.Builder} setters as {@link KafkaConfig#dump()} shows them.
 */
class PublicApiCoverageTest {
    private static MockKafka kafka;

    @BeforeAll
    static void start() {
        kafka = new MockKafka(1);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static <K, V> List<ConsumerRecord<K, V>> roundTrip(Serializer<K> ks, Serializer<V> vs, Deserializer<K> kd,
            Deserializer<V> vd, List<ProducerRecord<K, V>> records) throws Exception {
        String topic = records.getFirst().topic();
        kafka.createTopic(topic, 1);
        try (var p = Producer.create(kafka.config().build(), ks, vs)) {
            for (var r : records) p.send(r).get(30, TimeUnit.SECONDS);
        }
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (var c = Consumer.create(kafka.consumerConfig(null).build(), kd, vd)) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (out.size() < records.size() && System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(100))) out.add(r);
            }
        }
        assertEquals(records.size(), out.size());
        return out;
    }

    @Test
    void integerLongAndDoubleSerdesRoundTripThroughTheCluster() throws Exception {
        String t = "serde-num-" + System.nanoTime();
        var got = roundTrip(Serdes.integerSerializer(), Serdes.longSerializer(), Serdes.integerDeserializer(),
                Serdes.longDeserializer(), List.of(new ProducerRecord<>(t, Integer.MIN_VALUE, Long.MAX_VALUE),
                        new ProducerRecord<>(t, -1, -1L), new ProducerRecord<>(t, 7, null)));
        assertEquals(Integer.MIN_VALUE, got.get(0).key());
        assertEquals(Long.MAX_VALUE, got.get(0).value());
        assertEquals(4, got.get(0).serializedKeySize(), "big-endian int, as kafka-clients");
        assertEquals(8, got.get(0).serializedValueSize());
        assertEquals(-1, got.get(1).key());
        assertEquals(-1L, got.get(1).value());
        assertNull(got.get(2).value(), "null stays null (a tombstone)");
        // the bytes are kafka-clients' (big-endian)
        assertArrayEquals(new byte[]{0, 0, 1, 0}, Serdes.integerSerializer().serialize(t, 256));
        assertThrows(RuntimeException.class, () -> Serdes.integerDeserializer().deserialize(t, new byte[3]));

        String d = "serde-double-" + System.nanoTime();
        var doubles = roundTrip(Serdes.doubleSerializer(), Serdes.doubleSerializer(), Serdes.doubleDeserializer(),
                Serdes.doubleDeserializer(), List.of(new ProducerRecord<>(d, Math.PI, Double.NaN),
                        new ProducerRecord<>(d, -0.0, Double.NEGATIVE_INFINITY)));
        assertEquals(Math.PI, doubles.get(0).key());
        assertTrue(doubles.get(0).value().isNaN());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(doubles.get(1).key()));
        assertEquals(Double.NEGATIVE_INFINITY, doubles.get(1).value());
    }

    @Test
    void uuidAndByteBufferSerdesRoundTripThroughTheCluster() throws Exception {
        String t = "serde-uuid-" + System.nanoTime();
        UUID id = UUID.randomUUID();
        ByteBuffer window = ByteBuffer.wrap("xxpayloadyy".getBytes(StandardCharsets.UTF_8), 2, 7).slice();
        var got = roundTrip(Serdes.uuidSerializer(), Serdes.byteBufferSerializer(), Serdes.uuidDeserializer(),
                Serdes.byteBufferDeserializer(), List.of(new ProducerRecord<>(t, id, window),
                        new ProducerRecord<>(t, null, ByteBuffer.wrap(new byte[]{9}))));
        assertEquals(id, got.get(0).key());
        assertEquals(36, got.get(0).serializedKeySize(), "the UUID's string form, as kafka-clients");
        ByteBuffer v = got.get(0).value();
        byte[] bytes = new byte[v.remaining()];
        v.get(bytes);
        assertEquals("payload", new String(bytes, StandardCharsets.UTF_8), "only the buffer's remaining bytes");
        assertNull(got.get(1).key());
        assertEquals(9, got.get(1).value().get(0));
        assertEquals(7, window.remaining(), "serializing does not consume the caller's buffer");
    }

    @Test
    void headersWithAddsWithoutChangingTheOriginal() throws Exception {
        Headers base = Headers.of(new Header("a", "1".getBytes(StandardCharsets.UTF_8)));
        Headers more = base.with("b", "2".getBytes(StandardCharsets.UTF_8)).with("a", null);
        assertEquals(1, base.size(), "Headers are immutable");
        assertEquals(3, more.size(), "with appends, repeated keys kept in order");
        String t = "headers-with-" + System.nanoTime();
        var got = roundTrip(Serdes.stringSerializer(), Serdes.stringSerializer(), Serdes.stringDeserializer(),
                Serdes.stringDeserializer(), List.of(new ProducerRecord<>(t, "k", "v", more)));
        List<String> seen = new ArrayList<>();
        for (Header h : got.getFirst().headers()) {
            seen.add(h.key() + "=" + (h.value() == null ? "null" : new String(h.value(), StandardCharsets.UTF_8)));
        }
        assertEquals(List.of("a=1", "b=2", "a=null"), seen);
    }

    @Test
    void typedBuilderSettersShowInTheEffectiveConfiguration() {
        KafkaConfig c = KafkaConfig.builder().securityProtocol("ssl").sslCaLocation("/etc/ssl/certs")
                .compression("zstd").build();
        var dump = c.dump();
        assertEquals("ssl", dump.global().get("security.protocol"));
        assertEquals("/etc/ssl/certs", dump.global().get("ssl.ca.location"));
        assertEquals("zstd", dump.global().get("compression.codec"), "compression.type is compression.codec's alias: "
                + dump.global().get("compression.type"));
        var e = assertThrows(io.rdkafka.client.errors.ConfigException.class,
                () -> KafkaConfig.builder().compression("brotli").build());
        assertTrue(e.getMessage().contains("compression"), e.getMessage());
        assertThrows(io.rdkafka.client.errors.ConfigException.class,
                () -> KafkaConfig.builder().securityProtocol("tls").build());
    }
}

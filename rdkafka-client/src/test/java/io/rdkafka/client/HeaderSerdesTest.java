package io.rdkafka.client;

import io.rdkafka.client.errors.RecordDeserializationException;
import io.rdkafka.client.errors.SerializationException;
import io.rdkafka.client.internal.HeaderAwareSerializers;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Serializers that write headers and deserializers that read them, through a producer and a consumer on the mock cluster. */
class HeaderSerdesTest {

    /** A value serializer that puts a schema id and a content type in the headers, as a schema-registry serde does. */
    static class SchemaSerializer implements Serializer<String> {
        @Override
        public byte[] serialize(String topic, String data) {
            throw new AssertionError("the producer must call the headers variant");
        }

        @Override
        public byte[] serialize(String topic, MutableHeaders headers, String data) {
            headers.remove("content-type"); // replaces whatever the application set
            headers.add("content-type", "text/plain".getBytes(StandardCharsets.UTF_8));
            headers.add("schema-id", ByteBuffer.allocate(4).putInt(7).array());
            return data == null ? null : data.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Reads the value only when the schema id says so. */
    static final class SchemaDeserializer implements Deserializer<String> {
        @Override
        public String deserialize(String topic, byte[] data) {
            throw new AssertionError("the consumer must call the headers variant");
        }

        @Override
        public String deserialize(String topic, Headers headers, byte[] data) {
            Header id = headers.lastHeader("schema-id");
            if (id == null) throw new IllegalArgumentException("no schema-id header");
            return "schema " + ByteBuffer.wrap(id.value()).getInt() + ": " + new String(data, StandardCharsets.UTF_8);
        }
    }

    @Test
    void serializerHeadersAreSentAndDeserializerReadsThem() throws Exception {
        try (MockKafka kafka = new MockKafka(1)) {
            kafka.createTopic("hdr", 1);
            // the key serializer adds a header too; the value serializer sees it (key first, as Kafka's producer)
            Serializer<String> keySerializer = new Serializer<>() {
                @Override
                public byte[] serialize(String topic, String data) {
                    return data.getBytes(StandardCharsets.UTF_8);
                }

                @Override
                public byte[] serialize(String topic, MutableHeaders headers, String data) {
                    headers.add("key-format", new byte[]{1});
                    return serialize(topic, data);
                }
            };
            List<String> seenByValue = new ArrayList<>();
            Serializer<String> valueSerializer = new SchemaSerializer() {
                @Override
                public byte[] serialize(String topic, MutableHeaders headers, String data) {
                    for (Header h : headers) seenByValue.add(h.key());
                    return super.serialize(topic, headers, data);
                }
            };
            Headers appHeaders = Headers.of(Header.of("trace", "t-1"), Header.of("content-type", "wrong"));
            ProducerRecord<String, String> record = new ProducerRecord<>("hdr", "k", "hello", appHeaders);
            try (Producer<String, String> p = Producer.create(kafka.config().build(), keySerializer, valueSerializer)) {
                p.send(record).get(30, TimeUnit.SECONDS);
                p.send(new ProducerRecord<>("hdr", "k2", "again")).get(30, TimeUnit.SECONDS);
            }
            assertEquals(List.of("trace", "content-type", "key-format"), seenByValue.subList(0, 3));
            assertEquals(2, record.headers().size(), "the record's own headers are not changed");

            try (Consumer<String, String> c = Consumer.create(kafka.consumerConfig(null).build(),
                    Serdes.stringDeserializer(), new SchemaDeserializer())) {
                c.assign(List.of(new TopicPartition("hdr", 0)));
                List<ConsumerRecord<String, String>> got = new ArrayList<>();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (got.size() < 2 && System.nanoTime() < end) c.poll(Duration.ofMillis(200)).forEach(got::add);
                assertEquals(2, got.size());
                ConsumerRecord<String, String> first = got.get(0);
                assertEquals("schema 7: hello", first.value());
                assertEquals(List.of("trace", "key-format", "content-type", "schema-id"),
                        first.headers().asList().stream().map(Header::key).toList());
                assertEquals("text/plain", new String(first.headers().lastHeader("content-type").value(),
                        StandardCharsets.UTF_8));
                assertEquals(List.of("key-format", "content-type", "schema-id"),
                        got.get(1).headers().asList().stream().map(Header::key).toList());
                assertEquals("schema 7: again", got.get(1).value());
            }
        }
    }

    @Test
    void aDeserializerFailingOnMissingHeadersFailsThePollNamingTheRecord() throws Exception {
        try (MockKafka kafka = new MockKafka(1)) {
            kafka.createTopic("nohdr", 1);
            kafka.produce("nohdr", 0, 0, 1); // plain string serdes: no schema-id header
            try (Consumer<String, String> c = Consumer.create(kafka.consumerConfig(null).build(),
                    Serdes.stringDeserializer(), new SchemaDeserializer())) {
                c.assign(List.of(new TopicPartition("nohdr", 0)));
                RecordDeserializationException e = null;
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (e == null && System.nanoTime() < end) {
                    try {
                        c.poll(Duration.ofMillis(200));
                    } catch (RecordDeserializationException x) {
                        e = x;
                    }
                }
                assertNotNull(e, "the poll did not fail");
                assertEquals(0, e.offset());
                assertTrue(e.getMessage().contains("no schema-id header"), e.getMessage());
            }
        }
    }

    @Test
    void aSerializerFailingInTheHeadersVariantThrowsSerializationException() {
        Serializer<String> failing = new Serializer<>() {
            @Override
            public byte[] serialize(String topic, String data) {
                return null;
            }

            @Override
            public byte[] serialize(String topic, MutableHeaders headers, String data) {
                throw new IllegalStateException("registry down");
            }
        };
        try (Producer<String, String> p = Producer.create(KafkaConfig.builder().set("test.mock.num.brokers", "1")
                .build(), Serdes.stringSerializer(), failing)) {
            SerializationException e = assertThrows(SerializationException.class,
                    () -> p.send(new ProducerRecord<>("t", "k", "v")));
            assertTrue(e.getMessage().contains("value") && e.getMessage().contains("registry down"), e.getMessage());
            assertEquals(0, p.pendingCount());
        }
    }

    @Test
    void onlySerializersOverridingTheHeadersVariantGetHeaders() {
        assertFalse(HeaderAwareSerializers.usesHeaders(Serdes.stringSerializer()));
        assertFalse(HeaderAwareSerializers.usesHeaders(Serdes.byteArraySerializer()));
        assertFalse(HeaderAwareSerializers.usesHeaders((Serializer<Integer>) (t, d) -> null));
        assertTrue(HeaderAwareSerializers.usesHeaders(new SchemaSerializer()));
        assertTrue(HeaderAwareSerializers.usesHeaders(new SchemaSerializer() {
        }), "a subclass inherits the override");
        class Plain implements Serializer<Long> {
            @Override
            public byte[] serialize(String topic, Long data) {
                return null;
            }
        }
        assertFalse(HeaderAwareSerializers.usesHeaders(new Plain()));
    }

    @Test
    void mutableHeadersCopyOnWrite() {
        Headers initial = Headers.of(Header.of("a", "1"), Header.of("b", "2"), Header.of("a", "3"));
        MutableHeaders h = new MutableHeaders(initial);
        assertFalse(h.isChanged());
        assertSame(initial, h.toHeaders(), "unchanged headers are the record's own");
        assertEquals("3", new String(h.lastHeader("a").value(), StandardCharsets.UTF_8));
        assertEquals(2, h.headers("a").size());
        h.remove("missing");
        assertFalse(h.isChanged(), "removing nothing changes nothing");
        h.remove("a").add("c", null);
        assertTrue(h.isChanged());
        assertEquals(List.of(Header.of("b", "2"), new Header("c", null)), h.asList());
        assertEquals(Headers.of(Header.of("b", "2"), new Header("c", null)), h.toHeaders());
        assertEquals(3, initial.size(), "the initial headers are immutable");
        assertThrows(NullPointerException.class, () -> h.add(null, new byte[0]));
        assertThrows(NullPointerException.class, () -> h.add(null));
        assertThrows(NullPointerException.class, () -> new MutableHeaders(null));
        assertThrows(UnsupportedOperationException.class, () -> {
            var it = h.iterator();
            it.next();
            it.remove();
        });
        assertTrue(new MutableHeaders().isEmpty());
    }
}

package io.rdkafka.client;

import io.rdkafka.client.errors.RecordTooLargeException;
import io.rdkafka.client.errors.TimeoutException;
import io.rdkafka.client.errors.UnknownTopicOrPartitionException;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The producer against a real single-node broker, checked with kcat as an independent reader. */
@KafkaTest(autoCreateTopics = false)
class ProducerIT {

    private static KafkaConfig.Builder config(KafkaCluster cluster) {
        return KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers()).acks("all");
    }

    @Test
    void tenThousandRecordsRoundTripExactlyWithKeysHeadersAndTimestamps(KafkaCluster cluster) throws Exception {
        String topic = "roundtrip-" + System.nanoTime();
        cluster.createTopic(topic, 3, 1);
        int n = 10_000;
        long baseTs = 1_700_000_000_000L;
        Map<String, RecordMetadata> sent = new HashMap<>();
        try (var p = Producer.create(config(cluster).build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Headers h = Headers.of(Header.of("seq", Integer.toString(i)), Header.of("dup", "a"), Header.of("dup", "b"));
                fs.add(p.send(new ProducerRecord<>(topic, i % 3, baseTs + i, "key-" + i, "value-" + i, h)));
            }
            p.flush(Duration.ofSeconds(60));
            for (int i = 0; i < n; i++) {
                RecordMetadata md = fs.get(i).getNow(null);
                assertNotNull(md);
                assertEquals(i % 3, md.partition(), "explicit partition honoured");
                assertEquals(baseTs + i, md.timestamp());
                assertEquals(TimestampType.CREATE_TIME, md.timestampType());
                sent.put("key-" + i, md);
            }
        }
        List<Kcat.Line> read = Kcat.readAll(cluster.bootstrapServers(), topic);
        assertEquals(n, read.size());
        for (Kcat.Line l : read) {
            RecordMetadata md = sent.get(l.key());
            assertNotNull(md, "unexpected key " + l.key());
            int i = Integer.parseInt(l.key().substring(4));
            assertEquals("value-" + i, l.value());
            assertEquals(md.partition(), l.partition());
            assertEquals(md.offset(), l.offset(), "future's offset is the broker's offset");
            assertEquals(baseTs + i, l.timestamp());
            assertEquals("seq=" + i + ",dup=a,dup=b", l.headers(), "headers in order, repeats kept");
        }
    }

    @Test
    void nullKeysValuesAndHeaderValuesSurvive(KafkaCluster cluster) throws Exception {
        String topic = "nulls-" + System.nanoTime();
        cluster.createTopic(topic, 1, 1);
        try (var p = Producer.create(config(cluster).build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            p.send(new ProducerRecord<>(topic, null, null, null, null, Headers.of(new Header("h", null))))
                    .get(30, TimeUnit.SECONDS);
            p.send(new ProducerRecord<>(topic, "k", "")).get(30, TimeUnit.SECONDS);
        }
        List<Kcat.Line> read = Kcat.readAll(cluster.bootstrapServers(), topic, "enable.partition.eof=false");
        assertEquals(2, read.size());
        assertEquals("", read.get(0).key());
        assertEquals("", read.get(0).value());
        assertEquals("k", read.get(1).key());
    }

    @Test
    void unknownTopicWithAutoCreateOffFailsWithTypedError(KafkaCluster cluster) {
        try (var p = Producer.create(config(cluster).set("message.timeout.ms", "5000").build(),
                Serdes.stringSerializer(), Serdes.stringSerializer())) {
            var f = p.send(new ProducerRecord<>("does-not-exist-" + System.nanoTime(), "v"));
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof UnknownTopicOrPartitionException || e.getCause() instanceof TimeoutException,
                    "got " + e.getCause());
        }
    }

    @Test
    void recordOverTheBrokerLimitFailsWithRecordTooLarge(KafkaCluster cluster) throws Exception {
        String topic = "small-" + System.nanoTime();
        cluster.createTopic(topic, 1, 1, Map.of("max.message.bytes", "2048"));
        try (var p = Producer.create(config(cluster).build(), Serdes.byteArraySerializer(), Serdes.byteArraySerializer())) {
            var f = p.send(new ProducerRecord<>(topic, new byte[10_000]));
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            assertInstanceOf(RecordTooLargeException.class, e.getCause());
            // the producer stays usable
            assertNotNull(p.send(new ProducerRecord<>(topic, new byte[10])).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void partitionsForAndMetadataDescribeTheTopic(KafkaCluster cluster) {
        String topic = "meta-" + System.nanoTime();
        cluster.createTopic(topic, 4, 1);
        try (var p = Producer.create(config(cluster).build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            List<PartitionInfo> parts = p.partitionsFor(topic, Duration.ofSeconds(10));
            assertEquals(4, parts.size());
            for (int i = 0; i < 4; i++) {
                assertEquals(i, parts.get(i).partition());
                assertEquals(cluster.brokerIds().getFirst(), parts.get(i).leader());
            }
            ClusterMetadata md = p.metadata(null, Duration.ofSeconds(10));
            assertNotNull(md.clusterId());
            assertEquals(1, md.brokers().size());
            assertTrue(md.topics().containsKey(topic));
        }
    }
}

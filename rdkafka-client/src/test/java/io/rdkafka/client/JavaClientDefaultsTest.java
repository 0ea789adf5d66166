package io.rdkafka.client;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The defaults that follow Apache Kafka's Java client, on the mock cluster: keys placed as kafka-clients' default
 * partitioner places them (its own {@code BuiltInPartitioner.partitionForKey}), librdkafka's own placement when
 * asked for, and timestamp 0 refused rather than replaced by the send time.
 */
class JavaClientDefaultsTest {
    private static final int PARTITIONS = 12;
    private static MockKafka kafka;

    @BeforeAll
    static void start() {
        kafka = new MockKafka(1);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static String topic(String name) {
        String t = name + "-" + System.nanoTime();
        kafka.createTopic(t, PARTITIONS);
        return t;
    }

    /** The partition of each key, sent once, as the delivery reports say. */
    private static List<Integer> placement(KafkaConfig config, String topic, List<byte[]> keys) throws Exception {
        try (var p = Producer.create(config, Serdes.byteArraySerializer(), Serdes.byteArraySerializer())) {
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            for (byte[] k : keys) fs.add(p.send(new ProducerRecord<>(topic, k, new byte[]{1})));
            p.flush(Duration.ofSeconds(30));
            List<Integer> partitions = new ArrayList<>();
            for (var f : fs) partitions.add(f.get(30, TimeUnit.SECONDS).partition());
            return partitions;
        }
    }

    @Test
    void byDefaultEveryKeyLandsWhereKafkaClientsPlacesIt() throws Exception {
        String topic = topic("placement");
        List<byte[]> keys = InteropKeys.all(40);
        List<Integer> got = placement(kafka.config().build(), topic, keys);
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(BuiltInPartitioner.partitionForKey(keys.get(i), PARTITIONS), got.get(i),
                    "key " + InteropKeys.show(keys.get(i)));
        }
    }

    @Test
    void consistentRandomIsTheWayBackToLibrdkafkasOwnPlacement() throws Exception {
        String topic = topic("crc");
        List<byte[]> keys = InteropKeys.all(10).stream().filter(k -> k.length > 0).toList();
        List<Integer> got = placement(kafka.config().partitioner(KafkaConfig.LIBRDKAFKA_DEFAULT_PARTITIONER).build(),
                topic, keys);
        int unlikeKafkaClients = 0;
        for (int i = 0; i < keys.size(); i++) {
            CRC32 crc = new CRC32();
            crc.update(keys.get(i));
            assertEquals((int) (crc.getValue() % PARTITIONS), got.get(i), "key " + InteropKeys.show(keys.get(i)));
            if (got.get(i) != BuiltInPartitioner.partitionForKey(keys.get(i), PARTITIONS)) unlikeKafkaClients++;
        }
        assertTrue(unlikeKafkaClients > keys.size() / 2, unlikeKafkaClients + " of " + keys.size());
    }

    @Test
    void theEmptyKeyStaysOnKafkaClientsPartitionAcrossStickyIntervals() throws Exception {
        String topic = topic("empty");
        int expected = BuiltInPartitioner.partitionForKey(new byte[0], PARTITIONS);
        try (var p = Producer.create(kafka.config().build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            for (int i = 0; i < 20; i++) {
                assertEquals(expected, p.send(new ProducerRecord<>(topic, "", "v" + i)).get(30, TimeUnit.SECONDS)
                        .partition(), "send " + i);
                Thread.sleep(15); // longer than sticky.partitioning.linger.ms (10 ms): keyless placement would move
            }
        }
    }

    @Test
    void getShowsWhatWasSetAndDumpThePartitionerInEffect() {
        KafkaConfig plain = KafkaConfig.builder().build();
        assertNull(plain.get("partitioner"));
        assertFalse(plain.properties().containsKey("partitioner"));
        assertEquals(KafkaConfig.DEFAULT_PARTITIONER, plain.dump().topic().get("partitioner"));
        assertEquals("murmur2_random", KafkaConfig.DEFAULT_PARTITIONER);
        KafkaConfig back = KafkaConfig.builder().partitioner("consistent_random").build();
        assertEquals("consistent_random", back.get("partitioner"));
        assertEquals("consistent_random", back.dump().topic().get("partitioner"));
        assertEquals("fnv1a", KafkaConfig.builder().set("partitioner", "fnv1a").build().dump().topic().get("partitioner"));
    }

    @Test
    void timestampZeroIsRefusedNamingWhyAndWhatToUse() {
        // what the broker stores for 1 and now is checked on a real broker (JavaClientInteropIT): librdkafka's
        // 2.0.2 mock reported 1234 as the timestamp of a record sent with 1 (a log-append time of its own)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProducerRecord<>("t", 0, 0L, "k", "v", null));
        assertTrue(e.getMessage().contains("timestamp 0") && e.getMessage().contains("'now'")
                && e.getMessage().contains("null") && e.getMessage().contains(">= 1"), e.getMessage());
        assertEquals(1L, new ProducerRecord<>("t", 0, 1L, "k", "v", null).timestamp());
        assertThrows(IllegalArgumentException.class, () -> new ProducerRecord<>("t", 0, -1L, "k", "v", null));
    }
}

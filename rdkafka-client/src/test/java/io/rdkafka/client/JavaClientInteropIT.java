package io.rdkafka.client;

import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import io.rdkafka.testkit.ListenerKind;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * This binding next to Apache Kafka's Java client (kafka-clients' {@code KafkaProducer}, default settings on both
 * sides) on one real broker: every key on the same partition, and timestamps stored as given (0 refused here,
 * since librdkafka cannot send it).
 */
@KafkaTest(autoCreateTopics = false)
class JavaClientInteropIT {
    private static final int PARTITIONS = 12;
    private static final byte[] JAVA_VALUE = {1};
    private static final byte[] OUR_VALUE = {2};

    private static Properties javaClientConfig(KafkaCluster cluster) {
        Properties p = cluster.kafkaClientsConfig(ListenerKind.PLAINTEXT);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static KafkaConfig ours(KafkaCluster cluster) {
        return KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers()).build();
    }

    private static String topic(KafkaCluster cluster, String name, int partitions) {
        String t = name + "-" + System.nanoTime();
        cluster.createTopic(t, partitions, 1);
        return t;
    }

    /** The partition kafka-clients' KafkaProducer stored each key on (one record per key). */
    private static List<Integer> javaClientPlacement(KafkaCluster cluster, String topic, List<byte[]> keys,
                                                     long gapMillis) throws Exception {
        try (var p = new KafkaProducer<byte[], byte[]>(javaClientConfig(cluster))) {
            List<Future<org.apache.kafka.clients.producer.RecordMetadata>> fs = new ArrayList<>();
            for (byte[] k : keys) {
                fs.add(p.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, k, JAVA_VALUE)));
                if (gapMillis > 0) Thread.sleep(gapMillis);
            }
            p.flush();
            List<Integer> partitions = new ArrayList<>();
            for (var f : fs) partitions.add(f.get(30, TimeUnit.SECONDS).partition());
            return partitions;
        }
    }

    /** The partition this binding's Producer, default configuration, stored each key on. */
    private static List<Integer> ourPlacement(KafkaCluster cluster, String topic, List<byte[]> keys, long gapMillis)
            throws Exception {
        try (var p = Producer.create(ours(cluster), Serdes.byteArraySerializer(), Serdes.byteArraySerializer())) {
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            for (byte[] k : keys) {
                fs.add(p.send(new ProducerRecord<>(topic, k, OUR_VALUE)));
                if (gapMillis > 0) Thread.sleep(gapMillis);
            }
            p.flush(Duration.ofSeconds(60));
            List<Integer> partitions = new ArrayList<>();
            for (var f : fs) partitions.add(f.get(30, TimeUnit.SECONDS).partition());
            return partitions;
        }
    }

    @Test
    void everyKeyLandsOnThePartitionKafkaClientsChoosesForIt(KafkaCluster cluster) throws Exception {
        String topic = topic(cluster, "interop-keys", PARTITIONS);
        List<byte[]> keys = InteropKeys.all(230);
        assertTrue(keys.size() >= 3000, keys.size() + " keys");
        // ours first: a partition that answers NOT_LEADER_OR_FOLLOWER just after the topic's creation left
        // kafka-clients 4.1.1's idempotent producer retrying with OUT_OF_ORDER_SEQUENCE_NUMBER until its
        // delivery.timeout.ms (seen on this test kit's broker); once ours has written to every partition, none does
        List<Integer> ours = ourPlacement(cluster, topic, keys, 0);
        assertEquals(PARTITIONS, new TreeSet<>(ours).size(), "the keys spread over every partition");
        List<Integer> java = javaClientPlacement(cluster, topic, keys, 0);
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!java.get(i).equals(ours.get(i))) {
                differ.add(InteropKeys.show(keys.get(i)) + ": kafka-clients " + java.get(i) + ", ours " + ours.get(i));
            }
        }
        assertEquals(List.of(), differ.subList(0, Math.min(differ.size(), 10)),
                differ.size() + " of " + keys.size() + " keys on another partition");
    }

    @Test
    void twentySendsOfTheEmptyKeyLandOnOnePartitionWithBothClients(KafkaCluster cluster) throws Exception {
        String topic = topic(cluster, "interop-empty", PARTITIONS);
        List<byte[]> empty = new ArrayList<>();
        for (int i = 0; i < 20; i++) empty.add(new byte[0]);
        // 15 ms apart: longer than librdkafka's sticky.partitioning.linger.ms, after which keyless records move
        Set<Integer> ours = new TreeSet<>(ourPlacement(cluster, topic, empty, 15));
        Set<Integer> java = new TreeSet<>(javaClientPlacement(cluster, topic, empty, 15));
        assertEquals(1, ours.size(), "ours: " + ours);
        assertEquals(java, ours);
    }

    @Test
    void timestampsOneAndNowAreStoredAsGivenAndZeroIsRefusedNotChanged(KafkaCluster cluster) throws Exception {
        String topic = topic(cluster, "interop-ts", 1);
        long now = System.currentTimeMillis();
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new ProducerRecord<>(topic, 0, 0L, "ours-0", "v", null));
        assertTrue(zero.getMessage().startsWith("timestamp 0 cannot be sent: librdkafka (rd_kafka_produceva) takes a "
                + "timestamp of 0 to mean 'now'"), zero.getMessage());
        try (var p = Producer.create(ours(cluster), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            for (long ts : new long[]{1, now}) {
                var md = p.send(new ProducerRecord<>(topic, 0, ts, "ours-" + ts, "v", null)).get(30, TimeUnit.SECONDS);
                assertEquals(ts, md.timestamp());
            }
        }
        // kafka-clients second, for the reason given in everyKeyLandsOnThePartitionKafkaClientsChoosesForIt
        Properties jp = javaClientConfig(cluster);
        jp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        jp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (var p = new KafkaProducer<String, String>(jp)) {
            for (long ts : new long[]{0, 1, now}) {
                p.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, ts, "java-" + ts, "v"))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        Map<String, Long> expected = Map.of("java-0", 0L, "java-1", 1L, "java-" + now, now, "ours-1", 1L,
                "ours-" + now, now);
        assertEquals(expected, readWithKafkaClients(cluster, topic, expected.size()), "as kafka-clients reads them");
        assertEquals(expected, readWithOurConsumer(cluster, topic, expected.size()), "as this binding reads them");
    }

    private static Map<String, Long> readWithKafkaClients(KafkaCluster cluster, String topic, int count) {
        Properties cp = cluster.kafkaClientsConfig(ListenerKind.PLAINTEXT);
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Long> got = new HashMap<>();
        try (var c = new KafkaConsumer<String, byte[]>(cp)) {
            var tp = new org.apache.kafka.common.TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.size() < count && System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    assertEquals(org.apache.kafka.common.record.TimestampType.CREATE_TIME, r.timestampType());
                    got.put(r.key(), r.timestamp());
                }
            }
        }
        return got;
    }

    private static Map<String, Long> readWithOurConsumer(KafkaCluster cluster, String topic, int count) {
        KafkaConfig config = KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers())
                .groupId("interop-ts-" + System.nanoTime()).set("auto.offset.reset", "earliest").build();
        Map<String, Long> got = new HashMap<>();
        try (var c = Consumer.create(config, Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    assertEquals(TimestampType.CREATE_TIME, r.timestampType());
                    got.put(r.key(), r.timestamp());
                }
            }
        }
        return got;
    }
}

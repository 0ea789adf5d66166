package io.rdkafka.client;

import io.rdkafka.client.errors.UnsupportedVersionException;
import io.rdkafka.ffm.RdKafkaLibrary;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Consumer#offsetsForTimesWithMetadata} against a real broker and against what Apache Kafka's own
 * consumer answers for the same records; {@link Consumer#currentLag} on a real fetch. Before librdkafka 2.3.0 the
 * metadata variant is refused (offsetsForTimes still works).
 */
@KafkaTest
class OffsetsForTimesIT {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void offsetsTimestampsAndLeaderEpochsAsKafkaConsumerFindsThem(KafkaCluster cluster) throws Exception {
        String topic = "oft-" + System.nanoTime();
        cluster.createTopic(topic, 2, 1);
        KafkaConfig base = KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers()).build();
        try (var p = Producer.create(base, Serdes.stringSerializer(), Serdes.stringSerializer())) {
            // partition 0: timestamps T0, T0+1000, T0+2000; partition 1: one record at T0+5000
            for (int i = 0; i < 3; i++) p.send(new ProducerRecord<>(topic, 0, T0 + 1000L * i, "k", "v" + i, null));
            p.send(new ProducerRecord<String, String>(topic, 1, T0 + 5000, "k", "late", null)).get(30, TimeUnit.SECONDS);
            p.flush(Duration.ofSeconds(30));
        }
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        Map<TopicPartition, Long> query = Map.of(p0, T0 + 1500, p1, T0 + 6000);
        try (var c = Consumer.create(base.toBuilder().set("auto.offset.reset", "earliest").build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            assertEquals(Map.of(p0, 2L), c.offsetsForTimes(query, Duration.ofSeconds(30)), "offsets only, any version");
            if (!RdKafkaLibrary.isAtLeast(2, 3, 0)) {
                var e = assertThrows(UnsupportedVersionException.class,
                        () -> c.offsetsForTimesWithMetadata(query, Duration.ofSeconds(30)));
                assertTrue(e.getMessage().contains("2.3.0"), e.getMessage());
                return;
            }
            Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimesWithMetadata(query, Duration.ofSeconds(30));
            assertEquals(1, found.size(), "p1 has no record at or after T0+6000: absent; found " + found);
            OffsetAndTimestamp at = found.get(p0);
            assertEquals(2, at.offset());
            assertEquals(T0 + 2000, at.timestamp(), "the found record's timestamp, not the one asked for");
            assertTrue(at.leaderEpoch() >= 0, "the broker reports a leader epoch: " + at);
            var early = c.offsetsForTimesWithMetadata(Map.of(p1, 0L), Duration.ofSeconds(30)).get(p1);
            assertEquals(new OffsetAndTimestamp(0, T0 + 5000, early.leaderEpoch()), early);

            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            try (var kc = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                var theirs = kc.offsetsForTimes(Map.of(new org.apache.kafka.common.TopicPartition(topic, 0), T0 + 1500,
                        new org.apache.kafka.common.TopicPartition(topic, 1), T0 + 6000), Duration.ofSeconds(30));
                var t0 = theirs.get(new org.apache.kafka.common.TopicPartition(topic, 0));
                assertEquals(t0.offset(), at.offset());
                assertEquals(t0.timestamp(), at.timestamp());
                assertEquals(t0.leaderEpoch(), at.leaderEpochIfKnown());
                assertNull(theirs.get(new org.apache.kafka.common.TopicPartition(topic, 1)));
            }
        }
    }

    @Test
    void currentLagFollowsWhatWasReadWithoutAskingTheBroker(KafkaCluster cluster) throws Exception {
        String topic = "lag-" + System.nanoTime();
        cluster.createTopic(topic, 1, 1);
        KafkaConfig base = KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers()).build();
        try (var p = Producer.create(base, Serdes.stringSerializer(), Serdes.stringSerializer())) {
            for (int i = 0; i < 20; i++) p.send(new ProducerRecord<>(topic, "k", "v" + i));
            p.flush(Duration.ofSeconds(30));
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        // a group of its own: on a fresh cluster (offsets topic still being created) librdkafka 2.14 was seen not to
        // start fetching an assign()ed partition of the binding's unnamed group after NOT_COORDINATOR
        try (var c = Consumer.create(base.toBuilder().set("auto.offset.reset", "earliest")
                        .groupId("lag-" + System.nanoTime()).build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer(), ClientListeners.none(),
                Consumer.Options.defaults().withMaxPollRecords(5))) {
            c.subscribe(List.of(topic));
            int read = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (read < 20 && System.nanoTime() < deadline) {
                int n = c.poll(Duration.ofMillis(200)).count();
                read += n;
                if (n > 0) assertEquals(OptionalLong.of(20 - read), c.currentLag(tp), "after " + read);
            }
            assertEquals(20, read);
        }
    }
}

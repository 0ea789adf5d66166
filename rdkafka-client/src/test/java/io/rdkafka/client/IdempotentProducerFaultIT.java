package io.rdkafka.client;

import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An idempotent producer (acks=all) keeps sending numbered records while the leader of their partitions is
 * killed with {@code kill -9} and restarted three times: afterwards every number is in the topic exactly
 * once, and in order within each partition.
 */
@Tag("once") // runs on the system's librdkafka only (bin/test): three brokers and a leader killed; long, and about recovery rather than version-gated behaviour
@KafkaTest(brokers = 3, shared = false)
class IdempotentProducerFaultIT {

    @Test
    void everyRecordExactlyOnceAndInOrderThroughThreeLeaderKills(KafkaCluster cluster) throws Exception {
        String topic = "idem-" + System.nanoTime();
        cluster.createTopic(topic, 2, 3, Map.of("min.insync.replicas", "2"));
        int total = 200_000;
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>(total);
        KafkaConfig config = KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers())
                .enableIdempotence(true).acks("all").linger(Duration.ofMillis(5))
                .set("message.timeout.ms", "120000").build();
        long t0 = System.nanoTime();
        int kills = 0;
        try (var p = Producer.create(config, Serdes.stringSerializer(), Serdes.stringSerializer())) {
            for (int i = 0; i < total; i++) {
                int partition = i % 2;
                futures.add(p.send(new ProducerRecord<>(topic, partition, "k", Integer.toString(i)),
                        (md, ex) -> { if (ex != null) failures.incrementAndGet(); }));
                if (i > 0 && i % 50_000 == 0 && kills < 3) {
                    int leader = cluster.leaderOf(topic, 0);
                    cluster.killBroker(leader);
                    cluster.awaitLeader(topic, 0, leader, Duration.ofSeconds(60));
                    cluster.restartBroker(leader);
                    kills++;
                }
            }
            p.flush(Duration.ofSeconds(120));
        }
        cluster.awaitHealthy(Duration.ofSeconds(90));
        long sendMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(3, kills);
        assertEquals(0, failures.get(), "no record may fail");
        for (var f : futures) assertTrue(f.isDone() && !f.isCompletedExceptionally());

        List<Kcat.Line> read = Kcat.readAll(cluster.bootstrapServers(), topic);
        Map<Integer, Integer> lastPerPartition = new HashMap<>();
        boolean[] seen = new boolean[total];
        int duplicates = 0;
        for (Kcat.Line l : read) {
            int n = Integer.parseInt(l.value());
            if (seen[n]) duplicates++;
            seen[n] = true;
            assertEquals(n % 2, l.partition());
            Integer prev = lastPerPartition.put(l.partition(), n);
            assertTrue(prev == null || prev < n, "out of order in partition " + l.partition() + ": " + prev + " then " + n);
        }
        int missing = 0;
        for (boolean s : seen) if (!s) missing++;
        System.out.printf("idempotent producer: %d records, 3 leader kills, %d ms, %d duplicates, %d missing%n",
                total, sendMs, duplicates, missing);
        assertEquals(0, duplicates);
        assertEquals(0, missing);
        assertEquals(total, read.size());
    }
}

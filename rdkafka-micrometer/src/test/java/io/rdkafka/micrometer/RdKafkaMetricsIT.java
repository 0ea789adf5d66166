package io.rdkafka.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.Consumer;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/** The binder as the statistics listener of real clients, publishing to a {@link SimpleMeterRegistry}. */
@KafkaTest
class RdKafkaMetricsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static void await(String what, BooleanSupplier condition, Supplier<Object> state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting for " + what + ": " + state.get());
            Thread.sleep(50);
        }
    }

    private static double value(SimpleMeterRegistry registry, String name, String client, String topic, int partition) {
        Gauge g = registry.find(name).tag("client", client).tag("topic", topic).tag("partition", Integer.toString(partition))
                .gauge();
        return g == null ? Double.NaN : g.value();
    }

    @Test
    void lagAndRoundTripGaugesOfRealClients(KafkaCluster cluster) throws Exception {
        String topic = "metrics-" + System.nanoTime();
        cluster.createTopic(topic, 2, 1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RdKafkaMetrics metrics = new RdKafkaMetrics();
        metrics.bindTo(registry);
        ClientListeners listeners = ClientListeners.builder().onStatistics(metrics).build();
        KafkaConfig base = KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers())
                .statisticsInterval(Duration.ofMillis(500)).closeTimeout(Duration.ofSeconds(10)).build();
        try (metrics;
             var producer = Producer.create(base.toBuilder().clientId("metrics-producer").linger(Duration.ofMillis(5))
                     .build(), Serdes.stringSerializer(), Serdes.stringSerializer(), listeners);
             var consumer = Consumer.create(base.toBuilder().clientId("metrics-consumer").groupId("metrics-" + System.nanoTime())
                             .set("auto.offset.reset", "earliest").set("enable.auto.commit", "false")
                             .set("fetch.wait.max.ms", "100").build(),
                     Serdes.stringDeserializer(), Serdes.stringDeserializer(), listeners)) {
            String p = producer.name();
            String c = consumer.name();
            for (int i = 0; i < 100; i++) producer.send(new ProducerRecord<>(topic, i % 2, "k" + i, "v" + i));
            producer.flush(Duration.ofSeconds(30));
            await("the producer's partition counters", () -> {
                var sent = registry.find("rdkafka.partition.messages.sent").tag("client", p).tag("topic", topic)
                        .functionCounters();
                return sent.size() == 2 && sent.stream().allMatch(f -> f.count() == 50);
            }, registry::getMetersAsString);
            assertEquals(0, value(registry, "rdkafka.partition.messages.queued", p, topic, 0));
            Meter producerRtt = registry.find("rdkafka.broker.rtt.avg").tag("client", p).meter();
            assertNotNull(producerRtt, "broker meters of the producer");
            assertEquals("metrics-producer", producerRtt.getId().getTag("client.id"));
            assertEquals(Integer.toString(cluster.brokerIds().getFirst()), producerRtt.getId().getTag("broker.id"));
            assertTrue(registry.get("rdkafka.client.messages.sent").tag("client", p).functionCounter().count() >= 100);

            consumer.subscribe(List.of(topic));
            int consumed = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (consumed < 100 && System.nanoTime() < deadline) consumed += consumer.poll(Duration.ofMillis(200)).count();
            assertEquals(100, consumed);

            TopicPartition p0 = new TopicPartition(topic, 0);
            TopicPartition p1 = new TopicPartition(topic, 1);
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(10), p1, new OffsetAndMetadata(20)));
            await("lags of 40 and 30", () -> value(registry, "rdkafka.partition.consumer.lag", c, topic, 0) == 40
                    && value(registry, "rdkafka.partition.consumer.lag", c, topic, 1) == 30, registry::getMetersAsString);
            Gauge lag0 = registry.get("rdkafka.partition.consumer.lag").tag("client", c).tag("topic", topic)
                    .tag("partition", "0").gauge();
            assertEquals("metrics-consumer", lag0.getId().getTag("client.id"));
            assertEquals(10, value(registry, "rdkafka.partition.committed.offset", c, topic, 0));
            assertEquals(50, value(registry, "rdkafka.partition.high.watermark", c, topic, 0));
            assertEquals(2, registry.get("rdkafka.consumer.group.assigned.partitions").tag("client", c).gauge().value());

            Gauge rtt = registry.get("rdkafka.broker.rtt.avg").tag("client", c).gauge();
            assertEquals(Integer.toString(cluster.brokerIds().getFirst()), rtt.getId().getTag("broker.id"));
            assertTrue(rtt.getId().getTag("broker").endsWith(":" + cluster.bootstrapServers().split(":")[1]),
                    rtt.getId().getTag("broker"));
            await("a round-trip time", () -> rtt.value() > 0, registry::getMetersAsString);
            double firstRtt = rtt.value();
            assertTrue(firstRtt < 5, "seconds, not microseconds: " + firstRtt);
            assertEquals(1, registry.get("rdkafka.broker.connection.up").tag("client", c).gauge().value());
            assertTrue(registry.get("rdkafka.broker.requests.sent").tag("client", c).functionCounter().count() > 0);

            consumer.commitSync();
            await("no lag", () -> lag0.value() == 0 && value(registry, "rdkafka.partition.consumer.lag", c, topic, 1) == 0,
                    registry::getMetersAsString);
            for (int i = 0; i < 7; i++) producer.send(new ProducerRecord<>(topic, 0, "more", "v"));
            producer.flush(Duration.ofSeconds(30));
            await("a lag of 7", () -> lag0.value() == 7, registry::getMetersAsString);
            await("the round-trip time to move", () -> rtt.value() != firstRtt, () -> rtt.value() + " vs " + firstRtt);
            assertTrue(registry.get("rdkafka.partition.messages.received").tag("client", c).tag("partition", "0")
                    .functionCounter().count() >= 50);

            metrics.removeClient(p);
            assertTrue(registry.find("rdkafka.broker.rtt.avg").tag("client", p).meters().isEmpty());
        }
        assertTrue(registry.getMeters().isEmpty(), "closing the binder removes its meters");
    }
}

package io.rdkafka.client;

import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link ClientListeners.Builder#onThrottle}: a broker quota on the producer's {@code client.id} (1 KB/s) makes the
 * broker throttle its produce requests, and the listener hears the broker, its id and the throttle time.
 */
@KafkaTest
class ThrottleIT {
    record Throttled(String broker, int brokerId, Duration time, String thread) {
    }

    @Test
    void aProduceQuotaReachesTheThrottleListener(KafkaCluster cluster) throws Exception {
        String clientId = "throttled-" + System.nanoTime();
        String topic = "throttle-" + System.nanoTime();
        cluster.createTopic(topic, 1, 1);
        cluster.admin().alterClientQuotas(List.of(new ClientQuotaAlteration( // the kit's admin: not closed here
                new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, clientId)),
                List.of(new ClientQuotaAlteration.Op("producer_byte_rate", 1024.0))))).all().get(30, TimeUnit.SECONDS);
        List<Throttled> events = new CopyOnWriteArrayList<>();
        ClientListeners listeners = ClientListeners.builder().onThrottle((broker, id, time) ->
                events.add(new Throttled(broker, id, time, Thread.currentThread().getName()))).build();
        KafkaConfig config = KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers()).clientId(clientId).build();
        try (var p = Producer.create(config, Serdes.stringSerializer(), Serdes.stringSerializer(), listeners)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String value = "v".repeat(20_000);
            while (events.isEmpty() && System.nanoTime() < deadline) {
                p.send(new ProducerRecord<>(topic, "k", value)).get(30, TimeUnit.SECONDS);
            }
        }
        assertFalse(events.isEmpty(), "no throttle event within 30 s under a 1 KB/s quota");
        Throttled t = events.getFirst();
        assertTrue(t.time().toMillis() > 0, "throttle time " + t.time());
        assertTrue(cluster.brokerIds().contains(t.brokerId()), "broker id " + t.brokerId());
        assertTrue(t.broker().contains(":"), "broker name " + t.broker());
        assertTrue(t.thread().contains("-events"), "on the producer's event thread: " + t.thread());
    }
}

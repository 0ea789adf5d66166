package io.rdkafka.client.mock;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerRecord;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.RecordMetadata;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.RecordTooLargeException;
import io.rdkafka.client.errors.TopicAuthorizationException;
import io.rdkafka.client.errors.TopicExistsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.rdkafka.ffm.RdKafka.RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE;
import static io.rdkafka.ffm.RdKafka.RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION;
import static io.rdkafka.ffm.RdKafka.RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED;
import static org.junit.jupiter.api.Assertions.*;

/** The mock cluster as a test fixture: clients reach it, and its knobs change what they see. */
class MockClusterTest {

    private static Producer<String, String> producer(MockCluster mock, KafkaConfig.Builder extra) {
        return Producer.create(extra.bootstrapServers(mock.bootstrapServers()).linger(Duration.ofMillis(2)).build(),
                Serdes.stringSerializer(), Serdes.stringSerializer());
    }

    private static Throwable failure(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void everyRecordIsDeliveredExactlyOnceThroughNotLeaderErrorsAndABrokerOutage() throws Exception {
        final int n = 3000;
        try (MockCluster mock = MockCluster.start(3)) {
            assertEquals(3, mock.bootstrapServers().split(",").length, mock.bootstrapServers());
            mock.createTopic("flaky", 4, 3);
            for (int p = 0; p < 4; p++) mock.setPartitionLeader("flaky", p, 1 + p % 3);
            mock.pushRequestErrors(MockCluster.ApiKey.PRODUCE, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                    RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION);
            mock.pushBrokerRequestErrors(1, MockCluster.ApiKey.PRODUCE, Duration.ZERO,
                    RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION);
            assertEquals(2, mock.pendingBrokerRequestErrors(1, MockCluster.ApiKey.PRODUCE));

            List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>(n);
            // One request in flight per broker: the mock checks idempotent sequence numbers only for
            // transactional producers, so with pipelining a batch after one that hit an injected error is
            // accepted, and librdkafka then takes the failed batch as "implicitly acked" (it is lost). A real
            // broker answers OUT_OF_ORDER_SEQUENCE_NUMBER instead.
            try (var p = producer(mock, KafkaConfig.builder().enableIdempotence(true).acks("all")
                    .set("max.in.flight.requests.per.connection", "1")
                    .set("retry.backoff.ms", "20").set("message.timeout.ms", "60000"))) {
                for (int i = 0; i < n; i++) {
                    sent.add(p.send(new ProducerRecord<>("flaky", "k" + (i % 97), "r-" + i)));
                    if (i == n / 3) mock.brokerDown(2);
                    if (i == 2 * n / 3) {
                        Thread.sleep(300); // records for broker 2's partitions wait while it is down
                        mock.brokerUp(2);
                    }
                }
                p.flush(Duration.ofSeconds(60));
            }
            for (int i = 0; i < n; i++) {
                RecordMetadata md = sent.get(i).getNow(null);
                assertNotNull(md, "record " + i + " not delivered: " + sent.get(i));
                assertTrue(md.offset() >= 0, "record " + i + " acknowledged without an offset: " + md);
            }
            assertEquals(0, mock.pendingBrokerRequestErrors(1, MockCluster.ApiKey.PRODUCE), "the injected errors were hit");

            Map<String, Integer> seen = new HashMap<>();
            int total = 0;
            try (var c = Consumer.create(mock.clientConfig().groupId("verify").set("auto.offset.reset", "earliest")
                    .set("enable.auto.commit", "false").build(), Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
                c.assign(List.of(new TopicPartition("flaky", 0), new TopicPartition("flaky", 1),
                        new TopicPartition("flaky", 2), new TopicPartition("flaky", 3)));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (total < n && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                        seen.merge(r.value(), 1, Integer::sum);
                        total++;
                    }
                }
                // anything beyond n would be a duplicate: read a little longer
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    seen.merge(r.value(), 1, Integer::sum);
                    total++;
                }
            }
            assertEquals(n, seen.size(), "distinct records read back");
            assertEquals(n, total, "records read back (duplicates: "
                    + seen.entrySet().stream().filter(e -> e.getValue() > 1).limit(5).toList() + ")");
        }
    }

    @Test
    void injectedErrorsReachTheClientAsTypedExceptions() throws Exception {
        try (MockCluster mock = MockCluster.start(2); var p = producer(mock, KafkaConfig.builder())) {
            mock.createTopic("t", 1, 2);
            mock.createTopic("other", 1, 2);
            mock.setPartitionLeader("t", 0, 2);
            mock.setPartitionLeader("other", 0, 1);
            assertEquals(0, p.send(new ProducerRecord<>("t", "k", "warm-up")).get(30, TimeUnit.SECONDS).offset());
            assertEquals(0, p.send(new ProducerRecord<>("other", "k", "warm-up")).get(30, TimeUnit.SECONDS).offset());

            // the next produce request, to any broker (librdkafka then treats "other" as unauthorized)
            mock.pushRequestErrors(MockCluster.ApiKey.PRODUCE, RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED);
            assertInstanceOf(TopicAuthorizationException.class, failure(p.send(new ProducerRecord<>("other", "k", "denied"))));

            // per-broker errors only hit requests to that broker: broker 2 leads t
            mock.pushBrokerRequestErrors(1, MockCluster.ApiKey.PRODUCE, Duration.ZERO, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
            assertEquals(1, p.send(new ProducerRecord<>("t", "k", "fine")).get(30, TimeUnit.SECONDS).offset());
            mock.pushBrokerRequestErrors(2, MockCluster.ApiKey.PRODUCE, Duration.ZERO, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
            assertInstanceOf(RecordTooLargeException.class, failure(p.send(new ProducerRecord<>("t", "k", "too-large"))));
            assertEquals(1, mock.pendingBrokerRequestErrors(1, MockCluster.ApiKey.PRODUCE), "broker 1 saw no produce");
            assertEquals(0, mock.pendingBrokerRequestErrors(2, MockCluster.ApiKey.PRODUCE));
        }
    }

    @Test
    void aConsumerSentToAFollowerSeesTheFollowersWatermarks() throws Exception {
        try (MockCluster mock = MockCluster.start(2)) {
            mock.createTopic("followed", 1, 2);
            mock.setPartitionLeader("followed", 0, 1);
            try (var p = producer(mock, KafkaConfig.builder())) {
                for (int i = 0; i < 10; i++) { // one batch each: the mock serves whole batches
                    p.send(new ProducerRecord<>("followed", 0, "k", "v" + i));
                    p.flush(Duration.ofSeconds(30));
                }
            }
            mock.setPartitionFollower("followed", 0, 2);
            mock.setPartitionFollowerWatermarks("followed", 0, 0, 5); // the follower has replicated 5 records
            try (var c = Consumer.create(mock.clientConfig().groupId("follower-reader").set("auto.offset.reset", "earliest")
                    .set("enable.auto.commit", "false").build(), Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
                c.assign(List.of(new TopicPartition("followed", 0)));
                List<Long> offsets = new ArrayList<>();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (System.nanoTime() < until) c.poll(Duration.ofMillis(100)).forEach(r -> offsets.add(r.offset()));
                // held back at the follower's high watermark (the mock still serves the batch at offset 5)
                assertTrue(offsets.size() >= 5 && offsets.size() <= 6, "read " + offsets);
                assertEquals(java.util.stream.LongStream.range(0, offsets.size()).boxed().toList(), offsets);

                mock.setPartitionFollowerWatermarks("followed", 0, -1, -1); // caught up with the leader
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (offsets.size() < 10 && System.nanoTime() < deadline) {
                    c.poll(Duration.ofMillis(100)).forEach(r -> offsets.add(r.offset()));
                }
                assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), offsets);
            }
        }
    }

    @Test
    void setRttDelaysEveryResponseOfTheBroker() throws Exception {
        try (MockCluster mock = MockCluster.start(1); var p = producer(mock, KafkaConfig.builder())) {
            mock.createTopic("slow", 1, 1);
            p.send(new ProducerRecord<>("slow", "k", "warm-up")).get(30, TimeUnit.SECONDS);
            mock.setRtt(1, Duration.ofMillis(400));
            long t0 = System.nanoTime();
            p.send(new ProducerRecord<>("slow", "k", "delayed")).get(30, TimeUnit.SECONDS);
            long delayedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(delayedMs >= 390, "delivered after " + delayedMs + " ms");
            mock.setRtt(1, Duration.ZERO);
            t0 = System.nanoTime();
            p.send(new ProducerRecord<>("slow", "k", "prompt")).get(30, TimeUnit.SECONDS);
            long promptMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(promptMs < 390, "delivered after " + promptMs + " ms");
        }
    }

    @Test
    void topicsAreValidatedAndErrorsAreTyped() {
        try (MockCluster mock = MockCluster.start(2)) {
            mock.createTopic("once", 1, 1);
            assertThrows(TopicExistsException.class, () -> mock.createTopic("once", 1, 1));
            assertThrows(IllegalArgumentException.class, () -> mock.createTopic("rf", 1, 3), "rf > brokers");
            KafkaException e = assertThrows(KafkaException.class, () -> mock.brokerDown(7));
            assertTrue(e.getMessage().contains("brokerDown 7"), e.getMessage());
        }
    }

    @Test
    void afterCloseEveryCallThrowsAndCloseIsIdempotent() {
        MockCluster mock = MockCluster.start(1);
        mock.close();
        assertThrows(IllegalStateException.class, () -> mock.createTopic("t", 1, 1));
        assertThrows(IllegalStateException.class, () -> mock.brokerDown(1));
        assertThrows(IllegalStateException.class, () -> mock.pushRequestErrors(MockCluster.ApiKey.PRODUCE, 1));
        mock.close();
        assertTrue(mock.toString().contains("closed"), mock.toString());
    }
}

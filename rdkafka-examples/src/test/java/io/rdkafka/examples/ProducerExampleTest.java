package io.rdkafka.examples;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerRecord;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.RecordTooLargeException;
import io.rdkafka.client.mock.MockCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.rdkafka.ffm.RdKafka.RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE;
import static io.rdkafka.ffm.RdKafka.RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Unit tests of the producing code of {@link ProducerExample} against librdkafka's in-process mock cluster: no
 * broker needed, and errors can be injected into the produce requests.
 */
class ProducerExampleTest {

    /** Reads every record of the topic back from the mock cluster. */
    private static List<ConsumerRecord<String, String>> readAll(MockCluster mock, String topic, int partitions,
                                                                int expected) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (var consumer = Consumer.create(mock.clientConfig().set("auto.offset.reset", "earliest").build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            consumer.assign(IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (all.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            // one more short poll: anything beyond the expected count would be a duplicate
            consumer.poll(Duration.ofMillis(300)).forEach(all::add);
        }
        return all;
    }

    @Test
    void deliversEveryRecordAndKeepsEachKeyOnOnePartition() {
        try (MockCluster mock = MockCluster.start(1)) {
            mock.createTopic("events", 3, 1);
            ProducerExample.Result r = ProducerExample.produce(ProducerExample.config(mock.bootstrapServers()).build(),
                    "events", 200);
            assertEquals(new ProducerExample.Result(200, 0, null), r);

            List<ConsumerRecord<String, String>> records = readAll(mock, "events", 3, 200);
            assertEquals(200, records.size());
            Map<String, Integer> partitionOfKey = new HashMap<>();
            for (ConsumerRecord<String, String> rec : records) {
                Integer before = partitionOfKey.putIfAbsent(rec.key(), rec.partition());
                assertTrue(before == null || before == rec.partition(), rec.key() + " on two partitions");
            }
            assertEquals(10, partitionOfKey.size());
        }
    }

    @Test
    void retriesTransientErrorsWithoutDuplicates() {
        try (MockCluster mock = MockCluster.start(1)) {
            mock.createTopic("events", 1, 1);
            // The next three produce requests fail with a retriable error; librdkafka retries them.
            mock.pushRequestErrors(MockCluster.ApiKey.PRODUCE, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                    RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION);
            // One request in flight: the mock checks idempotent sequence numbers only for transactional
            // producers, so a pipelined request after a failed one would make librdkafka lose the failed batch.
            KafkaConfig config = ProducerExample.config(mock.bootstrapServers())
                    .set("max.in.flight.requests.per.connection", "1").build();
            ProducerExample.Result r = ProducerExample.produce(config, "events", 100);
            assertEquals(100, r.delivered(), () -> "first error: " + r.firstError());
            assertEquals(0, r.failed());

            List<ConsumerRecord<String, String>> records = readAll(mock, "events", 1, 100);
            assertEquals(100, records.size(), "exactly once");
            assertEquals(IntStream.range(0, 100).mapToObj(i -> "event " + i).toList(),
                    records.stream().map(ConsumerRecord::value).toList(), "in order");
        }
    }

    @Test
    void countsPermanentFailuresInsteadOfThrowing() {
        try (MockCluster mock = MockCluster.start(1)) {
            mock.createTopic("events", 1, 1);
            mock.pushRequestErrors(MockCluster.ApiKey.PRODUCE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
            KafkaConfig config = ProducerExample.config(mock.bootstrapServers())
                    .set("max.in.flight.requests.per.connection", "1").build();
            ProducerExample.Result r = ProducerExample.produce(config, "events", 50);
            assertTrue(r.failed() > 0, r.toString());
            assertEquals(50, r.delivered() + r.failed(), "every record has an outcome");
            assertInstanceOf(RecordTooLargeException.class, r.firstError());
        }
    }
}

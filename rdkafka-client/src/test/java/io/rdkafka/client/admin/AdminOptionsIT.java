package io.rdkafka.client.admin;

import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.ffm.RdKafkaLibrary;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link AdminOptions#withIsolationLevel} and {@link AdminOptions#withOperationTimeout} on a real broker: the latest
 * offset of a partition with an open transaction is its high watermark for READ_UNCOMMITTED and its last stable
 * offset for READ_COMMITTED (librdkafka 2.3.0+; refused before), and an operation timeout makes createTopics wait
 * until the topic exists, so it is described at once.
 */
@KafkaTest
class AdminOptionsIT {
    private static KafkaConfig config(KafkaCluster cluster) {
        return KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers()).build();
    }

    @Test
    void isolationLevelChoosesBetweenHighWatermarkAndLastStableOffset(KafkaCluster cluster) throws Exception {
        String topic = "iso-" + System.nanoTime();
        cluster.createTopic(topic, 1, 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(config(cluster));
             var p = Producer.create(config(cluster).toBuilder().transactionalId("iso-" + System.nanoTime()).build(),
                     Serdes.stringSerializer(), Serdes.stringSerializer())) {
            p.initTransactions(Duration.ofSeconds(30));
            p.beginTransaction();
            for (int i = 0; i < 3; i++) p.send(new ProducerRecord<>(topic, "k", "open-" + i)).get(30, TimeUnit.SECONDS);
            var uncommitted = AdminOptions.defaults().withIsolationLevel(IsolationLevel.READ_UNCOMMITTED);
            var committed = AdminOptions.defaults().withIsolationLevel(IsolationLevel.READ_COMMITTED);
            if (!RdKafkaLibrary.isAtLeast(2, 3, 0)) {
                var e = assertThrows(UnsupportedOperationException.class,
                        () -> admin.listOffsets(Map.of(tp, OffsetSpec.latest()), committed));
                assertTrue(e.getMessage().contains("2.3.0"), e.getMessage());
                // the fallback's watermark query: the high watermark, with the option and by default (AdminClient's)
                assertEquals(3, admin.listOffsets(Map.of(tp, OffsetSpec.latest()), uncommitted).get(30, TimeUnit.SECONDS)
                        .get(tp).offset(), "high watermark: the open transaction's records count");
                assertEquals(3, admin.listOffsets(Map.of(tp, OffsetSpec.latest())).get(30, TimeUnit.SECONDS)
                        .get(tp).offset(), "READ_UNCOMMITTED is the default");
                p.abortTransaction(Duration.ofSeconds(30));
                return;
            }
            assertEquals(3, admin.listOffsets(Map.of(tp, OffsetSpec.latest()), uncommitted).get(30, TimeUnit.SECONDS)
                    .get(tp).offset(), "high watermark: the open transaction's records count");
            assertEquals(0, admin.listOffsets(Map.of(tp, OffsetSpec.latest()), committed).get(30, TimeUnit.SECONDS)
                    .get(tp).offset(), "last stable offset: before the open transaction");
            p.commitTransaction(Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long lso;
            do {
                lso = admin.listOffsets(Map.of(tp, OffsetSpec.latest()), committed).get(30, TimeUnit.SECONDS).get(tp).offset();
            } while (lso < 4 && System.nanoTime() < deadline);
            assertEquals(4, lso, "after the commit (3 records and the commit marker)");
        }
    }

    @Test
    void anOperationTimeoutMakesCreateTopicsWaitForTheTopic(KafkaCluster cluster) throws Exception {
        String topic = "optimeout-" + System.nanoTime();
        try (Admin admin = Admin.create(config(cluster))) {
            admin.createTopics(List.of(NewTopic.of(topic, 3, 1)),
                    AdminOptions.defaults().withOperationTimeout(Duration.ofSeconds(30))).get(60, TimeUnit.SECONDS).all();
            TopicDescription d = admin.describeTopics(List.of(topic)).get(30, TimeUnit.SECONDS).get(topic);
            assertEquals(3, d.partitions().size());
            assertThrows(IllegalArgumentException.class,
                    () -> AdminOptions.defaults().withOperationTimeout(Duration.ofMillis(-1)));
        }
    }
}

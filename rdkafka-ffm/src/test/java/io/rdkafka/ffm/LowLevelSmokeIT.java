package io.rdkafka.ffm;

import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.rdkafka.ffm.RdKafka.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The raw C API against a real single-node Kafka broker. */
@KafkaTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LowLevelSmokeIT {

    private static List<Rk.Rec> records(int partitions, int perPartition) {
        List<Rk.Rec> out = new ArrayList<>();
        for (int i = 0; i < partitions * perPartition; i++) {
            out.add(new Rk.Rec(i % partitions, "key-" + i, "value-" + i));
        }
        return out;
    }

    @Test
    void producedRecordsAreConsumedBackWhereTheDeliveryReportsSaid(KafkaCluster cluster) {
        String topic = "ffm-smoke-" + UUID.randomUUID();
        cluster.createTopic(topic, 3, 1);
        List<Rk.Rec> sent = records(3, 10);
        List<Rk.DeliveryReport> drs = Rk.produceAll(cluster.bootstrapServers(), topic, sent, "acks", "all");

        Map<String, String> reported = new HashMap<>(); // partition@offset -> value
        for (Rk.DeliveryReport dr : drs) {
            assertEquals(topic, dr.topic());
            assertTrue(reported.put(dr.partition() + "@" + dr.offset(), Rk.utf8(dr.value())) == null, "offset reused");
        }
        Map<String, String> consumed = new HashMap<>();
        for (Rk.Consumed c : Rk.readAll(cluster.bootstrapServers(), topic, 3, true, Duration.ofSeconds(60))) {
            consumed.put(c.partition() + "@" + c.offset(), c.value());
            assertEquals(c.value().replace("value-", "key-"), c.key());
            assertEquals(Integer.parseInt(c.value().substring(6)) % 3, c.partition());
        }
        assertEquals(reported, consumed);
        assertEquals(sent.size(), consumed.size());
    }

    @Test
    void metadataDescribesTheBrokerAndTheTopic(KafkaCluster cluster) {
        String topic = "ffm-meta-" + UUID.randomUUID();
        cluster.createTopic(topic, 4, 1);
        MemorySegment rk = Rk.create(RD_KAFKA_PRODUCER, Rk.conf("bootstrap.servers", cluster.bootstrapServers()));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rkt = rd_kafka_topic_new(rk, arena.allocateFrom(topic), MemorySegment.NULL);
            MemorySegment mdp = arena.allocate(ValueLayout.ADDRESS);
            try {
                Rk.check(rd_kafka_metadata(rk, 0, rkt, mdp, 10_000), "rd_kafka_metadata");
            } finally {
                rd_kafka_topic_destroy(rkt);
            }
            MemorySegment md = RdKafkaStructs.Metadata.of(mdp.get(ValueLayout.ADDRESS, 0));
            try {
                assertEquals(1, RdKafkaStructs.Metadata.brokerCnt(md));
                MemorySegment broker = RdKafkaStructs.Metadata.broker(md, 0);
                assertEquals(cluster.bootstrapServers(), RdKafkaStructs.MetadataBroker.host(broker) + ":"
                        + RdKafkaStructs.MetadataBroker.port(broker));
                assertEquals(cluster.brokerIds().getFirst(), RdKafkaStructs.MetadataBroker.id(broker));
                assertEquals(1, RdKafkaStructs.Metadata.topicCnt(md));
                MemorySegment t = RdKafkaStructs.Metadata.topic(md, 0);
                assertEquals(topic, RdKafkaStructs.MetadataTopic.topic(t));
                assertEquals(RD_KAFKA_RESP_ERR_NO_ERROR, RdKafkaStructs.MetadataTopic.err(t));
                assertEquals(4, RdKafkaStructs.MetadataTopic.partitionCnt(t));
                for (int i = 0; i < 4; i++) {
                    MemorySegment p = RdKafkaStructs.MetadataTopic.partition(t, i);
                    assertEquals(i, RdKafkaStructs.MetadataPartition.id(p));
                    assertEquals(cluster.leaderOf(topic, i), RdKafkaStructs.MetadataPartition.leader(p));
                    assertEquals(List.of(cluster.brokerIds().getFirst()),
                            java.util.Arrays.stream(RdKafkaStructs.MetadataPartition.replicas(p)).boxed().toList());
                    assertEquals(1, RdKafkaStructs.MetadataPartition.isrs(p).length);
                }
                assertTrue(RdKafkaStructs.Metadata.origBrokerName(md).contains(cluster.bootstrapServers()),
                        RdKafkaStructs.Metadata.origBrokerName(md));
            } finally {
                rd_kafka_metadata_destroy(md);
            }
        } finally {
            rd_kafka_destroy(rk);
        }
    }

    @Test
    void groupConsumerCommitsAndTheCommittedOffsetsReadBack(KafkaCluster cluster) {
        String topic = "ffm-group-" + UUID.randomUUID();
        String group = "ffm-group-" + UUID.randomUUID();
        cluster.createTopic(topic, 2, 1);
        Rk.produceAll(cluster.bootstrapServers(), topic, records(2, 5));

        MemorySegment rk = Rk.create(RD_KAFKA_CONSUMER, Rk.conf("bootstrap.servers", cluster.bootstrapServers(),
                "group.id", group, "auto.offset.reset", "earliest", "enable.auto.commit", "false"));
        try (Arena arena = Arena.ofConfined()) {
            rd_kafka_poll_set_consumer(rk);
            MemorySegment subscription = rd_kafka_topic_partition_list_new(1);
            rd_kafka_topic_partition_list_add(subscription, arena.allocateFrom(topic), RD_KAFKA_PARTITION_UA);
            try {
                Rk.check(rd_kafka_subscribe(rk, subscription), "rd_kafka_subscribe");
            } finally {
                rd_kafka_topic_partition_list_destroy(subscription);
            }
            // without a rebalance callback librdkafka assigns by itself; read all ten
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (read < 10 && System.nanoTime() < deadline) {
                MemorySegment msg = rd_kafka_consumer_poll(rk, 200);
                if (msg.equals(MemorySegment.NULL)) continue;
                try {
                    int err = RdKafkaStructs.Message.err(RdKafkaStructs.Message.of(msg));
                    Rk.check(err, "consume");
                    read++;
                } finally {
                    rd_kafka_message_destroy(msg);
                }
            }
            assertEquals(10, read);
            // synchronous commit of the current positions
            Rk.check(rd_kafka_commit(rk, MemorySegment.NULL, 0), "rd_kafka_commit");

            MemorySegment query = rd_kafka_topic_partition_list_new(2);
            try {
                MemorySegment t = arena.allocateFrom(topic);
                rd_kafka_topic_partition_list_add(query, t, 0);
                rd_kafka_topic_partition_list_add(query, t, 1);
                Rk.check(rd_kafka_committed(rk, query, 10_000), "rd_kafka_committed");
                MemorySegment list = RdKafkaStructs.TopicPartitionList.of(query);
                for (int i = 0; i < 2; i++) {
                    MemorySegment tp = RdKafkaStructs.TopicPartitionList.elem(list, i);
                    assertEquals(RD_KAFKA_RESP_ERR_NO_ERROR, RdKafkaStructs.TopicPartition.err(tp));
                    assertEquals(5, RdKafkaStructs.TopicPartition.offset(tp), "committed offset of partition " + i);
                }
            } finally {
                rd_kafka_topic_partition_list_destroy(query);
            }
            Rk.check(rd_kafka_consumer_close(rk), "rd_kafka_consumer_close");
        } finally {
            rd_kafka_destroy(rk);
        }
    }
}

package io.rdkafka.client;

import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaMock;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * librdkafka's mock cluster shared by several clients: owned by a bare producer handle (as rdkafka_mock.h
 * advises); clients reach it through {@link #bootstraps()}.
 */
final class MockKafka implements AutoCloseable {
    private final MemorySegment owner;
    private final MemorySegment cluster;
    private final String bootstraps;

    MockKafka(int brokers) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment conf = RdKafka.rd_kafka_conf_new();
            MemorySegment errstr = CStrings.errstr(a);
            RdKafka.rd_kafka_conf_set(conf, a.allocateFrom("log_level"), a.allocateFrom("2"), errstr, CStrings.ERRSTR_SIZE);
            if (System.getProperty("rdkafka.test.mockdebug") != null) {
                RdKafka.rd_kafka_conf_set(conf, a.allocateFrom("debug"), a.allocateFrom("mock"), errstr, CStrings.ERRSTR_SIZE);
                RdKafka.rd_kafka_conf_set(conf, a.allocateFrom("log_level"), a.allocateFrom("7"), errstr, CStrings.ERRSTR_SIZE);
            }
            owner = RdKafka.rd_kafka_new(RdKafka.RD_KAFKA_PRODUCER, conf, errstr, CStrings.ERRSTR_SIZE);
            if (owner.equals(MemorySegment.NULL)) throw new IllegalStateException(CStrings.fromBuffer(errstr));
        }
        cluster = RdKafkaMock.rd_kafka_mock_cluster_new(owner, brokers);
        if (cluster.equals(MemorySegment.NULL)) throw new IllegalStateException("rd_kafka_mock_cluster_new failed");
        bootstraps = CStrings.toJava(RdKafkaMock.rd_kafka_mock_cluster_bootstraps(cluster));
        // librdkafka 2.0.2's mock delays a group's first join by 3 s, later joins by session.timeout.ms - 1 s;
        // newer releases can shorten the first
        if (io.rdkafka.ffm.RdKafkaLibrary.hasSymbol("rd_kafka_mock_group_initial_rebalance_delay_ms")) {
            RdKafkaMock.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, 50);
        }
    }

    String bootstraps() {
        return bootstraps;
    }

    void createTopic(String topic, int partitions) {
        try (Arena a = Arena.ofConfined()) {
            int err = RdKafkaMock.rd_kafka_mock_topic_create(cluster, a.allocateFrom(topic), partitions, 1);
            if (err != 0) throw new IllegalStateException("mock topic create failed: " + err);
        }
    }

    KafkaConfig.Builder config() {
        KafkaConfig.Builder b = KafkaConfig.builder().bootstrapServers(bootstraps).set("log_level", "3");
        String debug = System.getProperty("rdkafka.test.debug");
        if (debug != null) b.debug(debug).set("log_level", "7");
        return b
                .closeTimeout(Duration.ofSeconds(10));
    }

    KafkaConfig.Builder consumerConfig(String group) {
        KafkaConfig.Builder b = config().set("auto.offset.reset", "earliest").set("session.timeout.ms", "5000")
                .set("heartbeat.interval.ms", "300").set("fetch.wait.max.ms", "50");
        return group == null ? b : b.groupId(group);
    }

    /** Produces {@code count} records "key-i" / "value-i" to one partition and waits for them. */
    void produce(String topic, int partition, int from, int count) throws Exception {
        try (var p = Producer.create(config().linger(Duration.ofMillis(1)).build(), Serdes.stringSerializer(),
                Serdes.stringSerializer())) {
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                fs.add(p.send(new ProducerRecord<>(topic, partition, "key-" + i, "value-" + i)));
            }
            p.flush(Duration.ofSeconds(30));
            for (var f : fs) f.get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        RdKafkaMock.rd_kafka_mock_cluster_destroy(cluster);
        RdKafka.rd_kafka_destroy(owner);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}

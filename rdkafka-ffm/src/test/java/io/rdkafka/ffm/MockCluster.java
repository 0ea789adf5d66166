package io.rdkafka.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.rdkafka.ffm.RdKafka.*;

/**
 * librdkafka's built-in mock cluster, owned by a dedicated producer handle (as rdkafka_mock.h advises):
 * other handles reach it through {@link #bootstraps()}.
 */
public final class MockCluster implements AutoCloseable {
    public final MemorySegment owner;
    public final MemorySegment cluster;
    private final String bootstraps;
    private boolean closed;

    public MockCluster(int brokers) {
        owner = Rk.create(RD_KAFKA_PRODUCER, Rk.conf("log_level", "3"));
        MemorySegment c = RdKafkaMock.rd_kafka_mock_cluster_new(owner, brokers);
        if (c.equals(MemorySegment.NULL)) {
            rd_kafka_destroy(owner);
            throw new IllegalStateException("rd_kafka_mock_cluster_new failed");
        }
        cluster = c;
        bootstraps = CStrings.toJava(RdKafkaMock.rd_kafka_mock_cluster_bootstraps(cluster));
    }

    public String bootstraps() {
        return bootstraps;
    }

    public void createTopic(String topic, int partitions) {
        try (Arena arena = Arena.ofConfined()) {
            Rk.check(RdKafkaMock.rd_kafka_mock_topic_create(cluster, arena.allocateFrom(topic), partitions, 1),
                    "rd_kafka_mock_topic_create " + topic);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        RdKafkaMock.rd_kafka_mock_cluster_destroy(cluster);
        rd_kafka_destroy(owner);
    }
}

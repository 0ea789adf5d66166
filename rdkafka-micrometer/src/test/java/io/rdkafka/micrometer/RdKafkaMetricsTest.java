package io.rdkafka.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The binder fed with hand-written statistics documents shaped like librdkafka 2.0.2's. */
class RdKafkaMetricsTest {

    /** A consumer's emit: one cluster broker, a logical coordinator, partitions 0 (assigned), 1 (not), -1. */
    static String consumer(long lagP0, long rttAvgMicros, long rttCnt, long rxMsgs, boolean p0Assigned) {
        return """
                {"name": "rdkafka#consumer-1", "client_id": "app", "type": "consumer", "replyq": 0, "tx": 10, "rx": 9,
                 "tx_bytes": 1000, "rx_bytes": 5000, "rxmsgs": %4$d,
                 "brokers": {
                   "localhost:9092/1": {"name": "localhost:9092/1", "nodeid": 1, "nodename": "localhost:9092",
                     "source": "learned", "state": "UP", "outbuf_cnt": 0, "waitresp_cnt": 1, "tx": 10, "rx": 9,
                     "txbytes": 1000, "rxbytes": 5000, "txerrs": 0, "rxerrs": 0, "connects": 1, "disconnects": 0,
                     "rtt": {"avg": %2$d, "p99": %2$d, "max": %2$d, "cnt": %3$d},
                     "throttle": {"avg": 0, "max": 0, "cnt": %3$d}},
                   "GroupCoordinator": {"name": "GroupCoordinator", "nodeid": -1, "source": "logical", "state": "UP",
                     "rtt": {"avg": 99, "cnt": 1}}},
                 "topics": {"orders": {"topic": "orders", "partitions": {
                   "0": {"partition": 0, "desired": %5$b, "fetch_state": "active", "consumer_lag": %1$d,
                         "consumer_lag_stored": %1$d, "hi_offset": 100, "committed_offset": %6$d, "fetchq_cnt": 3,
                         "rxmsgs": %4$d, "rxbytes": 700},
                   "1": {"partition": 1, "desired": false, "consumer_lag": -1},
                   "-1": {"partition": -1, "desired": false}}}},
                 "cgrp": {"state": "up", "rebalance_cnt": 1, "assignment_size": 1}}
                """.formatted(lagP0, rttAvgMicros, rttCnt, rxMsgs, p0Assigned, lagP0 < 0 ? -1001 : 100 - lagP0);
    }

    static final Tags P0 = Tags.of("client", "rdkafka#consumer-1", "client.id", "app", "topic", "orders", "partition", "0");
    static final Tags BROKER = Tags.of("client", "rdkafka#consumer-1", "client.id", "app", "broker", "localhost:9092",
            "broker.id", "1");

    @Test
    void gaugesAndCountersFollowTheEmits() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RdKafkaMetrics metrics = new RdKafkaMetrics()) {
            metrics.bindTo(registry);
            metrics.accept(consumer(30, 2000, 5, 70, true));

            Gauge lag = registry.get("rdkafka.partition.consumer.lag").tags(P0).gauge();
            assertEquals(30, lag.value());
            assertEquals(70, registry.get("rdkafka.partition.committed.offset").tags(P0).gauge().value());
            assertEquals(100, registry.get("rdkafka.partition.high.watermark").tags(P0).gauge().value());
            assertEquals(3, registry.get("rdkafka.partition.fetch.queue.messages").tags(P0).gauge().value());
            FunctionCounter rx = registry.get("rdkafka.partition.messages.received").tags(P0).functionCounter();
            assertEquals(70, rx.count());
            Gauge rtt = registry.get("rdkafka.broker.rtt.avg").tags(BROKER).gauge();
            assertEquals(0.002, rtt.value(), 1e-9, "microseconds become seconds");
            assertEquals("seconds", rtt.getId().getBaseUnit());
            assertEquals(1, registry.get("rdkafka.broker.connection.up").tags(BROKER).gauge().value());
            assertEquals(1, registry.get("rdkafka.broker.requests.inflight").tags(BROKER).gauge().value());
            assertEquals(5000, registry.get("rdkafka.broker.received.bytes").tags(BROKER).functionCounter().count());
            assertEquals(1, registry.get("rdkafka.consumer.group.assigned.partitions").gauge().value());
            assertEquals(1, registry.get("rdkafka.consumer.group.rebalances").functionCounter().count());
            assertEquals(70, registry.get("rdkafka.client.messages.received").functionCounter().count());

            assertTrue(registry.find("rdkafka.partition.consumer.lag").tag("partition", "1").meters().isEmpty(),
                    "a partition not assigned to the consumer has no lag meter");
            assertTrue(registry.find("rdkafka.partition.consumer.lag").tag("partition", "-1").meters().isEmpty());
            assertTrue(registry.find("rdkafka.broker.rtt.avg").tag("broker.id", "-1").meters().isEmpty(),
                    "logical brokers are left out");
            assertTrue(registry.find("rdkafka.client.messages.queued").meters().isEmpty(), "producer-only meter");

            metrics.accept(consumer(0, 4000, 7, 100, true));
            assertEquals(0, lag.value(), "the same gauge follows");
            assertEquals(100, rx.count());
            assertEquals(0.004, rtt.value(), 1e-9);

            metrics.accept(consumer(5, 0, 0, 100, true));
            assertEquals(5, lag.value());
            assertEquals(0.004, rtt.value(), 1e-9, "an empty window keeps the last round-trip time");

            metrics.accept(consumer(-1, 1000, 1, 100, true));
            assertTrue(Double.isNaN(lag.value()), "unknown lag");

            metrics.accept(consumer(5, 1000, 1, 100, false));
            assertTrue(registry.find("rdkafka.partition.consumer.lag").meters().isEmpty(), "revoked: removed");
            assertFalse(registry.find("rdkafka.broker.rtt.avg").meters().isEmpty());
        }
        assertTrue(registry.getMeters().isEmpty(), "close removes every meter");
    }

    @Test
    void bindingLaterRegistersWhatIsKnownAndExtraTagsApply() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RdKafkaMetrics metrics = new RdKafkaMetrics(Tags.of("app", "billing"))) {
            metrics.accept(consumer(12, 2000, 5, 70, true));
            metrics.bindTo(registry);
            metrics.bindTo(registry); // twice: no effect
            assertEquals(12, registry.get("rdkafka.partition.consumer.lag").tags(P0).tag("app", "billing").gauge().value());
            SimpleMeterRegistry second = new SimpleMeterRegistry();
            metrics.bindTo(second);
            metrics.accept(consumer(8, 2000, 5, 70, true));
            assertEquals(8, registry.get("rdkafka.partition.consumer.lag").gauge().value());
            assertEquals(8, second.get("rdkafka.partition.consumer.lag").gauge().value());
            assertEquals(8, metrics.latest("rdkafka#consumer-1").orElseThrow().consumerLag());

            metrics.removeClient("rdkafka#consumer-1");
            assertTrue(registry.getMeters().isEmpty());
            assertTrue(second.getMeters().isEmpty());
            assertTrue(metrics.latest("rdkafka#consumer-1").isEmpty());
        }
    }

    @Test
    void producerMetersAndClientsAreKeptApart() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RdKafkaMetrics metrics = new RdKafkaMetrics()) {
            metrics.bindTo(registry);
            metrics.accept(consumer(3, 2000, 5, 70, true));
            metrics.accept("""
                    {"name": "rdkafka#producer-2", "client_id": "app", "type": "producer", "msg_cnt": 40,
                     "msg_size": 4000, "txmsgs": 60, "brokers": {},
                     "topics": {"orders": {"topic": "orders", "batchsize": {"avg": 512, "cnt": 2},
                       "batchcnt": {"avg": 30, "cnt": 2}, "partitions": {
                       "0": {"partition": 0, "msgq_cnt": 30, "xmit_msgq_cnt": 10, "msgq_bytes": 300,
                             "xmit_msgq_bytes": 100, "msgs_inflight": 5, "txmsgs": 60, "txbytes": 600},
                       "-1": {"partition": -1, "msgq_cnt": 0}}}}}
                    """);
            Tags p0 = Tags.of("client", "rdkafka#producer-2", "topic", "orders", "partition", "0");
            assertEquals(40, registry.get("rdkafka.partition.messages.queued").tags(p0).gauge().value());
            assertEquals(400, registry.get("rdkafka.partition.messages.queued.bytes").tags(p0).gauge().value());
            assertEquals(5, registry.get("rdkafka.partition.messages.inflight").tags(p0).gauge().value());
            assertEquals(60, registry.get("rdkafka.partition.messages.sent").tags(p0).functionCounter().count());
            assertEquals(40, registry.get("rdkafka.client.messages.queued").gauge().value());
            assertEquals(512, registry.get("rdkafka.topic.batch.size.avg").tag("topic", "orders").gauge().value());
            assertTrue(registry.find("rdkafka.partition.consumer.lag").tag("client", "rdkafka#producer-2").meters().isEmpty());
            assertEquals(3, registry.get("rdkafka.partition.consumer.lag").tag("client", "rdkafka#consumer-1").gauge().value(),
                    "the other client's meters stay");

            metrics.accept("not json"); // dropped with a warning
            metrics.accept("{}");       // no client name: ignored
            assertEquals(40, registry.get("rdkafka.client.messages.queued").gauge().value());
        }
    }
}

package io.rdkafka.stats;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The parser against the example of librdkafka's STATISTICS.md and against malformed or partial documents. */
class StatisticsTest {

    static String resource(String name) throws IOException {
        try (InputStream in = StatisticsTest.class.getResourceAsStream("/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void parsesTheDocumentedExample() throws IOException {
        Statistics s = Statistics.parse(resource("statistics-v2.0.2-example.json"));
        assertEquals("rdkafka#producer-1", s.name());
        assertEquals("rdkafka", s.clientId());
        assertTrue(s.isProducer());
        assertFalse(s.isConsumer());
        assertEquals(5016483227792L, s.ts());
        assertEquals(1527060869L, s.time());
        assertEquals(-1, s.age(), "not in the example: absent");
        assertEquals(22710, s.msgCnt());
        assertEquals(704010, s.msgSize());
        assertEquals(500000, s.msgMax());
        assertEquals(631, s.tx());
        assertEquals(168584479L, s.txBytes());
        assertEquals(4300753, s.txMsgs());
        assertEquals(1, s.metadataCacheCnt());

        assertEquals(List.of("localhost:9092/2", "localhost:9093/3", "localhost:9094/4"),
                new ArrayList<>(s.brokers().keySet()));
        BrokerStats b = s.brokers().get("localhost:9092/2");
        assertEquals(2, b.nodeId());
        assertEquals("localhost:9092", b.nodeName());
        assertEquals("learned", b.source());
        assertTrue(b.isUp());
        assertTrue(b.isClusterBroker());
        assertEquals(320, b.tx());
        assertEquals(84283332L, b.txBytes());
        assertEquals(15708, b.rxBytes());
        assertEquals(2349, b.rtt().avg());
        assertEquals(3391, b.rtt().p99());
        assertEquals(3391, b.rtt().p99_99());
        assertEquals(34, b.rtt().cnt());
        assertEquals(0, b.throttle().max());
        assertEquals(240012, b.intLatency().cnt());
        assertFalse(b.outbufLatency().isPresent(), "not in the example");
        assertEquals(List.of(new BrokerStats.TopicPartitionRef("test", 1)), b.toppars());
        assertEquals(-1, b.connects(), "not in the example");
        assertEquals(3, s.clusterBrokers().size());

        TopicStats t = s.topics().get("test");
        assertEquals(9060, t.metadataAge());
        assertEquals(272593, t.batchSize().avg());
        assertEquals(6956, t.batchCnt().avg());
        assertEquals(3, t.partitions().size());
        PartitionStats p0 = t.partition(0);
        assertEquals("test", p0.topic());
        assertEquals(3, p0.leader());
        assertEquals(1, p0.msgqCnt());
        assertEquals(2150617, p0.txMsgs());
        assertEquals(PartitionStats.OFFSET_INVALID, p0.committedOffset());
        assertEquals(-1, p0.consumerLag());
        assertEquals("none", p0.fetchState());
        assertTrue(t.partition(-1).isUnassigned());
        assertEquals(2, s.partitions().size(), "the unassigned partition is left out");
        assertEquals(p0, s.partition("test", 0).orElseThrow());
        assertTrue(s.partition("test", 7).isEmpty());
        assertTrue(s.partition("other", 0).isEmpty());
        assertEquals(-1, s.consumerLag(), "a producer has no known lag");
        assertTrue(s.cgrp().isEmpty());
        assertTrue(s.eos().isEmpty());
    }

    /** Emitted by librdkafka 2.0.2 in StatisticsIT: the consumer with a lag of 10 on partition 0. */
    @Test
    void parsesARealConsumerEmit() throws IOException {
        Statistics s = Statistics.parse(resource("statistics-v2.0.2-consumer.json"));
        assertTrue(s.isConsumer());
        assertEquals(2, s.brokers().size());
        BrokerStats coordinator = s.brokers().get("GroupCoordinator");
        assertEquals("logical", coordinator.source());
        assertFalse(coordinator.isClusterBroker());
        assertEquals(1, s.clusterBrokers().size());
        assertTrue(s.clusterBrokers().getFirst().rtt().avg() > 0);
        String topic = s.topics().keySet().iterator().next();
        PartitionStats p0 = s.partition(topic, 0).orElseThrow();
        assertEquals(10, p0.consumerLag());
        assertEquals(60, p0.hiOffset());
        assertEquals(50, p0.committedOffset());
        assertTrue(p0.desired());
        assertEquals(10, s.consumerLag());
        ConsumerGroupStats g = s.cgrp().orElseThrow();
        assertEquals("steady", g.joinState());
        assertEquals(2, g.assignmentSize());
        assertTrue(s.eos().isEmpty());
    }

    @Test
    void parsesARealIdempotentProducerEmit() throws IOException {
        Statistics s = Statistics.parse(resource("statistics-v2.0.2-producer.json"));
        assertTrue(s.isProducer());
        assertEquals("stats-producer", s.clientId());
        assertEquals(100, s.partitions().stream().mapToLong(PartitionStats::txMsgs).sum());
        assertEquals("Assigned", s.eos().orElseThrow().idempState());
        assertTrue(s.clusterBrokers().getFirst().requests().get("Produce") > 0);
    }

    @Test
    void missingAndMistypedFieldsReadAsAbsent() {
        Statistics s = Statistics.parse("""
                {"name": 17, "type": "consumer", "ts": "soon", "extra": {"nested": [1, 2]},
                 "brokers": {"b": {"nodeid": 1, "rtt": "fast", "req": {"Fetch": 3, "Bad": "x"}}, "junk": 5},
                 "topics": {"t": {"partitions": {"0": {"consumer_lag": 42, "commited_offset": 7}, "1": []}}},
                 "cgrp": {"state": "up", "rebalance_cnt": 2, "assignment_size": 1},
                 "eos": {"txn_may_enq": true, "producer_id": 1000}}
                """);
        assertEquals("", s.name());
        assertEquals("", s.clientId());
        assertTrue(s.isConsumer());
        assertEquals(-1, s.ts());
        assertEquals(-1, s.rxMsgs());
        assertEquals(1, s.brokers().size());
        BrokerStats b = s.brokers().get("b");
        assertEquals("b", b.name(), "the key stands in for a missing name");
        assertEquals(WindowStats.ABSENT, b.rtt());
        assertEquals(java.util.Map.of("Fetch", 3L), b.requests());
        assertFalse(b.isUp());
        PartitionStats p = s.partition("t", 0).orElseThrow();
        assertEquals(42, p.consumerLag());
        assertEquals(7, p.committedOffset(), "librdkafka's misspelt alias");
        assertEquals(-1, p.consumerLagStored());
        assertEquals("", p.fetchState());
        assertEquals(1, s.topics().get("t").partitions().size());
        assertEquals(42, s.consumerLag());
        ConsumerGroupStats g = s.cgrp().orElseThrow();
        assertTrue(g.isUp());
        assertEquals(2, g.rebalanceCnt());
        assertEquals("", g.joinState());
        EosStats e = s.eos().orElseThrow();
        assertTrue(e.txnMayEnq());
        assertEquals(1000, e.producerId());
        assertEquals(-1, e.producerEpoch());
    }

    @Test
    void emptyObjectGivesEmptyStatistics() {
        Statistics s = Statistics.parse("{}");
        assertTrue(s.brokers().isEmpty());
        assertTrue(s.topics().isEmpty());
        assertTrue(s.partitions().isEmpty());
        assertEquals(-1, s.msgCnt());
    }

    @Test
    void rejectsWhatIsNotAJsonObject() {
        assertThrows(IllegalArgumentException.class, () -> Statistics.parse("{\"name\": "));
        assertThrows(IllegalArgumentException.class, () -> Statistics.parse("[1, 2]"));
        assertThrows(IllegalArgumentException.class, () -> Statistics.parse(""));
        assertThrows(NullPointerException.class, () -> Statistics.parse(null));
    }

    @Test
    void listenerParsesAndDropsGarbage() throws IOException {
        List<Statistics> got = new ArrayList<>();
        var listener = Statistics.listener(got::add);
        listener.accept("not json");
        listener.accept(resource("statistics-v2.0.2-example.json"));
        assertEquals(1, got.size());
        assertEquals("rdkafka#producer-1", got.getFirst().name());
    }
}

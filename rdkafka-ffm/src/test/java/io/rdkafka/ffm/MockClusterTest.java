package io.rdkafka.ffm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static io.rdkafka.ffm.RdKafka.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Producing and consuming through the raw C API against librdkafka's built-in mock cluster: variadic
 * {@code rd_kafka_producev}, array-based {@code rd_kafka_produceva}, delivery reports as events, batch and
 * single-message consumption, headers, and request errors injected by the mock broker.
 */
class MockClusterTest {

    private static final short PRODUCE = 0; // Kafka ApiKey of Produce requests
    private static final int PARTITIONS = 3;

    private MockCluster cluster;
    private String topic;
    private Arena arena;

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster(1);
        topic = "mock-" + UUID.randomUUID();
        cluster.createTopic(topic, PARTITIONS);
        arena = Arena.ofShared();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
        arena.close();
    }

    /** What a test sent, and later what it read back. */
    record Record(int partition, String key, String value, Map<String, String> headers) {
    }

    private MemorySegment newProducer(String... extra) {
        List<String> kv = new ArrayList<>(List.of("bootstrap.servers", cluster.bootstraps(), "linger.ms", "5",
                "retry.backoff.ms", "10", "log_level", "2"));
        kv.addAll(List.of(extra));
        MemorySegment conf = Rk.conf(kv.toArray(String[]::new));
        // delivery reports as events on the main queue: no dr_msg_cb, no upcalls
        rd_kafka_conf_set_events(conf, RD_KAFKA_EVENT_DR | RD_KAFKA_EVENT_ERROR);
        return Rk.create(RD_KAFKA_PRODUCER, conf);
    }

    private void producev(MemorySegment rk, Record r, long opaque) {
        try (Arena call = Arena.ofConfined()) {
            byte[] key = r.key().getBytes(StandardCharsets.UTF_8);
            byte[] value = r.value().getBytes(StandardCharsets.UTF_8);
            Varargs args = Varargs.create()
                    .i32(RD_KAFKA_VTYPE_TOPIC).ptr(call.allocateFrom(topic))
                    .i32(RD_KAFKA_VTYPE_PARTITION).i32(r.partition())
                    .i32(RD_KAFKA_VTYPE_KEY).ptr(call.allocateFrom(ValueLayout.JAVA_BYTE, key)).i64(key.length)
                    .i32(RD_KAFKA_VTYPE_VALUE).ptr(call.allocateFrom(ValueLayout.JAVA_BYTE, value)).i64(value.length);
            for (var h : r.headers().entrySet()) {
                byte[] hv = h.getValue().getBytes(StandardCharsets.UTF_8);
                args.i32(RD_KAFKA_VTYPE_HEADER).ptr(call.allocateFrom(h.getKey()))
                        .ptr(call.allocateFrom(ValueLayout.JAVA_BYTE, hv)).i64(hv.length);
            }
            args.i32(RD_KAFKA_VTYPE_MSGFLAGS).i32(RD_KAFKA_MSG_F_COPY)
                    .i32(RD_KAFKA_VTYPE_OPAQUE).ptr(MemorySegment.ofAddress(opaque))
                    .i32(RD_KAFKA_VTYPE_END);
            // the buffers are freed right after the call: F_COPY made librdkafka copy them
            Rk.check(rd_kafka_producev(rk, args), "rd_kafka_producev");
        }
    }

    private void produceva(MemorySegment rk, Record r, long opaque) {
        try (Arena call = Arena.ofConfined()) {
            int n = 6 + r.headers().size();
            MemorySegment vus = call.allocate(RdKafkaStructs.Vu.LAYOUT, n);
            byte[] key = r.key().getBytes(StandardCharsets.UTF_8);
            byte[] value = r.value().getBytes(StandardCharsets.UTF_8);
            int i = 0;
            RdKafkaStructs.Vu.setPointer(vus, i++, RD_KAFKA_VTYPE_TOPIC, call.allocateFrom(topic));
            RdKafkaStructs.Vu.setInt(vus, i++, RD_KAFKA_VTYPE_PARTITION, r.partition());
            RdKafkaStructs.Vu.setMem(vus, i++, RD_KAFKA_VTYPE_KEY, call.allocateFrom(ValueLayout.JAVA_BYTE, key), key.length);
            RdKafkaStructs.Vu.setMem(vus, i++, RD_KAFKA_VTYPE_VALUE, call.allocateFrom(ValueLayout.JAVA_BYTE, value),
                    value.length);
            for (var h : r.headers().entrySet()) {
                byte[] hv = h.getValue().getBytes(StandardCharsets.UTF_8);
                RdKafkaStructs.Vu.setHeader(vus, i++, call.allocateFrom(h.getKey()),
                        call.allocateFrom(ValueLayout.JAVA_BYTE, hv), hv.length);
            }
            RdKafkaStructs.Vu.setInt(vus, i++, RD_KAFKA_VTYPE_MSGFLAGS, RD_KAFKA_MSG_F_COPY);
            RdKafkaStructs.Vu.setPointer(vus, i++, RD_KAFKA_VTYPE_OPAQUE, MemorySegment.ofAddress(opaque));
            assertEquals(n - 1, i - 1);
            Rk.check(rd_kafka_produceva(rk, vus, i), "rd_kafka_produceva");
        }
    }

    private static Record record(int i, String via) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("idx", Integer.toString(i));
        headers.put("via", via);
        return new Record(i % PARTITIONS, "key-" + i, "value-" + i + "-" + "x".repeat(i), headers);
    }

    @Test
    void produceBothWaysThenConsumeEverythingBack() {
        int n = 40;
        Map<Long, Record> sent = new HashMap<>();
        MemorySegment rk = newProducer();
        MemorySegment main = rd_kafka_queue_get_main(rk);
        List<Rk.DeliveryReport> drs;
        List<String> errors = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Record r = record(i, i % 2 == 0 ? "producev" : "produceva");
                long opaque = 1000 + i;
                sent.put(opaque, r);
                if (i % 2 == 0) producev(rk, r, opaque);
                else produceva(rk, r, opaque);
            }
            drs = Rk.awaitDeliveryReports(main, n, Duration.ofSeconds(30), errors);
            assertEquals(0, rd_kafka_outq_len(rk), "messages left in the producer");
        } finally {
            rd_kafka_queue_destroy(main);
            rd_kafka_destroy(rk);
        }

        assertEquals(n, drs.size(), "delivery reports (errors: " + errors + ")");
        Map<String, Record> expectedAt = new HashMap<>(); // "partition@offset" -> record
        Set<Long> opaques = new HashSet<>();
        for (Rk.DeliveryReport dr : drs) {
            assertEquals(RD_KAFKA_RESP_ERR_NO_ERROR, dr.err(), Rk.errName(dr.err()));
            assertEquals(topic, dr.topic());
            assertTrue(opaques.add(dr.opaque()), "two reports for msg_opaque " + dr.opaque());
            Record r = sent.get(dr.opaque());
            assertEquals(r.partition(), dr.partition(), "partition of " + r);
            assertEquals(r.key(), new String(dr.key(), StandardCharsets.UTF_8));
            assertEquals(r.value(), new String(dr.value(), StandardCharsets.UTF_8));
            assertTrue(dr.offset() >= 0, "offset " + dr.offset());
            expectedAt.put(dr.partition() + "@" + dr.offset(), r);
        }
        assertEquals(sent.keySet(), opaques);

        // read back twice: batched from the consumer queue, and one message at a time
        assertEquals(expectedAt, consumeAll(true));
        assertEquals(expectedAt, consumeAll(false));
    }

    private Map<String, Record> consumeAll(boolean batch) {
        Map<String, Record> got = new TreeMap<>();
        for (Rk.Consumed c : Rk.readAll(cluster.bootstraps(), topic, PARTITIONS, batch, Duration.ofSeconds(30))) {
            Record before = got.put(c.partition() + "@" + c.offset(), new Record(c.partition(), c.key(), c.value(), c.headers()));
            assertEquals(null, before, "read twice: " + c);
        }
        return got;
    }

    private void injectProduceErrors(int... errors) {
        Varargs codes = Varargs.create();
        for (int e : errors) codes.i32(e);
        RdKafkaMock.rd_kafka_mock_push_request_errors(cluster.cluster, PRODUCE, errors.length, codes);
    }

    /** Produces one message and returns its delivery report. */
    private Rk.DeliveryReport produceOne(String... producerConf) {
        MemorySegment rk = newProducer(producerConf);
        MemorySegment main = rd_kafka_queue_get_main(rk);
        try {
            producev(rk, record(1, "producev"), 7);
            List<Rk.DeliveryReport> drs = Rk.awaitDeliveryReports(main, 1, Duration.ofSeconds(30), null);
            assertEquals(1, drs.size(), "delivery report");
            assertEquals(7, drs.getFirst().opaque());
            return drs.getFirst();
        } finally {
            rd_kafka_queue_destroy(main);
            rd_kafka_destroy(rk);
        }
    }

    private long brokerErrorStack(int brokerId) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment cntp = call.allocate(ValueLayout.JAVA_LONG);
            Rk.check(RdKafkaMock.rd_kafka_mock_broker_error_stack_cnt(cluster.cluster, brokerId, PRODUCE, cntp),
                    "rd_kafka_mock_broker_error_stack_cnt");
            return cntp.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    @Test
    void retriableProduceErrorsAreRetriedThrough() {
        // two Produce requests to broker 1 (the only one, leader of every partition) fail, the third succeeds
        Rk.check(RdKafkaMock.rd_kafka_mock_broker_push_request_error_rtts(cluster.cluster, 1, PRODUCE, 2,
                Varargs.create()
                        .i32(RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION).i32(0)
                        .i32(RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION).i32(0)), "push_request_error_rtts");
        assertEquals(2, brokerErrorStack(1));
        Rk.DeliveryReport dr = produceOne();
        assertEquals(RD_KAFKA_RESP_ERR_NO_ERROR, dr.err(), Rk.errName(dr.err()));
        assertEquals(0, dr.offset(), "the retried message is the partition's first");
        assertEquals(0, brokerErrorStack(1), "both injected errors were answered to Produce requests");
    }

    @Test
    void retriableErrorsCountAgainstMessageSendMaxRetries() {
        injectProduceErrors(RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS);
        Rk.DeliveryReport retried = produceOne();
        assertEquals(RD_KAFKA_RESP_ERR_NO_ERROR, retried.err(), Rk.errName(retried.err()));

        // the control: with retries off the same injected error reaches the delivery report
        injectProduceErrors(RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS);
        Rk.DeliveryReport failed = produceOne("message.send.max.retries", "0");
        assertEquals(Rk.errName(RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS), Rk.errName(failed.err()));
    }

    @Test
    void nonRetriableProduceErrorFailsTheDeliveryReport() {
        injectProduceErrors(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED);
        Rk.DeliveryReport dr = produceOne();
        assertEquals(Rk.errName(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED), Rk.errName(dr.err()));
        assertTrue(dr.offset() < 0, "a failed message has no offset: " + dr.offset());
        // the error was used up: the next message goes through
        Rk.DeliveryReport next = produceOne();
        assertEquals(RD_KAFKA_RESP_ERR_NO_ERROR, next.err(), Rk.errName(next.err()));
    }

    @Test
    void metadataThenProducevToAPartitionBeyondTheCountIsRefusedInTheCall() {
        MemorySegment rk = newProducer();
        try (Arena call = Arena.ofConfined()) {
            // metadata first, so the partition count is known when producing
            MemorySegment mdp = call.allocate(ValueLayout.ADDRESS);
            MemorySegment rkt = rd_kafka_topic_new(rk, call.allocateFrom(topic), MemorySegment.NULL);
            try {
                Rk.check(rd_kafka_metadata(rk, 0, rkt, mdp, 10_000), "rd_kafka_metadata");
                MemorySegment md = RdKafkaStructs.Metadata.of(mdp.get(ValueLayout.ADDRESS, 0));
                try {
                    assertEquals(1, RdKafkaStructs.Metadata.topicCnt(md));
                    MemorySegment t = RdKafkaStructs.Metadata.topic(md, 0);
                    assertEquals(topic, RdKafkaStructs.MetadataTopic.topic(t));
                    assertEquals(PARTITIONS, RdKafkaStructs.MetadataTopic.partitionCnt(t));
                    assertEquals(1, RdKafkaStructs.Metadata.brokerCnt(md));
                } finally {
                    rd_kafka_metadata_destroy(md);
                }
            } finally {
                rd_kafka_topic_destroy(rkt);
            }
            // the partition count is known now: producing to a partition beyond it is refused in the call
            int err = rd_kafka_producev(rk, Varargs.create()
                    .i32(RD_KAFKA_VTYPE_TOPIC).ptr(call.allocateFrom(topic))
                    .i32(RD_KAFKA_VTYPE_PARTITION).i32(PARTITIONS + 5)
                    .i32(RD_KAFKA_VTYPE_VALUE).ptr(call.allocateFrom("v")).i64(1)
                    .i32(RD_KAFKA_VTYPE_MSGFLAGS).i32(RD_KAFKA_MSG_F_COPY)
                    .i32(RD_KAFKA_VTYPE_END));
            assertEquals(Rk.errName(RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION), Rk.errName(err));
            assertEquals(0, rd_kafka_outq_len(rk), "nothing was queued");
        } finally {
            rd_kafka_destroy(rk);
        }
    }
}

package io.rdkafka.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;

import static io.rdkafka.ffm.RdKafka.*;

/** Small helpers over the raw C API for tests: configuration, handle creation, strings. */
public final class Rk {
    private Rk() {
    }

    /** A new {@code rd_kafka_conf_t} with {@code kv} (name, value, name, value, ...) set; throws on a bad property. */
    public static MemorySegment conf(String... kv) {
        MemorySegment conf = rd_kafka_conf_new();
        try {
            for (int i = 0; i < kv.length; i += 2) set(conf, kv[i], kv[i + 1]);
        } catch (RuntimeException e) {
            rd_kafka_conf_destroy(conf);
            throw e;
        }
        return conf;
    }

    public static void set(MemorySegment conf, String name, String value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errstr = CStrings.errstr(arena);
            int res = rd_kafka_conf_set(conf, arena.allocateFrom(name), arena.allocateFrom(value), errstr,
                    CStrings.ERRSTR_SIZE);
            if (res != RD_KAFKA_CONF_OK) {
                throw new IllegalArgumentException(name + "=" + value + ": " + CStrings.fromBuffer(errstr));
            }
        }
    }

    /** {@code rd_kafka_new}: on failure destroys {@code conf} (still the caller's then) and throws with errstr. */
    public static MemorySegment create(int type, MemorySegment conf) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errstr = CStrings.errstr(arena);
            MemorySegment rk = rd_kafka_new(type, conf, errstr, CStrings.ERRSTR_SIZE);
            if (rk.equals(MemorySegment.NULL)) {
                rd_kafka_conf_destroy(conf);
                throw new IllegalStateException("rd_kafka_new failed: " + CStrings.fromBuffer(errstr));
            }
            return rk;
        }
    }

    public static String errName(int err) {
        return CStrings.toJava(rd_kafka_err2name(err));
    }

    public static String errStr(int err) {
        return CStrings.toJava(rd_kafka_err2str(err));
    }

    /** Throws when a {@code rd_kafka_error_t *} is not NULL (and destroys it). */
    public static void check(MemorySegment error, String what) {
        if (error.equals(MemorySegment.NULL)) return;
        String msg = CStrings.toJava(rd_kafka_error_string(error));
        rd_kafka_error_destroy(error);
        throw new IllegalStateException(what + " failed: " + msg);
    }

    public static void check(int err, String what) {
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            throw new IllegalStateException(what + " failed: " + errName(err) + ": " + errStr(err));
        }
    }

    public static String utf8(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    public static byte[] bytes(MemorySegment s) {
        return s.equals(MemorySegment.NULL) ? null : s.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    /** One delivery report as the event API hands it over, copied out of the event. */
    public record DeliveryReport(int err, String topic, int partition, long offset, long opaque, byte[] key, byte[] value) {
    }

    /**
     * Serves {@code queue} (the main queue of a producer created with {@code RD_KAFKA_EVENT_DR} enabled) until
     * {@code n} delivery reports arrived or {@code timeout} passed; destroys every event it polls.
     * ERROR events are collected into {@code errors} when it is not null.
     */
    public static List<DeliveryReport> awaitDeliveryReports(MemorySegment queue, int n, Duration timeout, List<String> errors) {
        List<DeliveryReport> reports = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocate(ValueLayout.ADDRESS, 1024);
            while (reports.size() < n && System.nanoTime() < deadline) {
                MemorySegment ev = rd_kafka_queue_poll(queue, 100);
                if (ev.equals(MemorySegment.NULL)) continue;
                try {
                    int type = rd_kafka_event_type(ev);
                    if (type == RD_KAFKA_EVENT_DR) {
                        long cnt;
                        while ((cnt = rd_kafka_event_message_array(ev, array, 1024)) > 0) {
                            for (int i = 0; i < cnt; i++) {
                                MemorySegment m = RdKafkaStructs.Message.of(array.getAtIndex(ValueLayout.ADDRESS, i));
                                reports.add(new DeliveryReport(RdKafkaStructs.Message.err(m),
                                        CStrings.toJava(rd_kafka_topic_name(RdKafkaStructs.Message.rkt(m))),
                                        RdKafkaStructs.Message.partition(m), RdKafkaStructs.Message.offset(m),
                                        RdKafkaStructs.Message.opaque(m).address(),
                                        bytes(RdKafkaStructs.Message.key(m)), bytes(RdKafkaStructs.Message.payload(m))));
                            }
                            if (cnt < 1024) break;
                        }
                    } else if (type == RD_KAFKA_EVENT_ERROR && errors != null) {
                        errors.add(errName(rd_kafka_event_error(ev)) + ": "
                                + CStrings.toJava(rd_kafka_event_error_string(ev)));
                    }
                } finally {
                    rd_kafka_event_destroy(ev);
                }
            }
        }
        return reports;
    }

    /** A consumed message, copied out of librdkafka's memory. */
    public record Consumed(int partition, long offset, String key, String value, Map<String, String> headers) {
    }

    /**
     * Reads every partition of {@code topic} from the beginning until each reported its end (partition EOF),
     * with a group-less assignment: batched from the consumer queue or one message at a time.
     */
    public static List<Consumed> readAll(String bootstraps, String topic, int partitions, boolean batch, Duration timeout) {
        MemorySegment conf = conf("bootstrap.servers", bootstraps, "group.id", "g-" + UUID.randomUUID(),
                "enable.partition.eof", "true", "enable.auto.commit", "false", "log_level", "2");
        MemorySegment rk = create(RD_KAFKA_CONSUMER, conf);
        MemorySegment queue = rd_kafka_queue_get_consumer(rk);
        MemorySegment list = rd_kafka_topic_partition_list_new(partitions);
        List<Consumed> got = new ArrayList<>();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment t = call.allocateFrom(topic);
            for (int p = 0; p < partitions; p++) {
                RdKafkaStructs.TopicPartition.offset(RdKafkaStructs.TopicPartition.of(
                        rd_kafka_topic_partition_list_add(list, t, p)), RD_KAFKA_OFFSET_BEGINNING);
            }
            check(rd_kafka_assign(rk, list), "rd_kafka_assign");
            Set<Integer> eof = new HashSet<>();
            MemorySegment batchArray = call.allocate(ValueLayout.ADDRESS, 16);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (eof.size() < partitions && System.nanoTime() < deadline) {
                List<MemorySegment> msgs = new ArrayList<>();
                if (batch) {
                    long cnt = rd_kafka_consume_batch_queue(queue, 200, batchArray, 16);
                    Assertions.assertTrue(cnt >= 0, "consume_batch_queue: " + errName(rd_kafka_last_error()));
                    for (int i = 0; i < cnt; i++) msgs.add(batchArray.getAtIndex(ValueLayout.ADDRESS, i));
                } else {
                    MemorySegment m = rd_kafka_consumer_poll(rk, 200);
                    if (!m.equals(MemorySegment.NULL)) msgs.add(m);
                }
                for (MemorySegment ptr : msgs) {
                    try {
                        MemorySegment m = RdKafkaStructs.Message.of(ptr);
                        int err = RdKafkaStructs.Message.err(m);
                        int partition = RdKafkaStructs.Message.partition(m);
                        if (err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                            eof.add(partition);
                            continue;
                        }
                        Assertions.assertEquals(RD_KAFKA_RESP_ERR_NO_ERROR, err, errName(err) + ": "
                                + CStrings.toJava(rd_kafka_message_errstr(ptr)));
                        Assertions.assertEquals(topic, CStrings.toJava(rd_kafka_topic_name(RdKafkaStructs.Message.rkt(m))));
                        got.add(new Consumed(partition, RdKafkaStructs.Message.offset(m),
                                utf8(bytes(RdKafkaStructs.Message.key(m))),
                                utf8(bytes(RdKafkaStructs.Message.payload(m))),
                                headers(ptr, call)));
                    } finally {
                        rd_kafka_message_destroy(ptr);
                    }
                }
            }
            Assertions.assertEquals(partitions, eof.size(), "partitions at EOF after " + timeout + ": " + eof);
        } finally {
            rd_kafka_topic_partition_list_destroy(list);
            int closed = rd_kafka_consumer_close(rk);
            rd_kafka_queue_destroy(queue);
            rd_kafka_destroy(rk);
            check(closed, "rd_kafka_consumer_close");
        }
        return got;
    }

    public static Map<String, String> headers(MemorySegment msg, Arena arena) {
        MemorySegment hdrsp = arena.allocate(ValueLayout.ADDRESS);
        Map<String, String> out = new LinkedHashMap<>();
        int err = rd_kafka_message_headers(msg, hdrsp);
        if (err == RD_KAFKA_RESP_ERR__NOENT) return out;
        check(err, "rd_kafka_message_headers");
        MemorySegment hdrs = hdrsp.get(ValueLayout.ADDRESS, 0);
        MemorySegment namep = arena.allocate(ValueLayout.ADDRESS);
        MemorySegment valuep = arena.allocate(ValueLayout.ADDRESS);
        MemorySegment sizep = arena.allocate(ValueLayout.JAVA_LONG);
        for (long i = 0; rd_kafka_header_get_all(hdrs, i, namep, valuep, sizep) == RD_KAFKA_RESP_ERR_NO_ERROR; i++) {
            long size = sizep.get(ValueLayout.JAVA_LONG, 0);
            byte[] value = valuep.get(ValueLayout.ADDRESS, 0).reinterpret(size).toArray(ValueLayout.JAVA_BYTE);
            out.put(CStrings.toJava(namep.get(ValueLayout.ADDRESS, 0)), new String(value, StandardCharsets.UTF_8));
        }
        Assertions.assertEquals(out.size(), rd_kafka_header_cnt(hdrs));
        return out;
    }

    /** A record to produce: partition (or {@code RD_KAFKA_PARTITION_UA}), key (or null) and value. */
    public record Rec(int partition, String key, String value) {
    }

    /**
     * Produces {@code records} with {@code rd_kafka_producev} and waits for every delivery report (event API);
     * throws unless all were delivered. Returns the reports in arrival order.
     */
    public static List<DeliveryReport> produceAll(String bootstraps, String topic, List<Rec> records, String... conf) {
        List<String> kv = new ArrayList<>(List.of("bootstrap.servers", bootstraps, "linger.ms", "5", "log_level", "3"));
        kv.addAll(List.of(conf));
        MemorySegment c = conf(kv.toArray(String[]::new));
        rd_kafka_conf_set_events(c, RD_KAFKA_EVENT_DR);
        MemorySegment rk = create(RD_KAFKA_PRODUCER, c);
        MemorySegment queue = rd_kafka_queue_get_main(rk);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocateFrom(topic);
            for (Rec r : records) {
                try (Arena call = Arena.ofConfined()) {
                    Varargs args = Varargs.create().i32(RD_KAFKA_VTYPE_TOPIC).ptr(t)
                            .i32(RD_KAFKA_VTYPE_PARTITION).i32(r.partition());
                    if (r.key() != null) {
                        MemorySegment key = call.allocateFrom(r.key());
                        args.i32(RD_KAFKA_VTYPE_KEY).ptr(key).i64(key.byteSize() - 1);
                    }
                    MemorySegment value = call.allocateFrom(r.value());
                    args.i32(RD_KAFKA_VTYPE_VALUE).ptr(value).i64(value.byteSize() - 1)
                            .i32(RD_KAFKA_VTYPE_MSGFLAGS).i32(RD_KAFKA_MSG_F_COPY)
                            .i32(RD_KAFKA_VTYPE_END);
                    int err;
                    while ((err = rd_kafka_producev(rk, args)) == RD_KAFKA_RESP_ERR__QUEUE_FULL) rd_kafka_poll(rk, 10);
                    check(err, "rd_kafka_producev");
                }
            }
            List<DeliveryReport> drs = awaitDeliveryReports(queue, records.size(), Duration.ofSeconds(60), null);
            Assertions.assertEquals(records.size(), drs.size(), "delivery reports");
            for (DeliveryReport dr : drs) {
                Assertions.assertEquals(RD_KAFKA_RESP_ERR_NO_ERROR, dr.err(), "delivery failed: " + errName(dr.err()));
            }
            return drs;
        } finally {
            rd_kafka_queue_destroy(queue);
            rd_kafka_destroy(rk);
        }
    }
}

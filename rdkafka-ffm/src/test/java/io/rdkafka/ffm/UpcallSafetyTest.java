package io.rdkafka.ffm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.rdkafka.ffm.RdKafka.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Throwable thrown by Java code that C called must not unwind into C (the JVM would die): the stub
 * hands it to the exception handler and returns zero to C.
 */
class UpcallSafetyTest {

    record Reported(String callback, Throwable error, Thread thread) {
    }

    private final ConcurrentLinkedQueue<Reported> reported = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void collectReports() {
        Upcalls.setExceptionHandler((cb, t) -> reported.add(new Reported(cb, t, Thread.currentThread())));
    }

    @AfterEach
    void restoreLoggingHandler() {
        System.Logger log = System.getLogger("io.rdkafka.ffm.upcall");
        Upcalls.setExceptionHandler((cb, t) -> log.log(System.Logger.Level.ERROR, "exception in librdkafka callback " + cb, t));
    }

    private List<Reported> reportsOf(String callback) {
        return reported.stream().filter(r -> r.callback().equals(callback)).toList();
    }

    private void awaitReport(String callback, MemorySegment rkToPoll, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (reportsOf(callback).isEmpty() && System.nanoTime() < deadline) {
            if (rkToPoll != null) rd_kafka_poll(rkToPoll, 50);
            else Thread.onSpinWait();
        }
        assertTrue(!reportsOf(callback).isEmpty(), "no exception reported from " + callback + " within " + timeout);
    }

    static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom(String message) {
            super(message);
        }
    }

    @Test
    void comparatorThatThrowsDuringSortIsReportedOnTheCallingThreadAndTheSortCompletes() {
        MemorySegment list = rd_kafka_topic_partition_list_new(8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment topic = arena.allocateFrom("t");
            for (int p : new int[]{3, 1, 4, 0, 2}) rd_kafka_topic_partition_list_add(list, topic, p);

            // control: a working comparator really reorders the list (the upcall reaches Java)
            MemorySegment descending = RdKafkaCallbacks.cmp.allocate((a, b, opaque) ->
                    Integer.compare(RdKafkaStructs.TopicPartition.partition(RdKafkaStructs.TopicPartition.of(b)),
                            RdKafkaStructs.TopicPartition.partition(RdKafkaStructs.TopicPartition.of(a))), arena);
            rd_kafka_topic_partition_list_sort(list, descending, MemorySegment.NULL);
            assertEquals(List.of(4, 3, 2, 1, 0), partitions(list));

            MemorySegment throwing = RdKafkaCallbacks.cmp.allocate((a, b, opaque) -> {
                throw new Boom("cmp failed");
            }, arena);
            rd_kafka_topic_partition_list_sort(list, throwing, MemorySegment.NULL);

            // C saw 0 ("equal") for every pair: the list is intact, still 5 distinct elements
            List<Integer> after = partitions(list);
            assertEquals(List.of(0, 1, 2, 3, 4), after.stream().sorted().toList());
            List<Reported> reports = reportsOf("cmp");
            assertTrue(!reports.isEmpty(), "the handler heard nothing");
            for (Reported r : reports) {
                assertInstanceOf(Boom.class, r.error());
                assertEquals("cmp failed", r.error().getMessage());
                assertEquals(Thread.currentThread(), r.thread(), "sort calls back on the caller's thread");
            }
            // and the JVM still works with the library
            rd_kafka_topic_partition_list_sort(list, descending, MemorySegment.NULL);
            assertEquals(List.of(4, 3, 2, 1, 0), partitions(list));
        } finally {
            rd_kafka_topic_partition_list_destroy(list);
        }
    }

    private static List<Integer> partitions(MemorySegment list) {
        MemorySegment l = RdKafkaStructs.TopicPartitionList.of(list);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < RdKafkaStructs.TopicPartitionList.cnt(l); i++) {
            out.add(RdKafkaStructs.TopicPartition.partition(RdKafkaStructs.TopicPartitionList.elem(l, i)));
        }
        return out;
    }

    @Test
    void partitionerThatThrowsSendsTheMessageToPartitionZero() {
        try (MockCluster cluster = new MockCluster(1); Arena arena = Arena.ofShared()) {
            cluster.createTopic("upcall-partitioner", 4);
            MemorySegment conf = Rk.conf("bootstrap.servers", cluster.bootstraps(), "linger.ms", "0");
            rd_kafka_conf_set_events(conf, RD_KAFKA_EVENT_DR);
            MemorySegment tconf = rd_kafka_topic_conf_new();
            // key "3" goes to partition 3; key "boom" throws, and C must then read partition 0
            rd_kafka_topic_conf_set_partitioner_cb(tconf, RdKafkaCallbacks.partitioner.allocate(
                    (rkt, key, keylen, partitionCnt, rktOpaque, msgOpaque) -> {
                        String k = new String(key.reinterpret(keylen).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                                StandardCharsets.UTF_8);
                        if (k.equals("boom")) throw new Boom("no partition for " + k);
                        return Integer.parseInt(k);
                    }, arena));
            rd_kafka_conf_set_default_topic_conf(conf, tconf);
            MemorySegment rk = Rk.create(RD_KAFKA_PRODUCER, conf);
            MemorySegment queue = rd_kafka_queue_get_main(rk);
            try {
                for (String key : List.of("3", "boom")) {
                    MemorySegment k = arena.allocateFrom(key);
                    Rk.check(rd_kafka_producev(rk, Varargs.create()
                            .i32(RD_KAFKA_VTYPE_TOPIC).ptr(arena.allocateFrom("upcall-partitioner"))
                            .i32(RD_KAFKA_VTYPE_KEY).ptr(k).i64(key.length())
                            .i32(RD_KAFKA_VTYPE_VALUE).ptr(k).i64(key.length())
                            .i32(RD_KAFKA_VTYPE_MSGFLAGS).i32(RD_KAFKA_MSG_F_COPY)
                            .i32(RD_KAFKA_VTYPE_END)), "producev " + key);
                }
                List<Rk.DeliveryReport> drs = Rk.awaitDeliveryReports(queue, 2, Duration.ofSeconds(20), null);
                assertEquals(2, drs.size(), "delivery reports");
                Map<String, Integer> partitionByKey = new java.util.HashMap<>();
                for (Rk.DeliveryReport dr : drs) {
                    assertEquals(RD_KAFKA_RESP_ERR_NO_ERROR, dr.err(), Rk.errName(dr.err()));
                    partitionByKey.put(new String(dr.key(), StandardCharsets.UTF_8), dr.partition());
                }
                assertEquals(Map.of("3", 3, "boom", 0), partitionByKey);
                List<Reported> reports = reportsOf("partitioner");
                assertTrue(!reports.isEmpty(), "the handler heard nothing");
                assertEquals("no partition for boom", reports.getFirst().error().getMessage());
            } finally {
                rd_kafka_queue_destroy(queue);
                rd_kafka_destroy(rk);
            }
        }
    }

    @Test
    void errorCallbackThatThrowsFromPollIsReported() {
        try (Arena arena = Arena.ofShared()) {
            // nothing listens on port 1: the client reports broker failures through error_cb from rd_kafka_poll
            MemorySegment conf = Rk.conf("bootstrap.servers", "127.0.0.1:1", "reconnect.backoff.ms", "10",
                    "log_level", "0");
            rd_kafka_conf_set_error_cb(conf, RdKafkaCallbacks.error_cb.allocate((rk, err, reason, opaque) -> {
                throw new Boom(Rk.errName(err) + ": " + CStrings.toJava(reason));
            }, arena));
            MemorySegment rk = Rk.create(RD_KAFKA_PRODUCER, conf);
            try {
                awaitReport("error_cb", rk, Duration.ofSeconds(20));
                Reported r = reportsOf("error_cb").getFirst();
                assertEquals(Thread.currentThread(), r.thread(), "error_cb is served by rd_kafka_poll on this thread");
                assertTrue(r.error().getMessage().contains("127.0.0.1:1") || r.error().getMessage().startsWith("_"),
                        r.error().getMessage());
                // the handle is still usable after the failed callback
                assertEquals(0, rd_kafka_outq_len(rk));
            } finally {
                rd_kafka_destroy(rk);
            }
        }
    }

    @Test
    void logCallbackThatThrowsOnLibrdkafkasOwnThreadsIsReported() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment conf = Rk.conf("bootstrap.servers", "127.0.0.1:1", "reconnect.backoff.ms", "10",
                    "debug", "broker");
            rd_kafka_conf_set_log_cb(conf, RdKafkaCallbacks.log_cb.allocate((rk, level, fac, buf) -> {
                throw new Boom("log " + level + " " + CStrings.toJava(fac));
            }, arena));
            MemorySegment rk = Rk.create(RD_KAFKA_PRODUCER, conf);
            try {
                awaitReport("log_cb", null, Duration.ofSeconds(20));
                // at least one came from a thread librdkafka created (no Java thread of this test)
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (reportsOf("log_cb").stream().allMatch(r -> r.thread() == Thread.currentThread())
                        && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                Reported fromNative = reportsOf("log_cb").stream()
                        .filter(r -> r.thread() != Thread.currentThread()).findFirst().orElseThrow();
                assertInstanceOf(Boom.class, fromNative.error());
                assertNotEquals("main", fromNative.thread().getName());
            } finally {
                rd_kafka_destroy(rk);
            }
        }
    }

    @Test
    void guardReturnsZeroOfEveryCarrierAndReportsTheThrowable() throws Throwable {
        MethodHandle thrower = MethodHandles.throwException(void.class, Boom.class)
                .bindTo(new Boom("boom"));
        Map<Class<?>, Object> zeros = new java.util.LinkedHashMap<>();
        zeros.put(int.class, 0);
        zeros.put(long.class, 0L);
        zeros.put(short.class, (short) 0);
        zeros.put(byte.class, (byte) 0);
        zeros.put(double.class, 0d);
        zeros.put(float.class, 0f);
        zeros.put(MemorySegment.class, MemorySegment.NULL);
        for (var e : zeros.entrySet()) {
            MethodHandle target = MethodHandles.dropArguments(
                    MethodHandles.throwException(e.getKey(), Boom.class).bindTo(new Boom("boom " + e.getKey())),
                    0, int.class, MemorySegment.class);
            MethodHandle guarded = Upcalls.guard(target, "cb_" + e.getKey().getSimpleName());
            assertEquals(MethodType.methodType(e.getKey(), int.class, MemorySegment.class), guarded.type());
            assertEquals(e.getValue(), guarded.invoke(1, MemorySegment.NULL));
            assertEquals("boom " + e.getKey(), reportsOf("cb_" + e.getKey().getSimpleName()).getFirst().error().getMessage());
        }
        Upcalls.guard(thrower, "void_cb").invoke();
        assertEquals(1, reportsOf("void_cb").size());

        // a handler that throws itself is contained too
        Upcalls.setExceptionHandler((cb, t) -> {
            throw new IllegalStateException("handler failed");
        });
        MethodHandle ret7 = MethodHandles.dropArguments(MethodHandles.throwException(int.class, Boom.class)
                .bindTo(new Boom("x")), 0, int.class);
        assertEquals(0, (int) Upcalls.guard(ret7, "h").invokeExact(7));
        // and errors, not only exceptions
        Upcalls.setExceptionHandler((cb, t) -> reported.add(new Reported(cb, t, Thread.currentThread())));
        MethodHandle oom = MethodHandles.dropArguments(MethodHandles.throwException(long.class, OutOfMemoryError.class)
                .bindTo(new OutOfMemoryError("simulated")), 0, int.class);
        assertEquals(0L, (long) Upcalls.guard(oom, "err").invokeExact(1));
        assertInstanceOf(OutOfMemoryError.class, reportsOf("err").getFirst().error());
    }

    @Test
    void aCallbackOfTheWrongShapeIsRefusedWhenTheStubIsMade() {
        try (Arena arena = Arena.ofConfined()) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Upcalls.stub(RdKafkaCallbacks.cmp.class, (a, b, o) -> 0,
                            RdKafkaCallbacks.error_cb.DESCRIPTOR, arena, "cmp"));
            assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        }
    }
}

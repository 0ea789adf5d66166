package io.rdkafka.client;

import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.PartitionerException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A {@link Partitioner} in Java (mock cluster): it places every record sent without a partition, keyless ones
 * included; what it throws or an out-of-range answer fails that record alone with {@link PartitionerException}
 * (cause kept), both when librdkafka partitions at send time and when it partitions later, once the topic's
 * metadata arrived; the producer goes on working.
 */
class PartitionerTest {
    private static MockKafka kafka;

    @BeforeAll
    static void start() {
        kafka = new MockKafka(1);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    record Call(String topic, byte[] key, int count, String thread) {
    }

    /** Partition = the key's first digit; no key: the last partition. Records every call. */
    static final class ByFirstDigit implements Partitioner {
        final List<Call> calls = new CopyOnWriteArrayList<>();

        @Override
        public int partition(String topic, byte[] key, int partitionCount, Availability availability) {
            calls.add(new Call(topic, key, partitionCount, Thread.currentThread().getName()));
            if (key == null) return partitionCount - 1;
            return (key[0] - '0') % partitionCount;
        }
    }

    private static String newTopic(int partitions) {
        String t = "jpart-" + System.nanoTime();
        kafka.createTopic(t, partitions);
        return t;
    }

    @Test
    void theJavaPartitionerPlacesKeyedAndKeylessRecords() throws Exception {
        String topic = newTopic(4);
        ByFirstDigit partitioner = new ByFirstDigit();
        try (var p = Producer.create(kafka.config().partitioner(partitioner).build(), Serdes.stringSerializer(),
                Serdes.stringSerializer())) {
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            for (String key : List.of("1a", "2b", "3c", "5d")) fs.add(p.send(new ProducerRecord<>(topic, key, "v")));
            fs.add(p.send(new ProducerRecord<>(topic, null, "keyless")));
            fs.add(p.send(new ProducerRecord<>(topic, 0, "7x", "explicit partition")));
            List<Integer> partitions = new ArrayList<>();
            for (var f : fs) partitions.add(f.get(30, TimeUnit.SECONDS).partition());
            assertEquals(List.of(1, 2, 3, 1, 3, 0), partitions);
        }
        assertEquals(5, partitioner.calls.size(), "called once per record without a partition: " + partitioner.calls);
        for (Call c : partitioner.calls) {
            assertEquals(topic, c.topic());
            assertEquals(4, c.count());
        }
        assertArrayEquals("1a".getBytes(StandardCharsets.UTF_8), partitioner.calls.getFirst().key());
        assertTrue(partitioner.calls.stream().anyMatch(c -> c.key() == null), "the keyless record reached it");
    }

    @Test
    void availabilityIsAnsweredDuringTheCallAndRefusedAfterIt() throws Exception {
        String topic = newTopic(2);
        AtomicReference<Partitioner.Availability> kept = new AtomicReference<>();
        List<Boolean> answers = new CopyOnWriteArrayList<>();
        Partitioner firstAvailable = (t, key, count, availability) -> {
            kept.set(availability);
            for (int i = 0; i < count; i++) answers.add(availability.isAvailable(i));
            answers.add(availability.isAvailable(count + 5));
            return 1;
        };
        try (var p = Producer.create(kafka.config().partitioner(firstAvailable).build(), Serdes.stringSerializer(),
                Serdes.stringSerializer())) {
            // Right after the topic's metadata arrives librdkafka may call the partitioner before each partition's
            // broker thread has taken it over (unavailable then): delivered records on both partitions come first.
            for (int partition = 0; partition < 2; partition++) {
                p.send(new ProducerRecord<>(topic, partition, "warm", "v")).get(30, TimeUnit.SECONDS);
            }
            answers.clear();
            assertEquals(1, p.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS).partition());
        }
        assertEquals(List.of(true, true, false), answers, "both partitions led by the mock broker; no partition 7");
        var e = assertThrows(IllegalStateException.class, () -> kept.get().isAvailable(0));
        assertTrue(e.getMessage().contains("only during the partition call"), e.getMessage());
    }

    static final class Boom extends RuntimeException {
        Boom(String m) {
            super(m);
        }
    }

    @Test
    void aThrowingPartitionerFailsThatRecordAloneWithTheCauseKept() throws Exception {
        String topic = newTopic(3);
        Partitioner picky = (t, key, count, availability) -> {
            if (key != null && new String(key, StandardCharsets.UTF_8).startsWith("bad")) throw new Boom("no partition for " + new String(key, StandardCharsets.UTF_8));
            return 2;
        };
        List<KafkaException> handled = new CopyOnWriteArrayList<>();
        try (var p = Producer.create(kafka.config().partitioner(picky).build(), Serdes.stringSerializer(),
                Serdes.stringSerializer())) {
            // the first records go out before the producer knows the topic: librdkafka partitions them later, on
            // its own thread, and fails the bad one in a delivery report
            var early = p.send(new ProducerRecord<>(topic, "bad-early", "v"));
            var good = p.send(new ProducerRecord<>(topic, "good", "v"));
            assertPartitionerFailure(early, "bad-early");
            assertEquals(2, good.get(30, TimeUnit.SECONDS).partition());
            // now the topic is known: librdkafka partitions at send time and produceva fails at once
            var late = p.send(new ProducerRecord<>(topic, "bad-late", "v"));
            assertTrue(late.isDone(), "partitioned (and failed) inside send");
            assertPartitionerFailure(late, "bad-late");
            p.send(new ProducerRecord<>(topic, "bad-handler", "v"), 42, (ctx, t, part, off, err) -> handled.add(err));
            assertEquals(2, p.send(new ProducerRecord<>(topic, "good-again", "v")).get(30, TimeUnit.SECONDS).partition());
            p.flush(Duration.ofSeconds(10));
            assertEquals(0, p.pendingCount());
        }
        assertEquals(1, handled.size());
        assertInstanceOf(PartitionerException.class, handled.getFirst());
        assertInstanceOf(Boom.class, handled.getFirst().getCause());
    }

    private static void assertPartitionerFailure(CompletableFuture<RecordMetadata> f, String key) throws Exception {
        var e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        PartitionerException pe = assertInstanceOf(PartitionerException.class, e.getCause());
        assertEquals("_UNKNOWN_PARTITION", pe.codeName());
        assertInstanceOf(Boom.class, pe.getCause());
        assertEquals("no partition for " + key, pe.getCause().getMessage());
        assertTrue(pe.getMessage().contains("threw"), pe.getMessage());
    }

    @Test
    void aPartitionOutOfRangeFailsTheRecordNamingIt() throws Exception {
        String topic = newTopic(2);
        int[] answers = {2, -1, 1};
        int[] next = {0};
        Partitioner wrong = (t, key, count, availability) -> answers[next[0]++];
        try (var p = Producer.create(kafka.config().partitioner(wrong).build(), Serdes.stringSerializer(),
                Serdes.stringSerializer())) {
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                fs.add(p.send(new ProducerRecord<>(topic, "k" + i, "v")));
                p.flush(Duration.ofSeconds(10)); // one at a time: answers in order
            }
            for (int i = 0; i < 2; i++) {
                int wrongAnswer = answers[i];
                var f = fs.get(i);
                var e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
                PartitionerException pe = assertInstanceOf(PartitionerException.class, e.getCause());
                assertNull(pe.getCause());
                assertTrue(pe.getMessage().contains("returned partition " + wrongAnswer) && pe.getMessage().contains("0..1"),
                        pe.getMessage());
            }
            assertEquals(1, fs.get(2).get(30, TimeUnit.SECONDS).partition());
        }
    }

    @Test
    void dumpShowsTheJavaPartitionerAndEveryRecordReachesIt() {
        KafkaConfig config = kafka.config().partitioner(new ByFirstDigit()).build();
        var dump = config.dump();
        assertEquals("java:" + ByFirstDigit.class.getName(), dump.topic().get("partitioner"));
        assertEquals("0", dump.global().get("sticky.partitioning.linger.ms"));
        KafkaConfig own = kafka.config().partitioner(new ByFirstDigit()).set("sticky.partitioning.linger.ms", "5").build();
        assertEquals("5", own.dump().global().get("sticky.partitioning.linger.ms"), "a setting of the user's stays");
        assertNotEquals(config, kafka.config().build());
        assertEquals(config.javaPartitioner(), config.toBuilder().build().javaPartitioner());
        assertNull(config.toBuilder().partitioner((Partitioner) null).build().javaPartitioner());
    }
}

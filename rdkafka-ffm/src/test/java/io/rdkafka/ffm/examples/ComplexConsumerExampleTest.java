package io.rdkafka.ffm.examples;

import io.rdkafka.ffm.MockCluster;
import io.rdkafka.ffm.RdKafkaLibrary;
import io.rdkafka.ffm.Rk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ComplexConsumerExample} against librdkafka's mock cluster. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ComplexConsumerExampleTest {

    static final int PARTITIONS = 3;
    static final int PER_PARTITION = 20;

    private static MockCluster cluster;
    private static String topic;

    @BeforeAll
    static void produceKnownSet() {
        cluster = new MockCluster(1);
        topic = "complex-" + UUID.randomUUID();
        cluster.createTopic(topic, PARTITIONS);
        Rk.produceAll(cluster.bootstraps(), topic, records(PARTITIONS, PER_PARTITION));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    static List<Rk.Rec> records(int partitions, int perPartition) {
        List<Rk.Rec> records = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            for (int i = 0; i < perPartition; i++) records.add(new Rk.Rec(p, "k" + p + "-" + i, "p" + p + "-v" + i));
        }
        return records;
    }

    /** Raw (-A) output: a "Key: ..." line before each payload line; value -> key. */
    static Map<String, String> rawMessages(ExampleOutput run) {
        Map<String, String> byValue = new HashMap<>();
        String key = null;
        for (String line : run.outLines()) {
            if (line.startsWith("Key: ")) {
                key = line.substring(5);
                continue;
            }
            assertTrue(byValue.put(line, key) == null, "consumed twice: " + line + "\n" + run);
            key = null;
        }
        return byValue;
    }

    static Map<String, String> expected(List<Rk.Rec> records) {
        Map<String, String> byValue = new HashMap<>();
        records.forEach(r -> byValue.put(r.value(), r.key()));
        return byValue;
    }

    @Test
    void subscribesWithTheEagerProtocolConsumesEverythingAndExitsAtTheEnd() {
        ExampleOutput run = ExampleOutput.run(ComplexConsumerExample::run, "-e", "-A", "-g", "g-" + UUID.randomUUID(),
                "-b", cluster.bootstraps(), "-X", "auto.offset.reset=earliest", "-d", "cgrp", topic);
        assertEquals(0, run.status(), run.toString());
        assertEquals(expected(records(PARTITIONS, PER_PARTITION)), rawMessages(run), run.toString());
        assertTrue(run.err().contains("% Subscribing to 1 topics"), run.err());
        assertTrue(run.err().contains("% Consumer group rebalanced: assigned (EAGER):"), run.err());
        assertEquals(PARTITIONS, run.errLinesStartingWith("% Consumer reached end of " + topic), run.err());
        assertTrue(run.err().contains("% All partition(s) reached EOF: exiting"), run.err());
        assertTrue(run.err().contains("% Consumer group rebalanced: revoked (EAGER):"), run.err());
        assertTrue(run.err().contains("% Consumer closed"), run.err());
        // -d cgrp: librdkafka's debug logs arrive through the log queue the main loop serves
        assertTrue(run.err().lines().anyMatch(l -> l.matches("\\d+\\.\\d{3} RDKAFKA-7-\\w+: rdkafka#consumer-\\d+: .*")),
                run.err());
    }

    @Test
    void cooperativeStickyAssignsIncrementally() {
        ExampleOutput run = ExampleOutput.run(ComplexConsumerExample::run, "-e", "-A", "-g", "g-" + UUID.randomUUID(),
                "-b", cluster.bootstraps(), "-X", "auto.offset.reset=earliest",
                "-X", "partition.assignment.strategy=cooperative-sticky", topic);
        assertEquals(0, run.status(), run.toString());
        assertEquals(expected(records(PARTITIONS, PER_PARTITION)), rawMessages(run), run.toString());
        assertTrue(run.err().contains("% Consumer group rebalanced: assigned (COOPERATIVE):"), run.err());
        assertTrue(run.err().contains("% Consumer group rebalanced: revoked (COOPERATIVE):"), run.err());
        assertTrue(!run.err().contains("failure"), run.err());
        assertTrue(run.err().contains("% Consumer closed"), run.err());
    }

    @Test
    void staticAssignmentReadsOnlyTheNamedPartitions() {
        ExampleOutput run = ExampleOutput.run(ComplexConsumerExample::run, "-eA", "-g" + "g-" + UUID.randomUUID(),
                "-b", cluster.bootstraps(), "-X", "auto.offset.reset=earliest", topic + ":0", topic + ":2");
        assertEquals(0, run.status(), run.toString());
        Map<String, String> expected = expected(records(PARTITIONS, PER_PARTITION));
        expected.keySet().removeIf(v -> v.startsWith("p1-"));
        assertEquals(expected, rawMessages(run), run.toString());
        assertTrue(run.err().contains("% Assigning 2 partitions"), run.err());
        assertTrue(!run.err().contains("rebalanced"), run.err());
        assertEquals(2, run.errLinesStartingWith("% Consumer reached end of "), run.err());
    }

    @Test
    void hexdumpIsTheDefaultOutput() {
        String t = "hex-" + UUID.randomUUID();
        cluster.createTopic(t, 1);
        Rk.produceAll(cluster.bootstraps(), t, List.of(new Rk.Rec(0, "key", "Hello, world!\u0001 and a bit more")));
        ExampleOutput run = ExampleOutput.run(ComplexConsumerExample::run, "-e", "-q", "-b", cluster.bootstraps(),
                "-g", "g-" + UUID.randomUUID(), "-X", "auto.offset.reset=earliest", t + ":0");
        assertEquals(0, run.status(), run.toString());
        assertEquals(List.of(
                "Message Key hexdump (3 bytes):",
                "00000000: 6b 65 79                                         key             ",
                "Message Payload hexdump (29 bytes):",
                "00000000: 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 21 01 20 61  Hello, world!. a",
                "00000010: 6e 64 20 61 20 62 69 74 20 6d 6f 72 65           nd a bit more   "), run.outLines());
    }

    @Test
    void withoutTopicsItPrintsUsage() {
        ExampleOutput run = ExampleOutput.run(ComplexConsumerExample::run, "-b", "localhost:1");
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("Usage: ComplexConsumerExample [options] <topic[:part]>"), run.err());
        assertTrue(run.err().contains("librdkafka version " + RdKafkaLibrary.versionString()), run.err());
        assertTrue(run.err().contains("Broker address (localhost:1)"), run.err());
    }

    @Test
    void unknownOptionPrintsUsage() {
        ExampleOutput run = ExampleOutput.run(ComplexConsumerExample::run, "-Z", "t");
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("invalid option -- 'Z'\nUsage:"), run.err());
    }

    @Test
    void confDumpShowsTheConfigurationBeforeTheHandleTakesIt() {
        ExampleOutput run = ExampleOutput.run(ComplexConsumerExample::run, "-X", "client.id=dumped-client",
                "-X", "dump", "-X", "linger.ms=7");
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().startsWith("# Global config\n"), run.out());
        assertTrue(run.outLines().contains("client.id = dumped-client"), run.out());
        // linger.ms is an alias: the dump shows the canonical name
        assertTrue(run.outLines().contains("queue.buffering.max.ms = 7"), run.out());
        assertTrue(run.outLines().contains("log.queue = true"), run.out());
    }

    @Test
    void confListShowsEveryProperty() {
        ExampleOutput run = ExampleOutput.run(ComplexConsumerExample::run, "-X", "list");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("bootstrap.servers"), run.out());
        assertTrue(run.out().contains("enable.partition.eof"), run.out());
        assertTrue(run.outLines().size() > 100, "only " + run.outLines().size() + " lines");
    }

    @Test
    void aBadPropertyIsReported() {
        ExampleOutput run = ExampleOutput.run(ComplexConsumerExample::run, "-X", "no.such.property=1", "t");
        assertEquals(1, run.status());
        assertTrue(run.err().contains("No such configuration property: \"no.such.property\""), run.err());
        ExampleOutput noEquals = ExampleOutput.run(ComplexConsumerExample::run, "-X", "linger.ms", "t");
        assertEquals(1, noEquals.status());
        assertEquals("% Expected -X property=value, not linger.ms\n", noEquals.err());
    }

    @Test
    void hexdumpFormatsLikeTheCProgram() {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        ComplexConsumerExample.hexdump(new java.io.PrintStream(buf, true), "X", new byte[]{0, (byte) 0xff, 'A', 0x7f});
        assertEquals("X hexdump (4 bytes):\n00000000: 00 ff 41 7f                                      ..A.            \n",
                buf.toString());
    }
}

package io.rdkafka.cli;

import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** complex-consumer against a real broker: output, -O, -D, signals, and the rebalance protocol clash. */
@KafkaTest
class ComplexConsumerIT {
    private static final Pattern MESSAGE = Pattern.compile("^% Message \\(topic (\\S+) \\[(\\d+)], offset (\\d+), (\\d+) bytes\\):$",
            Pattern.MULTILINE);

    @Test
    void hexdumpShowsKeyAndPayloadUnderTheMessageLine(KafkaCluster cluster) {
        String topic = "cc-hexdump";
        cluster.createTopic(topic, 1, 1);
        produce(cluster, topic, "key-1\thello, world!\n", "-K", "\\t");
        Cli.Result r = Cli.run("complex-consumer", "-e", "--no-quiet", "-g", "cc-hex", "-X", "auto.offset.reset=earliest",
                "-b", cluster.bootstrapServers(), topic);
        assertEquals(0, r.exit(), r.describe());
        assertEquals("% Message (topic cc-hexdump [0], offset 0, 13 bytes):\n"
                + "Message Key hexdump (5 bytes):\n"
                + "00000000: 6b 65 79 2d 31" + " ".repeat(35) + "key-1" + " ".repeat(11) + "\n"
                + "Message Payload hexdump (13 bytes):\n"
                + "00000000: 68 65 6c 6c 6f 2c 20 77 6f 72 6c 64 21" + " ".repeat(11) + "hello, world!   \n",
                r.stdout());
        assertTrue(r.stderr().contains("% Consumer group rebalanced: assigned (EAGER):\n cc-hexdump [0]\n"), r.stderr());
        assertTrue(r.stderr().contains("% Consumer reached end of cc-hexdump [0] message queue at offset 1"), r.stderr());
        assertTrue(r.stderr().contains("% All partition(s) reached EOF: exiting"), r.stderr());
        assertTrue(r.stderr().contains("% Consumer closed"), r.stderr());
    }

    @Test
    void offsetsAndGroupDescriptionMatchWhatWasCommitted(KafkaCluster cluster) {
        String topic = "cc-offsets";
        String b = cluster.bootstrapServers();
        cluster.createTopic(topic, 2, 1);
        produce(cluster, topic, "a\nb\nc\nd\n", "-p", "0");
        produce(cluster, topic, "e\nf\ng\n", "-p", "1");

        Cli.Result before = Cli.run("complex-consumer", "-O", "-g", "cc-off", "-b", b, topic + ":0", topic + ":1");
        assertEquals(0, before.exit(), before.describe());
        assertEquals("Topic \"cc-offsets\" partition 0 offset -1001\nTopic \"cc-offsets\" partition 1 offset -1001\n",
                before.stdout());

        Cli.Result consumed = Cli.run("complex-consumer", "-e", "-A", "-q", "-g", "cc-off", "-X",
                "auto.offset.reset=earliest", "-b", b, topic);
        assertEquals(0, consumed.exit(), consumed.describe());
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g"), consumed.stdoutLines().stream().sorted().toList());

        Cli.Result after = Cli.run("complex-consumer", "-O", "-g", "cc-off", "-b", b, topic + ":0", topic + ":1");
        assertEquals(0, after.exit(), after.describe());
        assertEquals("Topic \"cc-offsets\" partition 0 offset 4\nTopic \"cc-offsets\" partition 1 offset 3\n", after.stdout());

        // -D needs no topic: the group alone, then every group
        Cli.Result one = Cli.run("complex-consumer", "-D", "-g", "cc-off", "-b", b);
        assertEquals(0, one.exit(), one.describe());
        assertTrue(one.stdout().startsWith("Group \"cc-off\" in state Empty on broker 1 (" + b + ")\n"), one.stdout());
        assertTrue(one.stdout().contains(" Protocol type \"consumer\", protocol \"\", with 0 member(s):\n"), one.stdout());
        Cli.Result all = Cli.run("complex-consumer", "-D", "-b", b);
        assertEquals(0, all.exit(), all.describe());
        assertTrue(all.stdout().contains("Group \"cc-off\" in state Empty"), all.stdout());
        Cli.Result none = Cli.run("complex-consumer", "-D", "-g", "cc-no-such-group", "-b", b);
        assertTrue(none.stderr().contains("% No matching group (cc-no-such-group)")
                || none.stdout().contains("Group \"cc-no-such-group\" in state Dead"), none.describe());
    }

    @Test
    void rawOutputIsByteForByteWhatTheProducerWrote(KafkaCluster cluster) {
        String topic = "cc-raw";
        cluster.createTopic(topic, 1, 1);
        StringBuilder sb = new StringBuilder();
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 500; i++) {
            int len = i % 50 == 0 ? 0 : 1 + rnd.nextInt(300);
            for (int j = 0; j < len; j++) {
                int c = rnd.nextInt(100);
                sb.append(c < 3 ? "é" : c < 5 ? "\u2603" : c < 7 ? "\t" : String.valueOf((char) (' ' + rnd.nextInt(95))));
            }
            sb.append('\n');
        }
        byte[] input = sb.toString().getBytes(StandardCharsets.UTF_8);
        Cli.Result p = Cli.run(input, Duration.ofSeconds(60), "producer", "-t", topic, "-b", cluster.bootstrapServers());
        assertEquals(0, p.exit(), p.describe());
        Cli.Result c = Cli.run("complex-consumer", "-e", "-A", "-q", "-g", "cc-raw", "-X", "auto.offset.reset=earliest",
                "-b", cluster.bootstrapServers(), topic);
        assertEquals(0, c.exit(), c.describe());
        assertEquals(input.length, c.stdoutBytes().length, c.stderr());
        assertTrue(java.util.Arrays.equals(input, c.stdoutBytes()), "raw output differs from the input");
    }

    @Test
    void rawOutputPrintsTheKeyLineBeforeEachKeyedPayload(KafkaCluster cluster) {
        String topic = "cc-raw-keys";
        cluster.createTopic(topic, 1, 1);
        Cli.Result p = Cli.run("k1\tv1\nno key\nk3\t\n".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60),
                "producer", "-t", topic, "-K", "\\t", "-b", cluster.bootstrapServers());
        assertEquals(0, p.exit(), p.describe());
        Cli.Result c = Cli.run("complex-consumer", "-e", "-A", "-q", "-g", "cc-raw-keys", "-X",
                "auto.offset.reset=earliest", "-b", cluster.bootstrapServers(), topic);
        assertEquals(0, c.exit(), c.describe());
        assertEquals("Key: k1\nv1\nno key\nKey: k3\n\n", c.stdout(), c.stderr());
    }

    @Test
    void twoConsumerProtocolMembersShareTheTopicAndReadEveryRecord(KafkaCluster cluster) {
        String topic = "cc-kip848";
        String b = cluster.bootstrapServers();
        String[] member = {"complex-consumer", "-e", "-A", "-q", "-g", "cc-kip848", "-X", "group.protocol=consumer",
                "-X", "auto.offset.reset=earliest", "-b", b, topic};
        if (!io.rdkafka.ffm.RdKafkaLibrary.isAtLeast(2, 4, 0)) {
            Cli.Result r = Cli.run(member);
            assertTrue(r.exit() != 0, r.describe());
            assertTrue(r.stderr().contains("group.protocol") && r.stderr().contains("2.4.0"), r.describe());
            return;
        }
        cluster.createTopic(topic, 4, 1);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 400; i++) lines.append("r").append(i).append('\n');
        produce(cluster, topic, lines.toString());
        Cli.Running first = Cli.start(member);
        Cli.Running second = Cli.start(member);
        Cli.Result r1 = first.await(Duration.ofSeconds(90));
        Cli.Result r2 = second.await(Duration.ofSeconds(90));
        assertEquals(0, r1.exit(), r1.describe());
        assertEquals(0, r2.exit(), r2.describe());
        java.util.Set<String> read = new java.util.TreeSet<>(r1.stdoutLines());
        read.addAll(r2.stdoutLines());
        assertEquals(400, read.size(), "every record read by one member or the other");
        // incremental from librdkafka 2.10.0; the early-access releases follow partition.assignment.strategy (eager)
        String protocol = io.rdkafka.ffm.RdKafkaLibrary.isAtLeast(2, 10, 0) ? "COOPERATIVE" : "EAGER";
        for (Cli.Result r : List.of(r1, r2)) {
            assertTrue(r.stderr().contains("% Consumer group rebalanced: assigned (" + protocol + "):"), r.stderr());
            assertTrue(r.stderr().contains("% Consumer closed"), r.stderr());
        }
    }

    @Test
    void staticAssignmentReadsOnlyTheGivenPartition(KafkaCluster cluster) {
        String topic = "cc-static";
        cluster.createTopic(topic, 2, 1);
        produce(cluster, topic, "zero-1\nzero-2\n", "-p", "0");
        produce(cluster, topic, "one-1\none-2\none-3\n", "-p", "1");
        Cli.Result r = Cli.run("complex-consumer", "-e", "-A", "-q", "-g", "cc-static", "-X", "auto.offset.reset=earliest",
                "-b", cluster.bootstrapServers(), topic + ":1");
        assertEquals(0, r.exit(), r.describe());
        assertEquals("one-1\none-2\none-3\n", r.stdout());
        assertTrue(r.stderr().contains("% Assigning 1 partitions"), r.stderr());
    }

    @Test
    void sigintCommitsWhatWasPrintedAndLeavesTheGroup(KafkaCluster cluster) {
        String topic = "cc-sigint";
        String group = "cc-sigint-g";
        String b = cluster.bootstrapServers();
        cluster.createTopic(topic, 3, 1);
        Cli.Running feed = Cli.start("datagen", "-t", topic, "--rate", "60", "-q", "-b", b);
        Cli.Running c = Cli.start("complex-consumer", "--no-quiet", "-g", group, "-X", "auto.offset.reset=earliest",
                "-b", b, topic);
        try {
            c.awaitStderr(s -> s.contains("% Consumer group rebalanced: assigned (EAGER):"), Duration.ofSeconds(60), "assignment");
            c.awaitStdout(s -> count(MESSAGE, s) >= 30, Duration.ofSeconds(60), "30 messages");

            Cli.Result live = Cli.run("complex-consumer", "-D", "-g", group, "-b", b);
            assertTrue(live.stdout().startsWith("Group \"" + group + "\" in state Stable"), live.stdout());
            assertTrue(live.stdout().contains("with 1 member(s):"), live.stdout());

            long t0 = System.nanoTime();
            c.signal("INT");
            Cli.Result r = c.await(Duration.ofSeconds(30));
            double took = (System.nanoTime() - t0) / 1e9;
            assertEquals(0, r.exit(), r.describe());
            assertTrue(took < 8, "exited " + took + " s after SIGINT");
            assertTrue(r.stderr().contains("% Consumer group rebalanced: revoked (EAGER):"), r.stderr());
            assertTrue(r.stderr().trim().endsWith("% Consumer closed"), r.stderr());

            // what it printed, per partition: the next offset to read
            Map<Integer, Long> next = new TreeMap<>();
            Matcher m = MESSAGE.matcher(r.stdout());
            while (m.find()) next.merge(Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)) + 1, Math::max);
            assertFalse(next.isEmpty(), r.stdout());

            Cli.Result off = Cli.run("complex-consumer", "-O", "-g", group, "-b", b, topic + ":0", topic + ":1", topic + ":2");
            assertEquals(0, off.exit(), off.describe());
            Map<Integer, Long> committed = new HashMap<>();
            Matcher om = Pattern.compile("Topic \"" + topic + "\" partition (\\d) offset (-?\\d+)").matcher(off.stdout());
            while (om.find()) committed.put(Integer.parseInt(om.group(1)), Long.parseLong(om.group(2)));
            for (int p = 0; p < 3; p++) {
                assertEquals(next.getOrDefault(p, -1001L), committed.get(p), "partition " + p + ": printed " + next
                        + ", committed " + off.stdout());
            }

            Cli.Result after = Cli.run("complex-consumer", "-D", "-g", group, "-b", b);
            assertTrue(after.stdout().startsWith("Group \"" + group + "\" in state Empty"), after.stdout());
            assertTrue(after.stdout().contains("with 0 member(s):"), after.stdout());
        } finally {
            c.kill();
            feed.signal("TERM");
            feed.await(Duration.ofSeconds(30));
        }
    }

    @Test
    void anEagerMemberCannotJoinACooperativeGroup(KafkaCluster cluster) {
        String topic = "cc-clash";
        String group = "xoxo13";
        String b = cluster.bootstrapServers();
        cluster.createTopic(topic, 5, 1);
        // the seed README's two windows
        Cli.Running first = Cli.start("complex-consumer", "-A", "-X", "partition.assignment.strategy=cooperative-sticky",
                "-g", group, "-b", b, topic);
        try {
            first.awaitStderr(s -> s.contains("% Consumer group rebalanced: assigned (COOPERATIVE):\n " + topic + " [0], "),
                    Duration.ofSeconds(60), "the cooperative assignment");
            long t0 = System.nanoTime();
            Cli.Result second = Cli.run(null, Duration.ofSeconds(60), "complex-consumer", "-A", "-d", "protocol",
                    "-g", group, "-b", b, topic);
            assertEquals(1, second.exit(), second.describe());
            assertTrue((System.nanoTime() - t0) / 1e9 < 30, "fails promptly");
            List<String> errors = second.stderr().lines().filter(l -> l.startsWith("error: ")).toList();
            assertEquals(1, errors.size(), second.stderr());
            assertTrue(errors.getFirst().contains("Inconsistent group protocol")
                    && errors.getFirst().contains("INCONSISTENT_GROUP_PROTOCOL"), errors.getFirst());
            assertTrue(second.stderr().contains("RDKAFKA-7-"), "-d protocol shows debug logs: " + second.stderr());
            assertEquals("", second.stdout());

            assertTrue(first.process.isAlive(), "the group's member is unaffected: " + first.stderrSoFar());
            first.signal("INT");
            Cli.Result r = first.await(Duration.ofSeconds(30));
            assertEquals(0, r.exit(), r.describe());
            assertTrue(r.stderr().contains("% Consumer group rebalanced: revoked (COOPERATIVE):"), r.stderr());
        } finally {
            first.kill();
        }
    }

    static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    static void produce(KafkaCluster cluster, String topic, String lines, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("producer", "-t", topic, "-q", "-b", cluster.bootstrapServers()));
        args.addAll(List.of(options));
        Cli.Result r = Cli.run(lines.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60), args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.describe());
    }
}

package io.rdkafka.cli;

import io.rdkafka.client.TopicPartition;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing and formatting, in process (no broker, no native library needed except where noted). */
class CommandLineTest {

    private static ComplexConsumerCommand parseConsumer(String... args) {
        CommandLine root = Main.commandLine();
        CommandLine.ParseResult pr = root.parseArgs(args);
        return (ComplexConsumerCommand) pr.subcommand().commandSpec().userObject();
    }

    @Test
    void acceptsTheSeedReadmeCommandLines() {
        ComplexConsumerCommand c = parseConsumer("complex-consumer", "-A", "-X",
                "partition.assignment.strategy=cooperative-sticky", "-g", "xoxo13", "transactions");
        assertTrue(c.raw);
        assertEquals("xoxo13", c.group);
        assertEquals(Map.of("partition.assignment.strategy", "cooperative-sticky"), c.client.propertyMap());
        assertEquals(List.of("transactions"), c.topics);
        assertEquals(ClientOptions.DEFAULT_BROKERS, c.client.brokers);

        ComplexConsumerCommand d = parseConsumer("complex-consumer", "-A", "-d", "protocol", "-g", "xoxo13", "transactions");
        assertEquals("protocol", d.client.debugContexts());

        ComplexConsumerCommand dump = parseConsumer("complex-consumer", "-X", "dump", "x");
        assertTrue(dump.client.dumpRequested());
        assertTrue(dump.client.propertyMap().isEmpty());
    }

    @Test
    void acceptsClusteredAndAttachedShortOptions() {
        ComplexConsumerCommand c = parseConsumer("complex-consumer", "-qeA", "-gmygroup", "-Xa.b=c", "-X", "d.e=f=g",
                "-d", "cgrp", "-d", "fetch", "-b", "h1:1,h2:2", "t1", "t2");
        assertTrue(c.quiet);
        assertTrue(c.exitEof);
        assertTrue(c.raw);
        assertEquals("mygroup", c.group);
        assertEquals(Map.of("a.b", "c", "d.e", "f=g"), c.client.propertyMap());
        assertEquals("cgrp,fetch", c.client.debugContexts());
        assertEquals("h1:1,h2:2", c.client.brokers);
        assertEquals(List.of("t1", "t2"), c.topics);
        assertNull(parseConsumer("complex-consumer", "t").quiet, "quiet defaults to 'stdin is not a terminal'");
        assertFalse(parseConsumer("complex-consumer", "--no-quiet", "t").quiet);
    }

    @Test
    void topicArgumentsAreASubscriptionOrAnAssignment() {
        var sub = ComplexConsumerCommand.Targets.parse(List.of("a", "b"));
        assertTrue(sub.isSubscription());
        assertEquals(List.of("a", "b"), sub.topics());
        var asg = ComplexConsumerCommand.Targets.parse(List.of("a:0", "b:3", "c.d:12"));
        assertFalse(asg.isSubscription());
        assertEquals(List.of(new TopicPartition("a", 0), new TopicPartition("b", 3), new TopicPartition("c.d", 12)),
                asg.partitions());
        assertEquals(2, assertThrows(CliException.class, () -> ComplexConsumerCommand.Targets.parse(List.of("a", "b:1")))
                .exitCode());
        assertThrows(CliException.class, () -> ComplexConsumerCommand.Targets.parse(List.of("a:x")));
        assertThrows(CliException.class, () -> ComplexConsumerCommand.Targets.parse(List.of("a:-1")));
    }

    @Test
    void badPropertySyntaxIsAUsageError() {
        ComplexConsumerCommand c = parseConsumer("complex-consumer", "-X", "novalue", "t");
        CliException e = assertThrows(CliException.class, () -> c.client.propertyMap());
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("novalue"));
    }

    @Test
    void helpShowsDefaults() {
        CommandLine root = Main.commandLine();
        String help = root.getSubcommands().get("complex-consumer").getUsageMessage();
        assertTrue(help.matches("(?s).*-g +<group> +Consumer group.*"), help);
        assertTrue(help.contains("rdkafka_consumer_example"), help);
        assertTrue(help.contains("localhost:9092"), help);
        assertTrue(help.contains("topic1:part1"), help);
        String datagen = root.getSubcommands().get("datagen").getUsageMessage();
        assertTrue(datagen.contains("default: 500ms") && datagen.contains("default: transactions"), datagen);
        String perf = root.getSubcommands().get("perf").getUsageMessage();
        assertTrue(perf.contains("default: 100000") && perf.contains("default: all"), perf);
        assertFalse(help.contains("%n") || help.contains("Could not format"), help);
    }

    @Test
    void hexdumpMatchesTheCExample() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] data = "Hello, Kafka!\u0001\u00ff and more text".getBytes(StandardCharsets.ISO_8859_1);
        Hexdump.write(out, "Message Payload", data, 0, data.length);
        assertEquals("Message Payload hexdump (29 bytes):\n"
                + "00000000: 48 65 6c 6c 6f 2c 20 4b 61 66 6b 61 21 01 ff 20  Hello, Kafka!.. \n"
                + "00000010: 61 6e 64 20 6d 6f 72 65 20 74 65 78 74" + " ".repeat(11) + "and more text   \n",
                out.toString(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        Hexdump.write(empty, "Message Key", new byte[0], 0, 0);
        assertEquals("Message Key hexdump (0 bytes):\n", empty.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void hexdumpLinesHaveTheFixedCWidth() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] data = new byte[21];
        for (int i = 0; i < data.length; i++) data[i] = (byte) ('a' + i);
        Hexdump.write(out, null, data, 0, data.length);
        List<String> lines = out.toString(StandardCharsets.US_ASCII).lines().toList();
        assertEquals(List.of(
                "00000000: 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70  abcdefghijklmnop",
                "00000010: 71 72 73 74 75                                   qrstu           "), lines);
    }

    @Test
    void datagenFollowsTheQuickstartSchema() {
        DatagenCommand.Generator g = new DatagenCommand.Generator(1);
        Set<String> users = new HashSet<>();
        for (int i = 1; i <= 2000; i++) {
            DatagenCommand.Transaction t = g.next();
            assertEquals(i, t.transactionId());
            assertEquals(i - 1, t.purchaseId());
            assertTrue(t.cardId() >= 1 && t.cardId() <= 24);
            assertTrue(t.storeId() >= 1 && t.storeId() <= 7);
            assertTrue(t.userId().matches("User_[1-9]?"), t.userId());
            users.add(t.userId());
        }
        assertEquals(10, users.size(), "User_ and User_1..User_9: " + users);
        assertEquals("{\"transaction_id\":5,\"card_id\":2,\"user_id\":\"User_3\",\"purchase_id\":4,\"store_id\":7}",
                new DatagenCommand.Transaction(5, 2, "User_3", 4, 7).toJson());
    }

    @Test
    void latencyPercentilesAreWithinABucket() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) h.record(v);
        assertEquals(100_000, h.count());
        assertEquals(100_000, h.max());
        assertEquals(1, h.min());
        for (double p : new double[]{50, 90, 99, 99.9}) {
            long exact = (long) Math.ceil(p / 100 * 100_000);
            long got = h.percentile(p);
            assertTrue(got <= exact && got >= exact * 0.96, p + ": " + got + " vs " + exact);
        }
        for (long v = 0; v < 5_000_000; v += 997) {
            assertTrue(LatencyHistogram.lowerBound(LatencyHistogram.index(v)) <= v, "bucket of " + v);
        }
        assertEquals(0, new LatencyHistogram().percentile(99));
    }

    @Test
    void durationsParseAsTheHelpSays() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(20), DurationConverter.parse("20s"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofMinutes(5), DurationConverter.parse("5m"));
        assertEquals(Duration.ofHours(1), DurationConverter.parse("1h"));
        assertEquals(Duration.ofMillis(250), DurationConverter.parse("250"));
        assertEquals(Duration.ofSeconds(3), DurationConverter.parse("PT3S"));
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("soon"));
    }

    @Test
    void producerHelpers() {
        assertEquals("\t", ProducerCommand.unescape("\\t"));
        assertEquals("a\\b", ProducerCommand.unescape("a\\\\b"));
        assertEquals(":", ProducerCommand.unescape(":"));
        assertEquals(2, ProducerCommand.indexOf("k1::v".getBytes(StandardCharsets.UTF_8), "::".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, ProducerCommand.indexOf("k1v".getBytes(StandardCharsets.UTF_8), ":".getBytes(StandardCharsets.UTF_8)));
        byte[] line = "x:a::b:".getBytes(StandardCharsets.UTF_8);
        assertEquals(3, ProducerCommand.indexOf(line, 2, 5, "::".getBytes(StandardCharsets.UTF_8)), "searched from off");
        assertEquals(-1, ProducerCommand.indexOf(line, 2, 2, "::".getBytes(StandardCharsets.UTF_8)), "not past off + len");
        assertEquals(3, ProducerCommand.indexOf(line, 2, 5, ":".getBytes(StandardCharsets.UTF_8)), "first match in range");
        assertEquals(-1, ProducerCommand.indexOf(line, 0, 1, ":".getBytes(StandardCharsets.UTF_8)), "range before any match");
        assertEquals(2, ProducerCommand.parseHeaders(List.of("a=1", "b=x=y")).size());
        assertThrows(CliException.class, () -> ProducerCommand.parseHeaders(List.of("nope")));
    }

    @Test
    void rebalanceListsPrintAsTheCExample() {
        assertEquals(" t [0], t [1], u [7]", ComplexConsumerLoop.list(List.of(new TopicPartition("t", 0),
                new TopicPartition("t", 1), new TopicPartition("u", 7))));
        assertEquals("", ComplexConsumerLoop.list(List.of()));
    }

    @Test
    void jsonOutputEscapes() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", "x\"y");
        m.put("c", Map.of("d", 2.5));
        assertEquals("{\"a\":1,\"b\":\"x\\\"y\",\"c\":{\"d\":2.5}}", PerfCommand.toJson(m));
    }
}

package io.rdkafka.cli;

import io.rdkafka.ffm.RdKafkaLibrary;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import io.rdkafka.testkit.ListenerKind;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** producer, datagen, perf, admin, and what every tool shares (--version, usage errors, -X). */
@KafkaTest
class ToolsIT {

    @Test
    void everyToolPrintsTheBindingAndLibrdkafkaVersions() {
        String lib = "librdkafka " + RdKafkaLibrary.versionString() + " (";
        String features = "builtin.features " + RdKafkaLibrary.builtinFeatures();
        for (String tool : List.of("", "complex-consumer", "producer", "datagen", "perf", "admin")) {
            Cli.Result r = tool.isEmpty() ? Cli.run("--version") : Cli.run(tool, "--version");
            assertEquals(0, r.exit(), r.describe());
            assertTrue(r.stdout().startsWith("rdkafka-java " + VersionInfo.bindingVersion() + " "), tool + ": " + r.stdout());
            assertFalse(VersionInfo.bindingVersion().equals("unknown"), "version resource not filtered");
            assertTrue(r.stdout().contains(lib), tool + ": " + r.stdout());
            assertTrue(r.stdout().contains(features), tool + ": " + r.stdout());
            assertEquals("", r.stderr(), "nothing on stderr (no native-access warning): " + r.stderr());
        }
    }

    @Test
    void usageErrorsAreOneLineWithStatus2() {
        Cli.Result r = Cli.run("complex-consumer", "--bogus", "t");
        assertEquals(2, r.exit(), r.describe());
        List<String> lines = r.stderr().lines().toList();
        assertEquals("error: Unknown option: '--bogus'", lines.getFirst(), r.stderr());
        assertEquals(2, lines.size(), "message and a hint only: " + r.stderr());

        Cli.Result noTopic = Cli.run("complex-consumer", "-b", "127.0.0.1:1");
        assertEquals(2, noTopic.exit(), noTopic.describe());
        assertTrue(noTopic.stderr().startsWith("error: no topic given"), noTopic.stderr());

        Cli.Result noTool = Cli.run();
        assertEquals(2, noTool.exit(), noTool.describe());
    }

    @Test
    void invalidPropertyIsAOneLineErrorNamingIt() {
        Cli.Result r = Cli.run("producer", "-t", "x", "-b", "127.0.0.1:1", "-X", "no.such.property=1");
        assertEquals(1, r.exit(), r.describe());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("error: ") && r.stderr().contains("no.such.property"), r.stderr());

        Cli.Result bad = Cli.run("complex-consumer", "-X", "fetch.wait.max.ms=soon", "t");
        assertEquals(1, bad.exit(), bad.describe());
        assertTrue(bad.stderr().contains("fetch.wait.max.ms"), bad.stderr());
    }

    @Test
    void xDumpPrintsEveryPropertyBeforeAnyClientExistsWithSecretsRedacted() {
        long t0 = System.nanoTime();
        // an address nothing answers on: dump must not need (or wait for) a broker
        Cli.Result r = Cli.run("complex-consumer", "-X", "dump", "-X", "sasl.password=s3cr3t", "-X", "sasl.username=alice",
                "-X", "ssl.key.password=k3y-s3cr3t", "-b", "broker.invalid:9999", "-g", "xoxo13", "x");
        assertEquals(0, r.exit(), r.describe());
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "dump took too long");
        String out = r.stdout();
        assertTrue(out.startsWith("# Global config\n"), out);
        assertTrue(out.contains("\n# Topic config\n"), out);
        assertTrue(out.contains("\nbootstrap.servers = broker.invalid:9999\n"), out);
        assertTrue(out.contains("\ngroup.id = xoxo13\n"), out);
        assertTrue(out.contains("\nsasl.username = alice\n"), out);
        assertTrue(out.contains("\nsasl.password = [redacted]\n"), out);
        assertTrue(out.contains("\nauto.offset.reset = "), "topic properties: " + out);
        assertTrue(out.lines().count() > 100, "every property: " + out.lines().count());
        assertFalse(out.contains("s3cr3t") || r.stderr().contains("s3cr3t"), r.describe());

        // the seed's form, an extra argument after dump included
        Cli.Result seed = Cli.run("complex-consumer", "-X", "dump", "x");
        assertEquals(0, seed.exit(), seed.describe());
        assertTrue(seed.stdout().contains("\nbootstrap.servers = localhost:9092\n"), seed.stdout());
        assertTrue(seed.stdout().contains("\ngroup.id = rdkafka_consumer_example\n"), seed.stdout());
    }

    @Test
    void xListShowsThePropertiesWithDescriptions() {
        Cli.Result r = Cli.run("complex-consumer", "-X", "list");
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.stdout().contains("Global configuration properties"), r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("bootstrap.servers ") && l.contains("|")), "table row");
        assertTrue(r.stdout().contains("Description"), "descriptions");
    }

    @Test
    void producerSendsKeysAndHeadersAndReportsDeliveries(KafkaCluster cluster) {
        String topic = "producer-keys";
        cluster.createTopic(topic, 3, 1);
        byte[] input = "k1:v1\nk2:v2:with:colons\nno key here\nk3:\n".getBytes(StandardCharsets.UTF_8);
        Cli.Result r = Cli.run(input, Duration.ofSeconds(60), "producer", "-t", topic, "-b", cluster.bootstrapServers(),
                "-K", ":", "-H", "trace=abc", "-H", "origin=cli");
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.stderr().contains("4 record(s) sent to topic " + topic + ", 4 delivered, 0 failed"), r.stderr());

        // an independent reader: Apache Kafka's own consumer
        Map<String, String> got = new java.util.TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> rec : readAll(cluster, topic, 4)) {
            String key = rec.key() == null ? "<null>" : new String(rec.key(), StandardCharsets.UTF_8);
            got.put(key, new String(rec.value(), StandardCharsets.UTF_8));
            assertEquals("abc", new String(rec.headers().lastHeader("trace").value(), StandardCharsets.UTF_8));
            assertEquals("cli", new String(rec.headers().lastHeader("origin").value(), StandardCharsets.UTF_8));
        }
        assertEquals(Map.of("k1", "v1", "k2", "v2:with:colons", "<null>", "no key here", "k3", ""), got);
    }

    @Test
    void producerSendsEveryLineAsItIsFromStdinAndFromAFile(KafkaCluster cluster) throws java.io.IOException {
        // more than the tool's 1 MiB read buffer, so that lines straddle its edges: every byte but '\n' (NUL, CR,
        // 0xff, invalid UTF-8), lines of 20-50 KB, empty lines, CRLF endings, a last line without a newline
        java.util.Random r = new java.util.Random(21);
        java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();
        List<byte[]> want = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] line = new byte[i % 50 == 0 ? 20_000 + r.nextInt(30_000) : i % 7 == 0 ? 0 : r.nextInt(300)];
            for (int j = 0; j < line.length; j++) {
                byte b = (byte) r.nextInt(256);
                line[j] = b == '\n' ? (byte) '\r' : b;
            }
            if (i % 11 == 0) line = (new String(line, StandardCharsets.ISO_8859_1) + "\r").getBytes(StandardCharsets.ISO_8859_1);
            want.add(line);
            input.writeBytes(line);
            input.write('\n');
        }
        byte[] last = "tail without newline\r".getBytes(StandardCharsets.UTF_8);
        want.add(last);
        input.writeBytes(last);
        assertTrue(input.size() > 2 << 20, "input spans several read buffers: " + input.size());
        java.nio.file.Path file = java.nio.file.Files.createTempFile("producer-lines", ".bin");
        try {
            java.nio.file.Files.write(file, input.toByteArray());
            for (boolean fromFile : new boolean[]{false, true}) {
                String topic = fromFile ? "producer-lines-file" : "producer-lines-stdin";
                cluster.createTopic(topic, 1, 1);
                List<String> args = new ArrayList<>(List.of("producer", "-t", topic, "-b", cluster.bootstrapServers()));
                if (fromFile) args.addAll(List.of("-f", file.toString()));
                Cli.Result res = Cli.run(fromFile ? null : input.toByteArray(), Duration.ofSeconds(90), args.toArray(String[]::new));
                assertEquals(0, res.exit(), res.describe());
                assertTrue(res.stderr().contains(want.size() + " record(s) sent to topic " + topic + ", " + want.size()
                        + " delivered, 0 failed"), res.stderr());
                List<ConsumerRecord<byte[], byte[]>> got = readAll(cluster, topic, want.size());
                for (int i = 0; i < want.size(); i++) {
                    assertTrue(java.util.Arrays.equals(want.get(i), got.get(i).value()), topic + ": line " + i + " ("
                            + want.get(i).length + " bytes) came back as " + got.get(i).value().length + " bytes");
                    assertEquals(null, got.get(i).key(), "no -K: no key");
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }

        // -K with an escaped delimiter: split at its first occurrence; CR kept; a line without it has no key
        String topic = "producer-lines-keys";
        cluster.createTopic(topic, 1, 1);
        byte[] keyed = "k1\tv1\r\n\tonly value\nno delimiter\n\nk5\tv\t5".getBytes(StandardCharsets.UTF_8);
        Cli.Result res = Cli.run(keyed, Duration.ofSeconds(60), "producer", "-t", topic, "-b", cluster.bootstrapServers(),
                "-K", "\\t", "-q");
        assertEquals(0, res.exit(), res.describe());
        assertEquals("", res.stderr().lines().filter(l -> l.startsWith("%") && l.contains("sent")).findAny().orElse(""),
                "-q: no summary");
        List<String> pairs = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> rec : readAll(cluster, topic, 5)) {
            pairs.add((rec.key() == null ? "<null>" : new String(rec.key(), StandardCharsets.UTF_8)) + "=" + new String(
                    rec.value(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("k1=v1\r", "=only value", "<null>=no delimiter", "<null>=", "k5=v\t5"), pairs);
    }

    @Test
    void producerPlacesEveryKeyWhereKafkaClientsPutsItTheEmptyKeyIncluded(KafkaCluster cluster) {
        String topic = "producer-placement";
        cluster.createTopic(topic, 12, 1);
        StringBuilder input = new StringBuilder(":the empty key\n");
        for (int i = 0; i < 300; i++) input.append("key-").append(i).append(":v").append(i).append('\n');
        Cli.Result r = Cli.run(input.toString().getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60), "producer",
                "-t", topic, "-b", cluster.bootstrapServers(), "-K", ":");
        assertEquals(0, r.exit(), r.describe());
        int emptyKeys = 0;
        Set<Integer> partitions = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> rec : readAll(cluster, topic, 301)) {
            assertEquals(BuiltInPartitioner.partitionForKey(rec.key(), 12), rec.partition(),
                    "key " + new String(rec.key(), StandardCharsets.UTF_8));
            if (rec.key().length == 0) emptyKeys++;
            partitions.add(rec.partition());
        }
        assertEquals(1, emptyKeys);
        assertEquals(12, partitions.size(), "keys spread over every partition");
    }

    @Test
    void producerDumpShowsThePartitionerInEffect() {
        Cli.Result dflt = Cli.run("producer", "-t", "x", "-b", "broker.invalid:9999", "-X", "dump");
        assertEquals(0, dflt.exit(), dflt.describe());
        assertTrue(dflt.stdout().contains("\n# Topic config\n"), dflt.stdout());
        assertTrue(dflt.stdout().contains("\npartitioner = murmur2_random\n"), dflt.stdout());
        Cli.Result back = Cli.run("producer", "-t", "x", "-b", "broker.invalid:9999", "-X",
                "partitioner=consistent_random", "-X", "dump");
        assertEquals(0, back.exit(), back.describe());
        assertTrue(back.stdout().contains("\npartitioner = consistent_random\n"), back.stdout());
        assertFalse(back.stdout().contains("murmur2_random"), back.stdout());
    }

    @Test
    void producerExitsNonZeroWhenRecordsFail(KafkaCluster cluster) {
        String topic = "producer-fails";
        cluster.createTopic(topic, 1, 1);
        Cli.Result r = Cli.run("a\nb\n".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60), "producer", "-t", topic,
                "-p", "7", "-b", cluster.bootstrapServers());
        assertEquals(1, r.exit(), r.describe());
        assertTrue(r.stderr().lines().anyMatch(l -> l.startsWith("error: ")), r.stderr());
        assertTrue(r.stderr().toLowerCase().contains("partition"), r.stderr());
    }

    @Test
    void datagenWritesTheTransactionsQuickstartStream(KafkaCluster cluster) {
        String topic = "datagen-tx";
        cluster.createTopic(topic, 3, 1);
        Cli.Result r = Cli.run("datagen", "-t", topic, "-n", "30", "--max-interval", "5ms", "--seed", "42",
                "-b", cluster.bootstrapServers());
        assertEquals(0, r.exit(), r.describe());
        assertTrue(r.stderr().contains("30 records sent to " + topic + ", 30 delivered, 0 failed"), r.stderr());

        Pattern json = Pattern.compile("\\{\"transaction_id\":(\\d+),\"card_id\":(\\d+),\"user_id\":\"(User_[1-9]?)\","
                + "\"purchase_id\":(\\d+),\"store_id\":(\\d+)}");
        Set<Long> ids = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> rec : readAll(cluster, topic, 30)) {
            String value = new String(rec.value(), StandardCharsets.UTF_8);
            Matcher m = json.matcher(value);
            assertTrue(m.matches(), value);
            long id = Long.parseLong(m.group(1));
            assertEquals(Long.toString(id), new String(rec.key(), StandardCharsets.UTF_8), "key = transaction id");
            assertEquals(BuiltInPartitioner.partitionForKey(rec.key(), 3), rec.partition(),
                    "on the partition kafka-clients' KafkaProducer puts key " + id);
            assertEquals(id - 1, Long.parseLong(m.group(4)), "purchase_id iterates from 0");
            long card = Long.parseLong(m.group(2));
            int store = Integer.parseInt(m.group(5));
            assertTrue(card >= 1 && card <= 24 && store >= 1 && store <= 7, value);
            ids.add(id);
        }
        assertEquals(30, ids.size());
        assertTrue(ids.stream().allMatch(i -> i >= 1 && i <= 30), ids.toString());
    }

    @Test
    void datagenStopsCleanlyOnSigtermAndASecondSignalExitsAtOnce(KafkaCluster cluster) {
        String topic = "datagen-stop";
        cluster.createTopic(topic, 1, 1);
        Cli.Running dg = Cli.start("datagen", "-t", topic, "--max-interval", "20ms", "--progress-interval", "300ms",
                "-b", cluster.bootstrapServers());
        dg.awaitStderr(s -> Pattern.compile("% \\d+ records sent, [1-9]\\d* delivered").matcher(s).find(),
                Duration.ofSeconds(30), "deliveries");
        long t0 = System.nanoTime();
        dg.signal("TERM");
        Cli.Result r = dg.await(Duration.ofSeconds(20));
        assertEquals(0, r.exit(), r.describe());
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "stopped within seconds");
        Matcher m = Pattern.compile("datagen: (\\d+) records sent to " + topic + ", (\\d+) delivered, 0 failed")
                .matcher(r.stderr());
        assertTrue(m.find(), r.stderr());
        assertEquals(m.group(1), m.group(2));

        // nothing can be delivered: the first signal's flush would wait; the second one ends the process now
        Cli.Running stuck = Cli.start("datagen", "-t", topic, "--max-interval", "5ms", "-b", "127.0.0.1:1");
        stuck.awaitStderr(s -> s.contains("% Producing transactions"), Duration.ofSeconds(30), "start");
        Cli.sleep(500);
        stuck.signal("TERM");
        Cli.sleep(1000);
        assertTrue(stuck.process.isAlive(), "still flushing after the first signal: " + stuck.stderrSoFar());
        long t1 = System.nanoTime();
        stuck.signal("TERM");
        Cli.Result forced = stuck.await(Duration.ofSeconds(10));
        assertEquals(1, forced.exit(), forced.describe());
        assertTrue((System.nanoTime() - t1) / 1e9 < 3, "exits at once");
        assertTrue(forced.stderr().contains("Second SIGTERM"), forced.stderr());
    }

    @Test
    void perfProducesAndConsumesAndReportsJson(KafkaCluster cluster) {
        String topic = "perf-json";
        Cli.Result p = Cli.run(null, Duration.ofSeconds(120), "perf", "-P", "-t", topic, "--partitions", "2",
                "-n", "20000", "-s", "200", "--json", "-b", cluster.bootstrapServers());
        assertEquals(0, p.exit(), p.describe());
        String pj = p.stdout().trim();
        assertEquals(1, pj.lines().count(), pj);
        assertEquals(20000, jsonNumber(pj, "messages"), pj);
        assertEquals(0, jsonNumber(pj, "failed"), pj);
        assertEquals(4_000_000, jsonNumber(pj, "bytes"), pj);
        assertTrue(jsonNumber(pj, "msgs_per_sec") > 0 && jsonNumber(pj, "mb_per_sec") > 0, pj);
        double p50 = jsonNumber(pj, "p50");
        double p99 = jsonNumber(pj, "p99");
        assertTrue(p50 > 0 && p99 >= p50 && jsonNumber(pj, "max") >= p99, pj);
        assertTrue(jsonNumber(pj, "peak_rss_kb") > 10_000, pj);

        Cli.Result c = Cli.run(null, Duration.ofSeconds(120), "perf", "-C", "-t", topic, "-n", "20000", "--json",
                "-b", cluster.bootstrapServers());
        assertEquals(0, c.exit(), c.describe());
        String cj = c.stdout().trim();
        assertEquals(20000, jsonNumber(cj, "messages"), cj);
        assertEquals(4_000_000, jsonNumber(cj, "bytes"), cj);
        assertTrue(jsonNumber(cj, "peak_rss_kb") > 10_000, cj);

        Cli.Result g = Cli.run(null, Duration.ofSeconds(120), "perf", "-G", "perf-group", "-t", topic, "-n", "20000",
                "-b", cluster.bootstrapServers());
        assertEquals(0, g.exit(), g.describe());
        assertTrue(g.stdout().contains("% 20000 messages consumed (4000000 bytes)"), g.stdout());
        assertTrue(g.stdout().contains("msgs/s") && g.stdout().contains("MB/s") && g.stdout().contains("% Peak RSS: "),
                g.stdout());
    }

    @Test
    void adminManagesTopicsAndGroupsAndDescribesTheCluster(KafkaCluster cluster) {
        String b = cluster.bootstrapServers();
        Cli.Result cl = Cli.run("admin", "cluster", "-b", b);
        assertEquals(0, cl.exit(), cl.describe());
        assertTrue(cl.stdout().contains("Brokers (1):"), cl.stdout());
        assertTrue(cl.stdout().contains(" at " + b + "\n"), cl.stdout());

        Cli.Result create = Cli.run("admin", "topics", "create", "admin-t1", "-p", "3", "-c", "retention.ms=123456", "-b", b);
        assertEquals(0, create.exit(), create.describe());
        assertEquals("Created topic admin-t1\n", create.stdout());
        Cli.Result again = Cli.run("admin", "topics", "create", "admin-t1", "-p", "3", "-b", b);
        assertEquals(1, again.exit(), again.describe());
        assertTrue(again.stderr().contains("TOPIC_ALREADY_EXISTS"), again.stderr());
        assertEquals(0, Cli.run("admin", "topics", "create", "admin-t1", "--if-not-exists", "-b", b).exit());

        assertTrue(Cli.run("admin", "topics", "list", "-b", b).stdoutLines().contains("admin-t1"));
        Cli.Result cfg = Cli.run("admin", "configs", "--topic", "admin-t1", "-b", b);
        assertEquals(0, cfg.exit(), cfg.describe());
        assertTrue(cfg.stdout().contains("retention.ms = 123456"), cfg.stdout());
        assertEquals(0, Cli.run("admin", "topics", "add-partitions", "admin-t1", "--total", "4", "-b", b).exit());
        Cli.Result desc = Cli.run("admin", "topics", "describe", "admin-t1", "-b", b);
        assertEquals(0, desc.exit(), desc.describe());
        assertTrue(desc.stdout().startsWith("Topic admin-t1 with 4 partition(s):"), desc.stdout());
        assertTrue(desc.stdout().contains("partition 3, leader 1, replicas [1], isrs [1]"), desc.stdout());

        // a group with committed offsets: produce 5, consume them with auto commit at close
        assertEquals(0, Cli.run("1\n2\n3\n4\n5\n".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60), "producer",
                "-t", "admin-t1", "-q", "-b", b).exit());
        Cli.Result consumed = Cli.run("complex-consumer", "-e", "-q", "-A", "-g", "admin-g", "-X",
                "auto.offset.reset=earliest", "-b", b, "admin-t1");
        assertEquals(0, consumed.exit(), consumed.describe());
        assertTrue(Cli.run("admin", "groups", "list", "-b", b).stdoutLines().contains("admin-g\tEmpty"));
        Cli.Result gd = Cli.run("admin", "groups", "describe", "admin-g", "-b", b);
        assertEquals(0, gd.exit(), gd.describe());
        assertTrue(gd.stdout().startsWith("Group \"admin-g\" in state Empty"), gd.stdout());
        assertTrue(gd.stdout().contains("with 0 member(s)"), gd.stdout());
        Cli.Result go = Cli.run("admin", "groups", "offsets", "admin-g", "-b", b);
        assertEquals(0, go.exit(), go.describe());
        long sum = 0;
        Matcher m = Pattern.compile("Topic \"admin-t1\" partition \\d offset (\\d+)").matcher(go.stdout());
        while (m.find()) sum += Long.parseLong(m.group(1));
        assertEquals(5, sum, go.stdout());
        assertEquals(0, Cli.run("admin", "groups", "delete", "admin-g", "-b", b).exit());
        assertFalse(Cli.run("admin", "groups", "list", "-b", b).stdout().contains("admin-g"));

        Cli.Result del = Cli.run("admin", "topics", "delete", "admin-t1", "-b", b);
        assertEquals(0, del.exit(), del.describe());
        assertEquals("Deleted topic admin-t1\n", del.stdout());
        Cli.Result gone = Cli.run("admin", "topics", "describe", "admin-t1", "-b", b);
        assertEquals(1, gone.exit(), gone.describe());
    }

    static double jsonNumber(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\":(-?[0-9.]+)").matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    /** Reads {@code expected} records of a topic from the beginning with Apache Kafka's consumer. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaCluster cluster, String topic, int expected) {
        Properties p = cluster.kafkaClientsConfig(ListenerKind.PLAINTEXT);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "verify-" + topic + "-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        assertEquals(expected, out.size(), "records in " + topic);
        return out;
    }
}

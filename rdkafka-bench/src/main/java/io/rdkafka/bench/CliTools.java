package io.rdkafka.bench;

import io.rdkafka.bench.SideBySide.Result;
import io.rdkafka.bench.SideBySide.Run;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.ListenerKind;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The command-line tools as a user runs them, against kcat on the same librdkafka: whole processes (start,
 * metadata, group join, final flush or close) on {@code records} records of 100 B. {@code bin/rdkafka producer}
 * from stdin and with {@code -f} against {@code kcat -P} from stdin and {@code -l}; {@code bin/complex-consumer
 * -A -q -e} against {@code kcat -G} (librdkafka's high-level consumer, as ours) and {@code kcat -C} (its simple
 * consumer). Every run is counted: what a producer wrote from the topic's end offsets (a fresh topic per run),
 * what a consumer printed from the lines of its stdout (a file); anything but {@code records} fails the run.
 */
final class CliTools {
    static final String PRODUCE_STDIN = "cli-produce-stdin";
    static final String PRODUCE_FILE = "cli-produce-file";
    static final String CONSUME = "cli-consume";
    static final List<String> PRODUCERS = List.of("rdkafka producer", "kcat -P");
    static final List<String> CONSUMERS = List.of("complex-consumer", "kcat -G", "kcat -C");

    private final SideBySide bench;
    private final KafkaCluster cluster;
    private final long records;

    CliTools(SideBySide bench, KafkaCluster cluster, long records) {
        this.bench = bench;
        this.cluster = cluster;
        this.records = records;
    }

    List<Result> run(int repeats) throws Exception {
        List<Result> out = new ArrayList<>();
        Path payload = bench.payloadFile(records, 100);
        for (int r = 0; r < repeats; r++) {
            for (String mode : List.of(PRODUCE_STDIN, PRODUCE_FILE)) {
                for (String tool : r % 2 == 0 ? PRODUCERS : PRODUCERS.reversed()) out.add(produce(tool, mode, payload));
            }
        }
        String topic = bench.topic(cluster);
        bench.runTool(bench.nativeCmd("-P", topic, records, 100, "1"), "fill", false);
        SideBySide.expect("fill " + topic, records, endOffsets(cluster, topic));
        for (int r = 0; r < repeats; r++) {
            for (String tool : r % 2 == 0 ? CONSUMERS : CONSUMERS.reversed()) out.add(consume(tool, topic));
        }
        cluster.deleteTopic(topic);
        return out;
    }

    private Result produce(String tool, String mode, Path payload) throws Exception {
        String topic = bench.topic(cluster);
        boolean file = mode.equals(PRODUCE_FILE);
        String b = bench.bootstrap();
        List<String> cmd = new ArrayList<>();
        if (tool.equals("rdkafka producer")) {
            cmd.addAll(List.of(bench.root().resolve("bin/rdkafka").toString(), "producer", "-q", "-b", b, "-t", topic));
            if (file) cmd.addAll(List.of("-f", payload.toString()));
        } else {
            cmd.addAll(List.of("kcat", "-P", "-b", b, "-t", topic));
            if (file) cmd.addAll(List.of("-l", payload.toString()));
        }
        Run run = bench.runTool(cmd, tool + " " + mode, file ? null : payload, SideBySide.DISCARD);
        long n = SideBySide.expect(tool + " " + mode + " (end offsets of " + topic + ")", records, endOffsets(cluster, topic));
        cluster.deleteTopic(topic);
        return run.result(tool, mode, 100, "-", n / run.wallSec(), n, Map.of());
    }

    private Result consume(String tool, String topic) throws Exception {
        String b = bench.bootstrap();
        String group = "cli-" + tool.replace(' ', '-') + "-" + System.nanoTime();
        List<String> cmd = switch (tool) {
            case "complex-consumer" -> List.of(bench.root().resolve("bin/complex-consumer").toString(), "-A", "-q", "-e",
                    "-b", b, "-g", group, "-X", "auto.offset.reset=earliest", topic);
            case "kcat -G" -> List.of("kcat", "-b", b, "-G", group, "-X", "auto.offset.reset=earliest", "-e", "-q", topic);
            case "kcat -C" -> List.of("kcat", "-b", b, "-C", "-t", topic, "-o", "beginning", "-e", "-q");
            default -> throw new IllegalArgumentException(tool);
        };
        Path stdout = bench.stdoutFile("cli-consume");
        Run run = bench.runTool(cmd, tool + " consume", null, stdout);
        long n = SideBySide.expect(tool + " consume (lines printed)", records, SideBySide.countLinesAndDelete(stdout));
        return run.result(tool, CONSUME, 100, "-", n / run.wallSec(), n, Map.of());
    }

    /** The sum of a topic's end offsets: the records a producer stored in a fresh topic. */
    static long endOffsets(KafkaCluster cluster, String topic) {
        Properties p = cluster.kafkaClientsConfig(ListenerKind.PLAINTEXT);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            return c.endOffsets(parts, Duration.ofSeconds(30)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    // ---- report ---------------------------------------------------------------------------------------

    private static List<Result> select(List<Result> results, String tool, String mode) {
        return results.stream().filter(r -> r.tool().equals(tool) && r.mode().equals(mode)).toList();
    }

    static double medianWall(List<Result> results, String tool, String mode) {
        return SideBySide.median(select(results, tool, mode).stream().map(Result::wallSec).toList());
    }

    static double medianRssMb(List<Result> results, String tool, String mode) {
        return SideBySide.median(select(results, tool, mode).stream().map(r -> r.rssKb() / 1024.0).toList());
    }

    static boolean present(List<Result> results) {
        return results.stream().anyMatch(r -> r.mode().startsWith("cli-"));
    }

    static void report(StringBuilder sb, List<Result> results, long records) {
        sb.append(String.format(Locale.ROOT, "## Command-line tools against kcat: %,d records of 100 B, whole processes%n%n",
                records));
        sb.append("As a user runs them, on the same librdkafka: `bin/rdkafka producer -q` with the records on stdin and "
                + "with `-f file` against `kcat -P` (stdin) and `kcat -P -l file`, default acks; `bin/complex-consumer "
                + "-A -q -e -X auto.offset.reset=earliest` (new group) against `kcat -G` (the same high-level consumer) "
                + "and `kcat -C -o beginning -e` (its simple consumer), stdout to a file. Wall time and peak RSS (GNU "
                + "time) of the whole process; every run checked: end offsets of a fresh topic for the producers, "
                + "lines printed for the consumers. Ratio: kcat's wall time / ours (> 1: ours is faster); median "
                + "over repetitions, tools alternating.\n\n");
        sb.append("| cell | ours: wall s | ours: peak RSS MB | kcat | kcat: wall s | kcat: peak RSS MB | ratio |\n"
                + "|---|---:|---:|---|---:|---:|---:|\n");
        for (String[] c : cells()) {
            double ours = medianWall(results, c[1], c[0]);
            double theirs = medianWall(results, c[3], c[0]);
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f | %s | %.2f | %.1f | **%.2f** |%n", c[2], ours,
                    medianRssMb(results, c[1], c[0]), c[4], theirs, medianRssMb(results, c[3], c[0]), theirs / ours));
        }
        sb.append("\n<details><summary>Every command-line run (wall s; CPU s; peak RSS MB)</summary>\n\n"
                + "| mode | tool | wall s | CPU s | peak RSS MB | records |\n|---|---|---:|---:|---:|---:|\n");
        for (Result r : results) {
            if (!r.mode().startsWith("cli-")) continue;
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.1f | %,d |%n", r.mode(), r.tool(), r.wallSec(),
                    r.cpuSec(), r.rssKb() / 1024.0, r.records()));
        }
        sb.append("\n</details>\n\n");
    }

    /** mode, our tool, label, kcat's tool, its label. */
    private static List<String[]> cells() {
        return List.of(
                new String[]{PRODUCE_STDIN, "rdkafka producer", "producer, stdin", "kcat -P", "`kcat -P` (stdin)"},
                new String[]{PRODUCE_FILE, "rdkafka producer", "producer, `-f file`", "kcat -P", "`kcat -P -l file`"},
                new String[]{CONSUME, "complex-consumer", "complex-consumer", "kcat -G", "`kcat -G`"},
                new String[]{CONSUME, "complex-consumer", "complex-consumer", "kcat -C", "`kcat -C` (stretch)"});
    }

    static void targets(StringBuilder sb, List<Result> results) {
        double ps = medianWall(results, "kcat -P", PRODUCE_STDIN) / medianWall(results, "rdkafka producer", PRODUCE_STDIN);
        SideBySide.target(sb, "producer (stdin) ≥ 0.9 × `kcat -P`", String.format(Locale.ROOT, "%.2f ×", ps), ps >= 0.9);
        double pf = medianWall(results, "kcat -P", PRODUCE_FILE) / medianWall(results, "rdkafka producer", PRODUCE_FILE);
        SideBySide.target(sb, "producer (`-f`) ≥ 0.9 × `kcat -P -l`", String.format(Locale.ROOT, "%.2f ×", pf), pf >= 0.9);
        double cg = medianWall(results, "kcat -G", CONSUME) / medianWall(results, "complex-consumer", CONSUME);
        SideBySide.target(sb, "complex-consumer -A -q -e ≥ 1.0 × `kcat -G`", String.format(Locale.ROOT, "%.2f ×", cg), cg >= 1.0);
        double ccRss = medianRssMb(results, "complex-consumer", CONSUME);
        double kgRss = medianRssMb(results, "kcat -G", CONSUME);
        SideBySide.target(sb, "complex-consumer peak RSS ≤ `kcat -G`'s + 10 MB",
                String.format(Locale.ROOT, "%.1f MB vs %.1f MB + 10 MB", ccRss, kgRss), ccRss <= kgRss + 10);
        double cc = medianWall(results, "kcat -C", CONSUME) / medianWall(results, "complex-consumer", CONSUME);
        SideBySide.target(sb, "complex-consumer ≥ 0.9 × `kcat -C` (stretch)", String.format(Locale.ROOT, "%.2f ×", cc), cc >= 0.9);
    }
}

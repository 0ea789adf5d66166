package io.rdkafka.bench;

import io.rdkafka.bench.SideBySide.Result;
import io.rdkafka.testkit.KafkaCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The seed's scenario: the {@code transactions} topic (5 partitions) fed by {@code bin/rdkafka datagen} at one
 * record every 500 ms, read by three group consumers side by side from the start: {@code bin/complex-consumer -A
 * -q}, {@code kcat -G} (a C group consumer on the same librdkafka) and {@code kafka-console-consumer}. Their
 * resident set is sampled once a second from {@code /proc}; the steady figure is the median of the last 10 s of
 * the window. Then the generator stops and each consumer must have printed exactly the records the topic holds.
 */
final class SeedScenario {
    static final String MODE = "seed-rss";
    static final List<String> TOOLS = List.of("complex-consumer", "kcat -G", "kafka-console-consumer");

    private final SideBySide bench;
    private final KafkaCluster cluster;
    private final int seconds;

    SeedScenario(SideBySide bench, KafkaCluster cluster, int seconds) {
        this.bench = bench;
        this.cluster = cluster;
        this.seconds = seconds;
    }

    List<Result> run(int repeats) throws Exception {
        List<Result> out = new ArrayList<>();
        for (int r = 0; r < repeats; r++) out.addAll(once(r));
        return out;
    }

    private List<Result> once(int round) throws Exception {
        String topic = "transactions-" + round;
        cluster.createTopic(topic, 5, 1);
        String b = bench.bootstrap();
        Path root = bench.root();
        Path log = bench.stdoutFile("seed-datagen");
        Process datagen = start(List.of(root.resolve("bin/rdkafka").toString(), "datagen", "-q", "-b", b, "-t", topic,
                "--rate", "2"), log, log);
        Map<String, Process> consumers = new LinkedHashMap<>();
        Map<String, Path> outputs = new LinkedHashMap<>();
        for (String tool : TOOLS) {
            String group = "seed-" + tool.replace(' ', '-') + "-" + System.nanoTime();
            List<String> cmd = switch (tool) {
                case "complex-consumer" -> List.of(root.resolve("bin/complex-consumer").toString(), "-A", "-q", "-b", b,
                        "-g", group, "-X", "auto.offset.reset=earliest", topic);
                case "kcat -G" -> List.of("kcat", "-b", b, "-G", group, "-X", "auto.offset.reset=earliest", "-q", topic);
                case "kafka-console-consumer" -> bench.kafkaJava("org.apache.kafka.tools.consumer.ConsoleConsumer",
                        List.of("--bootstrap-server", b, "--topic", topic, "--from-beginning", "--group", group),
                        SideBySide.KAFKA_CONSOLE_JVM.toArray(String[]::new));
                default -> throw new IllegalArgumentException(tool);
            };
            Path o = bench.stdoutFile("seed-" + tool.replace(' ', '-'));
            outputs.put(tool, o);
            consumers.put(tool, start(cmd, o, bench.stdoutFile("seed-" + tool.replace(' ', '-') + "-err")));
        }
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        for (String tool : TOOLS) samples.put(tool, new ArrayList<>());
        long t0 = System.nanoTime();
        for (int s = 1; s <= seconds; s++) {
            Thread.sleep(Math.max(0, t0 + s * 1_000_000_000L - System.nanoTime()) / 1_000_000);
            for (String tool : TOOLS) {
                Process p = consumers.get(tool);
                if (!p.isAlive()) throw new IllegalStateException("seed scenario: " + tool + " ended (exit " + p.exitValue() + ")");
                samples.get(tool).add(rssKb(p.pid()));
            }
        }
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (String tool : TOOLS) cpu.put(tool, cpuSeconds(consumers.get(tool).pid()));
        datagen.destroy(); // SIGTERM: it flushes what it sent
        if (!datagen.waitFor(30, TimeUnit.SECONDS)) datagen.destroyForcibly();
        long total = CliTools.endOffsets(cluster, topic);
        if (total < seconds) throw new IllegalStateException("seed scenario: datagen wrote only " + total + " records");
        // what each printed is counted after it ended: kcat's stdout to a file is block-buffered until exit. They get
        // until complex-consumer (which writes at every poll) has printed everything, and 3 s more, to catch up.
        awaitRecords(outputs.get("complex-consumer"), total);
        Thread.sleep(3000);
        for (Process p : consumers.values()) p.destroy(); // SIGTERM: each leaves its group and exits, output flushed
        List<Result> out = new ArrayList<>();
        for (String tool : TOOLS) {
            Process p = consumers.get(tool);
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
            Files.deleteIfExists(bench.stdoutFile("seed-" + tool.replace(' ', '-') + "-err"));
            long printed = count(outputs.get(tool));
            Files.deleteIfExists(outputs.get(tool));
            SideBySide.expect("seed scenario: " + tool + " (records printed)", total, printed);
            List<Long> all = samples.get(tool);
            List<Double> last = all.subList(Math.max(0, all.size() - 10), all.size()).stream().map(Long::doubleValue).toList();
            long steady = Math.round(SideBySide.median(last));
            long peak = all.stream().mapToLong(Long::longValue).max().orElse(0);
            SideBySide.log(String.format(Locale.ROOT, "seed scenario %s: steady RSS %.1f MB, peak %.1f MB, CPU %.2f s, %d records",
                    tool, steady / 1024.0, peak / 1024.0, cpu.get(tool), total));
            out.add(new Result(tool, MODE, 0, "-", total / (double) seconds, cpu.get(tool), seconds, steady, total,
                    Map.of("peak_rss_kb", Long.toString(peak))));
        }
        Files.deleteIfExists(log);
        cluster.deleteTopic(topic);
        return out;
    }

    private static Process start(List<String> cmd, Path stdout, Path stderr) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(stdout.toFile());
        if (stderr.equals(stdout)) pb.redirectErrorStream(true);
        else pb.redirectError(stderr.toFile());
        pb.environment().put("RDKAFKA_CLI_NO_BUILD", "1");
        pb.environment().remove("RDKAFKA_JAVA_OPTS");
        return pb.start(); // the launchers exec the JVM: the pid is the tool's
    }

    /** Waits (up to 30 s) until the file holds {@code want} records (lines starting with '{'). */
    private static void awaitRecords(Path file, long want) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(file) < want && System.nanoTime() < deadline) Thread.sleep(250);
    }

    private static long count(Path file) throws IOException {
        long n = 0;
        boolean atStart = true;
        for (byte b : Files.readAllBytes(file)) {
            if (atStart && b == '{') n++; // the generator's values are JSON objects; complex-consumer -A adds "Key: " lines
            atStart = b == '\n';
        }
        return n;
    }

    static long rssKb(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("\\D", ""));
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    /** User + system CPU seconds of a running process ({@code /proc/<pid>/stat}, clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    // ---- report ---------------------------------------------------------------------------------------

    static boolean present(List<Result> results) {
        return results.stream().anyMatch(r -> r.mode().equals(MODE));
    }

    static double medianSteadyMb(List<Result> results, String tool) {
        return SideBySide.median(results.stream().filter(r -> r.mode().equals(MODE) && r.tool().equals(tool))
                .map(r -> r.rssKb() / 1024.0).toList());
    }

    static void report(StringBuilder sb, List<Result> results, int seconds) {
        sb.append(String.format(Locale.ROOT, "## The seed scenario: steady RSS of a group consumer on a slow stream%n%n"));
        sb.append(String.format(Locale.ROOT, "The `transactions` topic (5 partitions) fed by `bin/rdkafka datagen --rate 2` "
                + "(a record every 500 ms), read side by side from the start by `bin/complex-consumer -A -q`, `kcat -G` "
                + "(a C group consumer on the same librdkafka) and `kafka-console-consumer` (JVM flags of its script) "
                + "for %d s; RSS from `/proc/<pid>/status` once a second, steady = median of the last 10 s; CPU = the "
                + "process's user+system seconds over the window; each consumer then had to print every record the "
                + "topic held.%n%n", seconds));
        sb.append("| tool | steady RSS MB (median of runs) | all runs | peak MB | CPU s |\n|---|---:|---|---:|---:|\n");
        for (String tool : TOOLS) {
            List<Result> rs = results.stream().filter(r -> r.mode().equals(MODE) && r.tool().equals(tool)).toList();
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %.1f | %.2f |%n", tool, medianSteadyMb(results, tool),
                    String.join(", ", rs.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.rssKb() / 1024.0)).toList()),
                    SideBySide.median(rs.stream().map(r -> Double.parseDouble(r.extra().get("peak_rss_kb")) / 1024.0).toList()),
                    SideBySide.median(rs.stream().map(Result::cpuSec).toList())));
        }
        sb.append('\n');
    }

    static void targets(StringBuilder sb, List<Result> results) {
        double cc = medianSteadyMb(results, "complex-consumer");
        SideBySide.target(sb, "seed scenario: complex-consumer steady RSS ≤ 40 MB",
                String.format(Locale.ROOT, "%.1f MB (kcat -G %.1f MB, kafka-console-consumer %.1f MB)", cc,
                        medianSteadyMb(results, "kcat -G"), medianSteadyMb(results, "kafka-console-consumer")), cc <= 40);
    }
}

package io.rdkafka.bench;

import io.rdkafka.ffm.RdKafkaLibrary;
import io.rdkafka.testkit.KafkaCluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the binding's perf tool, a native C program on librdkafka, Apache Kafka's performance tools and
 * kcat side by side against one local broker, alternating tools and repeating each run, and prints the
 * median throughput of each with the ratios binding/native and binding/kafka-clients; then the peak RSS
 * of a group consumer (complex-consumer, kafka-console-consumer, kcat) reading the same records.
 *
 * <p>Run through {@code bench/run}, which builds everything first. Every figure it prints is measured in
 * that run, on that machine.
 */
public final class SideBySide {

    record Result(String tool, String mode, int size, String acks, double msgsPerSec, double mbPerSec, long rssKb) {
    }

    private final Path root;
    private final Path nativeBin;
    private final String kafkaClasspath;
    private final String javaBin;
    private final int repeats;
    private final long count;
    private final long rssRecords;
    private final List<Result> results = new ArrayList<>();
    private String bootstrap;
    private int topicSeq;

    SideBySide(Path root, int repeats, long count, long rssRecords) throws IOException {
        this.root = root;
        this.nativeBin = root.resolve("rdkafka-bench/target/ref_perf");
        this.kafkaClasspath = Files.readString(root.resolve("rdkafka-bench/target/classpath.txt")).trim();
        this.javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.repeats = repeats;
        this.count = count;
        this.rssRecords = rssRecords;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".").toAbsolutePath().normalize();
        int repeats = 3;
        long count = 1_000_000;
        long rss = 2_000_000;
        Path out = root.resolve("docs/benchmarks.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--count" -> count = Long.parseLong(args[++i]);
                case "--rss-records" -> rss = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--root" -> root = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--repeats N, --count N, --rss-records N, --out FILE)");
            }
        }
        new SideBySide(root, repeats, count, rss).run(out);
    }

    void run(Path out) throws Exception {
        try (KafkaCluster cluster = KafkaCluster.builder().brokers(1)
                .jvmOptions("-Xms1g", "-Xmx1g", "-XX:+UseG1GC").start()) {
            bootstrap = cluster.bootstrapServers();
            System.err.println("bench: broker " + bootstrap + ", librdkafka " + RdKafkaLibrary.versionString());
            // warm the broker: page cache, JIT, log segments
            String warm = topic(cluster);
            runTool(nativeCmd("-P", warm, Math.min(count, 500_000), 100, "1"), "warm-up");

            for (int size : new int[]{100, 1024}) {
                long n = size >= 1024 ? Math.max(1, count / 3) : count;
                for (String acks : new String[]{"1", "all"}) {
                    List<String> produceTopics = new ArrayList<>();
                    for (int r = 0; r < repeats; r++) {
                        // alternate the order each repetition so no tool always runs on a cold or warm broker
                        List<String> order = r % 2 == 0 ? List.of("native", "binding", "kafka-clients", "kcat")
                                : List.of("kcat", "kafka-clients", "binding", "native");
                        for (String tool : order) {
                            String t = topic(cluster);
                            produceTopics.add(t);
                            results.add(produce(tool, t, n, size, acks));
                        }
                    }
                    // consume what the native producer wrote in a fresh topic, once per tool per repeat
                    String ct = topic(cluster);
                    runTool(nativeCmd("-P", ct, n, size, acks), "fill");
                    for (int r = 0; r < repeats; r++) {
                        for (String tool : List.of("native", "binding", "kafka-clients", "kcat")) {
                            results.add(consume(tool, ct, n, size, acks));
                        }
                    }
                    for (String t : produceTopics) cluster.deleteTopic(t);
                }
            }
            // footprint: a group consumer reading rssRecords records of 100 B
            String rt = topic(cluster);
            runTool(nativeCmd("-P", rt, rssRecords, 100, "1"), "fill");
            results.add(rss("complex-consumer", rt));
            results.add(rss("kafka-console-consumer", rt));
            results.add(rss("kcat", rt));
        }
        String report = report();
        System.out.println(report);
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        Chart.write(results, out.resolveSibling("benchmarks.png"));
        System.err.println("bench: wrote " + out + " and " + out.resolveSibling("benchmarks.png"));
    }

    private String topic(KafkaCluster cluster) {
        String t = "bench-" + (++topicSeq);
        cluster.createTopic(t, 5, 1);
        return t;
    }

    // ---- tools ------------------------------------------------------------------------------------

    private List<String> nativeCmd(String mode, String topic, long n, int size, String acks) {
        List<String> c = new ArrayList<>(List.of(nativeBin.toString(), mode, "-b", bootstrap, "-t", topic,
                "-n", Long.toString(n), "-s", Integer.toString(size)));
        if (mode.equals("-P")) c.addAll(List.of("-X", "acks=" + acks));
        else c.addAll(List.of("-g", "native-" + topic + "-" + System.nanoTime()));
        return c;
    }

    /** The binding's perf tool through its launcher, so its JVM flags are the ones users get. */
    private List<String> bindingCmd(List<String> toolArgs) {
        List<String> c = new ArrayList<>(List.of(root.resolve("bin/rdkafka").toString()));
        c.addAll(toolArgs);
        return c;
    }

    private List<String> kafkaJava(String main, List<String> args, String... jvm) {
        List<String> c = new ArrayList<>(List.of(javaBin));
        c.addAll(List.of(jvm));
        c.addAll(List.of("-cp", kafkaClasspath, main));
        c.addAll(args);
        return c;
    }

    private Result produce(String tool, String topic, long n, int size, String acks) throws Exception {
        switch (tool) {
            case "native" -> {
                Map<String, String> j = json(runTool(nativeCmd("-P", topic, n, size, acks), tool));
                return new Result(tool, "produce", size, acks, d(j, "msgs_per_sec"), d(j, "mb_per_sec"), -1);
            }
            case "binding" -> {
                Map<String, String> j = json(runTool(bindingCmd(List.of("perf", "-P", "-b", bootstrap, "-t", topic,
                        "-n", Long.toString(n), "-s", Integer.toString(size), "-a", acks, "--json")), tool));
                return new Result(tool, "produce", size, acks, d(j, "msgs_per_sec"), d(j, "mb_per_sec"), -1);
            }
            case "kafka-clients" -> {
                // tuned like librdkafka's defaults: linger 5 ms, up to 1 MB batches
                String outText = runTool(kafkaJava("org.apache.kafka.tools.ProducerPerformance", List.of(
                        "--topic", topic, "--num-records", Long.toString(n), "--record-size", Integer.toString(size),
                        "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=" + acks,
                        "linger.ms=5", "batch.size=1000000", "buffer.memory=268435456", "compression.type=none"),
                        "-Xmx1g", "-XX:+UseG1GC"), tool);
                Matcher m = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\)")
                        .matcher(outText);
                double rps = 0;
                double mbs = 0;
                while (m.find()) { // the last summary line is the total
                    rps = Double.parseDouble(m.group(2));
                    mbs = Double.parseDouble(m.group(3));
                }
                return new Result(tool, "produce", size, acks, rps, mbs, -1);
            }
            case "kcat" -> {
                Path file = payloadFile(n, size);
                long t0 = System.nanoTime();
                runTool(List.of("kcat", "-P", "-b", bootstrap, "-t", topic, "-X", "acks=" + acks, "-l", file.toString()), tool);
                double secs = (System.nanoTime() - t0) / 1e9;
                return new Result(tool, "produce", size, acks, n / secs, n * (double) size / secs / 1048576, -1);
            }
            default -> throw new IllegalArgumentException(tool);
        }
    }

    private Result consume(String tool, String topic, long n, int size, String acks) throws Exception {
        String group = tool + "-" + topic + "-" + System.nanoTime();
        switch (tool) {
            case "native" -> {
                Map<String, String> j = json(runTool(nativeCmd("-C", topic, n, size, acks), tool));
                return new Result(tool, "consume", size, acks, d(j, "msgs_per_sec"), d(j, "mb_per_sec"), -1);
            }
            case "binding" -> {
                Map<String, String> j = json(runTool(bindingCmd(List.of("perf", "-G", group, "-b", bootstrap, "-t", topic,
                        "-n", Long.toString(n), "--json")), tool));
                return new Result(tool, "consume", size, acks, d(j, "msgs_per_sec"), d(j, "mb_per_sec"), -1);
            }
            case "kafka-clients" -> {
                String outText = runTool(kafkaJava("org.apache.kafka.tools.ConsumerPerformance", List.of(
                        "--bootstrap-server", bootstrap, "--topic", topic, "--messages", Long.toString(n),
                        "--group", group, "--fetch-size", "1048576", "--timeout", "60000"), "-Xmx1g", "-XX:+UseG1GC"), tool);
                // data line: start, end, MB, MB/s, nMsg, nMsg/s, rebalance ms, fetch ms, fetch MB/s, fetch nMsg/s
                String[] last = null;
                for (String line : outText.split("\n")) {
                    String[] f = line.split(",\\s*");
                    if (f.length >= 10 && f[0].matches("\\d{4}-.*")) last = f;
                }
                if (last == null) throw new IllegalStateException("no ConsumerPerformance result in:\n" + outText);
                return new Result(tool, "consume", size, acks, Double.parseDouble(last[9].trim()),
                        Double.parseDouble(last[8].trim()), -1);
            }
            case "kcat" -> {
                long t0 = System.nanoTime();
                runTool(List.of("kcat", "-C", "-b", bootstrap, "-t", topic, "-o", "beginning", "-e", "-q",
                        "-f", ""), tool);
                double secs = (System.nanoTime() - t0) / 1e9;
                return new Result(tool, "consume", size, acks, n / secs, n * (double) size / secs / 1048576, -1);
            }
            default -> throw new IllegalArgumentException(tool);
        }
    }

    /** Peak RSS (GNU time's %M, in KB) of a group consumer reading every record of {@code topic}. */
    private Result rss(String tool, String topic) throws Exception {
        String group = "rss-" + tool + "-" + System.nanoTime();
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "PEAK_RSS_KB=%M"));
        switch (tool) {
            case "complex-consumer" -> cmd.addAll(List.of(root.resolve("bin/complex-consumer").toString(),
                    "-q", "-e", "-b", bootstrap, "-g", group, topic));
            case "kafka-console-consumer" -> cmd.addAll(kafkaJava("org.apache.kafka.tools.consumer.ConsoleConsumer",
                    List.of("--bootstrap-server", bootstrap, "--topic", topic, "--from-beginning", "--group", group,
                            "--max-messages", Long.toString(rssRecords)),
                    // the flags kafka-console-consumer.sh runs with
                    "-Xmx512M", "-server", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                    "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent",
                    "-Djava.awt.headless=true"));
            case "kcat" -> cmd.addAll(List.of("kcat", "-b", bootstrap, "-G", group, "-o", "beginning", "-e", "-q",
                    "-f", "", topic));
            default -> throw new IllegalArgumentException(tool);
        }
        String outText = runTool(cmd, tool + " (rss)");
        Matcher m = Pattern.compile("PEAK_RSS_KB=(\\d+)").matcher(outText);
        long kb = m.find() ? Long.parseLong(m.group(1)) : -1;
        return new Result(tool, "rss", 100, "-", 0, 0, kb);
    }

    private Path payloadFile(long n, int size) throws IOException {
        Path f = root.resolve("rdkafka-bench/target/payload-" + n + "-" + size + ".txt");
        if (Files.exists(f)) return f;
        byte[] line = new byte[size];
        java.util.Arrays.fill(line, (byte) 'x');
        line[size - 1] = '\n'; // kcat -l: one message per line; the newline is not sent
        try (var os = new java.io.BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
            for (long i = 0; i < n; i++) os.write(line);
        }
        return f;
    }

    private String runTool(List<String> cmd, String label) throws Exception {
        System.err.println("bench: " + label + ": " + String.join(" ", cmd.size() > 12 ? cmd.subList(0, 12) : cmd)
                + (cmd.size() > 12 ? " ..." : ""));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(label + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(label + " exited with " + p.exitValue() + ":\n" + tail(outText));
        }
        return outText;
    }

    private static String tail(String s) {
        String[] lines = s.split("\n");
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 30), lines.length));
    }

    /** The last JSON object line of a tool's output, flattened to strings. */
    static Map<String, String> json(String outText) {
        String line = null;
        for (String l : outText.split("\n")) if (l.trim().startsWith("{")) line = l.trim();
        if (line == null) throw new IllegalStateException("no JSON result line in:\n" + tail(outText));
        Map<String, String> m = new LinkedHashMap<>();
        Matcher kv = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\"[^\"]*\"|[-\\d.eE+]+|true|false|null)").matcher(line);
        while (kv.find()) m.put(kv.group(1), kv.group(2).replace("\"", ""));
        return m;
    }

    private static double d(Map<String, String> j, String key) {
        String v = j.get(key);
        if (v == null) throw new IllegalStateException("result has no " + key + ": " + j);
        return Double.parseDouble(v);
    }

    static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        if (s.isEmpty()) return Double.NaN;
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    double medianOf(String tool, String mode, int size, String acks) {
        return median(results.stream().filter(r -> r.tool.equals(tool) && r.mode.equals(mode) && r.size == size
                && r.acks.equals(acks)).map(Result::msgsPerSec).toList());
    }

    String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Benchmarks\n\n");
        sb.append(String.format(Locale.ROOT, "Measured %s by `bench/run` (median of %d runs per cell, tools alternated) "
                        + "on %d cores, %s, JDK %s, librdkafka %s, against one local Kafka broker from the test kit "
                        + "(topics with 5 partitions). %,d records per run (a third of that for 1 KB), %,d for the "
                        + "footprint run.%n%n", LocalDate.now(), repeats, Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), Runtime.version(),
                RdKafkaLibrary.versionString(), count, rssRecords));
        sb.append("Configurations are pinned alike: librdkafka defaults (linger.ms=5, batch.size=1000000) for the "
                + "native program, the binding and kcat; kafka-clients' ProducerPerformance with linger.ms=5, "
                + "batch.size=1000000; ConsumerPerformance with --fetch-size 1048576 (its fetch rate, which excludes "
                + "the group join, as the others time from the first record). kcat figures include process start.\n\n");
        sb.append("| mode | size | acks | native msg/s | binding msg/s | kafka-clients msg/s | kcat msg/s | "
                + "binding/native | binding/kafka-clients |\n|---|---|---|---|---|---|---|---|---|\n");
        for (String mode : List.of("produce", "consume")) {
            for (int size : new int[]{100, 1024}) {
                for (String acks : new String[]{"1", "all"}) {
                    double nat = medianOf("native", mode, size, acks);
                    double bin = medianOf("binding", mode, size, acks);
                    double kc = medianOf("kafka-clients", mode, size, acks);
                    double kcat = medianOf("kcat", mode, size, acks);
                    if (Double.isNaN(nat)) continue;
                    sb.append(String.format(Locale.ROOT, "| %s | %d B | %s | %,.0f | %,.0f | %,.0f | %,.0f | %.2f | %.2f |%n",
                            mode, size, acks, nat, bin, kc, kcat, bin / nat, bin / kc));
                }
            }
        }
        sb.append("\nPeak RSS of a group consumer reading the footprint topic:\n\n| tool | peak RSS |\n|---|---|\n");
        long cc = -1;
        long kcc = -1;
        long kcat = -1;
        for (Result r : results) {
            if (!r.mode.equals("rss")) continue;
            sb.append(String.format(Locale.ROOT, "| %s | %.1f MB |%n", r.tool, r.rssKb / 1024.0));
            switch (r.tool) {
                case "complex-consumer" -> cc = r.rssKb;
                case "kafka-console-consumer" -> kcc = r.rssKb;
                default -> kcat = r.rssKb;
            }
        }
        if (cc > 0 && kcc > 0 && kcat > 0) {
            sb.append(String.format(Locale.ROOT, "%ncomplex-consumer / kafka-console-consumer = %.2f; complex-consumer - kcat "
                    + "= %.1f MB%n", cc / (double) kcc, (cc - kcat) / 1024.0));
        }
        sb.append("\n![throughput](benchmarks.png)\n");
        return sb.toString();
    }
}

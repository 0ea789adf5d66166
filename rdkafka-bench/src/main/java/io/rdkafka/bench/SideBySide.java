package io.rdkafka.bench;

import io.rdkafka.ffm.RdKafkaLibrary;
import io.rdkafka.testkit.KafkaCluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the binding's perf tool, a native C program on librdkafka, Apache Kafka's performance tools and
 * kcat side by side against one local broker, alternating tools and repeating each run, and writes the
 * median throughput of each with the ratios binding/native and binding/kafka-clients; the process CPU
 * time of every run; end-to-end latency at a fixed rate (binding vs native); then the peak RSS of a group
 * consumer (complex-consumer, kafka-console-consumer, kcat) reading the same records; the command-line tools
 * against kcat ({@link CliTools}); the seed scenario's steady RSS ({@link SeedScenario}). Every run is checked
 * for the exact number of records it was meant to process, and fails the whole run otherwise.
 *
 * <p>Run through {@code bench/run}, which builds everything first. Every figure it writes is measured in
 * that run, on that machine. Text below the {@value #ANALYSIS_MARKER} line of an existing report is kept.
 */
public final class SideBySide {
    static final String ANALYSIS_MARKER = "<!-- analysis: kept by bench/run -->";

    /** The chart beside a report: benchmarks.md has benchmarks.png, benchmarks-2.14.md benchmarks-2.14.png. */
    /** Where this run's report goes (its chart is named after it). */
    private Path reportPath = Path.of("benchmarks.md");

    static String chartName(Path report) {
        String name = report.getFileName().toString();
        return (name.endsWith(".md") ? name.substring(0, name.length() - 3) : name) + ".png";
    }
    /** drop-in: rdkafka-kafka-clients' RdKafkaProducer/RdKafkaConsumer driven as kafka-clients' tools drive theirs. */
    static final List<String> TOOLS = List.of("native", "binding", "kafka-clients", "drop-in", "kcat");
    static final List<String> RSS_TOOLS = List.of("complex-consumer", "kafka-console-consumer", "kcat");

    /**
     * One run. {@code msgsPerSec} as the tool measured it; {@code cpuSec} user+system CPU of the whole
     * process (JVM start included), {@code wallSec} its wall time, {@code rssKb} its peak RSS (GNU time).
     */
    record Result(String tool, String mode, int size, String acks, double msgsPerSec, double cpuSec, double wallSec,
                  long rssKb, long records, Map<String, String> extra) {
    }

    private final Path root;
    private final Path nativeBin;
    private final String kafkaClasspath;
    private final String javaBin;
    private final int repeats;
    private final long count;
    private final long rssRecords;
    private final double latencyRate;
    private final double latencySeconds;
    private final long longCount;
    private final long cliRecords;
    private final int seedSeconds;
    private final List<String> args;
    private final List<Result> results = new ArrayList<>();
    private final Map<String, String> loads = new LinkedHashMap<>();
    private final Path tmp;
    private String bootstrap;
    private KafkaCluster cluster;
    private int topicSeq;
    private List<String> launcherJvmFlags;

    SideBySide(Path root, int repeats, long count, long rssRecords, double latencyRate, double latencySeconds,
               long longCount, long cliRecords, int seedSeconds, List<String> args) throws IOException {
        this.root = root;
        // bench/run passes a snapshot of ref_perf and runs this from a snapshot of the classpath (see there)
        this.nativeBin = Path.of(System.getProperty("bench.ref_perf", root.resolve("rdkafka-bench/target/ref_perf").toString()));
        this.kafkaClasspath = System.getProperty("java.class.path");
        this.javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.repeats = repeats;
        this.count = count;
        this.rssRecords = rssRecords;
        this.latencyRate = latencyRate;
        this.latencySeconds = latencySeconds;
        this.longCount = longCount;
        this.cliRecords = cliRecords;
        this.seedSeconds = seedSeconds;
        this.args = args;
        this.tmp = Files.createDirectories(root.resolve("rdkafka-bench/target/bench-runs"));
    }

    public static void main(String[] argv) throws Exception {
        Path root = Path.of(".").toAbsolutePath().normalize();
        int repeats = 3;
        long count = 2_000_000;
        long rss = 2_000_000;
        double rate = 20_000;
        double latSecs = 10;
        long longCount = 5_000_000;
        long cliRecords = 3_000_000;
        int seedSeconds = 30;
        Path out = null;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--repeats" -> repeats = Integer.parseInt(argv[++i]);
                case "--count" -> count = Long.parseLong(argv[++i]);
                case "--rss-records" -> rss = Long.parseLong(argv[++i]);
                case "--latency-rate" -> rate = Double.parseDouble(argv[++i]);
                case "--latency-seconds" -> latSecs = Double.parseDouble(argv[++i]);
                case "--long-count" -> longCount = Long.parseLong(argv[++i]);
                case "--cli-records" -> cliRecords = Long.parseLong(argv[++i]);
                case "--seed-seconds" -> seedSeconds = Integer.parseInt(argv[++i]);
                case "--out" -> out = Path.of(argv[++i]);
                case "--root" -> root = Path.of(argv[++i]);
                default -> throw new IllegalArgumentException("unknown option " + argv[i]
                        + " (--repeats N, --count N, --rss-records N, --latency-rate N (0: skip), "
                        + "--latency-seconds S, --long-count N (0: skip), --cli-records N (0: skip), "
                        + "--seed-seconds S (0: skip), --out FILE)");
            }
        }
        if (out == null) out = root.resolve("docs/benchmarks.md");
        new SideBySide(root, repeats, count, rss, rate, latSecs, longCount, cliRecords, seedSeconds, List.of(argv))
                .run(out.toAbsolutePath());
    }

    void run(Path out) throws Exception {
        reportPath = out;
        long started = System.nanoTime();
        load("start");
        launcherJvmFlags = launcherJvmFlags();
        try (KafkaCluster cluster = KafkaCluster.builder().brokers(1)
                .jvmOptions("-Xms1g", "-Xmx1g", "-XX:+UseG1GC").start()) {
            bootstrap = cluster.bootstrapServers();
            this.cluster = cluster;
            log("broker " + bootstrap + ", librdkafka " + RdKafkaLibrary.versionString());
            // warm the broker: page cache, JIT, log segments
            String warm = topic(cluster);
            runTool(nativeCmd("-P", warm, Math.min(count, 500_000), 100, "1"), "warm-up", false);
            cluster.deleteTopic(warm);
            warmLaunchers(cluster);

            for (int size : new int[]{100, 1024}) {
                long n = size >= 1024 ? Math.max(1, count / 3) : count;
                for (String acks : new String[]{"1", "all"}) {
                    List<String> produceTopics = new ArrayList<>();
                    for (int r = 0; r < repeats; r++) {
                        for (String tool : order(r)) {
                            String t = topic(cluster);
                            produceTopics.add(t);
                            results.add(produce(tool, t, n, size, acks));
                        }
                    }
                    for (String t : produceTopics) cluster.deleteTopic(t);
                    load("produce " + size + " B acks=" + acks);
                }
                // consume: what the native producer wrote to a fresh topic, every tool from the start with a
                // fresh group, alternating
                String ct = topic(cluster);
                runTool(nativeCmd("-P", ct, n, size, "1"), "fill", false);
                for (int r = 0; r < repeats; r++) {
                    for (String tool : order(r)) results.add(consume(tool, ct, n, size));
                }
                cluster.deleteTopic(ct);
                load("consume " + size + " B");
            }
            if (latencyRate > 0) {
                for (int r = 0; r < repeats; r++) {
                    for (String tool : r % 2 == 0 ? List.of("native", "binding") : List.of("binding", "native")) {
                        String t = topic(cluster);
                        results.add(latency(tool, t));
                        cluster.deleteTopic(t);
                    }
                }
                load("latency");
            }
            if (longCount > 0) {
                // long runs, native vs binding only: the JVM's fixed costs (start-up is not timed, JIT
                // compilation is) spread over more records
                String ct = topic(cluster);
                runTool(nativeCmd("-P", ct, longCount, 100, "1"), "fill", false);
                for (int r = 0; r < repeats; r++) {
                    for (String tool : r % 2 == 0 ? List.of("native", "binding") : List.of("binding", "native")) {
                        String t = topic(cluster);
                        Result p = produce(tool, t, longCount, 100, "1");
                        results.add(new Result(p.tool(), "produce-long", p.size(), p.acks(), p.msgsPerSec(), p.cpuSec(),
                                p.wallSec(), p.rssKb(), p.records(), p.extra()));
                        cluster.deleteTopic(t);
                        Result c = consume(tool, ct, longCount, 100);
                        results.add(new Result(c.tool(), "consume-long", c.size(), c.acks(), c.msgsPerSec(), c.cpuSec(),
                                c.wallSec(), c.rssKb(), c.records(), c.extra()));
                    }
                }
                cluster.deleteTopic(ct);
                load("long runs");
            }
            // footprint: a group consumer reading rssRecords records of 100 B, printing every value
            String rt = topic(cluster);
            runTool(nativeCmd("-P", rt, rssRecords, 100, "1"), "fill", false);
            for (int r = 0; r < repeats; r++) {
                List<String> order = r % 2 == 0 ? RSS_TOOLS : RSS_TOOLS.reversed();
                for (String tool : order) results.add(rss(tool, rt));
            }
            cluster.deleteTopic(rt);
            load("footprint");
            if (cliRecords > 0) {
                CliTools cli = new CliTools(this, cluster, cliRecords);
                results.addAll(cli.run(repeats));
                load("command-line tools");
            }
            if (seedSeconds > 0) {
                results.addAll(new SeedScenario(this, cluster, seedSeconds).run(repeats));
                load("seed scenario");
            }
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        String report = report(minutes);
        String kept = "";
        if (Files.exists(out)) {
            String old = Files.readString(out);
            int at = old.indexOf(ANALYSIS_MARKER);
            if (at >= 0) kept = old.substring(at + ANALYSIS_MARKER.length());
        }
        Files.createDirectories(out.getParent());
        Path chart = out.resolveSibling(chartName(out));
        try {
            Chart.write(results, chart);
        } catch (Exception | Error e) {
            // AWT needs fontconfig and fonts, which a minimal chroot lacks: the figures matter, the picture does not
            log("no chart drawn (" + e + "); the report goes without it");
            report = report.replace("![throughput](" + chartName(out) + ")\n\n", "");
            chart = null;
        }
        Files.writeString(out, report + "\n" + ANALYSIS_MARKER + kept);
        Files.writeString(tmp.resolve("results.tsv"), tsv());
        System.out.println(report);
        log("wrote " + out + (chart == null ? "" : ", " + chart) + " and " + tmp.resolve("results.tsv")
                + String.format(Locale.ROOT, " in %.1f min", minutes));
    }

    private static List<String> order(int r) {
        // alternate the order each repetition so no tool always runs first or last
        return r % 2 == 0 ? TOOLS : TOOLS.reversed();
    }

    String topic(KafkaCluster cluster) {
        String t = "bench-" + (++topicSeq);
        cluster.createTopic(t, 5, 1);
        return t;
    }

    private void load(String phase) {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            loads.put(phase, f[0] + " " + f[1] + " " + f[2]);
        } catch (IOException e) {
            loads.put(phase, "unknown");
        }
    }

    static void log(String s) {
        System.err.println("bench: " + s);
    }

    /**
     * The launcher's first two runs of a tool write its class list, then dump its class-data archive
     * (scripts/common.sh, rdk_cli_cds): done here, untimed, so every measured run maps the archive as a user's
     * runs do from the third on.
     */
    /** {@return the broker's bootstrap address} */
    String bootstrap() {
        return bootstrap;
    }

    /** {@return the checkout the tools are run from} */
    Path root() {
        return root;
    }

    private void warmLaunchers(KafkaCluster cluster) throws Exception {
        String t = topic(cluster);
        for (int i = 0; i < 2; i++) {
            runTool(bindingCmd(List.of("perf", "-P", "-b", bootstrap, "-t", t, "-n", "100000", "-s", "100", "--json")),
                    "launcher warm-up", false);
            runTool(bindingCmd(List.of("perf", "-G", "warm-" + i + "-" + System.nanoTime(), "-b", bootstrap, "-t", t,
                    "-n", "100000", "--json")), "launcher warm-up", false);
            runTool(List.of(root.resolve("bin/complex-consumer").toString(), "-A", "-q", "-e", "-b", bootstrap,
                    "-g", "warm-cc-" + i + "-" + System.nanoTime(), "-X", "auto.offset.reset=earliest", t),
                    "launcher warm-up", true);
            runTool(bindingCmd(List.of("producer", "-q", "-b", bootstrap, "-t", t)), "launcher warm-up",
                    payloadFile(10_000, 100), DISCARD);
            runTool(bindingCmd(List.of("datagen", "-q", "-b", bootstrap, "-t", t, "-n", "20", "--rate", "1000")),
                    "launcher warm-up", true);
        }
        cluster.deleteTopic(t);
    }

    // ---- tools ------------------------------------------------------------------------------------

    List<String> nativeCmd(String mode, String topic, long n, int size, String acks) {
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

    /** The JVM flags bin/rdkafka runs its tools with, without the CDS archive (tied to the CLI's jar). */
    private List<String> launcherJvmFlags() throws Exception {
        String script = "source scripts/common.sh; rdk_find_jdk; RDKAFKA_NO_CDS=1 rdk_cli_java_opts; "
                + "printf '%s\\n' \"${RDK_CLI_JAVA_OPTS[@]}\"";
        Run r = runTool(List.of("bash", "-c", script), "launcher flags", false);
        List<String> flags = r.out.lines().map(String::trim).filter(s -> s.startsWith("-")).toList();
        log("launcher JVM flags: " + String.join(" ", flags));
        return flags;
    }

    /** The drop-in runs on the kafka-clients cells' JVM flags (it replaces KafkaProducer/KafkaConsumer in their JVM). */
    private static final String[] DROP_IN_JVM = {"-Xmx512m", "-XX:+UseG1GC", "--enable-native-access=ALL-UNNAMED"};

    List<String> kafkaJava(String main, List<String> args, String... jvm) {
        List<String> c = new ArrayList<>(List.of(javaBin));
        c.addAll(List.of(jvm));
        c.addAll(List.of("-cp", kafkaClasspath, main));
        c.addAll(args);
        return c;
    }

    private Result produce(String tool, String topic, long n, int size, String acks) throws Exception {
        switch (tool) {
            case "native" -> {
                Run r = runTool(nativeCmd("-P", topic, n, size, acks), tool + " produce", false);
                Map<String, String> j = json(r.out);
                expect(tool + " produce (failed)", 0, (long) d(j, "failed"));
                return r.result(tool, "produce", size, acks, d(j, "msgs_per_sec"),
                        expect(tool + " produce", n, (long) d(j, "msgs")), j);
            }
            case "binding" -> {
                Run r = runTool(bindingCmd(List.of("perf", "-P", "-b", bootstrap, "-t", topic,
                        "-n", Long.toString(n), "-s", Integer.toString(size), "-a", acks, "--json")), tool + " produce", false);
                Map<String, String> j = json(r.out);
                return r.result(tool, "produce", size, acks, d(j, "msgs_per_sec"),
                        expect(tool + " produce", n, (long) d(j, "messages")), j);
            }
            case "kafka-clients" -> {
                // the configuration librdkafka runs with: linger 5 ms, batches up to 1 MB, no compression
                Run r = runTool(kafkaJava("org.apache.kafka.tools.ProducerPerformance", List.of(
                        "--topic", topic, "--num-records", Long.toString(n), "--record-size", Integer.toString(size),
                        "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=" + acks,
                        "linger.ms=5", "batch.size=1000000", "buffer.memory=268435456", "compression.type=none"),
                        "-Xmx512m", "-XX:+UseG1GC"), tool + " produce", false);
                Matcher m = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\)")
                        .matcher(r.out);
                double rps = Double.NaN;
                long sent = 0;
                while (m.find()) { // the last summary line is the total
                    sent = Long.parseLong(m.group(1));
                    rps = Double.parseDouble(m.group(2));
                }
                if (Double.isNaN(rps)) throw new IllegalStateException("no ProducerPerformance result in:\n" + tail(r.out));
                return r.result(tool, "produce", size, acks, rps, expect(tool + " produce", n, sent), Map.of());
            }
            case "drop-in" -> {
                Run r = runTool(kafkaJava(DropInPerf.class.getName(), List.of("-P", "-b", bootstrap, "-t", topic,
                        "-n", Long.toString(n), "-s", Integer.toString(size), "-a", acks), DROP_IN_JVM), tool + " produce",
                        false);
                Map<String, String> j = json(r.out);
                return r.result(tool, "produce", size, acks, d(j, "msgs_per_sec"),
                        expect(tool + " produce", n, (long) d(j, "messages")), j);
            }
            case "kcat" -> {
                Path file = payloadFile(n, size);
                Run r = runTool(List.of("kcat", "-P", "-b", bootstrap, "-t", topic, "-X", "acks=" + acks,
                        "-l", file.toString()), tool + " produce", false);
                // kcat reports nothing: its whole run (process start, reading the file, final flush); the topic's end
                // offsets tell what it stored
                return r.result(tool, "produce", size, acks, n / r.wallSec,
                        expect(tool + " produce (end offsets)", n, CliTools.endOffsets(cluster, topic)), Map.of());
            }
            default -> throw new IllegalArgumentException(tool);
        }
    }

    private Result consume(String tool, String topic, long n, int size) throws Exception {
        String group = tool + "-" + topic + "-" + System.nanoTime();
        switch (tool) {
            case "native" -> {
                Run r = runTool(nativeCmd("-C", topic, n, size, "1"), tool + " consume", false);
                Map<String, String> j = json(r.out);
                return r.result(tool, "consume", size, "-", d(j, "msgs_per_sec"),
                        expect(tool + " consume", n, (long) d(j, "msgs")), j);
            }
            case "binding" -> {
                Run r = runTool(bindingCmd(List.of("perf", "-G", group, "-b", bootstrap, "-t", topic,
                        "-n", Long.toString(n), "--json")), tool + " consume", false);
                Map<String, String> j = json(r.out);
                return r.result(tool, "consume", size, "-", d(j, "msgs_per_sec"),
                        expect(tool + " consume", n, (long) d(j, "messages")), j);
            }
            case "kafka-clients" -> {
                Run r = runTool(kafkaJava("org.apache.kafka.tools.ConsumerPerformance", List.of(
                        "--bootstrap-server", bootstrap, "--topic", topic, "--messages", Long.toString(n),
                        "--group", group, "--fetch-size", "1048576", "--timeout", "60000"), "-Xmx512m", "-XX:+UseG1GC"),
                        tool + " consume", false);
                // start, end, MB, MB/s, nMsg, nMsg/s, rebalance ms, fetch ms, fetch MB/s, fetch nMsg/s
                String[] last = null;
                for (String line : r.out.split("\n")) {
                    String[] f = line.split(",\\s*");
                    if (f.length >= 10 && f[0].matches("\\d{4}-.*")) last = f;
                }
                if (last == null) throw new IllegalStateException("no ConsumerPerformance result in:\n" + tail(r.out));
                return r.result(tool, "consume", size, "-", Double.parseDouble(last[9].trim()),
                        expect(tool + " consume", n, Long.parseLong(last[4].trim())), Map.of());
            }
            case "drop-in" -> {
                Run r = runTool(kafkaJava(DropInPerf.class.getName(), List.of("-C", "-b", bootstrap, "-t", topic,
                        "-n", Long.toString(n), "-g", group), DROP_IN_JVM), tool + " consume", false);
                Map<String, String> j = json(r.out);
                return r.result(tool, "consume", size, "-", d(j, "msgs_per_sec"),
                        expect(tool + " consume", n, (long) d(j, "messages")), j);
            }
            case "kcat" -> {
                // a newline per record (to a file, counted), not the payload: the least output that can be counted
                Path stdout = stdoutFile("kcat-consume");
                Run r = runTool(List.of("kcat", "-C", "-b", bootstrap, "-t", topic, "-o", "beginning", "-e", "-q",
                        "-f", "\\n"), tool + " consume", null, stdout);
                return r.result(tool, "consume", size, "-", n / r.wallSec,
                        expect(tool + " consume (lines)", n, countLinesAndDelete(stdout)), Map.of());
            }
            default -> throw new IllegalArgumentException(tool);
        }
    }

    /** End-to-end latency at {@link #latencyRate} msg/s: ref_perf -E vs {@link EndToEnd} on the launcher's JVM flags. */
    private Result latency(String tool, String topic) throws Exception {
        List<String> a = List.of("-b", bootstrap, "-t", topic, "-r", Long.toString((long) latencyRate),
                "-d", Double.toString(latencySeconds), "-w", "2", "-s", "100");
        List<String> cmd = new ArrayList<>();
        if (tool.equals("native")) {
            cmd.add(nativeBin.toString());
            cmd.add("-E");
        } else {
            cmd.add(javaBin);
            cmd.addAll(launcherJvmFlags);
            cmd.addAll(List.of("-cp", kafkaClasspath, EndToEnd.class.getName()));
        }
        cmd.addAll(a);
        Run r = runTool(cmd, tool + " e2e latency", false);
        Map<String, String> j = json(r.out);
        return r.result(tool, "e2e", 100, "1", latencyRate, (long) d(j, "measured"), j);
    }

    /**
     * Peak RSS (GNU time's %M) of a group consumer reading every record of {@code topic} from the start (a new group
     * with auto.offset.reset=earliest: without it the group starts at the end and reads nothing), each value a line
     * of stdout, written to a file and counted: exactly {@link #rssRecords} or the run fails.
     */
    private Result rss(String tool, String topic) throws Exception {
        String group = "rss-" + tool + "-" + System.nanoTime();
        List<String> cmd = switch (tool) {
            case "complex-consumer" -> List.of(root.resolve("bin/complex-consumer").toString(),
                    "-A", "-q", "-e", "-b", bootstrap, "-g", group, "-X", "auto.offset.reset=earliest", topic);
            case "kafka-console-consumer" -> kafkaJava("org.apache.kafka.tools.consumer.ConsoleConsumer",
                    List.of("--bootstrap-server", bootstrap, "--topic", topic, "--from-beginning", "--group", group,
                            "--max-messages", Long.toString(rssRecords)), KAFKA_CONSOLE_JVM.toArray(String[]::new));
            case "kcat" -> List.of("kcat", "-b", bootstrap, "-G", group, "-X", "auto.offset.reset=earliest",
                    "-e", "-q", topic);
            default -> throw new IllegalArgumentException(tool);
        };
        Path stdout = stdoutFile("rss-" + tool);
        Run r = runTool(cmd, tool + " footprint", null, stdout);
        long n = expect(tool + " footprint", rssRecords, countLinesAndDelete(stdout));
        return r.result(tool, "rss", 100, "-", n / r.wallSec, n, Map.of());
    }

    /** The flags kafka-console-consumer.sh runs with (kafka-run-class.sh defaults, -Xmx512M). */
    static final List<String> KAFKA_CONSOLE_JVM = List.of("-Xmx512M", "-server", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent",
            "-Djava.awt.headless=true");

    Path payloadFile(long n, int size) throws IOException {
        Path f = tmp.resolve("payload-" + n + "-" + size + ".txt");
        if (Files.exists(f)) return f;
        byte[] line = new byte[size + 1];
        Arrays.fill(line, (byte) 'x');
        line[size] = '\n'; // kcat -l: one message per line; the newline is not sent
        try (var os = new java.io.BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
            for (long i = 0; i < n; i++) os.write(line);
        }
        return f;
    }

    /** A finished process: its output and GNU time's figures. */
    record Run(String out, double wallSec, double cpuSec, long rssKb) {
        Result result(String tool, String mode, int size, String acks, double msgsPerSec, long records,
                      Map<String, String> extra) {
            return new Result(tool, mode, size, acks, msgsPerSec, cpuSec, wallSec, rssKb, records, extra);
        }
    }

    private int runSeq;

    Run runTool(List<String> cmd, String label, boolean discardStdout) throws Exception {
        return runTool(cmd, label, null, discardStdout ? DISCARD : null);
    }

    /** Stands for "throw stdout away" in {@link #runTool(List, String, Path, Path)}. */
    static final Path DISCARD = Path.of("/dev/null");

    /**
     * Runs a process under GNU time. {@code stdin}: a file, or null for /dev/null; {@code stdout}: a file (stderr
     * then goes to the run's log, {@link Run#out}), {@link #DISCARD}, or null to log it with stderr.
     */
    Run runTool(List<String> cmd, String label, Path stdin, Path stdout) throws Exception {
        int seq = ++runSeq;
        Path outFile = tmp.resolve(seq + ".out");
        Path timeFile = tmp.resolve(seq + ".time");
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-o", timeFile.toString(), "-f", "%e %U %S %M"));
        full.addAll(cmd);
        List<String> brief = cmd.stream().map(a -> a.length() > 120 ? "<" + a.length() + " chars>" : a).toList();
        String shown = String.join(" ", brief.size() > 16 ? brief.subList(0, 16) : brief) + (brief.size() > 16 ? " ..." : "")
                + (stdin != null ? " < " + stdin.getFileName() : "")
                + (stdout != null && stdout != DISCARD ? " > " + stdout.getFileName() : "");
        System.err.print("bench: " + label + ": " + shown);
        ProcessBuilder pb = new ProcessBuilder(full).redirectInput(stdin != null ? stdin.toFile() : new File("/dev/null"));
        pb.environment().put("RDKAFKA_CLI_NO_BUILD", "1"); // bench/run built the CLI; never rebuild mid-run
        pb.environment().remove("RDKAFKA_JAVA_OPTS");
        if (stdout == DISCARD) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(outFile.toFile());
        } else if (stdout != null) {
            pb.redirectOutput(stdout.toFile()).redirectError(outFile.toFile());
        } else {
            pb.redirectErrorStream(true).redirectOutput(outFile.toFile());
        }
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(label + " did not finish in 15 minutes");
        }
        String outText = Files.readString(outFile, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            System.err.println();
            throw new IllegalStateException(label + " exited with " + p.exitValue() + ":\n" + tail(outText));
        }
        String[] t = Files.readString(timeFile).trim().lines().reduce((a, b) -> b).orElse("0 0 0 0").split("\\s+");
        Run r = new Run(outText, Double.parseDouble(t[0]), Double.parseDouble(t[1]) + Double.parseDouble(t[2]),
                Long.parseLong(t[3]));
        System.err.printf(Locale.ROOT, "  [%.2f s, cpu %.2f s, rss %.0f MB]%n", r.wallSec, r.cpuSec, r.rssKb / 1024.0);
        return r;
    }

    /** A file for a run's stdout, under the runs' directory. */
    Path stdoutFile(String name) {
        return tmp.resolve(name + ".stdout");
    }

    /**
     * Fails the run unless {@code got} is {@code want}: every cell checks that the tool processed exactly the
     * records it was meant to (a consumer that read nothing once passed for a small one).
     */
    static long expect(String what, long want, long got) {
        if (got != want) throw new IllegalStateException(what + ": " + got + " records, expected " + want);
        return got;
    }

    /** The lines of a file ({@code '\n'}s, and a last line without one); the file is deleted. */
    static long countLinesAndDelete(Path file) throws IOException {
        return countLinesAndDelete(file, -1);
    }

    /** As {@link #countLinesAndDelete(Path)}, counting only the lines whose first byte is {@code first} (when >= 0). */
    static long countLinesAndDelete(Path file, int first) throws IOException {
        long n = 0;
        boolean atStart = true;
        byte[] buf = new byte[1 << 20];
        try (var in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                for (int i = 0; i < r; i++) {
                    byte b = buf[i];
                    if (atStart && (first < 0 || b == first)) n++;
                    atStart = b == '\n';
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return n;
    }

    private static String tail(String s) {
        String[] lines = s.split("\n");
        return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 30), lines.length));
    }

    /** The last JSON object line of a tool's output, flattened to strings (nested keys by their own name). */
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

    // ---- report -----------------------------------------------------------------------------------

    static double median(List<Double> xs) {
        List<Double> s = xs.stream().filter(x -> !Double.isNaN(x)).sorted().toList();
        if (s.isEmpty()) return Double.NaN;
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private List<Result> select(String tool, String mode, int size, String acks) {
        return results.stream().filter(r -> r.tool.equals(tool) && r.mode.equals(mode) && r.size == size
                && r.acks.equals(acks)).toList();
    }

    double medianOf(String tool, String mode, int size, String acks) {
        return median(select(tool, mode, size, acks).stream().map(Result::msgsPerSec).toList());
    }

    private double medianCpuPerRecordUs(String tool, String mode, int size, String acks) {
        return median(select(tool, mode, size, acks).stream().map(r -> r.cpuSec * 1e6 / Math.max(1, r.records)).toList());
    }

    private double medianExtra(String tool, String mode, String key) {
        return median(results.stream().filter(r -> r.tool.equals(tool) && r.mode.equals(mode))
                .map(r -> r.extra.containsKey(key) ? Double.parseDouble(r.extra.get(key)) : Double.NaN).toList());
    }

    private double medianRssMb(String tool) {
        return median(results.stream().filter(r -> r.tool.equals(tool) && r.mode.equals("rss"))
                .map(r -> r.rssKb / 1024.0).toList());
    }

    private record Cell(String mode, int size, String acks) {
        String label() {
            return mode + " | " + (size >= 1024 ? "1 KB" : size + " B") + " | " + ("-".equals(acks) ? "-" : acks);
        }
    }

    private static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (int size : new int[]{100, 1024}) for (String acks : new String[]{"1", "all"}) cells.add(new Cell("produce", size, acks));
        for (int size : new int[]{100, 1024}) cells.add(new Cell("consume", size, "-"));
        return cells;
    }

    private static String sh(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return s;
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String machine() {
        String cpu = "unknown CPU";
        long memKb = 0;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    cpu = l.substring(l.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) memKb = Long.parseLong(l.replaceAll("\\D", ""));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GB memory, %s %s", Runtime.getRuntime().availableProcessors(),
                cpu, memKb / 1048576.0, System.getProperty("os.name"), sh("uname", "-r"));
    }

    String report(double minutes) {
        StringBuilder sb = new StringBuilder();
        String kcatVersion = sh("kcat", "-V").lines().filter(l -> l.startsWith("Version ")).findFirst()
                .map(l -> "kcat " + l.substring(8).split(" ")[0]).orElse("kcat");
        sb.append("# Benchmarks\n\n");
        sb.append("Generated by `bench/run").append(args.isEmpty() ? "" : " " + String.join(" ", args))
                .append("` on ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(String.format(Locale.ROOT, " (%.0f minutes). Every figure below comes from that one run.%n%n", minutes));
        sb.append("- **Machine**: ").append(machine()).append(". **Shared**: the broker runs on the same cores as the "
                + "tool measured (and whatever else ran: see the load averages), so a tool's CPU per record slows the "
                + "broker too and absolute numbers move from run to run. The ratios between tools in one run are the "
                + "meaningful figures: tools alternate (order reversed every repetition) and each cell is the median "
                + "of the repetitions.\n");
        sb.append("- **Load averages** (1/5/15 min, `/proc/loadavg`) after each phase: ");
        sb.append(String.join("; ", loads.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList())).append(".\n");
        sb.append("- **Software**: JDK ").append(Runtime.version()).append(", librdkafka ").append(RdKafkaLibrary.versionString())
                .append(", Kafka 4.1.1 (one KRaft broker from the test kit, `-Xmx1g`, G1, topics with 5 partitions, "
                        + "replication 1), kafka-clients/kafka-tools 4.1.1, ").append(kcatVersion.trim()).append(".\n");
        sb.append(String.format(Locale.ROOT, "- **Counts**: %,d records of 100 B and %,d of 1 KB per produce or consume "
                        + "run; %d repetitions per tool and cell; end-to-end latency at %,.0f msg/s for %.0f s after a "
                        + "2 s warm-up; long runs: %,d records; footprint: %,d records of 100 B.%n", count, Math.max(1, count / 3), repeats,
                latencyRate, latencySeconds, longCount, rssRecords));
        sb.append("- **Tools**: *native*: `rdkafka-bench/src/main/c/ref_perf.c` (C on librdkafka: `rd_kafka_produce` with "
                + "`RD_KAFKA_MSG_F_COPY` + `rd_kafka_poll(rk, 0)` per message, a `dr_msg_cb` counting; "
                + "`rd_kafka_consumer_poll` in a group). *binding*: `bin/rdkafka perf` (its launcher's JVM flags: `")
                .append(String.join(" ", launcherJvmFlags)).append("` + the tool's own class-data archive (made by its first runs, before the measured ones), and "
                        + "`-XX:TieredStopAtLevel=1` when it consumes; `Producer.send(record, sendTime, "
                        + "handler)`: one `DeliveryHandler` counting for every record, nothing allocated per record but "
                        + "the `ProducerRecord`; `Consumer.pollBatch` in a group). *kafka-clients*: `ProducerPerformance` "
                        + "(`-Xmx512m`, G1) with librdkafka's batching (`linger.ms=5 batch.size=1000000`, no "
                        + "compression) and `ConsumerPerformance --fetch-size 1048576` (its fetch rate: from the end of "
                        + "the group join to the last record). *drop-in*: `io.rdkafka.bench.DropInPerf`, rdkafka-kafka-clients' "
                        + "`RdKafkaProducer`/`RdKafkaConsumer` used as code written for kafka-clients uses them, on the "
                        + "kafka-clients JVM flags: `send(record, callback)` with `ByteArraySerializer` and the same "
                        + "producer settings as ProducerPerformance, timed from the first send to the end of `flush()`; a "
                        + "group `subscribe` + `poll(Duration)` with `ByteArrayDeserializer`, timed from the first record "
                        + "to the last. *kcat*: `kcat -P -l file` / `kcat -C -e -f '\\n'` (a newline per record, counted); "
                        + "it prints no rate, "
                        + "so its figure is records / wall time of the whole process (start, metadata, flush).\n");
        sb.append("- **Timing**: native and binding produce: from the first send (after the topic's metadata is "
                + "known) to the end of the final flush (every delivery report handled); consume: from the first record received to the last. librdkafka's "
                + "defaults otherwise (`linger.ms=5`, `batch.num.messages=10000`, `batch.size=1000000`, "
                + "`queue.buffering.max.messages=100000`), the same for native, binding and kcat.\n\n");

        sb.append("## Throughput (median messages/s)\n\n");
        sb.append("| mode | size | acks | native | binding | kafka-clients | drop-in | kcat | binding/native | "
                + "binding/kafka-clients | drop-in/kafka-clients |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Cell c : cells()) {
            double nat = medianOf("native", c.mode, c.size, c.acks);
            double bin = medianOf("binding", c.mode, c.size, c.acks);
            double kc = medianOf("kafka-clients", c.mode, c.size, c.acks);
            double drop = medianOf("drop-in", c.mode, c.size, c.acks);
            double kcat = medianOf("kcat", c.mode, c.size, c.acks);
            if (Double.isNaN(nat) && Double.isNaN(bin)) continue;
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | **%.2f** | **%.2f** | **%.2f** |%n",
                    c.label(), fmt(nat), fmt(bin), fmt(kc), fmt(drop), fmt(kcat), bin / nat, bin / kc, drop / kc));
        }
        sb.append("\nMB/s = messages/s × size / 10^6.\n\n");

        sb.append("## CPU per record (median, µs of user+system CPU of the whole process / records)\n\n");
        sb.append("Includes process start (a JVM's start, class loading and JIT compilation are part of the "
                + "Java tools' figures), so short runs penalise the JVMs; a lower number leaves more of the 2 cores "
                + "to the broker running on the same machine.\n\n");
        sb.append("| mode | size | acks | native | binding | kafka-clients | drop-in | kcat | drop-in − binding |\n"
                + "|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Cell c : cells()) {
            sb.append("| ").append(c.label());
            for (String tool : TOOLS) {
                sb.append(String.format(Locale.ROOT, " | %.2f", medianCpuPerRecordUs(tool, c.mode, c.size, c.acks)));
            }
            sb.append(String.format(Locale.ROOT, " | %+.2f", medianCpuPerRecordUs("drop-in", c.mode, c.size, c.acks)
                    - medianCpuPerRecordUs("binding", c.mode, c.size, c.acks)));
            sb.append(" |\n");
        }
        sb.append("\n*drop-in − binding*: what kafka-clients' interfaces cost per record over the binding's native API "
                + "(`bin/rdkafka perf`), in µs of CPU (the drop-in also runs on G1 with kafka-clients' flags, the "
                + "binding on its launcher's).\n");

        sb.append("\n<details><summary>Every run (messages/s; CPU seconds; wall seconds)</summary>\n\n");
        sb.append("| mode | size | acks | tool | msg/s | CPU s | wall s | peak RSS MB |\n|---|---|---|---|---:|---:|---:|---:|\n");
        for (Result r : results) {
            if (r.mode.equals("rss") || r.mode.equals("e2e") || r.mode.startsWith("cli-") || r.mode.startsWith("seed-")) continue;
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.2f | %.2f | %.0f |%n", r.mode, r.size, r.acks,
                    r.tool, fmt(r.msgsPerSec), r.cpuSec, r.wallSec, r.rssKb / 1024.0));
        }
        sb.append("\n</details>\n\n");

        boolean haveLatency = results.stream().anyMatch(r -> r.mode.equals("e2e"));
        if (haveLatency) {
            sb.append(String.format(Locale.ROOT, "## End-to-end latency at %,.0f msg/s (100 B, acks=1)%n%n", latencyRate));
            sb.append("Producer and consumer in one process (`ref_perf -E`; `io.rdkafka.bench.EndToEnd` with the "
                    + "launcher's JVM flags, `Producer.send` and `Consumer.poll` → `ConsumerRecord`s): send time in "
                    + "the payload, latency = receive time − send time; librdkafka defaults on both sides "
                    + "(`linger.ms=5`, `fetch.wait.max.ms=500`). Median over repetitions of each percentile, in ms.\n\n");
            sb.append("| tool | p50 | p90 | p99 | p99.9 | max |\n|---|---:|---:|---:|---:|---:|\n");
            for (String tool : List.of("native", "binding")) {
                sb.append("| ").append(tool);
                for (String k : List.of("p50", "p90", "p99", "p99_9", "max")) {
                    sb.append(String.format(Locale.ROOT, " | %.2f", medianExtra(tool, "e2e", k)));
                }
                sb.append(" |\n");
            }
            sb.append("\n<details><summary>Every latency run</summary>\n\n| tool | p50 | p99 | max | records measured |\n"
                    + "|---|---:|---:|---:|---:|\n");
            for (Result r : results) {
                if (!r.mode.equals("e2e")) continue;
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %,d |%n", r.tool, r.extra.get("p50"),
                        r.extra.get("p99"), r.extra.get("max"), r.records));
            }
            sb.append("\n</details>\n\n");
        }

        if (results.stream().anyMatch(r -> r.mode.endsWith("-long"))) {
            sb.append(String.format(Locale.ROOT, "## Long runs: %,d records of 100 B (acks=1), native vs binding%n%n", longCount));
            sb.append(String.format(Locale.ROOT, "The same tools and timing with %s× the records, so that the JVM's "
                    + "fixed costs (JIT compilation while the clock runs) weigh less. Median messages/s and CPU µs per "
                    + "record (whole process).%n%n", new java.math.BigDecimal(longCount).divide(new java.math.BigDecimal(count),
                    1, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()));
            sb.append("| mode | native msg/s | binding msg/s | binding/native | native CPU µs/rec | binding CPU µs/rec |\n"
                    + "|---|---:|---:|---:|---:|---:|\n");
            for (String mode : List.of("produce-long", "consume-long")) {
                double nat = medianOf("native", mode, 100, mode.startsWith("produce") ? "1" : "-");
                double bin = medianOf("binding", mode, 100, mode.startsWith("produce") ? "1" : "-");
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | **%.2f** | %.2f | %.2f |%n", mode.replace("-long", ""),
                        fmt(nat), fmt(bin), bin / nat,
                        medianCpuPerRecordUs("native", mode, 100, mode.startsWith("produce") ? "1" : "-"),
                        medianCpuPerRecordUs("binding", mode, 100, mode.startsWith("produce") ? "1" : "-")));
            }
            sb.append("\n");
        }
        sb.append(String.format(Locale.ROOT, "## Footprint: peak RSS of a group consumer reading %,d records of 100 B%n%n",
                rssRecords));
        sb.append("Each reads the topic from the start in a new group and prints every value to stdout (a file, whose "
                + "lines are counted: exactly the records written, or the run fails): `bin/complex-consumer -A -q -e -X "
                + "auto.offset.reset=earliest` (launcher flags as above), `kafka-console-consumer` (`ConsoleConsumer` "
                + "with the JVM flags of `kafka-console-consumer.sh`: `-Xmx512M -server -XX:+UseG1GC "
                + "-XX:MaxGCPauseMillis=20 ...`, `--from-beginning --max-messages`), `kcat -G ... -X "
                + "auto.offset.reset=earliest -e`. Peak RSS is GNU time's `%M`; median over repetitions.\n\n");
        sb.append("| tool | peak RSS (median) | all runs | wall s (median) |\n|---|---:|---|---:|\n");
        for (String tool : RSS_TOOLS) {
            List<Result> rs = results.stream().filter(r -> r.tool.equals(tool) && r.mode.equals("rss")).toList();
            sb.append(String.format(Locale.ROOT, "| %s | %.1f MB | %s | %.1f |%n", tool, medianRssMb(tool),
                    String.join(", ", rs.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.rssKb / 1024.0)).toList()),
                    median(rs.stream().map(Result::wallSec).toList())));
        }
        double cc = medianRssMb("complex-consumer");
        double kcc = medianRssMb("kafka-console-consumer");
        double kcatRss = medianRssMb("kcat");
        sb.append('\n');
        if (CliTools.present(results)) CliTools.report(sb, results, cliRecords);
        if (SeedScenario.present(results)) SeedScenario.report(sb, results, seedSeconds);
        sb.append("![throughput](").append(chartName(reportPath)).append(")\n\n");

        sb.append("## Targets\n\n| target | measured | holds |\n|---|---|---|\n");
        for (Cell c : cells()) {
            double ratio = medianOf("binding", c.mode, c.size, c.acks) / medianOf("native", c.mode, c.size, c.acks);
            target(sb, c.mode + " " + (c.size >= 1024 ? "1 KB" : c.size + " B") + (c.acks.equals("-") ? "" : " acks=" + c.acks)
                    + " ≥ 0.95 × native", String.format(Locale.ROOT, "%.2f ×", ratio), ratio >= 0.95);
        }
        for (Cell c : cells()) {
            double ratio = medianOf("binding", c.mode, c.size, c.acks) / medianOf("kafka-clients", c.mode, c.size, c.acks);
            double want = c.mode.equals("produce") ? 2.0 : 1.2;
            target(sb, c.mode + " " + (c.size >= 1024 ? "1 KB" : c.size + " B") + (c.acks.equals("-") ? "" : " acks=" + c.acks)
                            + " ≥ " + want + " × kafka-clients", String.format(Locale.ROOT, "%.2f ×", ratio), ratio >= want);
        }
        for (Cell c : cells()) {
            double ratio = medianOf("drop-in", c.mode, c.size, c.acks) / medianOf("kafka-clients", c.mode, c.size, c.acks);
            double want = c.mode.equals("produce") ? 1.8 : 1.2;
            target(sb, "drop-in " + c.mode + " " + (c.size >= 1024 ? "1 KB" : c.size + " B")
                            + (c.acks.equals("-") ? "" : " acks=" + c.acks) + " ≥ " + want + " × kafka-clients",
                    String.format(Locale.ROOT, "%.2f ×", ratio), ratio >= want);
        }
        for (String mode : List.of("produce-long", "consume-long")) {
            String acks = mode.startsWith("produce") ? "1" : "-";
            double ratio = medianOf("binding", mode, 100, acks) / medianOf("native", mode, 100, acks);
            if (Double.isNaN(ratio)) continue;
            target(sb, String.format(Locale.ROOT, "%s 100 B%s, long runs (%,d records) ≥ 0.95 × native",
                    mode.replace("-long", ""), acks.equals("-") ? "" : " acks=" + acks, longCount),
                    String.format(Locale.ROOT, "%.2f ×", ratio), ratio >= 0.95);
        }
        target(sb, "complex-consumer peak RSS ≤ 0.15 × kafka-console-consumer's",
                String.format(Locale.ROOT, "%.1f MB / %.1f MB = %.3f", cc, kcc, cc / kcc), cc / kcc <= 0.15);
        target(sb, "complex-consumer peak RSS ≤ kcat's + 40 MB",
                String.format(Locale.ROOT, "%.1f MB vs %.1f MB + 40 MB", cc, kcatRss), cc <= kcatRss + 40);
        if (CliTools.present(results)) CliTools.targets(sb, results);
        if (SeedScenario.present(results)) SeedScenario.targets(sb, results);
        return sb.toString();
    }

    static void target(StringBuilder sb, String what, String measured, boolean holds) {
        sb.append("| ").append(what).append(" | ").append(measured).append(" | ").append(holds ? "yes" : "**no**").append(" |\n");
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private String tsv() {
        StringBuilder sb = new StringBuilder("tool\tmode\tsize\tacks\tmsgs_per_sec\tcpu_s\twall_s\trss_kb\trecords\textra\n");
        for (Result r : results) {
            sb.append(String.join("\t", r.tool, r.mode, Integer.toString(r.size), r.acks,
                    String.format(Locale.ROOT, "%.1f", r.msgsPerSec), String.format(Locale.ROOT, "%.2f", r.cpuSec),
                    String.format(Locale.ROOT, "%.2f", r.wallSec), Long.toString(r.rssKb), Long.toString(r.records),
                    r.extra.toString())).append('\n');
        }
        return sb.toString();
    }
}

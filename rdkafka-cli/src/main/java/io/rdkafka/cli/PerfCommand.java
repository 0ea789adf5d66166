package io.rdkafka.cli;

import io.rdkafka.client.DeliveryHandler;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.admin.Admin;
import io.rdkafka.client.admin.AdminOptions;
import io.rdkafka.client.admin.NewTopic;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.TopicExistsException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** {@code rdkafka perf}: produce or consume N records of S bytes and report throughput, latency and memory. */
@Command(name = "perf", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        usageHelpAutoWidth = true, separator = " ", sortOptions = false,
        description = {"Measures like librdkafka's rdkafka_performance: -P produces <count> records of <size> bytes "
                + "(delivery-latency percentiles of every " + PerfCommand.LATENCY_SAMPLE + "th record), -C consumes <count> records from all partitions, -G <group> "
                + "consumes them in a consumer group.",
                "Prints messages/s, MB/s (10^6 bytes) and the process's peak RSS (VmHWM); --json prints one "
                        + "machine-readable line on stdout instead."})
final class PerfCommand implements Callable<Integer> {
    /** One record in this many carries its send time, for the delivery-latency percentiles (a power of two). */
    static final int LATENCY_SAMPLE = 16;
    static final class Mode {
        @Option(names = "-P", description = "Produce.", required = true)
        boolean produce;

        @Option(names = "-C", description = "Consume all partitions by assignment, from the beginning.", required = true)
        boolean consume;

        @Option(names = "-G", paramLabel = "<group>", description = "Consume in this consumer group (subscribe).",
                required = true)
        String group;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = {"-t", "--topic"}, paramLabel = "<topic>", required = true, description = "Topic.")
    String topic;

    @Option(names = {"-n", "--count"}, paramLabel = "<n>", defaultValue = "100000",
            description = "Number of records (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = {"-s", "--size"}, paramLabel = "<bytes>", defaultValue = "100",
            description = "Value size when producing (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = {"-p", "--partition"}, paramLabel = "<partition>",
            description = "Produce to this partition only (default: the partitioner spreads records).")
    Integer partition;

    @Option(names = "--partitions", paramLabel = "<n>",
            description = "Create the topic with this many partitions first, if it does not exist.")
    Integer partitions;

    @Option(names = {"-a", "--acks"}, paramLabel = "<acks>", defaultValue = "all",
            description = "Producer acks: all, 1 or 0 (default: ${DEFAULT-VALUE}).")
    String acks;

    @Option(names = {"-z", "--compression"}, paramLabel = "<codec>", defaultValue = "none",
            description = "Compression: none, gzip, snappy, lz4, zstd (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--idle-timeout", paramLabel = "<duration>", defaultValue = "10s", converter = DurationConverter.class,
            description = "Consuming: stop when no record came for this long (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--json", description = "Print the results as one JSON line on stdout.")
    boolean json;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        LogSetup.configure(client.debugContexts() != null);
        if (client.handleInfoRequests(this::producerConfig, System.out)) return 0;
        if (count <= 0) throw new CliException("--count must be positive", 2);
        if (size < 0) throw new CliException("--size must not be negative", 2);
        if (partitions != null) createTopic();
        Map<String, Object> result = mode.produce ? produce() : PerfConsume.run(this);
        result.put("peak_rss_kb", peakRssKb());
        print(result);
        Object failed = result.get("failed");
        if (failed instanceof Long f && f > 0) throw new CliException(f + " record(s) failed");
        Object received = result.get("messages");
        if (!mode.produce && received instanceof Long r && r < count) {
            throw new CliException("received " + r + " of " + count + " record(s) before --idle-timeout");
        }
        return 0;
    }

    KafkaConfig producerConfig() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("acks", acks);
        settings.put("compression.type", compression);
        return client.build(Map.of(), settings);
    }

    private void createTopic() {
        try (Admin admin = Admin.create(client.build(Map.of(), Map.of()))) {
            AdminOptions options = AdminOptions.defaults().withRequestTimeout(Duration.ofSeconds(30))
                    .withOperationTimeout(Duration.ofSeconds(30));
            KafkaException e = admin.createTopics(java.util.List.of(NewTopic.of(topic, partitions, -1)), options)
                    .get(35, java.util.concurrent.TimeUnit.SECONDS).error(topic);
            if (e != null && !(e instanceof TopicExistsException)) {
                throw new CliException("cannot create topic " + topic + ": " + AdminCommand.Action.errorText(e));
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CliException("cannot create topic " + topic + ": " + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new CliException("cannot create topic " + topic + ": no answer from the cluster within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private Map<String, Object> produce() {
        KafkaConfig config = producerConfig();
        byte[] value = new byte[size];
        for (int i = 0; i < size; i++) value[i] = (byte) ('a' + i % 26);
        Deliveries d = new Deliveries();
        long t0;
        long t1;
        try (Producer<byte[], byte[]> producer = Producer.create(config, Serdes.byteArraySerializer(),
                Serdes.byteArraySerializer())) {
            awaitTopic(producer);
            t0 = System.nanoTime();
            for (long i = 0; i < count; i++) {
                // every LATENCY_SAMPLE-th record carries its send time as context (0: not sampled): timing every
                // record would cost two clock reads a record, which native tools do not pay
                long sentAt = (i & (LATENCY_SAMPLE - 1)) == 0 ? System.nanoTime() : 0;
                producer.send(new ProducerRecord<>(topic, partition, null, null, value, null), sentAt, d);
            }
            producer.flush(Duration.ofMinutes(5)); // returns after the last report was handled
            t1 = System.nanoTime(); // as librdkafka's tools: from the first send to the end of the flush
        }
        LatencyHistogram latency = d.latency;
        long delivered = d.delivered;
        AtomicLong failed = d.failed;
        AtomicReference<String> lastError = d.lastError;
        double secs = Math.max(1e-9, (t1 - t0) / 1e9);
        if (lastError.get() != null) System.err.println("% Last delivery error: " + lastError.get());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mode", "produce");
        r.put("topic", topic);
        r.put("messages", delivered);
        r.put("failed", failed.get());
        r.put("size", size);
        r.put("bytes", delivered * size);
        r.put("seconds", round(secs, 3));
        r.put("msgs_per_sec", round(delivered / secs, 1));
        r.put("mb_per_sec", round(delivered * (double) size / 1e6 / secs, 3));
        r.put("acks", acks);
        r.put("compression", compression);
        // flush returned after the last handler call, which orders the event thread's writes before these reads
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("p50", round(latency.percentile(50) / 1000.0, 3));
        l.put("p90", round(latency.percentile(90) / 1000.0, 3));
        l.put("p99", round(latency.percentile(99) / 1000.0, 3));
        l.put("p99_9", round(latency.percentile(99.9) / 1000.0, 3));
        l.put("max", round(latency.max() / 1000.0, 3));
        l.put("mean", round(latency.mean() / 1000.0, 3));
        r.put("latency_ms", l);
        return r;
    }

    /**
     * Delivery counters and latencies: one handler for every record, its context the send time of a sampled
     * record (every {@value #LATENCY_SAMPLE}th) or 0. Successful deliveries are reported on the producer's event
     * thread only, so their counters are plain fields (read after flush, which returns after the last report was
     * handled); a record librdkafka refused is reported on the sending thread and only counted.
     */
    private static final class Deliveries implements DeliveryHandler {
        final LatencyHistogram latency = new LatencyHistogram();
        long delivered;
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<String> lastError = new AtomicReference<>();

        @Override
        public void onDelivery(long sentAt, String topic, int partition, long offset, KafkaException error) {
            if (error == null) {
                if (sentAt != 0) latency.record((System.nanoTime() - sentAt) / 1000);
                delivered++;
            } else {
                failed.incrementAndGet();
                lastError.set(error.getMessage());
            }
        }
    }

    /**
     * Connects and learns the partitions before the clock starts. A topic the broker auto-creates on the
     * first metadata request needs a few tries.
     */
    private void awaitTopic(Producer<?, ?> producer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                if (!producer.partitionsFor(topic, Duration.ofSeconds(10)).isEmpty()) return;
            } catch (io.rdkafka.client.errors.UnknownTopicOrPartitionException e) {
                if (System.nanoTime() > deadline) {
                    throw new CliException("topic " + topic + " does not exist (--partitions <n> creates it)");
                }
            }
            Signals.sleepUnlessStopped(300);
        }
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** VmHWM of /proc/self/status in kB, or -1 where there is none. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    private void print(Map<String, Object> r) {
        if (json) {
            System.out.println(toJson(r));
            System.out.flush();
            return;
        }
        var out = System.out;
        boolean produced = "produce".equals(r.get("mode"));
        out.printf(Locale.ROOT, "%% %d messages %s (%d bytes) in %.3f s%n", (Long) r.get("messages"),
                produced ? "produced" : "consumed", (Long) r.get("bytes"), (Double) r.get("seconds"));
        out.printf(Locale.ROOT, "%% %.1f msgs/s, %.3f MB/s%n", (Double) r.get("msgs_per_sec"), (Double) r.get("mb_per_sec"));
        if (produced) {
            @SuppressWarnings("unchecked")
            Map<String, Object> l = (Map<String, Object>) r.get("latency_ms");
            out.printf(Locale.ROOT, "%% Delivery latency (ms): p50 %s, p90 %s, p99 %s, p99.9 %s, max %s, mean %s%n",
                    l.get("p50"), l.get("p90"), l.get("p99"), l.get("p99_9"), l.get("max"), l.get("mean"));
            out.println("% " + r.get("failed") + " failed");
        }
        long rss = (Long) r.get("peak_rss_kb");
        out.println("% Peak RSS: " + (rss < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f MB", rss / 1024.0)));
        out.flush();
    }

    static String toJson(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (var e : m.entrySet()) {
                if (!first) sb.append(',');
                first = false;
                sb.append(toJson(String.valueOf(e.getKey()))).append(':').append(toJson(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (o instanceof String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    default -> {
                        if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                        else sb.append(c);
                    }
                }
            }
            return sb.append('"').toString();
        }
        if (o == null) return "null";
        return String.valueOf(o);
    }
}

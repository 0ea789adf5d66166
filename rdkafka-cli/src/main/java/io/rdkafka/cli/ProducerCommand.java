package io.rdkafka.cli;

import io.rdkafka.client.Header;
import io.rdkafka.client.Headers;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code rdkafka producer}: one record per input line. */
@Command(name = "producer", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        usageHelpAutoWidth = true, separator = " ", sortOptions = false,
        description = {"Produces one record per line of standard input (or of a file) to a topic, then prints a "
                + "delivery summary on stderr.",
                "Exits 0 when every record was delivered, 1 when any failed."})
final class ProducerCommand implements Callable<Integer> {
    @Option(names = {"-t", "--topic"}, paramLabel = "<topic>", required = true, description = "Topic to produce to.")
    String topic;

    @Option(names = {"-f", "--file"}, paramLabel = "<file>",
            description = "Read lines from this file instead of standard input.")
    Path file;

    @Option(names = {"-p", "--partition"}, paramLabel = "<partition>",
            description = "Partition to produce to (default: the partitioner chooses; murmur2_random places a keyed "
                    + "record where Apache Kafka's Java client does, -X partitioner=consistent_random as librdkafka's "
                    + "default does).")
    Integer partition;

    @Option(names = {"-K", "--key-delimiter"}, paramLabel = "<delim>",
            description = "Split each line at the first <delim> into key and value (a line without it has no key); "
                    + "\\t, \\n, \\\\ are understood.")
    String keyDelimiter;

    @Option(names = {"-H", "--header"}, paramLabel = "<name=value>",
            description = "Add this header to every record (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "Print no delivery summary.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print each delivery (partition and offset) on stderr.")
    boolean verbose;

    @Option(names = "--flush-timeout", paramLabel = "<duration>", defaultValue = "5m",
            converter = DurationConverter.class,
            description = "How long to wait at the end for outstanding deliveries (default: ${DEFAULT-VALUE}).")
    Duration flushTimeout;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws IOException {
        LogSetup.configure(client.debugContexts() != null);
        if (client.handleInfoRequests(this::config, System.out)) return 0;
        KafkaConfig config = config();
        Headers hdrs = parseHeaders(headers);
        byte[] delim = keyDelimiter == null || keyDelimiter.isEmpty() ? null
                : unescape(keyDelimiter).getBytes(StandardCharsets.UTF_8);

        DeliveryTally tally = new DeliveryTally(verbose ? System.err : null);
        long[] sent = {0};
        long[] bytes = {0};
        long t0 = System.nanoTime();
        try (Producer<byte[], byte[]> producer = Producer.create(config, Serdes.byteArraySerializer(),
                Serdes.byteArraySerializer());
             InputStream in = file == null ? new FileInputStream(FileDescriptor.in) : Files.newInputStream(file)) {
            new LineSplitter(in).forEach((buf, off, len) -> {
                byte[] key = null;
                byte[] value;
                int at = delim == null ? -1 : indexOf(buf, off, len, delim);
                if (at >= 0) {
                    key = Arrays.copyOfRange(buf, off, at);
                    value = Arrays.copyOfRange(buf, at + delim.length, off + len);
                } else {
                    value = Arrays.copyOfRange(buf, off, off + len);
                }
                bytes[0] += value.length + (key == null ? 0 : key.length);
                // one handler for every record: nothing allocated per record but the record and its bytes
                producer.send(new ProducerRecord<>(topic, partition, null, key, value, hdrs), sent[0], tally);
                sent[0]++;
            });
            try {
                producer.flush(flushTimeout);
            } catch (io.rdkafka.client.errors.TimeoutException e) {
                System.err.println("% " + e.getMessage());
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long delivered = tally.delivered();
        long notDelivered = sent[0] - delivered;
        if (!quiet || notDelivered > 0) {
            System.err.printf("%% %d record(s) sent to topic %s, %d delivered, %d failed (%d bytes in %.2f s)%n",
                    sent[0], topic, delivered, notDelivered, bytes[0], secs);
            Map<Integer, Long> perPartition = tally.perPartition();
            if (!perPartition.isEmpty() && !quiet) {
                StringBuilder sb = new StringBuilder("% Delivered per partition:");
                perPartition.forEach((p, n) -> sb.append(' ').append(p).append('=').append(n));
                System.err.println(sb);
            }
            tally.errors().forEach((m, n) -> System.err.println("% Failed (" + n + "x): " + m));
        }
        if (notDelivered > 0) {
            throw new CliException(notDelivered + " of " + sent[0] + " record(s) were not delivered");
        }
        return 0;
    }

    private KafkaConfig config() {
        return client.build(Map.of(), Map.of());
    }

    static Headers parseHeaders(List<String> specs) {
        List<Header> list = new ArrayList<>();
        for (String h : specs) {
            int eq = h.indexOf('=');
            if (eq <= 0) throw new CliException("expected -H name=value, not '" + h + "'", 2);
            list.add(Header.of(h.substring(0, eq), h.substring(eq + 1)));
        }
        return Headers.of(list);
    }

    /** {@code \t}, {@code \n}, {@code \\} in a delimiter given on the command line. */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 't' -> sb.append('\t');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case '0' -> sb.append('\0');
                    case '\\' -> sb.append('\\');
                    default -> sb.append('\\').append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static int indexOf(byte[] hay, byte[] needle) {
        return indexOf(hay, 0, hay.length, needle);
    }

    /** The first index of {@code needle} in {@code hay[off, off + len)}, or -1. */
    static int indexOf(byte[] hay, int off, int len, byte[] needle) {
        byte first = needle[0];
        int last = off + len - needle.length;
        outer:
        for (int i = off; i <= last; i++) {
            if (hay[i] != first) continue;
            for (int j = 1; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}

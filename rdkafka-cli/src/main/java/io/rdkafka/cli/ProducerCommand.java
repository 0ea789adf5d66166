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

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

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

        AtomicLong delivered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        Map<String, Long> errors = new TreeMap<>();
        Map<Integer, Long> perPartition = new TreeMap<>();
        long sent = 0;
        long t0 = System.nanoTime();
        try (Producer<byte[], byte[]> producer = Producer.create(config, Serdes.byteArraySerializer(),
                Serdes.byteArraySerializer());
             InputStream in = file == null ? new BufferedInputStream(System.in, 65536)
                     : new BufferedInputStream(Files.newInputStream(file), 65536)) {
            LineReader lines = new LineReader(in);
            byte[] line;
            while ((line = lines.next()) != null) {
                byte[] key = null;
                byte[] value = line;
                if (delim != null) {
                    int at = indexOf(line, delim);
                    if (at >= 0) {
                        key = java.util.Arrays.copyOfRange(line, 0, at);
                        value = java.util.Arrays.copyOfRange(line, at + delim.length, line.length);
                    }
                }
                bytes.addAndGet(value.length + (key == null ? 0 : key.length));
                producer.send(new ProducerRecord<>(topic, partition, null, key, value, hdrs), (md, ex) -> {
                    if (ex == null) {
                        delivered.incrementAndGet();
                        synchronized (perPartition) {
                            perPartition.merge(md.partition(), 1L, Long::sum);
                        }
                        if (verbose) System.err.println("% Delivered to " + md.topic() + " [" + md.partition()
                                + "] at offset " + md.offset());
                    } else {
                        failed.incrementAndGet();
                        synchronized (errors) {
                            errors.merge(ex.getMessage(), 1L, Long::sum);
                        }
                    }
                });
                sent++;
            }
            try {
                producer.flush(flushTimeout);
            } catch (io.rdkafka.client.errors.TimeoutException e) {
                System.err.println("% " + e.getMessage());
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long notDelivered = sent - delivered.get();
        if (!quiet || notDelivered > 0) {
            System.err.printf("%% %d record(s) sent to topic %s, %d delivered, %d failed (%d bytes in %.2f s)%n",
                    sent, topic, delivered.get(), notDelivered, bytes.get(), secs);
            if (!perPartition.isEmpty() && !quiet) {
                StringBuilder sb = new StringBuilder("% Delivered per partition:");
                perPartition.forEach((p, n) -> sb.append(' ').append(p).append('=').append(n));
                System.err.println(sb);
            }
            synchronized (errors) {
                errors.forEach((m, n) -> System.err.println("% Failed (" + n + "x): " + m));
            }
        }
        if (notDelivered > 0) {
            throw new CliException(notDelivered + " of " + sent + " record(s) were not delivered");
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
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** Splits a byte stream at '\n' (the newline is dropped; a final line without one counts too). */
    static final class LineReader {
        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        private boolean eof;

        LineReader(InputStream in) {
            this.in = in;
        }

        byte[] next() throws IOException {
            if (eof) return null;
            buf.reset();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') return buf.toByteArray();
                buf.write(b);
            }
            eof = true;
            return buf.size() > 0 ? buf.toByteArray() : null;
        }
    }
}

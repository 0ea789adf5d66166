package io.rdkafka.cli;

import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code rdkafka datagen}: the {@code transactions} stream of kafka-connect-datagen's transactions
 * quickstart, as JSON values.
 */
@Command(name = "datagen", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        usageHelpAutoWidth = true, separator = " ", sortOptions = false,
        description = {"Generates the 'transactions' stream of kafka-connect-datagen's transactions quickstart: JSON "
                + "values {\"transaction_id\", \"card_id\", \"user_id\", \"purchase_id\", \"store_id\"}, keyed by "
                + "transaction id (or card id).",
                "Runs until --count records were delivered, or until SIGINT/SIGTERM (then flushes and exits 0)."})
final class DatagenCommand implements Callable<Integer> {
    enum KeyField { transaction_id, card_id }

    @Option(names = {"-t", "--topic"}, paramLabel = "<topic>", defaultValue = "transactions",
            description = "Topic to produce to (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--max-interval", paramLabel = "<duration>", defaultValue = "500ms",
            converter = DurationConverter.class,
            description = "Random delay between records, from 0 up to this (default: ${DEFAULT-VALUE}); "
                    + "ignored with --rate.")
    Duration maxInterval;

    @Option(names = {"-n", "--count"}, paramLabel = "<n>",
            description = "Number of records to produce (default: endless).")
    Long count;

    @Option(names = "--rate", paramLabel = "<records/s>",
            description = "Produce at this steady rate instead of random delays (load generation).")
    Double rate;

    @Option(names = "--key", paramLabel = "<field>", defaultValue = "transaction_id",
            description = "Record key: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    KeyField key;

    @Option(names = "--seed", paramLabel = "<seed>", description = "Random seed, for a reproducible stream.")
    Long seed;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines, only the final summary.")
    boolean quiet;

    @Option(names = "--progress-interval", paramLabel = "<duration>", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How often to print progress on stderr (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Mixin
    ClientOptions client;

    /** One transaction of the quickstart's schema. */
    record Transaction(long transactionId, long cardId, String userId, long purchaseId, int storeId) {
        String toJson() {
            return "{\"transaction_id\":" + transactionId + ",\"card_id\":" + cardId + ",\"user_id\":\"" + userId
                    + "\",\"purchase_id\":" + purchaseId + ",\"store_id\":" + storeId + "}";
        }
    }

    /**
     * The generator, as the quickstart's schema says: transaction_id iterates from 1, card_id in [1, 24],
     * user_id matches {@code User_[1-9]{0,1}}, purchase_id iterates from 0, store_id in [1, 7].
     */
    static final class Generator {
        private final SplittableRandom random;
        private long next;

        Generator(long seed) {
            this.random = new SplittableRandom(seed);
        }

        Transaction next() {
            long n = next++;
            int digit = random.nextInt(10); // 0: no digit ({0,1}), else the digit 1..9
            String user = digit == 0 ? "User_" : "User_" + digit;
            return new Transaction(n + 1, 1 + random.nextInt(24), user, n, 1 + random.nextInt(7));
        }
    }

    private volatile boolean running = true;

    @Override
    public Integer call() throws InterruptedException {
        LogSetup.configure(client.debugContexts() != null);
        if (client.handleInfoRequests(this::config, System.out)) return 0;
        if (count != null && count < 0) throw new CliException("--count must not be negative", 2);
        if (rate != null && !(rate > 0)) throw new CliException("--rate must be positive", 2);
        KafkaConfig config = config();
        Generator gen = new Generator(seed != null ? seed : System.nanoTime());
        SplittableRandom delays = new SplittableRandom(seed != null ? seed + 1 : System.nanoTime() + 1);
        AtomicLong delivered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> lastError = new java.util.concurrent.atomic.AtomicReference<>();
        Signals.install(() -> running = false);
        long sent = 0;
        long t0 = System.nanoTime();
        long nextProgress = t0 + progressInterval.toNanos();
        long intervalNanos = rate == null ? 0 : (long) (1e9 / rate);
        long nextAt = t0;
        try (Producer<String, String> producer = Producer.create(config, Serdes.stringSerializer(),
                Serdes.stringSerializer())) {
            if (!quiet) System.err.println("% Producing transactions to " + topic + " ("
                    + (count == null ? "endless" : count + " records") + ", "
                    + (rate != null ? rate + " records/s" : "max interval " + maxInterval.toMillis() + " ms") + ")");
            while (running && (count == null || sent < count)) {
                Transaction t = gen.next();
                String k = Long.toString(key == KeyField.card_id ? t.cardId() : t.transactionId());
                producer.send(new ProducerRecord<>(topic, k, t.toJson()), (md, ex) -> {
                    if (ex == null) delivered.incrementAndGet();
                    else {
                        failed.incrementAndGet();
                        lastError.set(ex.getMessage());
                    }
                });
                sent++;
                long now = System.nanoTime();
                if (!quiet && now - nextProgress >= 0) {
                    System.err.printf("%% %d records sent, %d delivered, %d failed%n", sent, delivered.get(), failed.get());
                    nextProgress = now + progressInterval.toNanos();
                }
                if (count != null && sent >= count) break;
                if (rate != null) {
                    nextAt += intervalNanos;
                    sleepUntil(nextAt);
                } else if (!maxInterval.isZero()) {
                    long d = delays.nextLong(maxInterval.toNanos() + 1);
                    sleepUntil(System.nanoTime() + d);
                }
            }
            try {
                producer.flush(Duration.ofSeconds(30));
            } catch (io.rdkafka.client.errors.TimeoutException e) {
                System.err.println("% " + e.getMessage());
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.err.printf("%% datagen: %d records sent to %s, %d delivered, %d failed in %.1f s%n",
                sent, topic, delivered.get(), sent - delivered.get(), secs);
        if (lastError.get() != null) System.err.println("% Last delivery error: " + lastError.get());
        if (sent - delivered.get() > 0) throw new CliException((sent - delivered.get()) + " record(s) were not delivered");
        return 0;
    }

    private void sleepUntil(long deadline) {
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    private KafkaConfig config() {
        return client.build(Map.of(), Map.of());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

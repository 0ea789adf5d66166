package io.rdkafka.cli;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.PartitionInfo;
import io.rdkafka.client.RecordBatch;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.WakeupException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consuming side of {@code rdkafka perf}: zero-copy batches ({@code pollBatch}), counting records and
 * value bytes from the first record to the last.
 */
final class PerfConsume {
    private PerfConsume() {
    }

    static Map<String, Object> run(PerfCommand cmd) {
        boolean group = cmd.mode.group != null;
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("group.id", group ? cmd.mode.group : "rdkafka-perf-" + ProcessHandle.current().pid());
        settings.put("auto.offset.reset", "earliest");
        if (!group) settings.put("enable.auto.commit", "false");
        KafkaConfig config = cmd.client.build(Map.of(), settings);
        long received = 0;
        long bytes = 0;
        long first = 0;
        long last = 0;
        long firstBatch = 0;
        long batches = 0;
        boolean[] stop = {false};
        try (Consumer<byte[], byte[]> consumer = Consumer.create(config, Serdes.byteArrayDeserializer(),
                Serdes.byteArrayDeserializer(), Consumer.Options.defaults().withMaxPollRecords(10_000))) {
            Signals.install(() -> {
                stop[0] = true;
                try {
                    consumer.wakeup();
                } catch (RuntimeException closed) {
                    // closing
                }
            });
            if (group) {
                consumer.subscribe(List.of(cmd.topic));
            } else {
                List<PartitionInfo> parts = consumer.partitionsFor(cmd.topic, Duration.ofSeconds(30));
                if (parts.isEmpty()) throw new CliException("topic " + cmd.topic + " has no partitions");
                consumer.assign(parts.stream().map(p -> new TopicPartition(cmd.topic, p.partition())).toList());
            }
            long idleDeadline = System.nanoTime() + cmd.idleTimeout.toNanos() + Duration.ofSeconds(20).toNanos();
            while (received < cmd.count && !stop[0]) {
                try {
                    RecordBatch batch = consumer.pollBatch(Duration.ofMillis(200)); // freed by the next poll

                    int n = batch.size();
                    if (n == 0) {
                        if (System.nanoTime() - idleDeadline > 0) break;
                        continue;
                    }
                    long now = System.nanoTime();
                    if (received == 0) {
                        first = now;
                        firstBatch = n; // arrived before the clock started: not counted in the rate
                    }
                    last = now;
                    idleDeadline = now + cmd.idleTimeout.toNanos();
                    for (int i = 0; i < n; i++) bytes += batch.valueSize(i) < 0 ? 0 : batch.valueSize(i);
                    received += n;
                    batches++;
                } catch (WakeupException e) {
                    break;
                }
            }
        }
        double secs = received <= 1 ? 1e-9 : Math.max(1e-9, (last - first) / 1e9);
        long timed = received > firstBatch ? received - firstBatch : received;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mode", group ? "consume-group" : "consume");
        r.put("topic", cmd.topic);
        r.put("messages", received);
        r.put("bytes", bytes);
        r.put("seconds", PerfCommand.round(secs, 3));
        // records and bytes after the first batch, over the time from the first batch to the last
        r.put("msgs_per_sec", PerfCommand.round(timed / secs, 1));
        r.put("mb_per_sec", PerfCommand.round(bytes * ((double) timed / Math.max(1, received)) / 1e6 / secs, 3));
        r.put("batches", batches); // non-empty polls: records per batch shows how far ahead librdkafka's fetcher is
        return r;
    }
}

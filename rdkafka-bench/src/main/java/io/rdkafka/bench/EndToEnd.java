package io.rdkafka.bench;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerRecord;
import io.rdkafka.client.ConsumerRecords;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.PartitionInfo;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency through the binding, the counterpart of {@code ref_perf -E}: a producer paced at a
 * fixed rate and a consumer thread (assign, from offset 0 of a fresh topic) in one process, both with
 * librdkafka's default configuration. Each value starts with its send time ({@link System#nanoTime()});
 * latencies of records sent after the warm-up are reported as percentiles, one JSON line on stdout.
 *
 * <pre>EndToEnd -b BROKERS -t TOPIC -r RATE -d SECONDS -w WARMUP_SECONDS -s SIZE</pre>
 */
public final class EndToEnd {
    private EndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        String brokers = "localhost:9092";
        String topic = "e2e";
        double rate = 20_000;
        double secs = 10;
        double warmup = 2;
        int size = 100;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-b" -> brokers = args[++i];
                case "-t" -> topic = args[++i];
                case "-r" -> rate = Double.parseDouble(args[++i]);
                case "-d" -> secs = Double.parseDouble(args[++i]);
                case "-w" -> warmup = Double.parseDouble(args[++i]);
                case "-s" -> size = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        size = Math.max(8, size);
        KafkaConfig pconf = KafkaConfig.builder().bootstrapServers(brokers).build();
        KafkaConfig cconf = KafkaConfig.builder().bootstrapServers(brokers).groupId("binding-e2e")
                .set("enable.auto.commit", "false").set("auto.offset.reset", "earliest").build();
        long[] lat = new long[(int) (rate * secs) + 16];
        int[] n = {0};
        long[] received = {0};
        long[] measureFrom = {Long.MAX_VALUE};
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        try (Producer<byte[], byte[]> producer = Producer.create(pconf, Serdes.byteArraySerializer(),
                Serdes.byteArraySerializer());
             Consumer<byte[], byte[]> consumer = Consumer.create(cconf, Serdes.byteArrayDeserializer(),
                     Serdes.byteArrayDeserializer())) {
            List<PartitionInfo> parts = producer.partitionsFor(topic, Duration.ofSeconds(30));
            String t = topic;
            consumer.assign(parts.stream().map(p -> new TopicPartition(t, p.partition())).toList());
            Thread reader = Thread.ofPlatform().name("e2e-consumer").start(() -> {
                while (!stop.get()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        long now = System.nanoTime();
                        byte[] v = r.value();
                        if (v == null || v.length < 8) continue;
                        long sent = ByteBuffer.wrap(v).getLong();
                        synchronized (lat) {
                            received[0]++;
                            if (sent - measureFrom[0] >= 0 && n[0] < lat.length) lat[n[0]++] = (now - sent) / 1000;
                        }
                    }
                }
            });
            Thread.sleep(2000); // let the consumer connect and start fetching, as ref_perf does
            byte[] payload = new byte[size];
            Arrays.fill(payload, 8, size, (byte) 'x');
            long start = System.nanoTime();
            synchronized (lat) {
                measureFrom[0] = start + (long) (warmup * 1e9);
            }
            long end = start + (long) ((warmup + secs) * 1e9);
            double interval = 1e9 / rate;
            long sent = 0;
            while (true) {
                long due = start + (long) (sent * interval);
                if (due - end >= 0) break;
                long now;
                // sleep until due (no spinning: the broker shares the cores); after an oversleep the records
                // that fell due are sent back to back, so the average rate holds
                while ((now = System.nanoTime()) - due < 0) LockSupport.parkNanos(due - now);
                byte[] v = payload.clone(); // the producer copies synchronously, but a user would not share
                ByteBuffer.wrap(v).putLong(System.nanoTime());
                producer.send(new ProducerRecord<>(topic, v));
                sent++;
            }
            producer.flush(Duration.ofSeconds(30));
            long waitUntil = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() - waitUntil < 0) {
                synchronized (lat) {
                    if (received[0] >= sent) break;
                }
                Thread.sleep(10);
            }
            stop.set(true);
            reader.join();
            long[] s;
            long got;
            synchronized (lat) {
                s = Arrays.copyOf(lat, n[0]);
                got = received[0];
            }
            Arrays.sort(s);
            System.out.println(String.format(Locale.ROOT, "{\"tool\":\"binding\",\"mode\":\"e2e\",\"rate\":%.0f,"
                            + "\"sent\":%d,\"received\":%d,\"measured\":%d,\"latency_ms\":{\"p50\":%.3f,\"p90\":%.3f,"
                            + "\"p99\":%.3f,\"p99_9\":%.3f,\"max\":%.3f}}", rate, sent, got, s.length, pct(s, 50),
                    pct(s, 90), pct(s, 99), pct(s, 99.9), s.length == 0 ? 0 : s[s.length - 1] / 1000.0));
            if (got < sent) System.exit(2);
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[(int) Math.round(p / 100.0 * (sorted.length - 1))] / 1000.0;
    }
}

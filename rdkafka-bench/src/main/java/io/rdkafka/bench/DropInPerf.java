package io.rdkafka.bench;

import io.rdkafka.kafka.RdKafkaConsumer;
import io.rdkafka.kafka.RdKafkaProducer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The drop-in's performance tool (rdkafka-kafka-clients' RdKafkaProducer/RdKafkaConsumer, used as code written for
 * kafka-clients uses them): what ProducerPerformance and ConsumerPerformance do, through kafka-clients' interfaces.
 * Produce: {@code send(record, callback)} with a byte-array serializer, from the first send to the end of
 * {@code flush()}; consume: a group {@code subscribe} and {@code poll(Duration)}, from the first record received to
 * the last. One JSON line on stdout, as the binding's perf tool.
 *
 * <pre>DropInPerf -P|-C -b BROKERS -t TOPIC -n COUNT [-s SIZE] [-a ACKS] [-g GROUP] [-X name=value ...]</pre>
 */
public final class DropInPerf {
    private DropInPerf() {
    }

    public static void main(String[] args) throws Exception {
        boolean produce = true;
        String brokers = "localhost:9092";
        String topic = "perf";
        long n = 1_000_000;
        int size = 100;
        String acks = "1";
        String group = "drop-in-" + System.nanoTime();
        Map<String, Object> extra = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-P" -> produce = true;
                case "-C" -> produce = false;
                case "-b" -> brokers = args[++i];
                case "-t" -> topic = args[++i];
                case "-n" -> n = Long.parseLong(args[++i]);
                case "-s" -> size = Integer.parseInt(args[++i]);
                case "-a" -> acks = args[++i];
                case "-g" -> group = args[++i];
                case "-X" -> {
                    String[] kv = args[++i].split("=", 2);
                    extra.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (-P|-C -b BROKERS -t TOPIC -n COUNT -s SIZE -a ACKS -g GROUP -X name=value)");
            }
        }
        if (produce) produce(brokers, topic, n, size, acks, extra);
        else consume(brokers, topic, n, group, extra);
    }

    private static void produce(String brokers, String topic, long n, int size, String acks, Map<String, Object> extra) {
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", brokers);
        c.put("acks", acks);
        // the same settings as the kafka-clients cell (ProducerPerformance): librdkafka's batching, no compression
        c.put("linger.ms", "5");
        c.put("batch.size", "1000000");
        c.put("buffer.memory", "268435456");
        c.put("compression.type", "none");
        c.putAll(extra);
        byte[] value = new byte[size];
        Arrays.fill(value, (byte) 'x');
        AtomicLong delivered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Callback cb = (md, e) -> {
            if (e == null) delivered.incrementAndGet();
            else failed.incrementAndGet();
        };
        try (Producer<byte[], byte[]> p = new RdKafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer())) {
            p.partitionsFor(topic); // metadata first, as the other tools' timing starts after it
            long start = System.nanoTime();
            for (long i = 0; i < n; i++) p.send(new ProducerRecord<>(topic, value), cb);
            p.flush();
            double secs = (System.nanoTime() - start) / 1e9;
            if (failed.get() > 0) throw new IllegalStateException(failed.get() + " records failed");
            System.out.printf(Locale.ROOT, "{\"mode\":\"produce\",\"messages\":%d,\"seconds\":%.3f,\"msgs_per_sec\":%.1f}%n",
                    delivered.get(), secs, delivered.get() / secs);
        }
    }

    private static void consume(String brokers, String topic, long n, String group, Map<String, Object> extra) {
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", brokers);
        c.put("group.id", group);
        c.put("auto.offset.reset", "earliest");
        c.put("enable.auto.commit", "false");
        c.put("max.partition.fetch.bytes", "1048576"); // ConsumerPerformance --fetch-size 1048576
        c.putAll(extra);
        long got = 0;
        long bytes = 0;
        long first = 0;
        long last = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        try (Consumer<byte[], byte[]> consumer = new RdKafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (got < n && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> rs = consumer.poll(Duration.ofMillis(500));
                if (rs.isEmpty()) continue;
                if (first == 0) first = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : rs) bytes += r.serializedValueSize();
                got += rs.count();
                last = System.nanoTime();
            }
        }
        if (got < n) throw new IllegalStateException("consumed " + got + " of " + n + " records in 5 minutes");
        double secs = Math.max(1e-9, (last - first) / 1e9);
        System.out.printf(Locale.ROOT, "{\"mode\":\"consume\",\"messages\":%d,\"bytes\":%d,\"seconds\":%.3f,"
                + "\"msgs_per_sec\":%.1f}%n", got, bytes, secs, got / secs);
    }
}

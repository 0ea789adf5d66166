package io.rdkafka.bench.jmh;

import io.rdkafka.client.Callback;
import io.rdkafka.client.DeliveryHandler;
import io.rdkafka.client.Partitioner;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.RecordMetadata;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.mock.MockCluster;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code Producer.send} with a callback (or with a {@link DeliveryHandler}), delivery reports handled, against librdkafka's mock cluster
 * (one broker, 5 partitions). The record (and its byte[] value) is the same object every time, so
 * {@code -prof gc}'s bytes per operation are what the binding allocates per record, on every thread
 * (the sending thread and the event thread that completes the future and runs the callback).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx512m"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class ProduceBench {
    private static final Callback IGNORE = (md, ex) -> {
    };
    private static final DeliveryHandler COUNT = new DeliveryHandler() {
        long delivered; // event thread only

        @Override
        public void onDelivery(long context, String topic, int partition, long offset, KafkaException error) {
            if (error == null) delivered++;
        }
    };

    /** For the two producers of {@link Keyed} (two event threads): keeps no state. */
    private static final DeliveryHandler IGNORE_HANDLER = (context, topic, partition, offset, error) -> {
    };

    @Param({"100", "1024"})
    public int size;

    private MockCluster cluster;
    private Producer<byte[], byte[]> producer;
    private ProducerRecord<byte[], byte[]> record;

    @Setup
    public void setup() {
        cluster = MockCluster.start(1);
        cluster.createTopic("bench", 5, 1);
        producer = Producer.create(cluster.clientConfig().acks("1").build(), Serdes.byteArraySerializer(),
                Serdes.byteArraySerializer());
        producer.partitionsFor("bench", Duration.ofSeconds(10));
        record = new ProducerRecord<>("bench", new byte[size]);
    }

    @Benchmark
    public CompletableFuture<RecordMetadata> sendWithCallback() {
        return producer.send(record, IGNORE);
    }

    /** The allocation-free variant: one shared handler, the context a number. */
    @Benchmark
    public void sendWithHandler() {
        producer.send(record, 42L, COUNT);
    }

    @TearDown
    public void tearDown() {
        producer.flush(Duration.ofSeconds(60));
        producer.close();
        cluster.close();
    }

    /** Keyed sends with the native and with a Java partitioner: two producers on one mock cluster. */
    @State(Scope.Benchmark)
    public static class Keyed {
        /** A hash of the key bytes (FNV-1a), positive, modulo the partition count: a typical custom partitioner. */
        static final Partitioner FNV = (topic, key, count, availability) -> {
            int h = 0x811c9dc5;
            for (byte b : key) h = (h ^ b) * 0x01000193;
            return (h & 0x7fffffff) % count;
        };

        @Param({"100"})
        public int size;

        MockCluster cluster;
        Producer<byte[], byte[]> nativePartitioner;
        Producer<byte[], byte[]> javaPartitioner;
        ProducerRecord<byte[], byte[]> record;

        @Setup
        public void setup() {
            cluster = MockCluster.start(1);
            cluster.createTopic("bench", 5, 1);
            nativePartitioner = Producer.create(cluster.clientConfig().acks("1").build(), Serdes.byteArraySerializer(),
                    Serdes.byteArraySerializer());
            javaPartitioner = Producer.create(cluster.clientConfig().acks("1").partitioner(FNV).build(),
                    Serdes.byteArraySerializer(), Serdes.byteArraySerializer());
            nativePartitioner.partitionsFor("bench", Duration.ofSeconds(10));
            javaPartitioner.partitionsFor("bench", Duration.ofSeconds(10));
            record = new ProducerRecord<>("bench", "key-0123456789ab".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    new byte[size]);
        }

        @TearDown
        public void tearDown() {
            nativePartitioner.flush(Duration.ofSeconds(60));
            javaPartitioner.flush(Duration.ofSeconds(60));
            nativePartitioner.close();
            javaPartitioner.close();
            cluster.close();
        }
    }

    /** A keyed record placed by librdkafka's murmur2_random (the binding's default partitioner). */
    @Benchmark
    public void sendKeyedNative(Keyed k) {
        k.nativePartitioner.send(k.record, 42L, IGNORE_HANDLER);
    }

    /** The same record placed by a {@link Partitioner} in Java (upcall per record). */
    @Benchmark
    public void sendKeyedJavaPartitioner(Keyed k) {
        k.javaPartitioner.send(k.record, 42L, IGNORE_HANDLER);
    }
}

package io.rdkafka.bench.jmh;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerRecords;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.RecordBatch;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.mock.MockCluster;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code Consumer.poll} (native messages → {@code ConsumerRecord}s with byte[] keys and values) and the
 * zero-copy {@code Consumer.pollBatch}, against librdkafka's mock cluster holding 200 000 records in
 * 5 partitions, read over and over (seek to the beginning at the end). One operation is one poll; the
 * {@code records} counter gives records/s, so bytes per record = gc.alloc.rate / records rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx512m"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class PollBench {
    private static final int RECORDS = 200_000;

    /** Records returned, as a rate next to the polls. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long records;

        @Setup(Level.Iteration)
        public void reset() {
            records = 0;
        }
    }

    @Param({"100"})
    public int size;

    private MockCluster cluster;
    private Consumer<byte[], byte[]> consumer;
    private List<TopicPartition> partitions;

    @Setup
    public void setup() {
        cluster = MockCluster.start(1);
        cluster.createTopic("poll", 5, 1);
        try (Producer<byte[], byte[]> p = Producer.create(cluster.clientConfig().build(), Serdes.byteArraySerializer(),
                Serdes.byteArraySerializer())) {
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>("poll", new byte[size]);
            for (int i = 0; i < RECORDS; i++) p.send(r);
            p.flush(Duration.ofSeconds(60));
        }
        consumer = Consumer.create(cluster.clientConfig().groupId("poll-bench").set("enable.auto.commit", "false")
                        .set("auto.offset.reset", "earliest").build(), Serdes.byteArrayDeserializer(),
                Serdes.byteArrayDeserializer(), Consumer.Options.defaults().withMaxPollRecords(500));
        partitions = IntStream.range(0, 5).mapToObj(i -> new TopicPartition("poll", i)).toList();
        consumer.assign(partitions);
    }

    @Benchmark
    public ConsumerRecords<byte[], byte[]> poll(Counters c) {
        ConsumerRecords<byte[], byte[]> r = consumer.poll(Duration.ofMillis(100));
        int n = r.count();
        if (n == 0) consumer.seekToBeginning(partitions);
        c.records += n;
        return r;
    }

    @Benchmark
    public long pollBatch(Counters c) {
        RecordBatch b = consumer.pollBatch(Duration.ofMillis(100));
        int n = b.size();
        long bytes = 0;
        for (int i = 0; i < n; i++) bytes += b.valueSize(i);
        if (n == 0) consumer.seekToBeginning(partitions);
        c.records += n;
        return bytes;
    }

    @TearDown
    public void tearDown() {
        consumer.close();
        cluster.close();
    }
}

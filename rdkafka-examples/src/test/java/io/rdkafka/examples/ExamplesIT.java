package io.rdkafka.examples;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerRecord;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** Runs each example's main logic against a real broker (the test kit's). */
@KafkaTest
class ExamplesIT {
    private static final int RECORDS = 300;

    private static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    @Test
    void adminExampleCreatesDescribesConfiguresAndDeletes(KafkaCluster cluster) throws Exception {
        String topic = unique("admin-example");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AdminExample.Report first = AdminExample.administer(cluster.bootstrapServers(), topic, 3, false,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertTrue(first.created());
        assertEquals(1, first.brokers());
        assertFalse(first.clusterId().isEmpty());
        assertEquals(3, first.partitions());
        assertEquals("3600000", first.retention());
        assertEquals(Map.of(0, 0L, 1, 0L, 2, 0L), first.endOffsets());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("retention.ms = 3600000"), out.toString());

        AdminExample.Report second = AdminExample.administer(cluster.bootstrapServers(), topic, 3, true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertFalse(second.created(), "the topic existed");
        assertTrue(second.deleted());
    }

    @Test
    void producerThenConsumerThenTransactionalCopy(KafkaCluster cluster) throws Exception {
        String topic = unique("events");
        String output = unique("events-upper");
        cluster.createTopic(topic, 3, 1);
        cluster.createTopic(output, 3, 1);
        String servers = cluster.bootstrapServers();

        // ProducerExample
        ProducerExample.Result produced = ProducerExample.produce(ProducerExample.config(servers).build(), topic, RECORDS);
        assertEquals(new ProducerExample.Result(RECORDS, 0, null), produced);

        // ConsumerExample: the poll loop on its own thread, stopped from this one as the shutdown hook would
        String group = unique("consumer-example");
        List<ConsumerRecord<String, String>> handled = new CopyOnWriteArrayList<>();
        ConsumerExample consumerExample = new ConsumerExample(ConsumerExample.config(servers, group).build(), topic,
                handled::add);
        CompletableFuture<Long> loop = CompletableFuture.supplyAsync(consumerExample::run);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (handled.size() < RECORDS && System.nanoTime() < deadline && !loop.isDone()) Thread.sleep(50);
        consumerExample.shutdown();
        assertEquals(RECORDS, loop.get(30, TimeUnit.SECONDS));
        assertTrue(consumerExample.awaitStopped(Duration.ZERO));
        assertEquals(RECORDS, handled.size());
        assertEquals(RECORDS, handled.stream().map(ConsumerRecord::value).distinct().count());
        assertEquals(RECORDS, committedTotal(servers, group, topic), "the final commit covers every record");
        consumerExample.shutdown(); // after the end: harmless

        // TransactionalCopyExample
        String copyGroup = unique("copy");
        try (TransactionalCopyExample copy = new TransactionalCopyExample(servers, topic, output, copyGroup,
                unique("copy-txn"), v -> v.toUpperCase(Locale.ROOT))) {
            TransactionalCopyExample.Result r = copy.run(RECORDS, Duration.ofSeconds(30));
            assertEquals(RECORDS, r.copied());
            assertEquals(0, r.aborted());
            assertTrue(r.committed() >= 1);
        }
        assertEquals(RECORDS, committedTotal(servers, copyGroup, topic), "the transactions committed the offsets");
        Set<String> copied = readCommitted(servers, output, RECORDS).stream().map(ConsumerRecord::value)
                .collect(Collectors.toSet());
        assertEquals(IntStream.range(0, RECORDS).mapToObj(i -> "EVENT " + i).collect(Collectors.toSet()), copied);

        // A restart of the same copy finds nothing left to do: the input offsets were committed with the output.
        try (TransactionalCopyExample again = new TransactionalCopyExample(servers, topic, output, copyGroup,
                unique("copy-txn"), v -> v.toUpperCase(Locale.ROOT))) {
            assertEquals(0, again.run(RECORDS, Duration.ofSeconds(3)).copied());
        }
    }

    private static long committedTotal(String servers, String group, String topic) {
        try (var c = Consumer.create(KafkaConfig.builder().bootstrapServers(servers).groupId(group).build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            Set<TopicPartition> partitions = IntStream.range(0, 3).mapToObj(p -> new TopicPartition(topic, p))
                    .collect(Collectors.toSet());
            return c.committed(partitions, Duration.ofSeconds(30)).values().stream()
                    .mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static List<ConsumerRecord<String, String>> readCommitted(String servers, String topic, int expected) {
        List<ConsumerRecord<String, String>> all = new CopyOnWriteArrayList<>();
        try (var c = Consumer.create(KafkaConfig.builder().bootstrapServers(servers)
                        .set("isolation.level", "read_committed").set("auto.offset.reset", "earliest").build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            c.assign(IntStream.range(0, 3).mapToObj(p -> new TopicPartition(topic, p)).toList());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (all.size() < expected && System.nanoTime() < deadline) c.poll(Duration.ofMillis(200)).forEach(all::add);
            c.poll(Duration.ofMillis(300)).forEach(all::add);
        }
        assertEquals(expected, all.size(), "exactly once in the output");
        return all;
    }
}

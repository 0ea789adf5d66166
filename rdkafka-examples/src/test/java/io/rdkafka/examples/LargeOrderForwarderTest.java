package io.rdkafka.examples;

import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.TimeoutException;
import io.rdkafka.client.mock.MockConsumer;
import io.rdkafka.client.mock.MockProducer;
import io.rdkafka.ffm.RdKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A unit test of application code with the client's test doubles: {@link LargeOrderForwarder} gets a
 * {@link MockConsumer} and a {@link MockProducer}; the test feeds the orders, moves the assignment, and decides
 * which sends succeed. No librdkafka, no broker.
 */
class LargeOrderForwarderTest {
    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    private final MockConsumer<String, String> consumer = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST);

    private LargeOrderForwarder forwarder(MockProducer<String, String> producer) {
        return new LargeOrderForwarder(consumer, producer, "orders", "large-orders", 100, Duration.ofSeconds(10));
    }

    private static MockProducer<String, String> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, Serdes.stringSerializer(), Serdes.stringSerializer());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting");
            Thread.sleep(5);
        }
    }

    @Test
    void forwardsTheLargeOrdersAndCommitsWhatWasAcknowledged() throws Exception {
        MockProducer<String, String> producer = producer(true);
        LargeOrderForwarder forwarder = forwarder(producer);
        assertEquals(Set.of("orders"), consumer.subscription());
        consumer.rebalance(List.of(P0, P1));
        consumer.addRecord("orders", 0, "alice", "5");
        consumer.addRecord("orders", 0, "bob", "250");
        consumer.addRecord("orders", 1, "carol", "not an amount");
        consumer.addRecord("orders", 1, "dave", "100");

        assertEquals(new LargeOrderForwarder.Result(2, 1, 0), forwarder.pollOnce(Duration.ZERO));
        List<ProducerRecord<String, String>> sent = producer.history();
        assertEquals(List.of("bob", "dave"), sent.stream().map(ProducerRecord::key).toList());
        assertTrue(sent.stream().allMatch(r -> r.topic().equals("large-orders")));
        assertEquals(Map.of(P0, new OffsetAndMetadata(2), P1, new OffsetAndMetadata(2)),
                consumer.committed(Set.of(P0, P1)));
    }

    @Test
    void aFailedSendRewindsItsPartitionAndCommitsNothingOfIt() throws Exception {
        MockProducer<String, String> producer = producer(false);
        LargeOrderForwarder forwarder = forwarder(producer);
        consumer.rebalance(List.of(P0, P1));
        consumer.addRecord("orders", 0, "bob", "250");
        consumer.addRecord("orders", 1, "dave", "300");

        // pollOnce waits for the acknowledgements, which this thread hands out
        CompletableFuture<LargeOrderForwarder.Result> first = CompletableFuture.supplyAsync(() -> poll(forwarder));
        await(() -> producer.pendingCount() == 2);
        producer.completeNext(); // bob's copy (partition 0, polled first)
        producer.errorNext(new TimeoutException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__MSG_TIMED_OUT,
                "delivery timed out")));
        assertEquals(new LargeOrderForwarder.Result(1, 0, 1), first.get(10, TimeUnit.SECONDS));
        assertEquals(Map.of(P0, new OffsetAndMetadata(1)), consumer.committed(Set.of(P0, P1)),
                "partition 1 not committed: its copy was not acknowledged");
        assertEquals(0, consumer.position(P1), "rewound to the batch's first record");

        // the next poll reads dave's order again and forwards it
        CompletableFuture<LargeOrderForwarder.Result> second = CompletableFuture.supplyAsync(() -> poll(forwarder));
        await(() -> producer.pendingCount() == 1);
        producer.completeNext();
        assertEquals(new LargeOrderForwarder.Result(1, 0, 0), second.get(10, TimeUnit.SECONDS));
        assertEquals(new OffsetAndMetadata(1), consumer.committed(Set.of(P1)).get(P1));
        assertEquals(List.of("bob", "dave", "dave"), producer.history().stream().map(ProducerRecord::key).toList(),
                "at least once: the failed copy was sent again");
    }

    @Test
    void shutdownEndsTheLoopThroughWakeup() throws Exception {
        LargeOrderForwarder forwarder = forwarder(producer(true));
        consumer.rebalance(List.of(P0));
        CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
            try {
                forwarder.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        consumer.addRecord("orders", 0, "bob", "250");
        // commits() is the test's view: consumer methods would throw ConcurrentModificationException while the
        // loop's thread is inside poll, as the real consumer's do
        await(() -> !consumer.commits().isEmpty());
        forwarder.shutdown();
        loop.get(10, TimeUnit.SECONDS); // returns, without a WakeupException
        assertEquals(new OffsetAndMetadata(1), consumer.committed(Set.of(P0)).get(P0));
    }

    @Test
    void badArgumentsAreRefused() {
        MockProducer<String, String> producer = producer(true);
        assertThrows(NullPointerException.class,
                () -> new LargeOrderForwarder(null, producer, "orders", "large-orders", 1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new LargeOrderForwarder(consumer, producer, "orders", "large-orders", -1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new LargeOrderForwarder(consumer, producer, "orders", "large-orders", 1, Duration.ZERO));
    }

    private static LargeOrderForwarder.Result poll(LargeOrderForwarder forwarder) {
        try {
            return forwarder.pollOnce(Duration.ZERO);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}

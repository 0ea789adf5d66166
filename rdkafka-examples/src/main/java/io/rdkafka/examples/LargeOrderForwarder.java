package io.rdkafka.examples;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerRecord;
import io.rdkafka.client.ConsumerRecords;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.RecordMetadata;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.WakeupException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Application code written against the {@link Consumer} and {@link Producer} interfaces, so that its unit test
 * ({@code LargeOrderForwarderTest}) drives it with {@link io.rdkafka.client.mock.MockConsumer} and
 * {@link io.rdkafka.client.mock.MockProducer} instead of a broker: it reads orders (key: customer, value: amount),
 * forwards those of at least a threshold to another topic, and commits a partition's records only once their
 * forwarded copies were acknowledged. When a send fails, the partition is rewound to the first record of the batch
 * and read again (at least once: records of that batch forwarded before the failure are forwarded again).
 *
 * <p>It neither creates nor closes the clients: the caller does ({@code Consumer.create}, {@code Producer.create}).
 */
public final class LargeOrderForwarder {
    private final Consumer<String, String> consumer;
    private final Producer<String, String> producer;
    private final String outputTopic;
    private final long threshold;
    private final Duration sendTimeout;
    private volatile boolean running = true;

    /**
     * What one {@link #pollOnce} did.
     *
     * @param forwarded records forwarded and acknowledged
     * @param skipped   records whose value is not an amount
     * @param rewound   partitions rewound after a failed send
     */
    public record Result(int forwarded, int skipped, int rewound) {
    }

    /**
     * Subscribes the consumer to the input topic.
     *
     * @param consumer    reads the orders; a member of the group that shares the input's partitions
     * @param producer    writes the large orders
     * @param inputTopic  the orders
     * @param outputTopic where the large orders go
     * @param threshold   the smallest amount forwarded
     * @param sendTimeout how long to wait for a batch's sends to be acknowledged before rewinding
     * @throws NullPointerException     when an argument is {@code null}
     * @throws IllegalArgumentException for a negative threshold or a send timeout that is not positive
     */
    public LargeOrderForwarder(Consumer<String, String> consumer, Producer<String, String> producer, String inputTopic,
                               String outputTopic, long threshold, Duration sendTimeout) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.outputTopic = Objects.requireNonNull(outputTopic, "outputTopic");
        this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
        if (threshold < 0) throw new IllegalArgumentException("threshold must be >= 0: " + threshold);
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("sendTimeout must be positive: " + sendTimeout);
        }
        this.threshold = threshold;
        consumer.subscribe(List.of(Objects.requireNonNull(inputTopic, "inputTopic")));
    }

    /**
     * Polls once, forwards the large orders, waits for their acknowledgements, and commits each partition whose
     * forwarded records were all acknowledged; a partition with a failed send is rewound instead.
     *
     * @param pollTimeout how long the poll waits for records
     * @return what was done
     * @throws WakeupException when {@link #shutdown()} woke the consumer
     * @throws InterruptedException when the thread is interrupted while waiting for acknowledgements
     */
    public Result pollOnce(Duration pollTimeout) throws InterruptedException {
        ConsumerRecords<String, String> records = consumer.poll(pollTimeout);
        int skipped = 0;
        Map<TopicPartition, List<CompletableFuture<RecordMetadata>>> sends = new LinkedHashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            for (ConsumerRecord<String, String> r : records.records(tp)) {
                Long amount = amount(r.value());
                if (amount == null) skipped++;
                else if (amount >= threshold) fs.add(producer.send(new ProducerRecord<>(outputTopic, r.key(), r.value())));
            }
            sends.put(tp, fs);
        }
        int forwarded = 0;
        int rewound = 0;
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (var e : sends.entrySet()) {
            List<ConsumerRecord<String, String>> batch = records.records(e.getKey());
            try {
                CompletableFuture.allOf(e.getValue().toArray(new CompletableFuture<?>[0]))
                        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                forwarded += e.getValue().size();
                // the next offset to read: one past the last record of the batch
                commit.put(e.getKey(), new OffsetAndMetadata(batch.getLast().offset() + 1));
            } catch (ExecutionException | TimeoutException failed) {
                consumer.seek(e.getKey(), batch.getFirst().offset());
                rewound++;
            }
        }
        if (!commit.isEmpty()) consumer.commitSync(commit);
        return new Result(forwarded, skipped, rewound);
    }

    /**
     * Calls {@link #pollOnce} until {@link #shutdown()}.
     *
     * @throws InterruptedException when the thread is interrupted while waiting for acknowledgements
     */
    public void run() throws InterruptedException {
        try {
            while (running) pollOnce(Duration.ofMillis(500));
        } catch (WakeupException e) {
            if (running) throw e; // a wakeup nobody asked for
        }
    }

    /** Makes {@link #run()} return soon, from any thread: its poll throws {@link WakeupException}. */
    public void shutdown() {
        running = false;
        consumer.wakeup();
    }

    /** The amount of an order, or null when the value is none. */
    private static Long amount(String value) {
        if (value == null) return null;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

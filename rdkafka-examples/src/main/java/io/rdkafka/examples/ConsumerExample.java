package io.rdkafka.examples;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerRebalanceListener;
import io.rdkafka.client.ConsumerRecord;
import io.rdkafka.client.ConsumerRecords;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.WakeupException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A consumer group member: subscribe, a poll loop that hands each record to a handler, commits, and a clean
 * shutdown from another thread with {@link Consumer#wakeup()}.
 *
 * <pre>
 * ConsumerExample &lt;bootstrap-servers&gt; &lt;topic&gt; [group-id]
 * </pre>
 *
 * Press Ctrl-C to stop: the shutdown hook wakes the loop, which commits and leaves the group.
 */
public final class ConsumerExample {
    private final Consumer<String, String> consumer;
    private final String topic;
    private final java.util.function.Consumer<ConsumerRecord<String, String>> handler;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private long processed;

    /**
     * Creates the consumer; {@link #run()} then consumes.
     *
     * @param config  the consumer's configuration (see {@link #config})
     * @param topic   the topic to subscribe to
     * @param handler called for each record, on the thread that calls {@link #run()}
     */
    public ConsumerExample(KafkaConfig config, String topic,
                           java.util.function.Consumer<ConsumerRecord<String, String>> handler) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.consumer = Consumer.create(config, Serdes.stringDeserializer(), Serdes.stringDeserializer());
    }

    /**
     * Runs the example until Ctrl-C.
     *
     * @param args bootstrap servers, topic, and optionally the group id (default "consumer-example")
     * @throws InterruptedException never in practice: the main thread is not interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: ConsumerExample <bootstrap-servers> <topic> [group-id]");
            System.exit(2);
        }
        String group = args.length > 2 ? args[2] : "consumer-example";
        ConsumerExample example = new ConsumerExample(config(args[0], group).build(), args[1],
                r -> System.out.printf("%s-%d@%d %s = %s%n", r.topic(), r.partition(), r.offset(), r.key(), r.value()));
        // The JVM runs shutdown hooks on SIGINT/SIGTERM. The hook must not return before the loop has
        // committed and closed, or the JVM would exit in the middle of it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            example.shutdown();
            example.awaitStopped(Duration.ofSeconds(30));
        }, "consumer-example-shutdown"));
        long n = example.run();
        System.out.printf("processed %d records%n", n);
    }

    /**
     * The consumer configuration of this example; callers may add to it.
     *
     * @param bootstrapServers {@code host:port,...} of one or more brokers
     * @param groupId          the consumer group to join
     * @return a configuration builder
     */
    public static KafkaConfig.Builder config(String bootstrapServers, String groupId) {
        return KafkaConfig.builder()
                .bootstrapServers(bootstrapServers)
                .groupId(groupId)
                .clientId("consumer-example")
                // A new group starts at the oldest record instead of only seeing records produced from now on.
                .set("auto.offset.reset", "earliest")
                // Commit ourselves, after the records were handled: at-least-once processing.
                .set("enable.auto.commit", "false");
    }

    /**
     * The poll loop: runs on the calling thread until {@link #shutdown()}, then commits and closes the consumer.
     *
     * @return how many records were handled
     * @throws KafkaException for errors the application must deal with (see {@link Consumer#poll})
     */
    public long run() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // Partitions are about to move to another member: commit what was handled so the new
                    // owner does not process it again. Runs inside poll, on this thread.
                    consumer.commitSync();
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    System.err.println("assigned " + partitions);
                }
            });
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> r : records) {
                    handler.accept(r);
                    processed++;
                }
                if (!records.isEmpty()) {
                    // Asynchronous: the loop keeps going while the coordinator answers. A failed commit needs
                    // no retry: the next commit covers the same records.
                    consumer.commitAsync((offsets, error) -> {
                        if (error != null) System.err.println("commit failed: " + error);
                    });
                }
            }
        } catch (WakeupException e) {
            // shutdown() called wakeup() to interrupt a poll: the expected way out of the loop.
            if (running) throw e;
        } finally {
            try {
                // Synchronous, once: the last records handled are committed before the group is left.
                consumer.commitSync();
            } catch (KafkaException e) {
                System.err.println("final commit failed: " + e);
            } finally {
                // close() leaves the group at once (the partitions move to other members without waiting for
                // session.timeout.ms) and frees the native client.
                consumer.close();
                stopped.countDown();
            }
        }
        return processed;
    }

    /**
     * Stops {@link #run()} from any thread: a poll blocked in another thread returns at once.
     */
    public void shutdown() {
        running = false;
        try {
            consumer.wakeup(); // thread-safe, unlike the consumer's other methods
        } catch (IllegalStateException alreadyClosed) {
            // run() has finished already
        }
    }

    /**
     * Waits until {@link #run()} has committed and closed the consumer.
     *
     * @param timeout how long to wait at most
     * @return whether it has
     */
    public boolean awaitStopped(Duration timeout) {
        try {
            return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

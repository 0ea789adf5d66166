package io.rdkafka.examples;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerRecord;
import io.rdkafka.client.ConsumerRecords;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.TransactionFatalException;
import io.rdkafka.client.errors.WakeupException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Exactly-once consume-transform-produce: reads an input topic, transforms each value, and writes the result to
 * an output topic. The output records and the consumed offsets are committed in one transaction, so a
 * downstream {@code read_committed} consumer sees every input record's result exactly once, even when this
 * program fails half-way through a batch and is restarted.
 *
 * <pre>
 * TransactionalCopyExample &lt;bootstrap-servers&gt; &lt;input-topic&gt; &lt;output-topic&gt; [group-id] [transactional-id]
 * </pre>
 */
public final class TransactionalCopyExample implements AutoCloseable {
    private static final Duration TXN_TIMEOUT = Duration.ofSeconds(30);

    private final Consumer<String, String> consumer;
    private final Producer<String, String> producer;
    private final String inputTopic;
    private final String outputTopic;
    private final UnaryOperator<String> transform;
    private volatile boolean running = true;

    /**
     * What one {@link #run} did.
     *
     * @param copied    records written to the output topic in committed transactions
     * @param committed transactions committed
     * @param aborted   transactions aborted (their input records were read again)
     */
    public record Result(long copied, int committed, int aborted) {
    }

    /**
     * Creates the consumer and the transactional producer, and registers the transactional id with the cluster
     * (which fences any older producer with the same id).
     *
     * @param bootstrapServers {@code host:port,...} of one or more brokers
     * @param inputTopic       the topic to read
     * @param outputTopic      the topic to write
     * @param groupId          the consumer group whose offsets the transactions commit
     * @param transactionalId  stable across restarts of the same instance, unique among running instances
     * @param transform        the transformation of each value
     */
    public TransactionalCopyExample(String bootstrapServers, String inputTopic, String outputTopic, String groupId,
                                    String transactionalId, UnaryOperator<String> transform) {
        this.inputTopic = Objects.requireNonNull(inputTopic, "inputTopic");
        this.outputTopic = Objects.requireNonNull(outputTopic, "outputTopic");
        this.transform = Objects.requireNonNull(transform, "transform");
        this.consumer = Consumer.create(KafkaConfig.builder()
                .bootstrapServers(bootstrapServers)
                .groupId(groupId)
                .set("auto.offset.reset", "earliest")
                // Offsets are committed by the producer's transaction, never by the consumer itself.
                .set("enable.auto.commit", "false")
                // Read only committed records of upstream transactional producers (aborted ones are skipped).
                .set("isolation.level", "read_committed")
                .build(), Serdes.stringDeserializer(), Serdes.stringDeserializer());
        Producer<String, String> p = null;
        try {
            p = Producer.create(KafkaConfig.builder()
                    .bootstrapServers(bootstrapServers)
                    // Implies enable.idempotence=true and acks=all.
                    .transactionalId(transactionalId)
                    .build(), Serdes.stringSerializer(), Serdes.stringSerializer());
            // Once per producer: waits for the transaction coordinator and aborts what a previous instance
            // with this id left open.
            p.initTransactions(TXN_TIMEOUT);
        } catch (RuntimeException e) {
            if (p != null) p.close();
            consumer.close();
            throw e;
        }
        this.producer = p;
    }

    /**
     * Runs the copy until Ctrl-C.
     *
     * @param args bootstrap servers, input topic, output topic, and optionally the group id and transactional id
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: TransactionalCopyExample <bootstrap-servers> <input-topic> <output-topic> "
                    + "[group-id] [transactional-id]");
            System.exit(2);
        }
        String group = args.length > 3 ? args[3] : "transactional-copy";
        String txnId = args.length > 4 ? args[4] : "transactional-copy-1";
        try (TransactionalCopyExample copy = new TransactionalCopyExample(args[0], args[1], args[2], group, txnId,
                v -> v == null ? null : v.toUpperCase(Locale.ROOT))) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                copy.shutdown();
                try {
                    main.join(30_000); // let the current transaction finish and the clients close
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "transactional-copy-shutdown"));
            Result r = copy.run();
            System.out.printf("copied %d records in %d transactions (%d aborted)%n", r.copied(), r.committed(),
                    r.aborted());
        }
    }

    /**
     * Copies until {@link #shutdown()}.
     *
     * @return what was done
     * @throws TransactionFatalException when the producer cannot go on (e.g. fenced by a newer instance)
     */
    public Result run() {
        return run(Long.MAX_VALUE, null);
    }

    /**
     * Copies until {@code maxRecords} were copied, {@code maxTime} passed, or {@link #shutdown()}: one
     * transaction per polled batch.
     *
     * @param maxRecords stop after this many records (the last batch may take it past the number)
     * @param maxTime    stop after this long; {@code null} for no limit
     * @return what was done
     * @throws TransactionFatalException when the producer cannot go on (e.g. fenced by a newer instance)
     */
    public Result run(long maxRecords, Duration maxTime) {
        long deadline = maxTime == null ? 0 : System.nanoTime() + maxTime.toNanos();
        long copied = 0;
        int committed = 0;
        int aborted = 0;
        consumer.subscribe(List.of(inputTopic));
        try {
            while (running && copied < maxRecords && (maxTime == null || System.nanoTime() - deadline < 0)) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) continue;
                producer.beginTransaction();
                try {
                    for (ConsumerRecord<String, String> r : records) {
                        producer.send(new ProducerRecord<>(outputTopic, r.key(), transform.apply(r.value())));
                    }
                    // The consumed positions become part of the transaction: they are committed for the group
                    // if, and only if, the output records are. groupMetadata() lets the coordinator fence a
                    // zombie member of an older generation.
                    producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata(), TXN_TIMEOUT);
                    // Flushes the output records first: a record that could not be delivered fails the commit.
                    producer.commitTransaction(TXN_TIMEOUT);
                    copied += records.count();
                    committed++;
                } catch (TransactionFatalException e) {
                    throw e; // the producer is unusable (fenced, or a fatal error): let the caller restart
                } catch (KafkaException e) {
                    if (e.isFatal()) throw e;
                    // Abortable (or retriable but given up): drop the whole batch's output and read it again.
                    System.err.println("aborting the transaction: " + e);
                    producer.abortTransaction(TXN_TIMEOUT);
                    rewind(records);
                    aborted++;
                }
            }
        } catch (WakeupException e) {
            if (running) throw e; // else: shutdown() interrupted a poll
        }
        return new Result(copied, committed, aborted);
    }

    /** The offsets to commit: one past the last record of each partition in the batch. */
    static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<?, ?> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            offsets.put(tp, new OffsetAndMetadata(records.records(tp).getLast().offset() + 1));
        }
        return offsets;
    }

    /** After an abort: back to the first record of the batch in each partition, so the batch is copied again. */
    private void rewind(ConsumerRecords<?, ?> records) {
        for (TopicPartition tp : records.partitions()) {
            consumer.seek(tp, records.records(tp).getFirst().offset());
        }
    }

    /** Stops {@link #run} from any thread after the current transaction. */
    public void shutdown() {
        running = false;
        try {
            consumer.wakeup();
        } catch (IllegalStateException alreadyClosed) {
            // closed already
        }
    }

    /** Closes the producer (aborting an open transaction) and the consumer (leaving the group). */
    @Override
    public void close() {
        try {
            producer.close();
        } finally {
            consumer.close();
        }
    }
}

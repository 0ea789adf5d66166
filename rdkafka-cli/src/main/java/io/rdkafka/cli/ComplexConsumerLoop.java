package io.rdkafka.cli;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerRebalanceListener;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.RebalanceProtocol;
import io.rdkafka.client.RecordBatch;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.WakeupException;
import io.rdkafka.ffm.RdKafka;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The consume loop of complex-consumer, with the C example's output: messages on stdout (hexdump or raw),
 * rebalances, end-of-partition and errors on stderr.
 *
 * <p>Shutdown: SIGINT/SIGTERM set {@code running=false} and {@code wakeup()} the consumer; the loop finishes
 * printing the batch in hand, then {@code close()} makes the final commit (auto commit of what was printed:
 * librdkafka stores an offset when it hands the message over, and every message handed over is printed
 * before the next poll) and leaves the group, bounded in time.
 */
final class ComplexConsumerLoop {
    private static final Duration POLL = Duration.ofMillis(1000);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Records per poll: what librdkafka's queue holds leaves it in big steps (its fetcher compares the queue's
     * length with queued.min.messages), and the per-poll work (offsets store, batch) is paid less often.
     */
    static final int MAX_POLL_RECORDS = 10_000;

    private final ComplexConsumerCommand cmd;
    private final ComplexConsumerCommand.Targets targets;
    private final PrintStream err = System.err;
    private final OutputBuffer out = new OutputBuffer(new FileOutputStream(FileDescriptor.out).getChannel());
    private final boolean quiet;
    private final boolean raw;
    private final RebalanceProtocol configuredProtocol;

    private volatile boolean running = true;
    private volatile boolean closing;
    private volatile Consumer<byte[], byte[]> consumer;
    /** A consumer error that ends the run (C: UNKNOWN_TOPIC/PARTITION; here also what poll throws). */
    private final AtomicReference<KafkaException> stopError = new AtomicReference<>();

    private final Set<TopicPartition> assigned = new LinkedHashSet<>();
    private final Set<TopicPartition> atEof = new LinkedHashSet<>();
    private final Map<TopicPartition, Long> nextOffset = new HashMap<>();
    private final Thread loopThread = Thread.currentThread();
    private byte[] scratch = new byte[8192];

    private ComplexConsumerLoop(ComplexConsumerCommand cmd, ComplexConsumerCommand.Targets targets, KafkaConfig config) {
        this.cmd = cmd;
        this.targets = targets;
        this.quiet = cmd.quiet();
        this.raw = cmd.raw;
        this.configuredProtocol = RebalanceProtocol.configuredBy(config);
    }

    static int run(ComplexConsumerCommand cmd, ComplexConsumerCommand.Targets targets) throws IOException {
        KafkaConfig config = cmd.consumerConfig();
        return new ComplexConsumerLoop(cmd, targets, config).run(config);
    }

    private int run(KafkaConfig config) throws IOException {
        ClientListeners listeners = ClientListeners.builder().onError(this::onConsumerError).build();
        Signals.install(() -> {
            running = false;
            Consumer<?, ?> c = consumer;
            if (c != null) {
                try {
                    c.wakeup();
                } catch (RuntimeException closed) {
                    // already closing
                }
            }
        });
        Consumer<byte[], byte[]> c = Consumer.create(config, Serdes.byteArrayDeserializer(), Serdes.byteArrayDeserializer(),
                listeners, Consumer.Options.defaults().withMaxPollRecords(MAX_POLL_RECORDS));
        consumer = c;
        int status = 0;
        try {
            if (targets.isSubscription()) {
                err.println("% Subscribing to " + targets.topics().size() + " topics");
                c.subscribe(targets.topics(), new Listener());
            } else {
                err.println("% Assigning " + targets.partitions().size() + " partitions");
                c.assign(targets.partitions());
                assigned.addAll(targets.partitions());
            }
            while (running && !Signals.stopRequested()) {
                try {
                    // not closed here: the next poll (or close) frees it; an empty batch may be a shared instance
                    RecordBatch batch = c.pollBatch(POLL);
                    print(batch);
                    for (TopicPartition tp : batch.endOfPartition()) onEof(tp);
                } catch (WakeupException e) {
                    // a stop was asked for: the loop condition ends the run
                } catch (KafkaException e) {
                    stopError.compareAndSet(null, e);
                }
                out.flush();
                if (stopError.get() != null) break;
                if (cmd.exitEof && !assigned.isEmpty() && atEof.containsAll(assigned)) {
                    err.println("% All partition(s) reached EOF: exiting");
                    break;
                }
            }
        } finally {
            out.flush();
            closing = true;
            try {
                c.close(CLOSE_TIMEOUT);
                err.println("% Consumer closed");
            } catch (RuntimeException e) {
                err.println("% Failed to close consumer: " + Main.describe(e));
                status = 1;
            }
            consumer = null;
        }
        KafkaException e = stopError.get();
        if (e != null) throw new CliException("consumer error: " + e.getMessage());
        return status;
    }

    /** Errors the consumer reports without throwing (librdkafka recovers), and client-level errors. */
    private void onConsumerError(KafkaException e) {
        if (Thread.currentThread() != loopThread && !e.isFatal()) {
            return; // client-level (broker down, ...): librdkafka has logged it already
        }
        err.println("% Consumer error: " + e.getMessage());
        int code = e.code();
        if (!closing && (code == RdKafka.RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION
                || code == RdKafka.RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC
                || code == RdKafka.RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)) {
            // as the C example: a missing topic or partition ends the run
            stopError.compareAndSet(null, e);
            running = false;
        }
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            RebalanceProtocol p = protocol();
            err.println("% Consumer group rebalanced: assigned (" + p + "):");
            err.println(list(partitions));
            assigned.addAll(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            RebalanceProtocol p = protocol();
            err.println("% Consumer group rebalanced: revoked (" + p + "):");
            err.println(list(partitions));
            forget(partitions, p);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            RebalanceProtocol p = protocol();
            err.println("% Consumer group rebalanced: lost (" + p + "):");
            err.println(list(partitions));
            forget(partitions, p);
        }

        private void forget(Collection<TopicPartition> partitions, RebalanceProtocol p) {
            if (p == RebalanceProtocol.COOPERATIVE) {
                assigned.removeAll(partitions);
                atEof.removeAll(partitions);
            } else {
                assigned.clear();
                atEof.clear();
            }
        }

        private RebalanceProtocol protocol() {
            Consumer<?, ?> c = consumer;
            if (closing || c == null) return configuredProtocol; // librdkafka #4041: never ask while closing
            try {
                RebalanceProtocol p = c.rebalanceProtocol();
                return p == RebalanceProtocol.NONE ? configuredProtocol : p;
            } catch (RuntimeException e) {
                return configuredProtocol;
            }
        }
    }

    /** As the C example's print_partition_list: " t [0], t [1]". */
    static String list(Collection<TopicPartition> partitions) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (TopicPartition tp : partitions) {
            sb.append(i++ > 0 ? "," : "").append(' ').append(tp.topic()).append(" [").append(tp.partition()).append(']');
        }
        return sb.toString();
    }

    private void onEof(TopicPartition tp) {
        Long next = nextOffset.get(tp);
        err.println("% Consumer reached end of " + tp.topic() + " [" + tp.partition() + "] message queue"
                + (next != null ? " at offset " + next : ""));
        atEof.add(tp);
    }

    /**
     * Prints a batch. Per partition run (a batch holds each partition's records in order, one run after another),
     * not per record: the next offset (for the end-of-partition line) and leaving the end-of-partition state.
     * Per record only field reads and copies: on librdkafka 2.0.2 a consumer slower than the broker lets its
     * queue reach queued.min.messages, and then the fetcher rests until its one-second timer (docs/consumer.md).
     */
    private void print(RecordBatch batch) throws IOException {
        int n = batch.size();
        String runTopic = null;
        int runPartition = -1;
        long runOffset = -1;
        for (int i = 0; i < n; i++) {
            String topic = batch.topic(i);
            int partition = batch.partition(i);
            long offset = batch.offset(i);
            if (partition != runPartition || !topic.equals(runTopic)) {
                if (runTopic != null) endRun(runTopic, runPartition, runOffset);
                runTopic = topic;
                runPartition = partition;
            }
            runOffset = offset;
            print(batch, i, topic, partition, offset);
        }
        if (runTopic != null) endRun(runTopic, runPartition, runOffset);
    }

    private void endRun(String topic, int partition, long lastOffset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        nextOffset.put(tp, lastOffset + 1);
        if (!atEof.isEmpty()) atEof.remove(tp);
    }

    private void print(RecordBatch batch, int i, String topic, int partition, long offset) throws IOException {
        int vlen = Math.max(0, batch.valueSize(i));
        if (!quiet) {
            out.write(("% Message (topic " + topic + " [" + partition + "], offset " + offset + ", " + vlen
                    + " bytes):\n").getBytes(StandardCharsets.UTF_8));
        }
        int klen = batch.keySize(i);
        if (klen > 0) {
            if (raw) {
                out.write(KEY_PREFIX);
                out.write(batch.key(i), klen);
                out.write('\n');
            } else {
                Hexdump.write(out, "Message Key", copy(batch.key(i), klen), 0, klen);
            }
        }
        if (raw) {
            if (vlen > 0) out.write(batch.value(i), vlen);
            out.write('\n');
        } else {
            Hexdump.write(out, "Message Payload", copy(batch.value(i), vlen), 0, vlen);
        }
    }

    private static final byte[] KEY_PREFIX = "Key: ".getBytes(StandardCharsets.US_ASCII);

    /** The segment's bytes in a reused buffer (valid until the next call). */
    private byte[] copy(MemorySegment s, int len) {
        if (len == 0) return scratch;
        if (scratch.length < len) scratch = new byte[Math.max(len, scratch.length * 2)];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, 0, scratch, 0, len);
        return scratch;
    }
}

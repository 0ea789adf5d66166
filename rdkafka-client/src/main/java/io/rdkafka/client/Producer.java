package io.rdkafka.client;

import io.rdkafka.client.errors.InvalidTopicException;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.PurgedException;
import io.rdkafka.client.errors.SerializationException;
import io.rdkafka.client.errors.TimeoutException;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.JfrEvents;
import io.rdkafka.client.internal.Metadata;
import io.rdkafka.client.internal.NativeClient;
import io.rdkafka.client.internal.PendingSends;
import io.rdkafka.client.internal.Timeouts;
import io.rdkafka.client.internal.TopicPartitionLists;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.ProduceArgs;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaStructs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A Kafka producer over librdkafka, shaped like Apache Kafka's {@code KafkaProducer}: thread-safe,
 * asynchronous {@link #send}, {@link #flush}, transactions.
 *
 * <p>Threads: {@code send} may be called from any thread; it copies the record into librdkafka's queue
 * and returns. Delivery reports are read in batches by the producer's event thread
 * ({@code rdkafka-<name>-events}), which completes the futures and runs {@link Callback}s and dependent
 * stages: keep those short. {@link #close()} flushes (bounded), then fails whatever is left with
 * {@link PurgedException}: no future is ever left incomplete.
 */
public final class Producer<K, V> implements AutoCloseable {
    private static final int DR_BATCH = 1024;
    private static final int TOPIC_MAX_LENGTH = 249;

    private final NativeClient client;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final KafkaConfig config;
    private final PendingSends pending;
    private final ConcurrentHashMap<String, MemorySegment> topics = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<ProduceArgs> argsPool = new ConcurrentLinkedQueue<>();
    // event-thread-only scratch for delivery reports
    private final MemorySegment drMessages;
    private final MemorySegment tsTypeOut;
    private final boolean transactional;

    private Producer(KafkaConfig config, Serializer<K> ks, Serializer<V> vs, ClientListeners listeners) {
        this.config = config;
        this.keySerializer = Objects.requireNonNull(ks, "key serializer");
        this.valueSerializer = Objects.requireNonNull(vs, "value serializer");
        this.transactional = config.get("transactional.id") != null;
        this.client = NativeClient.open(RdKafka.RD_KAFKA_PRODUCER, config, Map.of(), RdKafka.RD_KAFKA_EVENT_DR, listeners);
        int maxMessages = parseIntOr(config.get("queue.buffering.max.messages"), 100_000);
        this.pending = new PendingSends(maxMessages);
        Arena arena = client.arena();
        this.drMessages = Pointers.array(arena, DR_BATCH);
        this.tsTypeOut = Pointers.outInt(arena);
        client.start(this::onEvent);
    }

    /** A producer with the given configuration; see {@link KafkaConfig}. */
    public static <K, V> Producer<K, V> create(KafkaConfig config, Serializer<K> keySerializer,
                                               Serializer<V> valueSerializer) {
        return create(config, keySerializer, valueSerializer, ClientListeners.none());
    }

    public static <K, V> Producer<K, V> create(KafkaConfig config, Serializer<K> keySerializer,
                                               Serializer<V> valueSerializer, ClientListeners listeners) {
        return new Producer<>(config, keySerializer, valueSerializer, listeners);
    }

    private static int parseIntOr(String s, int dflt) {
        try {
            return s == null ? dflt : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** librdkafka's name for this client, e.g. {@code rdkafka#producer-1}. */
    public String name() {
        return client.name();
    }

    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    /**
     * Queues a record for sending. The future completes with where the record was stored, or fails with a
     * typed {@link KafkaException} (e.g. {@link io.rdkafka.client.errors.RecordTooLargeException},
     * {@link io.rdkafka.client.errors.TimeoutException} after {@code message.timeout.ms},
     * {@link io.rdkafka.client.errors.QueueFullException} when the local queue stayed full for
     * {@link KafkaConfig#queueFullTimeout()}).
     *
     * @throws IllegalStateException after close
     * @throws io.rdkafka.client.errors.FatalException after a fatal error
     * @throws SerializationException when a serializer fails
     * @throws InvalidTopicException for a name Kafka does not accept
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        Objects.requireNonNull(record, "record");
        String topic = record.topic();
        validateTopic(topic);
        byte[] key = serialize(keySerializer, topic, record.key(), "key");
        byte[] value = serialize(valueSerializer, topic, record.value(), "value");
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        client.enter();
        try {
            client.checkFatal();
            MemorySegment rkt = topicHandle(topic);
            long needed = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
            byte[][] headerNames = null;
            Headers headers = record.headers();
            if (!headers.isEmpty()) {
                headerNames = new byte[headers.size()][];
                int i = 0;
                for (Header h : headers) {
                    headerNames[i] = ProduceArgs.utf8(h.key());
                    needed += ProduceArgs.headerNameSize(headerNames[i]) + (h.value() == null ? 0 : h.value().length);
                    i++;
                }
            }
            PendingSends.Pending p = pending.add(topic, future, callback,
                    key == null ? -1 : key.length, value == null ? -1 : value.length);
            ProduceArgs args = argsPool.poll();
            if (args == null) args = new ProduceArgs();
            try {
                args.reset(needed).topic(rkt).key(key).value(value).opaque(p.id())
                        .flags(RdKafka.RD_KAFKA_MSG_F_COPY);
                if (record.partition() != null) args.partition(record.partition());
                if (record.timestamp() != null) args.timestamp(record.timestamp());
                if (headerNames != null) {
                    int i = 0;
                    for (Header h : headers) args.header(headerNames[i++], h.value());
                }
                produce(args, p);
            } finally {
                argsPool.offer(args);
            }
        } finally {
            client.exit();
        }
        return future;
    }

    /** Calls produceva, waiting up to queueFullTimeout while librdkafka's queue is full. */
    private void produce(ProduceArgs args, PendingSends.Pending p) {
        long deadline = Long.MIN_VALUE;
        JfrEvents.ProduceBlocked blocked = null; // created only when the queue is full: nothing per record
        long park = 50_000; // 50 us, doubling to 5 ms
        while (true) {
            KafkaError err = Errors.readAndDestroy(args.produce(client.handle()));
            if (err == null) {
                if (blocked != null) commitBlocked(blocked, p.topic(), false);
                return;
            }
            if (err.code() == RdKafka.RD_KAFKA_RESP_ERR__QUEUE_FULL && !client.isClosed()) {
                if (deadline == Long.MIN_VALUE) {
                    deadline = Timeouts.deadline(config.queueFullTimeout());
                    blocked = new JfrEvents.ProduceBlocked();
                    blocked.begin();
                }
                if (System.nanoTime() - deadline < 0) {
                    LockSupport.parkNanos(park);
                    park = Math.min(park * 2, 5_000_000);
                    continue;
                }
                err = KafkaError.of(err.code(), "librdkafka's local queue stayed full for "
                        + config.queueFullTimeout().toMillis() + " ms (queue.buffering.max.messages/kbytes)")
                        .withFlags(false, true, false);
            }
            if (blocked != null) commitBlocked(blocked, p.topic(), true);
            pending.remove(p.id());
            p.fail(Errors.exception(err));
            return;
        }
    }

    private void commitBlocked(JfrEvents.ProduceBlocked blocked, String topic, boolean gaveUp) {
        if (blocked.shouldCommit()) {
            blocked.client = client.name();
            blocked.topic = topic;
            blocked.gaveUp = gaveUp;
            blocked.commit();
        }
    }

    private static <T> byte[] serialize(Serializer<T> s, String topic, T data, String what) {
        try {
            return s.serialize(topic, data);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException(KafkaError.of(KafkaError.UNKNOWN_CODE,
                    "could not serialize the " + what + " for topic " + topic + ": " + e), e);
        }
    }

    static void validateTopic(String topic) {
        if (topic.isEmpty()) throw new InvalidTopicException(topic, "empty");
        if (topic.length() > TOPIC_MAX_LENGTH) {
            throw new InvalidTopicException(topic.substring(0, 20) + "...", "longer than " + TOPIC_MAX_LENGTH
                    + " characters (" + topic.length() + ")");
        }
        if (topic.equals(".") || topic.equals("..")) throw new InvalidTopicException(topic, "'.' and '..' are reserved");
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-')) {
                throw new InvalidTopicException(topic, "character '" + c + "' at " + i
                        + " is not allowed (only a-z, A-Z, 0-9, '.', '_', '-')");
            }
        }
    }

    private MemorySegment topicHandle(String topic) {
        MemorySegment rkt = topics.get(topic);
        if (rkt != null) return rkt;
        synchronized (topics) {
            rkt = topics.get(topic);
            if (rkt == null) {
                try (Arena a = Arena.ofConfined()) {
                    rkt = RdKafka.rd_kafka_topic_new(client.handle(), a.allocateFrom(topic), MemorySegment.NULL);
                }
                if (rkt.equals(MemorySegment.NULL)) {
                    int err = RdKafka.rd_kafka_last_error();
                    throw Errors.exception(err, "cannot create a handle for topic " + topic);
                }
                topics.put(topic, rkt);
            }
            return rkt;
        }
    }

    /** Delivery reports, in batches, on the event thread. */
    private boolean onEvent(int type, MemorySegment event) {
        if (type != RdKafka.RD_KAFKA_EVENT_DR) return type == RdKafka.RD_KAFKA_EVENT_ERROR;
        JfrEvents.DeliveryReports jfr = new JfrEvents.DeliveryReports();
        jfr.begin();
        int reported = 0;
        int failed = 0;
        long n;
        while ((n = RdKafka.rd_kafka_event_message_array(event, drMessages, DR_BATCH)) > 0) {
            reported += (int) n;
            for (int i = 0; i < n; i++) {
                MemorySegment msg = RdKafkaStructs.Message.of(Pointers.at(drMessages, (int) i));
                PendingSends.Pending p = pending.remove(RdKafkaStructs.Message.opaque(msg).address());
                if (p == null) continue;
                int err = RdKafkaStructs.Message.err(msg);
                if (err == RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) {
                    long ts = RdKafka.rd_kafka_message_timestamp(msg, tsTypeOut);
                    int status = RdKafka.rd_kafka_message_status(msg);
                    p.complete(new RecordMetadata(p.topic(), RdKafkaStructs.Message.partition(msg),
                            RdKafkaStructs.Message.offset(msg), ts, TimestampType.fromNative(Pointers.intValue(tsTypeOut)),
                            p.keySize(), p.valueSize(), RecordMetadata.PersistenceStatus.fromNative(status)),
                            client);
                } else {
                    failed++;
                    p.fail(Errors.exception(KafkaError.of(err, "delivery to " + p.topic() + " ["
                            + RdKafkaStructs.Message.partition(msg) + "] failed: " + KafkaError.describe(err))), client);
                }
            }
        }
        if (jfr.shouldCommit()) {
            jfr.client = client.name();
            jfr.records = reported;
            jfr.failed = failed;
            jfr.commit();
        }
        return true;
    }

    /** How many records are queued or in flight, not yet reported. */
    public int pendingCount() {
        return pending.size();
    }

    /** {@code rd_kafka_outq_len}: messages, requests and events librdkafka still has queued. */
    public int queueLength() {
        client.enter();
        try {
            return RdKafka.rd_kafka_outq_len(client.handle());
        } finally {
            client.exit();
        }
    }

    /** Waits until every record sent before this call has been reported (futures completed). */
    public void flush(Duration timeout) {
        long deadline = Timeouts.deadline(timeout);
        client.enter();
        try {
            flushUntil(deadline);
        } finally {
            client.exit();
        }
        if (pending.size() > 0) {
            throw new TimeoutException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__TIMED_OUT,
                    "flush timed out after " + timeout.toMillis() + " ms with " + pending.size() + " records pending"));
        }
    }

    /** Flushes with no time limit, as Kafka's {@code flush()}. */
    public void flush() {
        flush(Duration.ofMillis(Integer.MAX_VALUE));
    }

    private void flushUntil(long deadline) {
        while (pending.size() > 0) {
            int left = Timeouts.remaining(deadline);
            if (left <= 0) return;
            // librdkafka waits for its queues (including unserved reports); our event thread completes them
            RdKafka.rd_kafka_flush(client.handle(), Math.min(left, 100));
            if (RdKafka.rd_kafka_outq_len(client.handle()) == 0) pending.awaitEmpty(Math.min(left, 100));
        }
    }

    /**
     * Drops queued (and, with {@code inFlight}, in-flight) records; their futures fail with
     * {@link PurgedException}. Does not wait for in-flight requests to finish.
     */
    public void purge(boolean queued, boolean inFlight) {
        int flags = RdKafka.RD_KAFKA_PURGE_F_NON_BLOCKING | (queued ? RdKafka.RD_KAFKA_PURGE_F_QUEUE : 0)
                | (inFlight ? RdKafka.RD_KAFKA_PURGE_F_INFLIGHT : 0);
        client.enter();
        try {
            int err = RdKafka.rd_kafka_purge(client.handle(), flags);
            if (err != 0) throw Errors.exception(err, "purge failed");
        } finally {
            client.exit();
        }
    }

    /** The partitions of a topic, from a metadata request. */
    public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        validateTopic(topic);
        ClusterMetadata md = metadata(topic, timeout);
        String err = md.topicErrors().get(topic);
        if (err != null) throw Errors.exception(RdKafka.RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
                "no metadata for topic " + topic + ": " + err);
        return md.partitionsFor(topic);
    }

    /** Cluster metadata for one topic, or all topics when {@code topic} is null. */
    public ClusterMetadata metadata(String topic, Duration timeout) {
        client.enter();
        try {
            return Metadata.fetch(client.handle(), topic, timeout);
        } finally {
            client.exit();
        }
    }

    // ---- transactions -------------------------------------------------------------------------------

    private void requireTransactional(String call) {
        if (!transactional) {
            throw new IllegalStateException(call + " needs a transactional producer: set transactional.id");
        }
    }

    private void txnCall(String call, java.util.function.Function<MemorySegment, MemorySegment> c) {
        requireTransactional(call);
        client.enter();
        try {
            KafkaError err = Errors.readAndDestroy(c.apply(client.handle()));
            if (err != null) throw Errors.transactionException(err);
        } finally {
            client.exit();
        }
    }

    /** Registers the transactional id with the cluster; call once before the first transaction. */
    public void initTransactions(Duration timeout) {
        int ms = Timeouts.millis(timeout);
        txnCall("initTransactions", rk -> RdKafka.rd_kafka_init_transactions(rk, ms));
    }

    public void beginTransaction() {
        txnCall("beginTransaction", RdKafka::rd_kafka_begin_transaction);
    }

    /** Adds the consumer's offsets to the transaction: committed for the group only if the transaction commits. */
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group,
                                         Duration timeout) {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(group, "group metadata");
        int ms = Timeouts.millis(timeout);
        txnCall("sendOffsetsToTransaction", rk -> {
            MemorySegment list = TopicPartitionLists.ofOffsets(offsets);
            try (Arena a = Arena.ofConfined()) {
                byte[] bytes = group.serialized();
                MemorySegment buf = a.allocate(Math.max(1, bytes.length));
                MemorySegment.copy(bytes, 0, buf, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
                MemorySegment out = Pointers.outPointer(a);
                KafkaError err = Errors.readAndDestroy(RdKafka.rd_kafka_consumer_group_metadata_read(out, buf, bytes.length));
                if (err != null) throw new IllegalArgumentException("invalid consumer group metadata: " + err);
                MemorySegment cgmd = Pointers.pointer(out);
                try {
                    return RdKafka.rd_kafka_send_offsets_to_transaction(rk, list, cgmd, ms);
                } finally {
                    RdKafka.rd_kafka_consumer_group_metadata_destroy(cgmd);
                }
            } finally {
                RdKafka.rd_kafka_topic_partition_list_destroy(list);
            }
        });
    }

    /** Flushes and commits the transaction. */
    public void commitTransaction(Duration timeout) {
        int ms = Timeouts.millis(timeout);
        txnCall("commitTransaction", rk -> RdKafka.rd_kafka_commit_transaction(rk, ms));
    }

    /**
     * Aborts the transaction. Records of the transaction still queued are flushed first (bounded by the
     * timeout): aborting while they are unsent has been seen to fail fatally with librdkafka 2.0.2.
     */
    public void abortTransaction(Duration timeout) {
        requireTransactional("abortTransaction");
        long deadline = Timeouts.deadline(timeout);
        client.enter();
        try {
            RdKafka.rd_kafka_flush(client.handle(), Math.min(Timeouts.remaining(deadline), 30_000));
        } finally {
            client.exit();
        }
        int ms = Math.max(1, Timeouts.remaining(deadline));
        txnCall("abortTransaction", rk -> RdKafka.rd_kafka_abort_transaction(rk, ms));
    }

    // ---- close --------------------------------------------------------------------------------------

    @Override
    public void close() {
        close(config.closeTimeout());
    }

    /**
     * Flushes for at most {@code timeout}, fails what is still pending with {@link PurgedException},
     * and frees the native handle. Idempotent; safe while other threads send (they get
     * {@link IllegalStateException}).
     */
    public void close(Duration timeout) {
        if (!client.beginClose()) return;
        long deadline = Timeouts.deadline(timeout);
        client.awaitCallsDone(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).plusMillis(100));
        MemorySegment rk = client.handle();
        flushUntil(deadline);
        if (pending.size() > 0) {
            RdKafka.rd_kafka_purge(rk, RdKafka.RD_KAFKA_PURGE_F_QUEUE | RdKafka.RD_KAFKA_PURGE_F_INFLIGHT
                    | RdKafka.RD_KAFKA_PURGE_F_NON_BLOCKING);
            RdKafka.rd_kafka_flush(rk, 500); // lets librdkafka emit the purge reports
        }
        client.destroy(Duration.ofSeconds(5), 0, () -> {
            client.drainMainQueue();
            pending.failAll(() -> new PurgedException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__PURGE_QUEUE,
                    "the producer was closed before the record was delivered")), client);
            topics.values().forEach(RdKafka::rd_kafka_topic_destroy);
            topics.clear();
        });
    }
}

package io.rdkafka.client;

import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.PurgedException;
import io.rdkafka.client.errors.SerializationException;
import io.rdkafka.client.errors.TimeoutException;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.HeaderAwareSerializers;
import io.rdkafka.client.internal.JfrEvents;
import io.rdkafka.client.internal.Metadata;
import io.rdkafka.client.internal.NativeClient;
import io.rdkafka.client.internal.NativeObject;
import io.rdkafka.client.internal.MessageDecoder;
import io.rdkafka.client.internal.PendingSends;
import io.rdkafka.client.internal.ProduceCall;
import io.rdkafka.client.internal.QueueWaker;
import io.rdkafka.client.internal.Timeouts;
import io.rdkafka.client.internal.TopicNames;
import io.rdkafka.client.internal.TopicPartitionLists;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@link Producer} over librdkafka that {@link Producer#create} returns: one {@code rd_kafka_t} (owned through
 * {@link NativeClient}), records copied into librdkafka's queue by {@code rd_kafka_produceva} ({@link ProduceCall}),
 * delivery reports served in batches on the client's event thread.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class LibrdkafkaProducer<K, V> implements Producer<K, V> {
    private static final int DR_BATCH = 1024;
    private static final int CALL_SLOTS = 8;

    private final NativeClient client;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    /** Whether either serializer overrides the headers variant: only then is a MutableHeaders made per send. */
    private final boolean serializersUseHeaders;
    private final KafkaConfig config;
    private final PendingSends pending;
    private final ConcurrentHashMap<String, TopicHandle> topics = new ConcurrentHashMap<>();
    /** The topic of the last send: most producers send to one topic, and this skips the map lookups. */
    private volatile TopicHandle lastTopic;

    /** A validated topic name and its {@code rd_kafka_topic_t}, destroyed at close. */
    private record TopicHandle(String name, MemorySegment rkt) {
    }
    /** Reusable argument lists: a few slots taken and put back without allocating (no queue nodes). */
    private final AtomicReferenceArray<ProduceCall> calls = new AtomicReferenceArray<>(CALL_SLOTS);
    /** Senders waiting for room in librdkafka's queue; the event thread wakes them after delivery reports. */
    private final AtomicInteger queueWaiters = new AtomicInteger();
    private final Object queueRoom = new Object();
    // event-thread-only: the delivery reports' message array and their decoder
    private final MemorySegment drMessages;
    private final MessageDecoder reports;
    private final PendingSends.Taken drTaken = new PendingSends.Taken();
    private final boolean transactional;
    /** The configuration's Java partitioner behind librdkafka's callback, or null. */
    private final io.rdkafka.client.internal.JavaPartitioning partitioning;

    LibrdkafkaProducer(KafkaConfig config, Serializer<K> ks, Serializer<V> vs, ClientListeners listeners) {
        this.config = config;
        this.keySerializer = Objects.requireNonNull(ks, "key serializer");
        this.valueSerializer = Objects.requireNonNull(vs, "value serializer");
        this.serializersUseHeaders = HeaderAwareSerializers.usesHeaders(ks) || HeaderAwareSerializers.usesHeaders(vs);
        this.transactional = config.get("transactional.id") != null;
        // the Java layer's defaults (partitioner=murmur2_random) for what the configuration leaves unset
        this.client = NativeClient.open(RdKafka.RD_KAFKA_PRODUCER, config, config.producerDefaults(),
                RdKafka.RD_KAFKA_EVENT_DR, listeners);
        int maxMessages = parseIntOr(config.get("queue.buffering.max.messages"), 100_000);
        this.pending = new PendingSends(maxMessages);
        Arena arena = client.arena();
        this.drMessages = MessageDecoder.newArray(arena, DR_BATCH);
        this.reports = new MessageDecoder(arena);
        this.partitioning = config.javaPartitioner() == null ? null
                : new io.rdkafka.client.internal.JavaPartitioning(config.javaPartitioner(), arena);
        client.start(new NativeClient.EventSink() {
            @Override
            public boolean onEvent(int type, MemorySegment event) {
                return LibrdkafkaProducer.this.onEvent(type, event);
            }

            @Override
            public void afterEvent(int type) {
                // the report's messages are freed now: their room in librdkafka's queue is free for senders
                if (type == RdKafka.RD_KAFKA_EVENT_DR && queueWaiters.get() > 0) {
                    synchronized (queueRoom) {
                        queueRoom.notifyAll();
                    }
                }
            }
        });
    }

    private static int parseIntOr(String s, int dflt) {
        try {
            return s == null ? dflt : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    @Override
    public String name() {
        return client.name();
    }

    @Override
    public void setSaslCredentials(String username, String password) {
        client.setSaslCredentials(config, username, password);
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        send(record, future, callback, 0, null);
        return future;
    }

    @Override
    public void send(ProducerRecord<K, V> record, long context, DeliveryHandler handler) {
        send(record, null, null, context, Objects.requireNonNull(handler, "handler"));
    }

    private void send(ProducerRecord<K, V> record, CompletableFuture<RecordMetadata> future, Callback callback,
                      long context, DeliveryHandler handler) {
        Objects.requireNonNull(record, "record");
        String topic = record.topic();
        TopicHandle last = lastTopic;
        boolean sameTopic = last != null && last.name().equals(topic);
        // a known topic handle was validated when created
        if (!sameTopic && !topics.containsKey(topic)) TopicNames.validate(topic);
        Headers headers = record.headers();
        byte[] key;
        byte[] value;
        if (serializersUseHeaders) {
            MutableHeaders changeable = new MutableHeaders(headers);
            key = serialize(keySerializer, topic, changeable, record.key(), "key");
            value = serialize(valueSerializer, topic, changeable, record.value(), "value");
            headers = changeable.toHeaders();
        } else {
            key = serialize(keySerializer, topic, null, record.key(), "key");
            value = serialize(valueSerializer, topic, null, record.value(), "value");
        }
        try (NativeClient.Lease call = client.lease()) {
            client.checkFatal();
            MemorySegment rkt = sameTopic ? last.rkt() : topicHandle(call.rk(), topic);
            long needed = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
            byte[][] headerNames = null;
            if (!headers.isEmpty()) {
                headerNames = new byte[headers.size()][];
                int i = 0;
                for (Header h : headers) {
                    headerNames[i] = ProduceCall.utf8(h.key());
                    needed += ProduceCall.headerNameSize(headerNames[i]) + (h.value() == null ? 0 : h.value().length);
                    i++;
                }
            }
            long id = handler != null ? pending.add(topic, context, handler) : pending.add(topic, future, callback);
            int slot = (int) (Thread.currentThread().threadId() & (CALL_SLOTS - 1));
            ProduceCall args = calls.getAndSet(slot, null);
            if (args == null) args = new ProduceCall(); // another thread holds this slot's: rare
            try {
                args.reset(needed).topic(rkt).key(key).value(value).opaque(id)
                        .flags(RdKafka.RD_KAFKA_MSG_F_COPY);
                if (record.partition() != null) args.partition(record.partition());
                if (record.timestamp() != null) args.timestamp(record.timestamp());
                if (headerNames != null) {
                    int i = 0;
                    for (Header h : headers) args.header(headerNames[i++], h.value());
                }
                produce(call.rk(), args, id, topic, record.partition());
            } finally {
                calls.lazySet(slot, args);
            }
        }
    }

    /** Calls produceva, waiting up to queueFullTimeout while librdkafka's queue is full. */
    private void produce(MemorySegment rk, ProduceCall args, long id, String topic, Integer partition) {
        long deadline = Long.MIN_VALUE;
        JfrEvents.ProduceBlocked blocked = null; // only when the queue is full and a recording wants it
        while (true) {
            long errPtr = args.produce(rk);
            if (errPtr == 0) {
                if (blocked != null) commitBlocked(blocked, topic, false);
                return;
            }
            if (ProduceCall.errorCode(errPtr) == RdKafka.RD_KAFKA_RESP_ERR__QUEUE_FULL && !client.isClosed()) {
                if (deadline == Long.MIN_VALUE) {
                    deadline = Timeouts.deadline(config.queueFullTimeout());
                    if (JfrEvents.ProduceBlocked.enabled()) {
                        blocked = new JfrEvents.ProduceBlocked();
                        blocked.begin();
                    }
                }
                if (System.nanoTime() - deadline < 0) {
                    ProduceCall.discardError(errPtr); // a retry reads no error text: nothing allocated
                    awaitQueueRoom();
                    continue;
                }
            }
            KafkaError err = ProduceCall.readError(errPtr);
            if (err.code() == RdKafka.RD_KAFKA_RESP_ERR__QUEUE_FULL && !client.isClosed()) {
                err = KafkaError.of(err.code(), "librdkafka's local queue stayed full for "
                        + config.queueFullTimeout().toMillis() + " ms (queue.buffering.max.messages/kbytes)")
                        .withFlags(false, true, false);
            }
            if (blocked != null) commitBlocked(blocked, topic, true);
            PendingSends.Taken p = new PendingSends.Taken();
            if (!pending.remove(id, p)) return;
            // librdkafka's text ("Failed to produce message: ...") names neither the topic nor the partition;
            // a callback's exception is logged at DEBUG only: the future reports the failure too
            p.finish(null, partition == null ? -1 : partition, -1, partitionerFailureOr(id, Errors.exception(KafkaError.of(err.code(), "send to " + topic
                    + (partition == null ? "" : " [" + partition + "]") + " failed: " + err.message()
                    + (err.code() == RdKafka.RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE ? " (the record is larger than "
                    + "message.max.bytes: " + config.properties().getOrDefault("message.max.bytes", "1000000") + ")" : ""))
                    .withFlags(err.fatal(), err.retriable(), err.txnRequiresAbort()))),
                    client.logger(), System.Logger.Level.DEBUG);
            return;
        }
    }

    /**
     * Waits (at most 1 ms) for the event thread to serve delivery reports, which frees room in librdkafka's
     * queue; librdkafka's rdkafka_performance calls rd_kafka_poll(rk, 10) at this point.
     */
    private void awaitQueueRoom() {
        queueWaiters.incrementAndGet();
        try {
            synchronized (queueRoom) {
                queueRoom.wait(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keeps trying until queueFullTimeout, as before; the flag stays set
        } finally {
            queueWaiters.decrementAndGet();
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

    /** Serializes with the headers variant when {@code headers} is given, else the two-argument one. */
    private static <T> byte[] serialize(Serializer<T> s, String topic, MutableHeaders headers, T data, String what) {
        try {
            return headers == null ? s.serialize(topic, data) : s.serialize(topic, headers, data);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException(KafkaError.of(KafkaError.UNKNOWN_CODE,
                    "could not serialize the " + what + " for topic " + topic + ": " + e), e);
        }
    }

    private MemorySegment topicHandle(MemorySegment rk, String topic) {
        TopicHandle known = topics.get(topic);
        if (known == null) {
            synchronized (topics) {
                known = topics.get(topic);
                if (known == null) {
                    MemorySegment rkt;
                    try (Arena a = Arena.ofConfined()) {
                        rkt = RdKafka.rd_kafka_topic_new(rk, a.allocateFrom(topic), partitioning == null
                                ? MemorySegment.NULL : partitioning.topicConf(rk, topic));
                    }
                    if (rkt.equals(MemorySegment.NULL)) {
                        int err = RdKafka.rd_kafka_last_error();
                        throw Errors.exception(err, "cannot create a handle for topic " + topic);
                    }
                    known = new TopicHandle(topic, rkt);
                    topics.put(topic, known);
                }
            }
        }
        lastTopic = known;
        return known.rkt();
    }

    /** Delivery reports, in batches, on the event thread. */
    private boolean onEvent(int type, MemorySegment event) {
        if (type != RdKafka.RD_KAFKA_EVENT_DR) return type == RdKafka.RD_KAFKA_EVENT_ERROR;
        JfrEvents.DeliveryReports jfr = JfrEvents.begin(JfrEvents.DeliveryReports::new);
        int reported = 0;
        int failed = 0;
        long n;
        PendingSends.Taken p = drTaken;
        while ((n = RdKafka.rd_kafka_event_message_array(event, drMessages, DR_BATCH)) > 0) {
            reported += (int) n;
            // fields read by address (MessageDecoder): no segment per message
            for (int i = 0; i < n; i++) {
                long msg = MessageDecoder.at(drMessages, i);
                long id = MessageDecoder.opaque(msg);
                if (!pending.remove(id, p)) continue;
                int err = MessageDecoder.err(msg);
                int partition = MessageDecoder.partition(msg);
                if (err == RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) {
                    long offset = MessageDecoder.offset(msg);
                    RecordMetadata md = null;
                    if (p.wantsMetadata()) { // a DeliveryHandler takes plain values: no timestamp/status calls
                        long ts = reports.timestamp(msg);
                        md = new RecordMetadata(p.topic(), partition, offset, ts, reports.lastTimestampType(),
                                MessageDecoder.keySize(msg), MessageDecoder.valueSize(msg),
                                RecordMetadata.PersistenceStatus.fromNative(MessageDecoder.status(msg)));
                    }
                    p.finish(md, partition, offset, null, client.logger(), System.Logger.Level.ERROR);
                } else {
                    failed++;
                    p.finish(null, partition, -1, partitionerFailureOr(id, Errors.exception(KafkaError.of(err,
                            "delivery to " + p.topic() + " [" + partition + "] failed: " + KafkaError.describe(err)))),
                            client.logger(), System.Logger.Level.ERROR);
                }
            }
        }
        if (jfr != null && jfr.shouldCommit()) {
            jfr.client = client.name();
            jfr.records = reported;
            jfr.failed = failed;
            jfr.commit();
        }
        return true;
    }

    /** A failure of the Java partitioner for record {@code id} in place of librdkafka's {@code e}, else {@code e}. */
    private KafkaException partitionerFailureOr(long id, KafkaException e) {
        return partitioning == null ? e : partitioning.failureOr(id, e);
    }

    /**
     * Test hook: makes librdkafka raise a fatal error as if the broker had reported {@code code}
     * ({@code rd_kafka_test_fatal_error}, idempotent producers only), so tests see the producer's fatal state.
     */
    int triggerFatalErrorForTest(int code, String reason) {
        client.enter();
        try (Arena a = Arena.ofConfined()) {
            return RdKafka.rd_kafka_test_fatal_error(client.handle(), code, a.allocateFrom(reason));
        } finally {
            client.exit();
        }
    }

    @Override
    public int pendingCount() {
        return pending.size();
    }

    @Override
    public int queueLength() {
        try (NativeClient.Lease call = client.lease()) {
            return RdKafka.rd_kafka_outq_len(call.rk());
        }
    }

    @Override
    public void flush(Duration timeout) {
        long deadline = Timeouts.deadline(timeout);
        try (NativeClient.Lease call = client.lease()) {
            flushUntil(call.rk(), deadline);
        }
        if (pending.size() > 0) {
            throw new TimeoutException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__TIMED_OUT,
                    "flush timed out after " + timeout.toMillis() + " ms with " + pending.size() + " records pending"));
        }
    }

    private void flushUntil(MemorySegment rk, long deadline) {
        boolean inJava = QueueWaker.waitsInJava();
        while (pending.size() > 0) {
            int left = Timeouts.remaining(deadline);
            if (left <= 0) return;
            if (inJava) {
                // a virtual thread inside rd_kafka_flush would hold its carrier: flush(0) only wakes the brokers
                // to send now, and the wait is for the event thread's reports (a Java wait, the carrier freed)
                RdKafka.rd_kafka_flush(rk, 0);
                pending.awaitEmpty(Math.min(left, 100));
                continue;
            }
            // librdkafka waits for its queues (including unserved reports); our event thread completes them
            RdKafka.rd_kafka_flush(rk, Math.min(left, 100));
            if (RdKafka.rd_kafka_outq_len(rk) == 0) pending.awaitEmpty(Math.min(left, 100));
        }
    }

    @Override
    public void purge(boolean queued, boolean inFlight) {
        int flags = RdKafka.RD_KAFKA_PURGE_F_NON_BLOCKING | (queued ? RdKafka.RD_KAFKA_PURGE_F_QUEUE : 0)
                | (inFlight ? RdKafka.RD_KAFKA_PURGE_F_INFLIGHT : 0);
        try (NativeClient.Lease call = client.lease()) {
            int err = RdKafka.rd_kafka_purge(call.rk(), flags);
            if (err != 0) throw Errors.exception(err, "purge failed");
        }
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        TopicNames.validate(topic);
        ClusterMetadata md = metadata(topic, timeout);
        String err = md.topicErrors().get(topic);
        if (err != null) throw Errors.exception(RdKafka.RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
                "no metadata for topic " + topic + ": " + err);
        return md.partitionsFor(topic);
    }

    @Override
    public ClusterMetadata metadata(String topic, Duration timeout) {
        try (NativeClient.Lease call = client.lease()) {
            return Metadata.fetch(call.rk(), topic, timeout);
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
        try (NativeClient.Lease lease = client.lease()) {
            KafkaError err = Errors.readAndDestroy(c.apply(lease.rk()));
            if (err != null) throw Errors.transactionException(err);
        }
    }

    @Override
    public void initTransactions(Duration timeout) {
        int ms = Timeouts.millis(timeout);
        txnCall("initTransactions", rk -> RdKafka.rd_kafka_init_transactions(rk, ms));
    }

    @Override
    public void beginTransaction() {
        txnCall("beginTransaction", RdKafka::rd_kafka_begin_transaction);
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group,
                                         Duration timeout) {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(group, "group metadata");
        int ms = Timeouts.millis(timeout);
        txnCall("sendOffsetsToTransaction", rk -> {
            try (NativeObject list = TopicPartitionLists.ofOffsets(offsets); Arena a = Arena.ofConfined()) {
                byte[] bytes = group.serialized();
                MemorySegment buf = a.allocate(Math.max(1, bytes.length));
                MemorySegment.copy(bytes, 0, buf, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
                MemorySegment out = Pointers.outPointer(a);
                KafkaError err = Errors.readAndDestroy(RdKafka.rd_kafka_consumer_group_metadata_read(out, buf, bytes.length));
                if (err != null) throw new IllegalArgumentException("invalid consumer group metadata: " + err);
                MemorySegment cgmd = Pointers.pointer(out);
                try (NativeObject member = NativeObject.of("rd_kafka_consumer_group_metadata_t", cgmd,
                        RdKafka::rd_kafka_consumer_group_metadata_destroy)) {
                    return RdKafka.rd_kafka_send_offsets_to_transaction(rk, list.ptr(), member.ptr(), ms);
                }
            }
        });
    }

    @Override
    public void commitTransaction(Duration timeout) {
        int ms = Timeouts.millis(timeout);
        txnCall("commitTransaction", rk -> RdKafka.rd_kafka_commit_transaction(rk, ms));
    }

    @Override
    public void abortTransaction(Duration timeout) {
        requireTransactional("abortTransaction");
        long deadline = Timeouts.deadline(timeout);
        flushBeforeAbort(deadline);
        int ms = Math.max(1, Timeouts.remaining(deadline));
        txnCall("abortTransaction", rk -> RdKafka.rd_kafka_abort_transaction(rk, ms));
    }

    @Override
    public void commitTransaction() {
        txnCall("commitTransaction", rk -> RdKafka.rd_kafka_commit_transaction(rk, -1));
    }

    @Override
    public void abortTransaction() {
        requireTransactional("abortTransaction");
        flushBeforeAbort(Timeouts.deadline(Duration.ofMillis(parseIntOr(config.get("transaction.timeout.ms"), 60_000))));
        txnCall("abortTransaction", rk -> RdKafka.rd_kafka_abort_transaction(rk, -1));
    }

    private void flushBeforeAbort(long deadline) {
        try (NativeClient.Lease call = client.lease()) {
            RdKafka.rd_kafka_flush(call.rk(), Math.min(Timeouts.remaining(deadline), 30_000));
        }
    }

    @Override
    public void close() {
        close(config.closeTimeout());
    }

    @Override
    public void close(Duration timeout) {
        long deadline = Timeouts.deadline(timeout); // a bad timeout throws before anything is closed
        if (!client.beginClose()) return;
        client.awaitCallsDone(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).plusMillis(100));
        MemorySegment rk = client.handle();
        flushUntil(rk, deadline);
        if (pending.size() > 0) {
            RdKafka.rd_kafka_purge(rk, RdKafka.RD_KAFKA_PURGE_F_QUEUE | RdKafka.RD_KAFKA_PURGE_F_INFLIGHT
                    | RdKafka.RD_KAFKA_PURGE_F_NON_BLOCKING);
            RdKafka.rd_kafka_flush(rk, 500); // lets librdkafka emit the purge reports
        }
        client.destroy(Duration.ofSeconds(5), 0, () -> {
            client.drainMainQueue();
            pending.failAll(() -> new PurgedException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__PURGE_QUEUE,
                    "the producer was closed before the record was delivered")), client);
            topics.values().forEach(t -> RdKafka.rd_kafka_topic_destroy(t.rkt()));
            topics.clear();
        });
    }
}

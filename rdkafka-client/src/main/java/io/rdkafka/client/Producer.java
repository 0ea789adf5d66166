package io.rdkafka.client;

import io.rdkafka.client.errors.InvalidTopicException;
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
import io.rdkafka.client.internal.Timeouts;
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
 * A Kafka producer over librdkafka, shaped like Apache Kafka's {@code KafkaProducer}: thread-safe,
 * asynchronous {@link #send}, {@link #flush}, transactions.
 *
 * <p>Threads: {@code send} may be called from any thread; it copies the record into librdkafka's queue
 * and returns. Delivery reports are read in batches by the producer's event thread
 * ({@code rdkafka-<name>-events}), which completes the futures and runs {@link Callback}s and dependent
 * stages: keep those short. {@link #close()} flushes (bounded), then fails whatever is left with
 * {@link PurgedException}: no future is ever left incomplete.
 *
 * <p>Partitions and timestamps, as Apache Kafka's Java client: unless the configuration sets {@code partitioner},
 * the producer uses {@value KafkaConfig#DEFAULT_PARTITIONER}, which puts a record with a key (the empty key
 * included) on the partition {@code KafkaProducer} chooses for the same serialized key; records without a key go
 * to a sticky random partition, not placed as {@code KafkaProducer} places them. {@code partitioner=consistent_random}
 * restores librdkafka's own default. A timestamp of 0 cannot be sent (librdkafka reads it as "now"):
 * {@link ProducerRecord} refuses it. See {@link KafkaConfig} for the details.
 *
 * <p>Ownership: the producer owns one librdkafka handle ({@code rd_kafka_new} with {@code RD_KAFKA_PRODUCER})
 * and its native memory until {@link #close()}; close it (try-with-resources) or the handle and its threads
 * stay alive.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Producer<K, V> implements AutoCloseable {
    private static final int DR_BATCH = 1024;
    private static final int TOPIC_MAX_LENGTH = 249;
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

    private Producer(KafkaConfig config, Serializer<K> ks, Serializer<V> vs, ClientListeners listeners) {
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
                return Producer.this.onEvent(type, event);
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

    /**
     * A producer with the given configuration and no listeners. Creates the librdkafka handle
     * ({@code rd_kafka_new}) and starts the event thread; does not wait for the cluster.
     *
     * @param config          the configuration; see {@link KafkaConfig}
     * @param keySerializer   turns keys into bytes
     * @param valueSerializer turns values into bytes
     * @param <K>             the key type
     * @param <V>             the value type
     * @return the producer; close it
     * @throws io.rdkafka.client.errors.ConfigException when librdkafka refuses the configuration
     */
    public static <K, V> Producer<K, V> create(KafkaConfig config, Serializer<K> keySerializer,
                                               Serializer<V> valueSerializer) {
        return create(config, keySerializer, valueSerializer, ClientListeners.none());
    }

    /**
     * A producer with the given configuration and listeners (errors, statistics, throttling, OAUTHBEARER
     * tokens), which run on the producer's event thread.
     *
     * @param config          the configuration; see {@link KafkaConfig}
     * @param keySerializer   turns keys into bytes
     * @param valueSerializer turns values into bytes
     * @param listeners       the listeners
     * @param <K>             the key type
     * @param <V>             the value type
     * @return the producer; close it
     * @throws io.rdkafka.client.errors.ConfigException when librdkafka refuses the configuration
     */
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

    /** {@return librdkafka's name for this client, e.g. {@code rdkafka#producer-1} ({@code rd_kafka_name})} */
    public String name() {
        return client.name();
    }

    /**
     * Replaces the SASL user name and password this client authenticates with (SASL PLAIN and SCRAM,
     * {@code rd_kafka_sasl_set_credentials}), e.g. after a password rotation or when the configured ones were
     * refused: the next connection or reconnection to a broker uses them; connections already authenticated
     * stay. Any thread may call it.
     *
     * @param username the SASL user name
     * @param password the SASL password (kept by librdkafka only, never shown)
     * @throws NullPointerException     when either is {@code null}
     * @throws IllegalArgumentException when either is empty
     * @throws IllegalStateException    when the configuration does not use SASL PLAIN or SCRAM (the credentials
     *                                  would have no effect), or after close
     */
    public void setSaslCredentials(String username, String password) {
        client.setSaslCredentials(config, username, password);
    }

    /**
     * Queues a record for sending; as {@link #send(ProducerRecord, Callback)} without a callback.
     *
     * @param record the record
     * @return a future of where the record was stored
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    /**
     * Queues a record for sending ({@code rd_kafka_produceva}, the record copied into librdkafka's queue) and
     * returns at once, unless librdkafka's local queue is full: then it waits up to
     * {@link KafkaConfig#queueFullTimeout()} for room. The future completes with where the record was stored, or
     * fails with a typed {@link KafkaException} (e.g. {@link io.rdkafka.client.errors.RecordTooLargeException},
     * {@link io.rdkafka.client.errors.TimeoutException} after {@code message.timeout.ms},
     * {@link io.rdkafka.client.errors.QueueFullException} when the local queue stayed full for
     * {@link KafkaConfig#queueFullTimeout()}). Any thread may call it.
     *
     * @param record   the record
     * @param callback called on the event thread when the record was delivered or failed; may be {@code null}
     * @return a future of where the record was stored, completed on the event thread
     * @throws IllegalStateException after close
     * @throws io.rdkafka.client.errors.FatalException after a fatal error
     * @throws SerializationException when a serializer fails
     * @throws InvalidTopicException for a name Kafka does not accept
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        send(record, future, callback, 0, null);
        return future;
    }

    /**
     * Queues a record for sending as {@link #send(ProducerRecord, Callback)} does, without a future: the outcome
     * goes to {@code handler} as plain values with {@code context}, so nothing is allocated per record beyond the
     * record itself (one handler can serve every send). For senders of many small records, where a future and a
     * {@link RecordMetadata} per record cost more than the send.
     *
     * @param record  the record
     * @param context any number, handed back to the handler with this record's outcome (e.g. a send time)
     * @param handler called once with the outcome, on the event thread (on this thread, before this method
     *                returns, when librdkafka refused the record)
     * @throws IllegalStateException after close
     * @throws io.rdkafka.client.errors.FatalException after a fatal error
     * @throws SerializationException when a serializer fails
     * @throws InvalidTopicException for a name Kafka does not accept
     */
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
        if (!sameTopic && !topics.containsKey(topic)) validateTopic(topic);
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

    /** {@return how many records are queued or in flight, not yet reported} */
    public int pendingCount() {
        return pending.size();
    }

    /** {@return what {@code rd_kafka_outq_len} counts: messages, requests and events librdkafka still has queued} */
    public int queueLength() {
        try (NativeClient.Lease call = client.lease()) {
            return RdKafka.rd_kafka_outq_len(call.rk());
        }
    }

    /**
     * Waits until every record sent before this call has been reported (callbacks and handlers returned, futures
     * completed), calling {@code rd_kafka_flush}, which also makes librdkafka send batches at once instead of
     * lingering. Blocks the calling thread; any thread may call it.
     *
     * @param timeout how long to wait at most
     * @throws TimeoutException when records are still pending after {@code timeout}
     */
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

    /** Flushes with no time limit, as Kafka's {@code flush()}. */
    public void flush() {
        flush(Duration.ofMillis(Integer.MAX_VALUE));
    }

    private void flushUntil(MemorySegment rk, long deadline) {
        while (pending.size() > 0) {
            int left = Timeouts.remaining(deadline);
            if (left <= 0) return;
            // librdkafka waits for its queues (including unserved reports); our event thread completes them
            RdKafka.rd_kafka_flush(rk, Math.min(left, 100));
            if (RdKafka.rd_kafka_outq_len(rk) == 0) pending.awaitEmpty(Math.min(left, 100));
        }
    }

    /**
     * Drops records ({@code rd_kafka_purge}, non-blocking); their futures fail with {@link PurgedException}.
     * Does not wait for in-flight requests to finish.
     *
     * @param queued   drop the records still in librdkafka's queues
     * @param inFlight drop the records in requests sent but not answered (their outcome is then unknown)
     */
    public void purge(boolean queued, boolean inFlight) {
        int flags = RdKafka.RD_KAFKA_PURGE_F_NON_BLOCKING | (queued ? RdKafka.RD_KAFKA_PURGE_F_QUEUE : 0)
                | (inFlight ? RdKafka.RD_KAFKA_PURGE_F_INFLIGHT : 0);
        try (NativeClient.Lease call = client.lease()) {
            int err = RdKafka.rd_kafka_purge(call.rk(), flags);
            if (err != 0) throw Errors.exception(err, "purge failed");
        }
    }

    /**
     * The partitions of a topic, from a metadata request ({@code rd_kafka_metadata}). Blocks up to
     * {@code timeout}.
     *
     * @param topic   the topic
     * @param timeout how long to wait at most
     * @return the partitions
     * @throws io.rdkafka.client.errors.UnknownTopicOrPartitionException when the cluster has no such topic
     */
    public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        validateTopic(topic);
        ClusterMetadata md = metadata(topic, timeout);
        String err = md.topicErrors().get(topic);
        if (err != null) throw Errors.exception(RdKafka.RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
                "no metadata for topic " + topic + ": " + err);
        return md.partitionsFor(topic);
    }

    /**
     * Cluster metadata for one topic, or all topics ({@code rd_kafka_metadata}). Blocks up to {@code timeout}.
     *
     * @param topic   the topic, or {@code null} for all topics
     * @param timeout how long to wait at most
     * @return the metadata
     */
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

    /**
     * Registers the transactional id with the cluster ({@code rd_kafka_init_transactions}), fencing an older
     * producer with the same id and aborting what it left open; call once before the first transaction. Blocks
     * up to {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @throws IllegalStateException when {@code transactional.id} is not set
     * @throws io.rdkafka.client.errors.TransactionException (typed by librdkafka's flags) when it fails
     */
    public void initTransactions(Duration timeout) {
        int ms = Timeouts.millis(timeout);
        txnCall("initTransactions", rk -> RdKafka.rd_kafka_init_transactions(rk, ms));
    }

    /**
     * Starts a transaction ({@code rd_kafka_begin_transaction}); does not block.
     *
     * @throws IllegalStateException when {@code transactional.id} is not set
     * @throws io.rdkafka.client.errors.TransactionException e.g. before {@link #initTransactions} or within a
     *         transaction
     */
    public void beginTransaction() {
        txnCall("beginTransaction", RdKafka::rd_kafka_begin_transaction);
    }

    /**
     * Adds the consumer's offsets to the transaction ({@code rd_kafka_send_offsets_to_transaction}): they are
     * committed for the group only if the transaction commits. Blocks up to {@code timeout}.
     *
     * @param offsets the next offset to read per partition (the last processed record's offset + 1)
     * @param group   the consuming member's {@link Consumer#groupMetadata()}, which lets the coordinator fence
     *                zombie members
     * @param timeout how long to wait at most
     * @throws io.rdkafka.client.errors.TransactionException (typed by librdkafka's flags) when it fails; an
     *         abortable one requires {@link #abortTransaction}
     */
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

    /**
     * Flushes and commits the transaction ({@code rd_kafka_commit_transaction}). Blocks up to {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @throws io.rdkafka.client.errors.TransactionException (typed by librdkafka's flags) when it fails, e.g.
     *         abortable when a record of the transaction could not be delivered
     */
    public void commitTransaction(Duration timeout) {
        int ms = Timeouts.millis(timeout);
        txnCall("commitTransaction", rk -> RdKafka.rd_kafka_commit_transaction(rk, ms));
    }

    /**
     * Aborts the transaction ({@code rd_kafka_abort_transaction}). Records of the transaction still queued are
     * flushed first (bounded by the timeout): aborting while they are unsent has been seen to fail fatally with
     * librdkafka 2.0.2. Blocks up to {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @throws io.rdkafka.client.errors.TransactionException (typed by librdkafka's flags) when it fails
     */
    public void abortTransaction(Duration timeout) {
        requireTransactional("abortTransaction");
        long deadline = Timeouts.deadline(timeout);
        flushBeforeAbort(deadline);
        int ms = Math.max(1, Timeouts.remaining(deadline));
        txnCall("abortTransaction", rk -> RdKafka.rd_kafka_abort_transaction(rk, ms));
    }

    /**
     * Flushes and commits the transaction as {@link #commitTransaction(Duration)} does, waiting at most what is left
     * of the transaction's {@code transaction.timeout.ms} (librdkafka's timeout {@code -1}), like Kafka's
     * {@code commitTransaction()}.
     *
     * @throws io.rdkafka.client.errors.TransactionException (typed by librdkafka's flags) when it fails
     */
    public void commitTransaction() {
        txnCall("commitTransaction", rk -> RdKafka.rd_kafka_commit_transaction(rk, -1));
    }

    /**
     * Aborts the transaction as {@link #abortTransaction(Duration)} does, the abort waiting at most what is left of
     * the transaction's {@code transaction.timeout.ms} (librdkafka's timeout {@code -1}) and the flush before it at
     * most {@code transaction.timeout.ms}, like Kafka's {@code abortTransaction()}.
     *
     * @throws io.rdkafka.client.errors.TransactionException (typed by librdkafka's flags) when it fails
     */
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

    // ---- close --------------------------------------------------------------------------------------

    @Override
    public void close() {
        close(config.closeTimeout());
    }

    /**
     * Flushes for at most {@code timeout}, fails what is still pending with {@link PurgedException},
     * and frees the native handle ({@code rd_kafka_destroy}). Idempotent; safe while other threads send (they get
     * {@link IllegalStateException}). Blocks the calling thread. Avoid calling it from a callback: on the event
     * thread no delivery report can be served while it waits, so it waits out the timeout.
     *
     * @param timeout how long to wait for outstanding records
     */
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

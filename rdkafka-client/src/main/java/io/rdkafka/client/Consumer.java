package io.rdkafka.client;

import io.rdkafka.client.errors.CommitFailedException;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.RecordDeserializationException;
import io.rdkafka.client.errors.TimeoutException;
import io.rdkafka.client.errors.WakeupException;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.JfrEvents;
import io.rdkafka.client.internal.MessageDecoder;
import io.rdkafka.client.internal.Metadata;
import io.rdkafka.client.internal.NativeClient;
import io.rdkafka.client.internal.NativeObject;
import io.rdkafka.client.internal.TopicPartitionLists;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaCallbacks;
import io.rdkafka.ffm.RdKafkaLibrary;
import io.rdkafka.ffm.RdKafkaStructs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static io.rdkafka.ffm.RdKafka.*;

/**
 * A Kafka consumer over librdkafka, shaped like Apache Kafka's {@code KafkaConsumer}: group membership
 * through {@link #subscribe} (or manual {@link #assign}), batched {@link #poll}, offset commits, seeks,
 * pause/resume, and a zero-copy {@link #pollBatch} for byte-level consumers.
 *
 * <h2>Threads</h2>
 * Like Kafka's consumer it is not thread-safe: one thread at a time uses it; a second thread calling any method
 * while another is inside one gets {@link ConcurrentModificationException}. The exceptions are {@link #wakeup()}
 * (any thread: a blocked or the next {@code poll}/{@code commitSync} throws {@link WakeupException}) and
 * {@link #close()} (any thread, also while another thread is blocked in {@code poll}: that poll throws
 * {@link IllegalStateException} within about 100 ms). Rebalance listeners and commit callbacks run on the
 * thread calling {@code poll} (or {@code commitSync}, {@code unsubscribe}, {@code close}) and may call the
 * consumer back, except {@code poll} and {@code close}. After {@code close} every method throws
 * {@link IllegalStateException}.
 *
 * <h2>Errors</h2>
 * {@code poll} returns the good records of a batch first; an error that came with them is thrown by the next
 * {@code poll}. Thrown: fatal errors ({@link io.rdkafka.client.errors.FatalException}), group protocol
 * mismatches ({@link io.rdkafka.client.errors.InconsistentGroupProtocolException}), authorization failures,
 * offset-reset failures, deserialization failures ({@link RecordDeserializationException}; the partition is
 * rewound to the failing record) and exceptions from the rebalance listener. Transient conditions librdkafka
 * recovers from by itself (unknown topic, leader changes, coordinator moves, broker down, max poll interval
 * exceeded) are not thrown: they go to {@link ClientListeners#onError()} on the polling thread, or to the log.
 * Client-level errors (all brokers down, authentication) reach the error listener on the event thread.
 *
 * <h2>Offsets</h2>
 * As with Kafka's consumer, commits of the current position (auto commit, {@link #commitSync()},
 * {@link #commitAsync()}, the last commit of {@link #close()}) cover what {@code poll} returned: unless
 * {@code enable.auto.offset.store=false} is configured, the binding stores those positions itself (at the next
 * poll, commit, unsubscribe or close) instead of letting librdkafka store every message it hands out.
 *
 * <h2>Native resources</h2>
 * poll reads the consumer queue with {@code rd_kafka_consume_batch_queue} into a preallocated pointer array
 * (up to {@link Options#maxPollRecords()} messages), converts each message to a {@link ConsumerRecord} and
 * destroys it before returning. Without {@code group.id} the consumer still works with {@link #assign} (a
 * private random group id is used internally, auto commit is off, and commit/group methods throw
 * {@link IllegalStateException}).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Consumer<K, V> implements AutoCloseable {
    private static final int SLICE_MS = 100;
    private static final long NO_OWNER = -1;
    private static final System.Logger DEFAULT_LOGGER = System.getLogger("io.rdkafka.client");

    /**
     * Settings of the Java layer.
     *
     * @param maxPollRecords    the most records one {@code poll} returns (the native batch size), default 500
     * @param defaultApiTimeout the bound of blocking calls without a timeout argument (commitSync(), committed,
     *                          position, ...), default 60 s
     */
    public record Options(int maxPollRecords, Duration defaultApiTimeout) {
        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException for fewer than 1 record or a negative timeout
         */
        public Options {
            if (maxPollRecords < 1) throw new IllegalArgumentException("maxPollRecords must be >= 1: " + maxPollRecords);
            Objects.requireNonNull(defaultApiTimeout, "defaultApiTimeout");
            if (defaultApiTimeout.isNegative()) throw new IllegalArgumentException("defaultApiTimeout must not be negative");
        }

        /** {@return the defaults: 500 records, 60 s} */
        public static Options defaults() {
            return new Options(500, Duration.ofSeconds(60));
        }

        /**
         * {@return these options with another batch size}
         *
         * @param n the most records one poll returns
         */
        public Options withMaxPollRecords(int n) {
            return new Options(n, defaultApiTimeout);
        }

        /**
         * {@return these options with another default timeout}
         *
         * @param d the bound of blocking calls without a timeout argument
         */
        public Options withDefaultApiTimeout(Duration d) {
            return new Options(maxPollRecords, d);
        }
    }

    private final NativeClient client;
    private final KafkaConfig config;
    private final Options options;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final ClientListeners listeners;
    private final String groupId; // null when the user gave none (a private one is used natively)
    private final RebalanceProtocol configuredProtocol;
    private final MemorySegment consumerQueue;
    private final MemorySegment commitQueue;
    private final MemorySegment messages; // rd_kafka_message_t *[maxPollRecords]
    private final MessageDecoder decoder; // poll thread only
    private final int max;

    // single-user discipline (see class comment)
    private final AtomicLong owner = new AtomicLong(NO_OWNER);
    private int depth; // touched by the owner (or the closing thread) only
    private volatile Thread closingThread;
    private final AtomicBoolean wakeupRequested = new AtomicBoolean();

    // state of the owning thread
    private ConsumerRebalanceListener listener = ConsumerRebalanceListener.noop();
    private boolean subscribed;
    private boolean inRebalance;
    private boolean inPoll;
    private final Set<TopicPartition> paused = new LinkedHashSet<>();
    private final Map<TopicPartition, Long> pendingSeeks = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> seekPositions = new HashMap<>();
    private final Set<TopicPartition> restarted = new java.util.HashSet<>(); // by reassignAt, at explicit offsets
    // Kafka-like offset storing (see storeDelivered): the next offsets of what the last poll returned
    private final boolean emulateAutoStore;
    private final Map<TopicPartition, OffsetAndMetadata> pendingStore = new LinkedHashMap<>();
    /** Leader epochs given with {@link #seek(TopicPartition, OffsetAndMetadata)}, until librdkafka took the seek. */
    private final Map<TopicPartition, Integer> seekEpochs = new HashMap<>();
    private KafkaException pendingError;
    private final Map<Long, PendingCommit> commits = new HashMap<>();
    private long nextCommitId = 1;
    private RecordBatch currentBatch;

    private Consumer(KafkaConfig config, Deserializer<K> kd, Deserializer<V> vd, ClientListeners listeners,
                     Options options) {
        this.config = Objects.requireNonNull(config, "config");
        this.keyDeserializer = Objects.requireNonNull(kd, "key deserializer");
        this.valueDeserializer = Objects.requireNonNull(vd, "value deserializer");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.options = Objects.requireNonNull(options, "options");
        this.max = options.maxPollRecords();
        String gid = config.get("group.id");
        this.groupId = gid == null || gid.isEmpty() ? null : gid;
        Map<String, String> overrides = new LinkedHashMap<>();
        if (groupId == null) {
            // librdkafka's assign() needs a group handle; the group is never joined nor committed to
            overrides.put("group.id", "rdkafka-java-unnamed-" + UUID.randomUUID());
            overrides.put("enable.auto.commit", "false");
        }
        this.configuredProtocol = RebalanceProtocol.configuredBy(config);
        String autoStore = config.get("enable.auto.offset.store");
        this.emulateAutoStore = groupId != null && (autoStore == null || !autoStore.trim().equalsIgnoreCase("false"));
        if (emulateAutoStore) {
            // librdkafka stores a message's offset when rd_kafka_consume_batch_queue hands it out, so a message
            // dropped by this binding (pending seek, close, unsubscribe) or never processed (deserialization
            // failure) would be committed. Instead the binding stores, like Kafka's consumer commits, the
            // position of what earlier polls returned: at the next poll, commit, unsubscribe or close.
            overrides.put("enable.auto.offset.store", "false");
        }
        overrides.putAll(config.consumerDefaults()); // fetch.queue.backoff.ms: not a second idle after each burst
        RebalanceRelay relay = new RebalanceRelay(configuredProtocol == RebalanceProtocol.COOPERATIVE);
        BackgroundRelay events = new BackgroundRelay();
        this.client = NativeClient.open(RD_KAFKA_CONSUMER, config, overrides, 0, listeners, (conf, stubs) -> {
            RdKafka.rd_kafka_conf_set_rebalance_cb(conf, RdKafkaCallbacks.rebalance_cb.allocate(relay, stubs));
            RdKafka.rd_kafka_conf_set_background_event_cb(conf, RdKafkaCallbacks.event_cb.allocate(events, stubs));
            // with log.queue=true this runs where the log queue is served: on the background thread, not on
            // librdkafka's internal threads (log ops carry the log queue's serve function, which calls log_cb)
            RdKafka.rd_kafka_conf_set_log_cb(conf, RdKafkaCallbacks.log_cb.allocate(events::log, stubs));
            if (listeners.tokenProvider() != null) {
                // the refresh op reaches the background thread as a callback, never as an event (librdkafka 2.0.2)
                RdKafka.rd_kafka_conf_set_oauthbearer_token_refresh_cb(conf,
                        RdKafkaCallbacks.oauthbearer_token_refresh_cb.allocate(events::refreshToken, stubs));
            }
        });
        MemorySegment rk = client.handle();
        this.backgroundEvents = events;
        try {
            // Logs, errors and statistics are served by librdkafka's background thread, not by a Java thread
            // polling the main queue: any application poll resets the max.poll.interval.ms timer, which would
            // keep a stuck consumer in its group forever. (The client's event thread is therefore not started.)
            events.client = client;
            events.threadName = "rdkafka-" + client.name() + "-events";
            MemorySegment background = RdKafka.rd_kafka_queue_get_background(rk);
            if (background.equals(MemorySegment.NULL)) {
                throw new KafkaException("librdkafka could not start its background thread");
            }
            MemorySegment main = RdKafka.rd_kafka_queue_get_main(rk);
            RdKafka.rd_kafka_queue_forward(main, background);
            RdKafka.rd_kafka_queue_destroy(background);
            RdKafka.rd_kafka_queue_destroy(main);
            this.consumerQueue = RdKafka.rd_kafka_queue_get_consumer(rk);
            this.commitQueue = RdKafka.rd_kafka_queue_new(rk);
            Arena arena = client.arena();
            this.messages = MessageDecoder.newArray(arena, max);
            this.decoder = new MessageDecoder(arena);
        } catch (RuntimeException | Error e) {
            client.destroy(Duration.ofSeconds(5), RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE, null);
            throw e;
        }
        relay.consumer = this;
    }

    private final BackgroundRelay backgroundEvents;

    /** background_event_cb: main-queue events (logs, errors, statistics, token refreshes) on librdkafka's thread. */
    private static final class BackgroundRelay implements RdKafkaCallbacks.event_cb {
        volatile NativeClient client;
        volatile String threadName;
        volatile Thread thread;

        @Override
        public void apply(MemorySegment rk, MemorySegment rkev, MemorySegment opaque) {
            NativeClient c = client;
            if (c == null) {
                RdKafka.rd_kafka_event_destroy(rkev);
                return;
            }
            Thread t = Thread.currentThread();
            if (thread != t) {
                thread = t;
                name(t);
            }
            c.serveEvent(rkev);
        }

        /** Names librdkafka's background thread as the listeners document (it is attached as "Thread-N"). */
        private void name(Thread t) {
            if (threadName != null && t.getName().startsWith("Thread-")) t.setName(threadName);
        }

        /** oauthbearer_token_refresh_cb, on librdkafka's background thread. */
        void refreshToken(MemorySegment rk, MemorySegment config, MemorySegment opaque) {
            NativeClient c = client;
            try {
                if (c != null) {
                    c.refreshToken(CStrings.toJava(config));
                    return;
                }
            } catch (Throwable t) {
                // refreshToken reports provider failures itself; nothing may escape an upcall
            }
            try (Arena a = Arena.ofConfined()) {
                RdKafka.rd_kafka_oauthbearer_set_token_failure(rk, a.allocateFrom("the consumer is not ready yet"));
            }
        }

        void log(MemorySegment rk, int level, MemorySegment fac, MemorySegment buf) {
            NativeClient c = client;
            System.Logger logger = c != null ? c.logger() : DEFAULT_LOGGER;
            System.Logger.Level lvl = NativeClient.syslogLevel(level);
            if (!logger.isLoggable(lvl)) return;
            if (c != null) name(Thread.currentThread());
            logger.log(lvl, "[" + CStrings.toJava(fac) + "] " + CStrings.toJava(buf));
        }
    }

    /**
     * A consumer with default {@link Options} and no listeners. Creates the librdkafka handle
     * ({@code rd_kafka_new} with {@code RD_KAFKA_CONSUMER}); does not contact the cluster yet.
     *
     * @param config            the configuration; see {@link KafkaConfig}
     * @param keyDeserializer   turns key bytes into keys
     * @param valueDeserializer turns value bytes into values
     * @param <K>               the key type
     * @param <V>               the value type
     * @return the consumer; close it
     * @throws io.rdkafka.client.errors.ConfigException when librdkafka refuses the configuration
     */
    public static <K, V> Consumer<K, V> create(KafkaConfig config, Deserializer<K> keyDeserializer,
                                               Deserializer<V> valueDeserializer) {
        return create(config, keyDeserializer, valueDeserializer, ClientListeners.none(), Options.defaults());
    }

    /**
     * A consumer with default {@link Options} and listeners (errors, statistics, throttling, OAUTHBEARER
     * tokens).
     *
     * @param config            the configuration; see {@link KafkaConfig}
     * @param keyDeserializer   turns key bytes into keys
     * @param valueDeserializer turns value bytes into values
     * @param listeners         the listeners
     * @param <K>               the key type
     * @param <V>               the value type
     * @return the consumer; close it
     * @throws io.rdkafka.client.errors.ConfigException when librdkafka refuses the configuration
     */
    public static <K, V> Consumer<K, V> create(KafkaConfig config, Deserializer<K> keyDeserializer,
                                               Deserializer<V> valueDeserializer, ClientListeners listeners) {
        return create(config, keyDeserializer, valueDeserializer, listeners, Options.defaults());
    }

    /**
     * A consumer with these {@link Options} and no listeners.
     *
     * @param config            the configuration; see {@link KafkaConfig}
     * @param keyDeserializer   turns key bytes into keys
     * @param valueDeserializer turns value bytes into values
     * @param options           settings of the Java layer
     * @param <K>               the key type
     * @param <V>               the value type
     * @return the consumer; close it
     * @throws io.rdkafka.client.errors.ConfigException when librdkafka refuses the configuration
     */
    public static <K, V> Consumer<K, V> create(KafkaConfig config, Deserializer<K> keyDeserializer,
                                               Deserializer<V> valueDeserializer, Options options) {
        return create(config, keyDeserializer, valueDeserializer, ClientListeners.none(), options);
    }

    /**
     * A consumer with these listeners and {@link Options}.
     *
     * @param config            the configuration; see {@link KafkaConfig}
     * @param keyDeserializer   turns key bytes into keys
     * @param valueDeserializer turns value bytes into values
     * @param listeners         the listeners
     * @param options           settings of the Java layer
     * @param <K>               the key type
     * @param <V>               the value type
     * @return the consumer; close it
     * @throws io.rdkafka.client.errors.ConfigException when librdkafka refuses the configuration
     */
    public static <K, V> Consumer<K, V> create(KafkaConfig config, Deserializer<K> keyDeserializer,
                                               Deserializer<V> valueDeserializer, ClientListeners listeners,
                                               Options options) {
        return new Consumer<>(config, keyDeserializer, valueDeserializer, listeners, options);
    }

    // ---- ownership ----------------------------------------------------------------------------------

    private void acquire() {
        Thread t = Thread.currentThread();
        if (t == closingThread) {
            depth++;
            return;
        }
        long id = t.threadId();
        if (owner.get() == id) { // re-entrant: a listener or callback inside one of our calls
            depth++;
            return;
        }
        client.enter();
        if (!owner.compareAndSet(NO_OWNER, id)) {
            client.exit();
            throw new ConcurrentModificationException("Consumer is not safe for multi-threaded access: another "
                    + "thread is using it (only wakeup() and close() may be called concurrently)");
        }
        depth = 1;
    }

    private void release() {
        if (Thread.currentThread() == closingThread) {
            depth--;
            return;
        }
        if (--depth == 0) {
            owner.set(NO_OWNER);
            client.exit();
        }
    }

    private MemorySegment rk() {
        return client.handle();
    }

    /**
     * librdkafka's name for this client, e.g. {@code rdkafka#consumer-1}.
     *
     * @return the name ({@code rd_kafka_name})
     */
    public String name() {
        return client.name(); // a final field: no ownership check, and it answers after close like Producer's
    }

    // ---- subscription and assignment ----------------------------------------------------------------

    /**
     * Joins the group for {@code topics}; as {@link #subscribe(Collection, ConsumerRebalanceListener)} without
     * a listener.
     *
     * @param topics the topics
     */
    public void subscribe(Collection<String> topics) {
        subscribe(topics, ConsumerRebalanceListener.noop());
    }

    /**
     * Joins the group for {@code topics} (replacing any earlier subscription); partitions arrive during
     * {@link #poll}. An empty collection is {@link #unsubscribe()}.
     *
     * @param topics   the topics
     * @param listener hears about partitions assigned and revoked, on the polling thread
     * @throws IllegalStateException when partitions were assigned manually with {@link #assign}
     */
    public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
        Objects.requireNonNull(topics, "topics");
        List<String> list = new ArrayList<>(new LinkedHashSet<>(topics));
        for (String t : list) {
            if (t == null || t.isBlank()) throw new IllegalArgumentException("topic names must not be null or blank");
            Producer.validateTopic(t);
        }
        if (list.isEmpty()) {
            unsubscribe();
            return;
        }
        doSubscribe(list, listener);
    }

    /**
     * Subscribes to the topics matching {@code pattern}; as {@link #subscribe(Pattern, ConsumerRebalanceListener)}
     * without a listener.
     *
     * @param pattern the topic name pattern
     */
    public void subscribe(Pattern pattern) {
        subscribe(pattern, ConsumerRebalanceListener.noop());
    }

    /**
     * Subscribes to every topic whose name matches {@code pattern}, now and as topics appear (librdkafka
     * regex subscription, re-evaluated with each metadata refresh, {@code topic.metadata.refresh.interval.ms}).
     * The pattern is handed to librdkafka's POSIX-like regex engine anchored with {@code ^}: keep to
     * portable syntax (character classes, {@code .*}, alternation).
     *
     * @param pattern  the topic name pattern
     * @param listener hears about partitions assigned and revoked, on the polling thread
     */
    public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
        Objects.requireNonNull(pattern, "pattern");
        String p = pattern.pattern();
        doSubscribe(List.of(p.startsWith("^") ? p : "^" + p), listener);
    }

    private void doSubscribe(List<String> topics, ConsumerRebalanceListener l) {
        acquire();
        try {
            requireGroup("subscribe");
            if (!subscribed && !assignmentNow().isEmpty()) {
                throw new IllegalStateException("subscribe() and assign() are mutually exclusive: call "
                        + "unsubscribe() (or assign(empty)) first");
            }
            List<TopicPartition> unassigned = topics.stream().map(t -> new TopicPartition(t, RD_KAFKA_PARTITION_UA)).toList();
            try (NativeObject list = TopicPartitionLists.of(unassigned)) {
                int err = RdKafka.rd_kafka_subscribe(rk(), list.ptr());
                if (err != 0) throw Errors.exception(err, "subscribe to " + topics + " failed: " + KafkaError.describe(err));
            }
            this.listener = l == null ? ConsumerRebalanceListener.noop() : l;
            subscribed = true;
        } finally {
            release();
        }
    }

    /**
     * The topics (or {@code ^pattern}s) subscribed to; empty when not subscribed.
     *
     * @return the subscription
     */
    public Set<String> subscription() {
        acquire();
        try {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment out = Pointers.outPointer(a);
                int err = RdKafka.rd_kafka_subscription(rk(), out);
                if (err != 0) throw Errors.exception(err, "subscription() failed: " + KafkaError.describe(err));
                try (NativeObject list = NativeObject.list(Pointers.pointer(out))) {
                    Set<String> s = new LinkedHashSet<>();
                    for (TopicPartition tp : TopicPartitionLists.partitions(list.ptr())) s.add(tp.topic());
                    return Collections.unmodifiableSet(s);
                }
            }
        } finally {
            release();
        }
    }

    /**
     * Leaves the group (or drops the manual assignment). The rebalance listener hears about the revoked
     * partitions before this returns.
     */
    public void unsubscribe() {
        acquire();
        try {
            if (inRebalance) throw new IllegalStateException("unsubscribe() cannot be called from a rebalance listener");
            closeCurrentBatch();
            flushPendingStore();
            if (subscribed) {
                int err = RdKafka.rd_kafka_unsubscribe(rk());
                subscribed = false;
                if (err != 0) throw Errors.exception(err, "unsubscribe failed: " + KafkaError.describe(err));
                // serve the revoke now, so the listener runs and a later assign() is not undone by it
                long deadline = deadline(options.defaultApiTimeout().compareTo(Duration.ofSeconds(10)) < 0
                        ? options.defaultApiTimeout() : Duration.ofSeconds(10));
                while (!assignmentNow().isEmpty() && remaining(deadline) > 0) {
                    int n = consume(consumerQueue, Math.min(remaining(deadline), SLICE_MS), 0, max);
                    destroyMessages(n);
                }
            } else if (!assignmentNow().isEmpty()) {
                int err = RdKafka.rd_kafka_assign(rk(), MemorySegment.NULL);
                if (err != 0) throw Errors.exception(err, "unassign failed: " + KafkaError.describe(err));
            }
            listener = ConsumerRebalanceListener.noop();
            paused.clear();
            pendingSeeks.clear();
            seekPositions.clear();
            restarted.clear();
            pendingStore.clear();
            seekEpochs.clear();
        } finally {
            release();
        }
    }

    /**
     * Assigns exactly these partitions (manual assignment, no group rebalancing); reading starts at the
     * committed offset, else per {@code auto.offset.reset}, unless you {@link #seek}. An empty collection
     * is {@link #unsubscribe()}.
     *
     * @param partitions the partitions to read
     * @throws IllegalStateException when subscribed
     */
    public void assign(Collection<TopicPartition> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        if (partitions.isEmpty()) {
            unsubscribe();
            return;
        }
        acquire();
        try {
            if (subscribed) {
                throw new IllegalStateException("subscribe() and assign() are mutually exclusive: call unsubscribe() first");
            }
            Set<TopicPartition> set = new LinkedHashSet<>(partitions);
            for (TopicPartition tp : set) Producer.validateTopic(tp.topic());
            int err;
            if (set.isEmpty()) {
                err = RdKafka.rd_kafka_assign(rk(), MemorySegment.NULL);
            } else {
                try (NativeObject list = TopicPartitionLists.of(set)) {
                    err = RdKafka.rd_kafka_assign(rk(), list.ptr());
                }
            }
            if (err != 0) throw Errors.exception(err, "assign failed: " + KafkaError.describe(err));
            paused.retainAll(set);
            pendingSeeks.keySet().retainAll(set);
            seekPositions.keySet().retainAll(set);
            seekEpochs.keySet().retainAll(set);
            restarted.clear();
        } finally {
            release();
        }
    }

    /**
     * The partitions currently assigned to this consumer.
     *
     * @return the assignment ({@code rd_kafka_assignment})
     */
    public Set<TopicPartition> assignment() {
        acquire();
        try {
            return Collections.unmodifiableSet(assignmentNow());
        } finally {
            release();
        }
    }

    private Set<TopicPartition> assignmentNow() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = Pointers.outPointer(a);
            int err = RdKafka.rd_kafka_assignment(rk(), out);
            if (err != 0) throw Errors.exception(err, "assignment() failed: " + KafkaError.describe(err));
            try (NativeObject list = NativeObject.list(Pointers.pointer(out))) {
                return new LinkedHashSet<>(TopicPartitionLists.partitions(list.ptr()));
            }
        }
    }

    /**
     * The group's rebalance protocol as librdkafka reports it: NONE until the first join (and for manual
     * assignment), then EAGER or COOPERATIVE.
     *
     * @return the protocol ({@code rd_kafka_rebalance_protocol})
     */
    public RebalanceProtocol rebalanceProtocol() {
        acquire();
        try {
            if (Thread.currentThread() == closingThread) return configuredProtocol; // librdkafka #4041
            return RebalanceProtocol.fromNative(CStrings.toJava(RdKafka.rd_kafka_rebalance_protocol(rk())));
        } finally {
            release();
        }
    }

    // ---- poll ---------------------------------------------------------------------------------------

    /**
     * Returns the records available now, or waits up to {@code timeout} for the first to arrive; at most
     * {@link Options#maxPollRecords()}. Rebalance listeners and commit callbacks run inside this call.
     *
     * @param timeout how long to wait for a first record
     * @return the records, perhaps none
     * @throws WakeupException         when {@link #wakeup()} was called
     * @throws IllegalStateException   when the consumer is (or is being) closed
     * @throws KafkaException          (typed) for errors the application must handle; see the class comment
     */
    public ConsumerRecords<K, V> poll(Duration timeout) {
        long deadline = deadline(timeout);
        acquire();
        try {
            enterPoll();
            JfrEvents.ConsumerPoll jfr = JfrEvents.begin(JfrEvents.ConsumerPoll::new);
            try {
                while (true) {
                    int n = fetch(deadline);
                    ConsumerRecords.Builder<K, V> b = new ConsumerRecords.Builder<>();
                    KafkaException error = convert(n, b);
                    if (b.hasAny()) {
                        if (error != null && pendingError == null) pendingError = error;
                        serveCommitCallbacks();
                        ConsumerRecords<K, V> records = b.build();
                        if (emulateAutoStore) {
                            for (TopicPartition tp : records.partitions()) {
                                ConsumerRecord<K, V> last = records.records(tp).getLast();
                                pendingStore.put(tp, new OffsetAndMetadata(last.offset() + 1, "",
                                        last.leaderEpoch().orElse(-1)));
                            }
                        }
                        if (jfr != null && jfr.shouldCommit()) {
                            long bytes = 0;
                            for (var r : records) bytes += Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
                            commitPoll(jfr, records.count(), bytes);
                        }
                        return records;
                    }
                    if (error != null) throw error;
                    if (pendingError != null) throw takePendingError();
                    if (remaining(deadline) <= 0) {
                        if (jfr != null && jfr.shouldCommit()) commitPoll(jfr, 0, 0);
                        return ConsumerRecords.empty();
                    }
                }
            } finally {
                inPoll = false;
            }
        } finally {
            release();
        }
    }

    private void commitPoll(JfrEvents.ConsumerPoll jfr, int records, long bytes) {
        jfr.client = client.name();
        jfr.records = records;
        jfr.bytes = bytes;
        jfr.commit();
    }

    /**
     * As {@link #poll}, but without copying: the returned batch exposes keys and values as read-only native
     * segments and must be closed (the next poll or close closes it otherwise). Deserializers are not used.
     *
     * @param timeout how long to wait for a first record
     * @return the batch, perhaps empty; close it
     */
    public RecordBatch pollBatch(Duration timeout) {
        long deadline = deadline(timeout);
        acquire();
        try {
            enterPoll();
            JfrEvents.ConsumerPoll jfr = JfrEvents.begin(JfrEvents.ConsumerPoll::new);
            try {
                while (true) {
                    int n = fetch(deadline);
                    BatchScan scan = scan(n);
                    if (scan.count > 0 || scan.eof != null) {
                        if (scan.error != null && pendingError == null) pendingError = scan.error;
                        RecordBatch batch = scan.count == 0
                                ? RecordBatch.empty(Collections.unmodifiableSet(scan.eof))
                                : new RecordBatch(scan.records, scan.count, decoder,
                                scan.eof == null ? Set.of() : Collections.unmodifiableSet(scan.eof));
                        currentBatch = batch;
                        if (emulateAutoStore) rememberDelivered(scan);
                        serveCommitCallbacks();
                        if (jfr != null && jfr.shouldCommit()) {
                            long bytes = 0;
                            for (int i = 0; i < scan.count; i++) bytes += Math.max(0, batch.keySize(i)) + Math.max(0, batch.valueSize(i));
                            commitPoll(jfr, scan.count, bytes);
                        }
                        return batch;
                    }
                    if (scan.error != null) throw scan.error;
                    if (pendingError != null) throw takePendingError();
                    if (remaining(deadline) <= 0) {
                        if (jfr != null && jfr.shouldCommit()) commitPoll(jfr, 0, 0);
                        return RecordBatch.empty(Set.of());
                    }
                }
            } finally {
                inPoll = false;
            }
        } finally {
            release();
        }
    }

    private void enterPoll() {
        if (inRebalance || inPoll) {
            throw new IllegalStateException("poll cannot be called from a rebalance listener or commit callback");
        }
        inPoll = true;
        closeCurrentBatch();
    }

    /** The next offsets of a batch's records, per partition (records of a partition arrive in order). */
    private void rememberDelivered(BatchScan scan) {
        // runs of one partition are told apart by topic handle and partition number; the topic's name is looked
        // up once per run, not per record
        long runStart = 0;
        long rkt = 0;
        int partition = -1;
        long last = 0;
        for (int i = 0; i < scan.count; i++) {
            long m = scan.records[i];
            long r = MessageDecoder.topicHandle(m);
            int p = MessageDecoder.partition(m);
            if (p != partition || r != rkt) {
                if (runStart != 0) storeAfter(runStart, last);
                runStart = m;
                rkt = r;
                partition = p;
            }
            last = m;
        }
        if (runStart != 0) storeAfter(runStart, last);
    }

    /** Remembers the position after message {@code last} (with its leader epoch) for the partition of {@code run}. */
    private void storeAfter(long run, long last) {
        pendingStore.put(new TopicPartition(decoder.topic(run), MessageDecoder.partition(last)),
                new OffsetAndMetadata(MessageDecoder.offset(last) + 1, "", MessageDecoder.leaderEpoch(last).orElse(-1)));
    }

    /**
     * Stores (rd_kafka_offsets_store) the positions of what earlier polls returned, for the next auto or
     * manual commit: the application has had them, as with Kafka's consumer, which commits the position.
     */
    private void flushPendingStore() {
        if (pendingStore.isEmpty()) return;
        Map<TopicPartition, OffsetAndMetadata> m = new LinkedHashMap<>(pendingStore);
        pendingStore.clear();
        try (NativeObject list = TopicPartitionLists.ofOffsets(m)) {
            RdKafka.rd_kafka_offsets_store(rk(), list.ptr()); // a partition revoked meanwhile answers _STATE: nothing to store
        }
    }

    private void closeCurrentBatch() {
        RecordBatch b = currentBatch;
        currentBatch = null;
        if (b != null) b.close();
    }

    private KafkaException takePendingError() {
        KafkaException e = pendingError;
        pendingError = null;
        return e;
    }

    private void checkInterrupts() {
        if (wakeupRequested.getAndSet(false)) {
            throw new WakeupException(KafkaError.of(KafkaError.UNKNOWN_CODE, "the consumer was woken up (wakeup())"));
        }
        if (client.isClosed() && Thread.currentThread() != closingThread) {
            throw new IllegalStateException("the consumer " + client.name() + " was closed during the call");
        }
    }

    /**
     * Fills {@code messages[0..n)}: a non-blocking drain; if that found nothing, blocking for one message in
     * slices of at most 100 ms (librdkafka 2.0.2's batch call waits until the array is full or the timeout
     * passes), then a non-blocking drain of the rest.
     */
    private int fetch(long deadline) {
        checkInterrupts();
        flushPendingStore();
        if (pendingError != null) throw takePendingError();
        KafkaException fatal = fatalError();
        if (fatal != null) throw fatal;
        serveCommitCallbacks();
        if (!pendingSeeks.isEmpty()) retryPendingSeeks();
        int n = consume(consumerQueue, 0, 0, max);
        if (n > 0) return n;
        while (true) {
            checkInterrupts();
            if (pendingError != null) return 0; // a listener failed inside the last slice
            int left = remaining(deadline);
            if (left <= 0) return 0;
            n = consume(consumerQueue, Math.min(left, SLICE_MS), 0, 1);
            if (n > 0) return n + consume(consumerQueue, 0, n, max - n);
            serveCommitCallbacks();
            if (!pendingSeeks.isEmpty()) retryPendingSeeks();
        }
    }

    /** The client's fatal error (read from librdkafka now, not from the event that reports it), or null. */
    private KafkaException fatalError() {
        if (RdKafka.rd_kafka_fatal_error(rk(), MemorySegment.NULL, 0) == 0) return null;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = CStrings.errstr(a);
            int code = RdKafka.rd_kafka_fatal_error(rk(), buf, CStrings.ERRSTR_SIZE);
            return new io.rdkafka.client.errors.FatalException(KafkaError.of(code, "the consumer hit a fatal error and "
                    + "must be closed: " + CStrings.fromBuffer(buf)).withFlags(true, false, false));
        }
    }

    private int consume(MemorySegment queue, int timeoutMs, int from, int count) {
        if (count <= 0) return 0;
        long r = RdKafka.rd_kafka_consume_batch_queue(queue, timeoutMs, MessageDecoder.slots(messages, from), count);
        if (r < 0) {
            int err = RdKafka.rd_kafka_last_error();
            throw Errors.exception(err, "consuming failed: " + KafkaError.describe(err));
        }
        return (int) r;
    }

    private void destroyMessages(int n) {
        MessageDecoder.destroy(messages, 0, n);
    }

    /** Converts and destroys messages[0..n); returns the first error to throw (records are in b). */
    private KafkaException convert(int n, ConsumerRecords.Builder<K, V> b) {
        KafkaException first = null;
        Map<TopicPartition, Long> rewind = null;
        int i = 0;
        try {
            for (; i < n; i++) {
                long m = MessageDecoder.at(messages, i);
                try {
                    decoder.decode(m);
                    int err = decoder.err();
                    if (err != 0) {
                        KafkaException e = onErrorMessage(err, b::endOfPartition);
                        if (first == null) first = e;
                        continue;
                    }
                    String topic = decoder.topic();
                    int partition = decoder.partition();
                    if (!pendingSeeks.isEmpty() || rewind != null) {
                        TopicPartition tp = new TopicPartition(topic, partition);
                        if (pendingSeeks.containsKey(tp) || rewind != null && rewind.containsKey(tp)) continue;
                    }
                    try {
                        b.add(toRecord(topic, partition));
                    } catch (RecordDeserializationException e) {
                        // the partition restarts at the failing record; later records of it in this batch are dropped
                        if (rewind == null) rewind = new LinkedHashMap<>();
                        rewind.put(new TopicPartition(topic, partition), e.offset());
                        if (first == null) first = e;
                    }
                } finally {
                    MessageDecoder.destroy(m);
                }
            }
        } finally {
            MessageDecoder.destroy(messages, i + 1, n); // after a throw
        }
        if (rewind != null) seekNow(rewind);
        return first;
    }

    private static final class BatchScan {
        long[] records; // message addresses
        int count;
        Set<TopicPartition> eof;
        KafkaException error;
    }

    /** Sorts messages[0..n) for a RecordBatch: records are kept (the batch destroys them), the rest destroyed. */
    private BatchScan scan(int n) {
        BatchScan s = new BatchScan();
        // a new array per batch (8 bytes a record), never shared: a close() on another thread may still be
        // destroying the previous batch's messages from its array while this poll fills the next one
        s.records = new long[n];
        int i = 0;
        try {
            for (; i < n; i++) {
                long m = MessageDecoder.at(messages, i);
                boolean keep = false;
                try {
                    int err = MessageDecoder.err(m);
                    if (err != 0) {
                        decoder.decode(m);
                        KafkaException e = onErrorMessage(err, tp -> {
                            if (s.eof == null) s.eof = new LinkedHashSet<>();
                            s.eof.add(tp);
                        });
                        if (s.error == null) s.error = e;
                        continue;
                    }
                    if (!pendingSeeks.isEmpty() && pendingSeeks.containsKey(
                            new TopicPartition(decoder.topic(m), MessageDecoder.partition(m)))) continue;
                    s.records[s.count++] = m;
                    keep = true;
                } finally {
                    if (!keep) MessageDecoder.destroy(m);
                }
            }
        } catch (RuntimeException | Error e) {
            for (int k = 0; k < s.count; k++) MessageDecoder.destroy(s.records[k]);
            MessageDecoder.destroy(messages, i + 1, n);
            throw e;
        }
        return s;
    }

    /** Handles the error message just decoded: EOF to {@code eof}; returns the exception to throw, or null. */
    private KafkaException onErrorMessage(int err, java.util.function.Consumer<TopicPartition> eof) {
        String topic = decoder.topic();
        int partition = decoder.partition();
        if (err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            if (topic != null) eof.accept(new TopicPartition(topic, partition));
            return null;
        }
        if (err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET && !restarted.isEmpty() && topic != null
                && decoder.offset() == RD_KAFKA_OFFSET_INVALID
                && restarted.contains(new TopicPartition(topic, partition))) {
            // "no committed offset" from before reassignAt restarted the partition at the sought offset: stale
            // (librdkafka does not version these errors, so they outlive the restart)
            return null;
        }
        String where = topic == null ? "" : " (" + topic + (partition >= 0 ? " [" + partition + "]" : "") + ")";
        if (err == RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED && groupId != null) where += " (group " + groupId + ")";
        String text = decoder.errorString();
        KafkaError ke;
        if (err == RD_KAFKA_RESP_ERR__FATAL) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment buf = CStrings.errstr(a);
                int orig = RdKafka.rd_kafka_fatal_error(rk(), buf, CStrings.ERRSTR_SIZE);
                ke = orig != 0 ? KafkaError.of(orig, CStrings.fromBuffer(buf) + where).withFlags(true, false, false)
                        : KafkaError.of(err, text + where).withFlags(true, false, false);
            }
        } else {
            ke = KafkaError.of(err, (text == null || text.isEmpty() ? KafkaError.describe(err) : text) + where);
        }
        KafkaException ex = Errors.exception(ke);
        if (!ke.fatal() && isTransient(err)) {
            var l = listeners.onError();
            if (l != null) {
                client.safely("error listener", () -> l.accept(ex));
            } else {
                client.logger().log(System.Logger.Level.WARNING, "consumer error: " + ex.getMessage());
            }
            return null;
        }
        return ex;
    }

    /** Consumer errors librdkafka recovers from by itself: reported, not thrown. */
    static boolean isTransient(int err) {
        return switch (err) {
            case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC,
                 RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION, RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE,
                 RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_REPLICA_NOT_AVAILABLE,
                 RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, RD_KAFKA_RESP_ERR__RESOLVE,
                 RD_KAFKA_RESP_ERR__MAX_POLL_EXCEEDED, RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS,
                 RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NOT_COORDINATOR,
                 RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS, RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID,
                 RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION, RD_KAFKA_RESP_ERR__TIMED_OUT,
                 RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE,
                 RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION, RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR,
                 RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH, RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH,
                 RD_KAFKA_RESP_ERR_OFFSET_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
                 RD_KAFKA_RESP_ERR__WAIT_COORD, RD_KAFKA_RESP_ERR__NODE_UPDATE, RD_KAFKA_RESP_ERR__NO_OFFSET,
                 RD_KAFKA_RESP_ERR__PARTITION_EOF, RD_KAFKA_RESP_ERR__DESTROY, RD_KAFKA_RESP_ERR__OUTDATED,
                 RD_KAFKA_RESP_ERR__WAIT_CACHE, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_ID -> true;
            default -> false;
        };
    }

    /** The record just decoded, deserialized: each field of the message read once ({@link MessageDecoder}). */
    private ConsumerRecord<K, V> toRecord(String topic, int partition) {
        decoder.decodeRecord();
        long offset = decoder.offset();
        byte[] k = decoder.key();
        byte[] v = decoder.value();
        K key;
        V value;
        try {
            key = keyDeserializer.deserialize(topic, k);
        } catch (RuntimeException e) {
            throw new RecordDeserializationException(topic, partition, offset, "could not deserialize the key of "
                    + topic + "-" + partition + "@" + offset + ": " + e, e);
        }
        try {
            value = valueDeserializer.deserialize(topic, v);
        } catch (RuntimeException e) {
            throw new RecordDeserializationException(topic, partition, offset, "could not deserialize the value of "
                    + topic + "-" + partition + "@" + offset + ": " + e, e);
        }
        return new ConsumerRecord<>(topic, partition, offset, decoder.timestamp(), decoder.timestampType(),
                k == null ? -1 : k.length, v == null ? -1 : v.length, key, value, decoder.headers(),
                decoder.leaderEpoch());
    }

    /**
     * Makes a blocked {@link #poll} (or {@link #commitSync}) in another thread throw {@link WakeupException}
     * promptly; if none is blocked, the next one throws. Thread-safe.
     */
    public void wakeup() {
        try (var _ = client.lease()) {
            wakeupRequested.set(true);
            RdKafka.rd_kafka_queue_yield(consumerQueue);
            RdKafka.rd_kafka_queue_yield(commitQueue);
        }
    }

    // ---- rebalance ----------------------------------------------------------------------------------

    /** The rebalance_cb upcall: runs inside rd_kafka_consume_batch_queue on the polling (or closing) thread. */
    private static final class RebalanceRelay implements RdKafkaCallbacks.rebalance_cb {
        private final boolean cooperative;
        volatile Consumer<?, ?> consumer;

        RebalanceRelay(boolean cooperative) {
            this.cooperative = cooperative;
        }

        @Override
        public void apply(MemorySegment rk, int err, MemorySegment partitions, MemorySegment opaque) {
            Consumer<?, ?> c = consumer;
            if (c == null || !c.isOurThread()) {
                // not from one of our calls (should not happen): keep librdkafka's state machine moving
                fallbackRebalance(rk, err, partitions, cooperative);
                return;
            }
            c.onRebalance(rk, err, partitions);
        }
    }

    private boolean isOurThread() {
        Thread t = Thread.currentThread();
        return t == closingThread || owner.get() == t.threadId();
    }

    private static void fallbackRebalance(MemorySegment rk, int err, MemorySegment partitions, boolean coop) {
        // not rd_kafka_rebalance_protocol(): it can hang in a rebalance callback after close (librdkafka #4041)
        if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
            if (coop) Errors.readAndDestroy(RdKafka.rd_kafka_incremental_assign(rk, partitions));
            else RdKafka.rd_kafka_assign(rk, partitions);
        } else {
            if (coop) Errors.readAndDestroy(RdKafka.rd_kafka_incremental_unassign(rk, partitions));
            else RdKafka.rd_kafka_assign(rk, MemorySegment.NULL);
        }
    }

    private void onRebalance(MemorySegment rk, int err, MemorySegment partitions) {
        List<TopicPartition> tps = Collections.unmodifiableList(TopicPartitionLists.partitions(partitions));
        boolean cooperative = configuredProtocol == RebalanceProtocol.COOPERATIVE;
        boolean closing = Thread.currentThread() == closingThread;
        JfrEvents.Rebalance jfr = JfrEvents.begin(JfrEvents.Rebalance::new);
        String kind = err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS ? "assigned"
                : err != RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS ? "error"
                : RdKafka.rd_kafka_assignment_lost(rk) != 0 ? "lost" : "revoked";
        inRebalance = true;
        try {
            if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
                KafkaError e = cooperative ? Errors.readAndDestroy(RdKafka.rd_kafka_incremental_assign(rk, partitions))
                        : codeError(RdKafka.rd_kafka_assign(rk, partitions));
                if (e != null) {
                    rebalanceFailure(KafkaError.of(e.code(), "assigning " + tps + " failed: " + e.message()), closing);
                    return;
                }
                callListener("onPartitionsAssigned", () -> listener.onPartitionsAssigned(tps), closing);
            } else if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
                boolean lost = kind.equals("lost");
                try {
                    if (lost) callListener("onPartitionsLost", () -> listener.onPartitionsLost(tps), closing);
                    else callListener("onPartitionsRevoked", () -> listener.onPartitionsRevoked(tps), closing);
                } finally {
                    forget(tps);
                    KafkaError e = cooperative
                            ? Errors.readAndDestroy(RdKafka.rd_kafka_incremental_unassign(rk, partitions))
                            : codeError(RdKafka.rd_kafka_assign(rk, MemorySegment.NULL));
                    if (e != null) {
                        rebalanceFailure(KafkaError.of(e.code(), "unassigning " + tps + " failed: " + e.message()),
                                closing);
                    }
                }
            } else {
                forget(tps);
                KafkaError e = cooperative
                        ? Errors.readAndDestroy(RdKafka.rd_kafka_incremental_unassign(rk, partitions))
                        : codeError(RdKafka.rd_kafka_assign(rk, MemorySegment.NULL));
                rebalanceFailure(KafkaError.of(err, "rebalance error: " + KafkaError.describe(err)
                        + (e == null ? "" : "; unassign failed: " + e.message())), closing);
            }
        } finally {
            inRebalance = false;
            if (jfr != null && jfr.shouldCommit()) {
                jfr.client = client.name();
                jfr.protocol = configuredProtocol.name();
                jfr.kind = kind;
                jfr.partitions = tps.toString();
                jfr.commit();
            }
        }
    }

    private static KafkaError codeError(int err) {
        return err == 0 ? null : KafkaError.of(err, KafkaError.describe(err));
    }

    private void forget(Collection<TopicPartition> tps) {
        List<TopicPartition> wasPaused = new ArrayList<>();
        for (TopicPartition tp : tps) {
            if (paused.remove(tp)) wasPaused.add(tp);
            pendingSeeks.remove(tp);
            pendingStore.remove(tp);
            seekPositions.remove(tp);
            seekEpochs.remove(tp);
        }
        if (!wasPaused.isEmpty()) {
            // librdkafka keeps the pause flag on the partition object; Kafka forgets pauses on revoke
            try (NativeObject list = TopicPartitionLists.of(wasPaused)) {
                RdKafka.rd_kafka_resume_partitions(rk(), list.ptr());
            }
        }
    }

    private void callListener(String what, Runnable r, boolean closing) {
        try {
            r.run();
        } catch (Throwable t) {
            if (closing) {
                client.logger().log(System.Logger.Level.ERROR, "rebalance listener " + what + " threw during close", t);
            } else if (pendingError == null) {
                pendingError = t instanceof KafkaException ke ? ke
                        : new KafkaException(KafkaError.of(KafkaError.UNKNOWN_CODE,
                        "the rebalance listener's " + what + " threw " + t), t);
            }
        }
    }

    private void rebalanceFailure(KafkaError e, boolean closing) {
        if (closing) {
            client.logger().log(System.Logger.Level.WARNING, e.toString());
        } else if (pendingError == null) {
            pendingError = Errors.exception(e);
        }
    }

    // ---- offsets --------------------------------------------------------------------------------------

    private void requireGroup(String call) {
        if (groupId == null) {
            throw new IllegalStateException(call + " needs a consumer group: set group.id in the configuration");
        }
    }

    private static final class PendingCommit {
        final OffsetCommitCallback callback;
        final boolean sync;
        final JfrEvents.Commit jfr = JfrEvents.begin(JfrEvents.Commit::new); // begun when the commit is made
        boolean done;
        KafkaException error;
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.of();

        PendingCommit(OffsetCommitCallback callback, boolean sync) {
            this.callback = callback;
            this.sync = sync;
        }
    }

    /** Commits the positions of everything consumed so far (librdkafka's stored offsets), waiting for the result. */
    public void commitSync() {
        commitSync(options.defaultApiTimeout());
    }

    /**
     * Commits the positions of everything consumed so far, waiting up to {@code timeout}.
     *
     * @param timeout how long to wait at most
     */
    public void commitSync(Duration timeout) {
        commitSync(null, timeout);
    }

    /**
     * Commits {@code offsets}, waiting up to {@link Options#defaultApiTimeout()}.
     *
     * @param offsets the next offset to read, per partition
     */
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        commitSync(offsets, options.defaultApiTimeout());
    }

    /**
     * Commits {@code offsets} (the next offset to read, per partition; all positions consumed so far when
     * null) and waits up to {@code timeout} for the coordinator's answer. Pending {@link #commitAsync}
     * callbacks run in here too.
     *
     * @param offsets the offsets to commit, or {@code null} for the positions consumed so far
     * @param timeout how long to wait at most
     * @throws CommitFailedException after a rebalance took the partitions away
     * @throws TimeoutException      when the answer did not come in time
     * @throws WakeupException       when {@link #wakeup()} was called
     */
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        long deadline = deadline(timeout);
        acquire();
        try {
            requireGroup("commitSync");
            if (offsets != null && offsets.isEmpty()) return;
            if (offsets == null) flushPendingStore();
            PendingCommit pc = startCommit(offsets, null, true);
            while (!pc.done) {
                checkInterrupts();
                int left = remaining(deadline);
                if (left <= 0) {
                    commits.values().remove(pc);
                    throw new TimeoutException(KafkaError.of(RD_KAFKA_RESP_ERR__TIMED_OUT,
                            "commitSync timed out after " + timeout.toMillis() + " ms"));
                }
                serveCommitQueue(Math.min(left, SLICE_MS));
            }
            if (pc.error != null) throw pc.error;
        } finally {
            release();
        }
    }

    /** Commits the positions of everything consumed so far without waiting and without a callback. */
    public void commitAsync() {
        commitAsync(null, null);
    }

    /**
     * Commits the positions of everything consumed so far without waiting.
     *
     * @param callback told the outcome on the polling thread, inside a later call
     */
    public void commitAsync(OffsetCommitCallback callback) {
        commitAsync(null, callback);
    }

    /**
     * Starts a commit and returns at once. The callback (if any) runs on the polling thread, inside a later
     * {@link #poll}, {@link #commitSync} or {@link #close}.
     *
     * @param offsets  the offsets to commit, or {@code null} for the positions consumed so far
     * @param callback told the outcome; may be {@code null}
     */
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        acquire();
        try {
            requireGroup("commitAsync");
            if (offsets != null && offsets.isEmpty()) {
                if (callback != null) client.safely("commit callback", () -> callback.onComplete(Map.of(), null));
                return;
            }
            if (offsets == null) flushPendingStore();
            PendingCommit pc = startCommit(offsets, callback, false);
            if (pc.done) deliver(pc);
        } finally {
            release();
        }
    }

    private PendingCommit startCommit(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback cb,
                                      boolean sync) {
        long id = nextCommitId++;
        PendingCommit pc = new PendingCommit(cb, sync);
        try (NativeObject list = offsets == null ? NativeObject.list(MemorySegment.NULL) : offsetsList(offsets)) {
            commits.put(id, pc);
            int r = RdKafka.rd_kafka_commit_queue(rk(), list.ptr(), commitQueue, MemorySegment.NULL,
                    MemorySegment.ofAddress(id)); // the commit's id as its opaque
            if (r != 0) {
                commits.remove(id);
                pc.done = true;
                pc.error = commitException(r, "commit failed: " + KafkaError.describe(r));
            }
        }
        return pc;
    }

    /** A new list of offsets with their leader epochs and metadata. */
    private NativeObject offsetsList(Map<TopicPartition, OffsetAndMetadata> offsets) {
        for (TopicPartition tp : offsets.keySet()) Producer.validateTopic(tp.topic());
        return TopicPartitionLists.build(offsets.keySet(), tp -> offsets.get(tp).offset(), (tp, elem) -> {
            OffsetAndMetadata om = offsets.get(tp);
            TopicPartitionLists.setLeaderEpoch(elem, om.leaderEpoch());
            TopicPartitionLists.setMetadata(rk(), elem, om.metadata().getBytes(StandardCharsets.UTF_8));
        });
    }

    private static KafkaException commitException(int code, String message) {
        KafkaError e = KafkaError.of(code, message);
        return switch (code) {
            case RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION, RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID,
                 RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS, RD_KAFKA_RESP_ERR_FENCED_INSTANCE_ID,
                 RD_KAFKA_RESP_ERR__ASSIGNMENT_LOST -> new CommitFailedException(e);
            default -> Errors.exception(e);
        };
    }

    /** Runs the callbacks of finished async commits (non-blocking). */
    private void serveCommitCallbacks() {
        if (commits.isEmpty()) return;
        while (serveCommitQueue(0)) {
            // drain
        }
    }

    /** Serves one event of the commit queue, waiting up to timeoutMs; false when there was none. */
    private boolean serveCommitQueue(int timeoutMs) {
        MemorySegment ev = RdKafka.rd_kafka_queue_poll(commitQueue, timeoutMs);
        if (ev.equals(MemorySegment.NULL)) return false;
        PendingCommit pc;
        try {
            if (RdKafka.rd_kafka_event_type(ev) != RD_KAFKA_EVENT_OFFSET_COMMIT) return true;
            pc = commits.remove(RdKafka.rd_kafka_event_opaque(ev).address());
            if (pc == null) return true; // a commitSync that timed out
            int err = RdKafka.rd_kafka_event_error(ev);
            Map<TopicPartition, OffsetAndMetadata> result = new LinkedHashMap<>();
            KafkaException partitionError = null;
            for (var e : TopicPartitionLists.read(RdKafka.rd_kafka_event_topic_partition_list(ev))) {
                if (e.err() != 0) {
                    if (partitionError == null) {
                        partitionError = commitException(e.err(), "commit of " + e.partition() + " failed: "
                                + KafkaError.describe(e.err()));
                    }
                } else if (e.offset() >= 0) {
                    result.put(e.partition(), new OffsetAndMetadata(e.offset(), e.metadata(), e.leaderEpoch()));
                }
            }
            pc.done = true;
            pc.offsets = Collections.unmodifiableMap(result);
            if (err != 0 && err != RD_KAFKA_RESP_ERR__NO_OFFSET) {
                pc.error = commitException(err, "commit failed: " + KafkaError.describe(err));
            } else {
                pc.error = partitionError;
            }
        } finally {
            RdKafka.rd_kafka_event_destroy(ev);
        }
        deliver(pc);
        return true;
    }

    private void deliver(PendingCommit pc) {
        if (pc.jfr != null && pc.jfr.shouldCommit()) {
            pc.jfr.client = client.name();
            pc.jfr.partitions = pc.offsets.size();
            pc.jfr.sync = pc.sync;
            pc.jfr.error = pc.error == null ? null : pc.error.codeName();
            pc.jfr.commit();
        }
        if (pc.sync) return; // commitSync reads its own result
        if (pc.callback == null) {
            if (pc.error != null) {
                client.logger().log(System.Logger.Level.WARNING, "async commit failed: " + pc.error.getMessage());
            }
            return;
        }
        client.safely("commit callback", () -> pc.callback.onComplete(pc.offsets, pc.error));
    }

    /**
     * For {@code enable.auto.offset.store=false}: marks these offsets (the next offset to read) to be
     * committed by the next auto or {@link #commitSync()} commit.
     *
     * @param offsets the next offset to read, per partition
     */
    public void storeOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Objects.requireNonNull(offsets, "offsets");
        if (offsets.isEmpty()) return;
        acquire();
        try {
            requireGroup("storeOffsets");
            if (emulateAutoStore) {
                throw new KafkaException(KafkaError.of(RD_KAFKA_RESP_ERR__INVALID_ARG,
                        "storeOffsets needs enable.auto.offset.store=false (offsets are stored automatically)"));
            }
            try (NativeObject list = offsetsList(offsets)) {
                int err = RdKafka.rd_kafka_offsets_store(rk(), list.ptr());
                KafkaException first = null;
                for (var e : TopicPartitionLists.read(list)) {
                    if (e.err() != 0 && first == null) {
                        first = Errors.exception(e.err(), "storing the offset of " + e.partition() + " failed: "
                                + KafkaError.describe(e.err()) + (e.err() == RD_KAFKA_RESP_ERR__STATE
                                ? " (the partition is not assigned)" : ""));
                    }
                }
                if (err != 0) {
                    throw Errors.exception(err, "storeOffsets failed: " + KafkaError.describe(err)
                            + (err == RD_KAFKA_RESP_ERR__INVALID_ARG ? " (needs enable.auto.offset.store=false)" : ""));
                }
                if (first != null) throw first;
            }
        } finally {
            release();
        }
    }

    /**
     * The group's committed offsets for these partitions, waiting up to {@link Options#defaultApiTimeout()}.
     *
     * @param partitions the partitions
     * @return the committed offsets; partitions without one are absent
     */
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        return committed(partitions, options.defaultApiTimeout());
    }

    /**
     * The group's committed offsets for these partitions; partitions without a committed offset are absent.
     *
     * @param partitions the partitions
     * @param timeout how long to wait at most
     * @return the committed offsets
     */
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout) {
        Objects.requireNonNull(partitions, "partitions");
        int ms = millis(timeout);
        acquire();
        try {
            requireGroup("committed");
            if (Thread.currentThread() == closingThread) {
                // librdkafka answers offset fetches of a terminating group with _WAIT_COORD until the timeout
                throw new IllegalStateException("committed() is not available while the consumer is leaving its group");
            }
            if (partitions.isEmpty()) return Map.of();
            return committedNow(partitions, ms);
        } finally {
            release();
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committedNow(Collection<TopicPartition> partitions, int ms) {
        try (NativeObject list = TopicPartitionLists.of(partitions)) {
            int err = RdKafka.rd_kafka_committed(rk(), list.ptr(), ms);
            if (err != 0) throw Errors.exception(err, "committed() failed: " + KafkaError.describe(err));
            Map<TopicPartition, OffsetAndMetadata> m = new LinkedHashMap<>();
            for (var e : TopicPartitionLists.read(list)) {
                if (e.err() != 0) {
                    throw Errors.exception(e.err(), "committed() failed for " + e.partition() + ": "
                            + KafkaError.describe(e.err()));
                }
                if (e.offset() >= 0) m.put(e.partition(), new OffsetAndMetadata(e.offset(), e.metadata(), e.leaderEpoch()));
            }
            return Collections.unmodifiableMap(m);
        }
    }

    /**
     * The offset of the next record poll would return, waiting up to {@link Options#defaultApiTimeout()}.
     *
     * @param partition an assigned partition
     * @return the offset
     */
    public long position(TopicPartition partition) {
        return position(partition, options.defaultApiTimeout());
    }

    /**
     * The offset of the next record poll would return for an assigned partition: after the last consumed
     * record, else where a seek put it, else the committed offset, else where {@code auto.offset.reset}
     * points (asking the broker; up to {@code timeout}).
     *
     * @param partition the partition
     * @param timeout how long to wait at most
     * @return the offset of the next record
     * @throws IllegalStateException when the partition is not assigned
     */
    public long position(TopicPartition partition, Duration timeout) {
        Objects.requireNonNull(partition, "partition");
        long deadline = deadline(timeout);
        acquire();
        try {
            requireAssigned(List.of(partition), "position");
            long pos;
            try (NativeObject list = TopicPartitionLists.of(List.of(partition))) {
                int err = RdKafka.rd_kafka_position(rk(), list.ptr());
                if (err != 0) throw Errors.exception(err, "position failed: " + KafkaError.describe(err));
                pos = TopicPartitionLists.read(list).getFirst().offset();
            }
            if (pos >= 0) return pos;
            Long sought = pendingSeeks.containsKey(partition) ? pendingSeeks.get(partition) : seekPositions.get(partition);
            if (sought != null && sought >= 0) return sought;
            if (sought == null && groupId != null) {
                OffsetAndMetadata c = committedNow(List.of(partition), Math.max(1, remaining(deadline))).get(partition);
                if (c != null) return c.offset();
            }
            boolean earliest = sought != null ? sought == RD_KAFKA_OFFSET_BEGINNING : resetsToEarliest();
            long[] wm = watermarks(partition, remaining(deadline));
            return earliest ? wm[0] : wm[1];
        } finally {
            release();
        }
    }

    private boolean resetsToEarliest() {
        String r = config.get("auto.offset.reset");
        if (r == null) return false; // librdkafka's default: largest
        r = r.trim().toLowerCase(java.util.Locale.ROOT);
        if (r.equals("error")) {
            throw new KafkaException(KafkaError.of(RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET,
                    "no position: nothing consumed, no committed offset, and auto.offset.reset=error"));
        }
        return r.equals("smallest") || r.equals("earliest") || r.equals("beginning");
    }

    private void requireAssigned(Collection<TopicPartition> tps, String call) {
        if (Thread.currentThread() == closingThread) return; // the final revoke: the group is being left
        Set<TopicPartition> a = assignmentNow();
        for (TopicPartition tp : tps) {
            if (!a.contains(tp)) throw new IllegalStateException(call + ": partition " + tp + " is not assigned to this consumer");
        }
    }

    /**
     * Makes the next poll return records of {@code partition} starting at {@code offset}. Records of the
     * partition fetched before are dropped.
     *
     * @param partition the partition
     * @param offset    the offset of the next record to return
     * @throws IllegalStateException when the partition is not assigned
     */
    public void seek(TopicPartition partition, long offset) {
        Objects.requireNonNull(partition, "partition");
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0: " + offset);
        acquire();
        try {
            seekEpochs.remove(partition);
            seekAll(Map.of(partition, offset), "seek");
        } finally {
            release();
        }
    }

    /**
     * Makes the next poll return records of {@code partition} from {@code position.offset()}, as
     * {@link #seek(TopicPartition, long)}, with the leader epoch of the record before it (as
     * {@link #committed} returns it): librdkafka 2.1.0 and newer then validate the position against the
     * partition's leader epoch (KIP-320), so a log truncated by an unclean leader election is detected instead of
     * read past. Older libraries ignore the epoch. The position's metadata is not used.
     *
     * @param partition an assigned partition
     * @param position  the offset of the next record to return, with the leader epoch (-1: none)
     * @throws IllegalStateException when the partition is not assigned
     */
    public void seek(TopicPartition partition, OffsetAndMetadata position) {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(position, "position");
        acquire();
        try {
            if (position.leaderEpoch() >= 0 && MessageDecoder.hasLeaderEpochs()) seekEpochs.put(partition, position.leaderEpoch());
            else seekEpochs.remove(partition);
            seekAll(Map.of(partition, position.offset()), "seek");
        } finally {
            release();
        }
    }

    /**
     * Seeks to the first available offset; an empty collection means every assigned partition.
     *
     * @param partitions the partitions, or none for all assigned ones
     */
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        seekLogical(partitions, RD_KAFKA_OFFSET_BEGINNING, "seekToBeginning");
    }

    /**
     * Seeks to the end (the next record produced); an empty collection means every assigned partition.
     *
     * @param partitions the partitions, or none for all assigned ones
     */
    public void seekToEnd(Collection<TopicPartition> partitions) {
        seekLogical(partitions, RD_KAFKA_OFFSET_END, "seekToEnd");
    }

    private void seekLogical(Collection<TopicPartition> partitions, long logical, String call) {
        Objects.requireNonNull(partitions, "partitions");
        acquire();
        try {
            Collection<TopicPartition> tps = partitions.isEmpty() ? assignmentNow() : partitions;
            Map<TopicPartition, Long> m = new LinkedHashMap<>();
            for (TopicPartition tp : tps) m.put(tp, logical);
            seekEpochs.keySet().removeAll(m.keySet());
            if (!m.isEmpty()) seekAll(m, call);
        } finally {
            release();
        }
    }

    private void seekAll(Map<TopicPartition, Long> offsets, String call) {
        acquire();
        try {
            requireAssigned(offsets.keySet(), call);
            seekPositions.putAll(offsets);
            if (emulateAutoStore) {
                // as Kafka commits the position: a sought absolute offset is what the next commit stores
                for (var e : offsets.entrySet()) {
                    if (e.getValue() >= 0) {
                        Integer epoch = seekEpochs.get(e.getKey());
                        pendingStore.put(e.getKey(), new OffsetAndMetadata(e.getValue(), "", epoch == null ? -1 : epoch));
                    } else {
                        pendingStore.remove(e.getKey());
                    }
                }
            }
            seekNow(offsets);
        } finally {
            release();
        }
    }

    /**
     * rd_kafka_seek_partitions; a partition whose fetcher has not started yet (just assigned: librdkafka
     * answers _STATE) is retried in poll, and its records fetched meanwhile are dropped.
     */
    private void seekNow(Map<TopicPartition, Long> offsets) {
        try (NativeObject list = TopicPartitionLists.build(offsets.keySet(), offsets::get, (tp, elem) -> {
            Integer epoch = seekEpochs.get(tp);
            if (epoch != null) RdKafka.rd_kafka_topic_partition_set_leader_epoch(elem, epoch);
        })) {
            KafkaError err = Errors.readAndDestroy(RdKafka.rd_kafka_seek_partitions(rk(), list.ptr(), 5_000));
            if (err != null && err.code() != RD_KAFKA_RESP_ERR__TIMED_OUT) {
                throw Errors.exception(KafkaError.of(err.code(), "seek failed: " + err.message()));
            }
            Map<TopicPartition, Long> stopped = null;
            for (var e : TopicPartitionLists.read(list)) {
                long wanted = offsets.get(e.partition());
                switch (e.err()) {
                    case 0 -> {
                        pendingSeeks.remove(e.partition());
                        seekEpochs.remove(e.partition());
                    }
                    // _OUTDATED: the seek raced with the fetcher (re)start of a just (re)assigned partition
                    case RD_KAFKA_RESP_ERR__STATE, RD_KAFKA_RESP_ERR__PREV_IN_PROGRESS, RD_KAFKA_RESP_ERR__IN_PROGRESS,
                         RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION, RD_KAFKA_RESP_ERR__OUTDATED -> {
                        pendingSeeks.put(e.partition(), wanted);
                        if (e.err() == RD_KAFKA_RESP_ERR__STATE && !subscribed) {
                            if (stopped == null) stopped = new LinkedHashMap<>();
                            stopped.put(e.partition(), wanted);
                        }
                    }
                    default -> throw Errors.exception(e.err(), "seek of " + e.partition() + " to " + wanted
                            + " failed: " + KafkaError.describe(e.err()));
                }
            }
            if (stopped != null && reassignAt(stopped)) pendingSeeks.keySet().removeAll(stopped.keySet());
        }
    }

    /**
     * A partition of a manual assignment whose fetcher is not running answers a seek with _STATE: just after
     * assign(), and for good once auto.offset.reset=error stopped it (librdkafka 2.0.2 then refuses every seek,
     * so the partition would stay silent forever). Re-assigns the whole assignment instead: these partitions at
     * the sought offsets, the others at their current positions (or pending seeks), pauses kept.
     */
    private boolean reassignAt(Map<TopicPartition, Long> sought) {
        Set<TopicPartition> current = assignmentNow();
        if (!current.containsAll(sought.keySet())) return false;
        try (NativeObject list = TopicPartitionLists.of(current); Arena a = Arena.ofConfined()) {
            if (RdKafka.rd_kafka_position(rk(), list.ptr()) != 0) return false;
            Map<TopicPartition, Long> starts = new LinkedHashMap<>(pendingSeeks);
            starts.putAll(sought);
            for (var e : starts.entrySet()) {
                MemorySegment tp = RdKafka.rd_kafka_topic_partition_list_find(list.ptr(),
                        a.allocateFrom(e.getKey().topic()), e.getKey().partition());
                if (!tp.equals(MemorySegment.NULL)) RdKafkaStructs.TopicPartition.offset(RdKafkaStructs.TopicPartition.of(tp), e.getValue());
            }
            if (RdKafka.rd_kafka_assign(rk(), list.ptr()) != 0) return false;
            for (var e : starts.entrySet()) if (e.getValue() >= 0) restarted.add(e.getKey());
        }
        if (!paused.isEmpty()) {
            try (NativeObject p = TopicPartitionLists.of(paused)) {
                RdKafka.rd_kafka_pause_partitions(rk(), p.ptr());
            }
        }
        pendingSeeks.keySet().removeAll(current); // every partition restarts where it should
        return true;
    }

    private void retryPendingSeeks() {
        Set<TopicPartition> assigned = assignmentNow();
        pendingSeeks.keySet().retainAll(assigned);
        if (!pendingSeeks.isEmpty()) seekNow(new LinkedHashMap<>(pendingSeeks));
    }

    /**
     * The earliest offset whose timestamp is at or after the given one, per partition; partitions with no
     * such record (timestamp after the last record) are absent.
     *
     * @param timestamps the timestamp per partition, milliseconds since the epoch
     * @param timeout how long to wait at most
     * @return the offsets ({@code rd_kafka_offsets_for_times})
     */
    public Map<TopicPartition, Long> offsetsForTimes(Map<TopicPartition, Long> timestamps, Duration timeout) {
        Objects.requireNonNull(timestamps, "timestamps");
        int ms = millis(timeout);
        acquire();
        try {
            if (timestamps.isEmpty()) return Map.of();
            for (var e : timestamps.entrySet()) {
                if (e.getValue() < 0) throw new IllegalArgumentException("timestamp must be >= 0: " + e);
            }
            try (NativeObject list = TopicPartitionLists.ofPositions(timestamps)) {
                long deadline = deadline(Duration.ofMillis(ms));
                // no broker (yet): librdkafka may answer at once (_ALL_BROKERS_DOWN); retried until the timeout
                int err = Errors.whileNoBroker(deadline, left -> RdKafka.rd_kafka_offsets_for_times(rk(), list.ptr(), left),
                        this::checkInterrupts);
                if (Errors.isNoBroker(err)) throw Errors.noBroker("offsetsForTimes", ms, err);
                if (err != 0) throw Errors.exception(err, "offsetsForTimes failed: " + KafkaError.describe(err));
                Map<TopicPartition, Long> m = new LinkedHashMap<>();
                for (var e : TopicPartitionLists.read(list)) {
                    if (e.err() != 0) {
                        throw Errors.exception(e.err(), "offsetsForTimes failed for " + e.partition() + ": "
                                + KafkaError.describe(e.err()));
                    }
                    if (e.offset() >= 0) m.put(e.partition(), e.offset());
                }
                return Collections.unmodifiableMap(m);
            }
        } finally {
            release();
        }
    }

    /**
     * The first offset of each partition (its low watermark), asking the leaders.
     *
     * @param partitions the partitions
     * @param timeout how long to wait at most
     * @return the low watermark per partition ({@code rd_kafka_query_watermark_offsets})
     */
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return watermarkMap(partitions, timeout, 0);
    }

    /**
     * The offset after the last record of each partition (its high watermark), asking the leaders.
     *
     * @param partitions the partitions
     * @param timeout how long to wait at most
     * @return the high watermark per partition ({@code rd_kafka_query_watermark_offsets})
     */
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return watermarkMap(partitions, timeout, 1);
    }

    private Map<TopicPartition, Long> watermarkMap(Collection<TopicPartition> partitions, Duration timeout, int which) {
        Objects.requireNonNull(partitions, "partitions");
        long deadline = deadline(timeout);
        acquire();
        try {
            Map<TopicPartition, Long> m = new LinkedHashMap<>();
            for (TopicPartition tp : partitions) m.put(tp, watermarks(tp, Math.max(1, remaining(deadline)))[which]);
            return Collections.unmodifiableMap(m);
        } finally {
            release();
        }
    }

    private long[] watermarks(TopicPartition tp, int ms) {
        long deadline = deadline(Duration.ofMillis(ms));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment low = Pointers.outLong(a);
            MemorySegment high = Pointers.outLong(a);
            MemorySegment topic = a.allocateFrom(tp.topic());
            // no broker (yet): librdkafka may answer at once (_ALL_BROKERS_DOWN); retried until the timeout
            int err = Errors.whileNoBroker(deadline, left -> RdKafka.rd_kafka_query_watermark_offsets(rk(), topic,
                    tp.partition(), low, high, left), this::checkInterrupts);
            if (Errors.isNoBroker(err)) throw Errors.noBroker("watermark query for " + tp, ms, err);
            if (err != 0) throw Errors.exception(err, "watermark query for " + tp + " failed: " + KafkaError.describe(err));
            return new long[]{Pointers.longValue(low), Pointers.longValue(high)};
        }
    }

    // ---- flow control -------------------------------------------------------------------------------

    /**
     * Stops fetching these (assigned) partitions until {@link #resume}; poll returns none of their records.
     *
     * @param partitions the partitions ({@code rd_kafka_pause_partitions})
     */
    public void pause(Collection<TopicPartition> partitions) {
        pauseResume(partitions, true);
    }

    /**
     * Fetches these paused partitions again ({@code rd_kafka_resume_partitions}).
     *
     * @param partitions the partitions
     */
    public void resume(Collection<TopicPartition> partitions) {
        pauseResume(partitions, false);
    }

    /**
     * The partitions paused with {@link #pause} (and still assigned).
     *
     * @return the paused partitions
     */
    public Set<TopicPartition> paused() {
        acquire();
        try {
            return Collections.unmodifiableSet(new LinkedHashSet<>(paused));
        } finally {
            release();
        }
    }

    private void pauseResume(Collection<TopicPartition> partitions, boolean pause) {
        Objects.requireNonNull(partitions, "partitions");
        acquire();
        try {
            if (partitions.isEmpty()) return;
            String call = pause ? "pause" : "resume";
            requireAssigned(partitions, call);
            try (NativeObject list = TopicPartitionLists.of(partitions)) {
                int err = pause ? RdKafka.rd_kafka_pause_partitions(rk(), list.ptr())
                        : RdKafka.rd_kafka_resume_partitions(rk(), list.ptr());
                if (err != 0) throw Errors.exception(err, call + " failed: " + KafkaError.describe(err));
                for (var e : TopicPartitionLists.read(list)) {
                    if (e.err() != 0) {
                        throw Errors.exception(e.err(), call + " of " + e.partition() + " failed: " + KafkaError.describe(e.err()));
                    }
                }
            }
            if (pause) paused.addAll(partitions);
            else paused.removeAll(partitions);
        } finally {
            release();
        }
    }

    // ---- group and metadata -------------------------------------------------------------------------

    /**
     * This member's group metadata, for {@link Producer#sendOffsetsToTransaction}.
     *
     * @return the metadata ({@code rd_kafka_consumer_group_metadata})
     */
    public ConsumerGroupMetadata groupMetadata() {
        acquire();
        try {
            requireGroup("groupMetadata");
            MemorySegment cgmd = RdKafka.rd_kafka_consumer_group_metadata(rk());
            if (cgmd.equals(MemorySegment.NULL)) throw new IllegalStateException("no consumer group metadata");
            try (Arena a = Arena.ofConfined()) {
                MemorySegment bufOut = Pointers.outPointer(a);
                MemorySegment sizeOut = Pointers.outLong(a);
                KafkaError err = Errors.readAndDestroy(RdKafka.rd_kafka_consumer_group_metadata_write(cgmd, bufOut, sizeOut));
                if (err != null) throw Errors.exception(err);
                MemorySegment buf = Pointers.pointer(bufOut);
                try {
                    byte[] bytes = buf.reinterpret(Pointers.longValue(sizeOut)).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                    return new ConsumerGroupMetadata(groupId, bytes);
                } finally {
                    RdKafka.rd_kafka_mem_free(rk(), buf);
                }
            } finally {
                RdKafka.rd_kafka_consumer_group_metadata_destroy(cgmd);
            }
        } finally {
            release();
        }
    }

    /**
     * Cluster metadata for one topic, or all topics when {@code topic} is null.
     *
     * @param topic   the topic, or {@code null} for all topics
     * @param timeout how long to wait at most
     * @return the metadata ({@code rd_kafka_metadata})
     */
    public ClusterMetadata metadata(String topic, Duration timeout) {
        acquire();
        try {
            return Metadata.fetch(rk(), topic, timeout);
        } finally {
            release();
        }
    }

    /**
     * The partitions of a topic, from a metadata request.
     *
     * @param topic   the topic
     * @param timeout how long to wait at most
     * @return the partitions
     */
    public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        Producer.validateTopic(topic);
        ClusterMetadata md = metadata(topic, timeout);
        String err = md.topicErrors().get(topic);
        if (err != null) {
            throw Errors.exception(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, "no metadata for topic " + topic + ": " + err);
        }
        return md.partitionsFor(topic);
    }

    // ---- close --------------------------------------------------------------------------------------

    @Override
    public void close() {
        close(config.closeTimeout());
    }

    /**
     * Leaves the group and frees everything, within about {@code timeout}: waits for a poll in another thread
     * to return (it throws {@link IllegalStateException}), runs pending async-commit callbacks, then
     * {@code rd_kafka_consumer_close} (the final revoke runs the rebalance listener on this thread; auto commit
     * makes its last commit), then destroys the handle. After a fatal error, or when the group could not be
     * left in time, the handle is destroyed without leaving (the group notices after {@code session.timeout.ms}).
     * Idempotent.
     *
     * @param timeout about how long closing may take
     * @throws IllegalStateException when called from a rebalance listener or commit callback
     */
    public void close(Duration timeout) {
        if (Thread.currentThread() == backgroundEvents.thread) {
            // from a client listener on librdkafka's background thread, which rd_kafka_destroy joins
            Thread.ofPlatform().daemon().name("rdkafka-" + client.name() + "-close").start(() -> close(timeout));
            return;
        }
        long deadline = deadline(timeout);
        if (owner.get() == Thread.currentThread().threadId() || Thread.currentThread() == closingThread) {
            if (client.isClosed()) return;
            throw new IllegalStateException("close() cannot be called from a rebalance listener or commit callback");
        }
        if (!client.beginClose()) return;
        RdKafka.rd_kafka_queue_yield(consumerQueue); // a poll blocked in another thread returns now
        RdKafka.rd_kafka_queue_yield(commitQueue);
        if (!client.awaitCallsDone(Duration.ofMillis(Math.max(remaining(deadline), 200)))) {
            client.destroy(Duration.ZERO, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE, null); // logs and leaks the handle
            return;
        }
        Thread me = Thread.currentThread();
        closingThread = me;
        owner.set(me.threadId());
        depth = 0;
        MemorySegment closeQueue = MemorySegment.NULL;
        try {
            closeCurrentBatch();
            flushPendingStore();
            while (!commits.isEmpty() && remaining(deadline) > 0) serveCommitQueue(Math.min(remaining(deadline), SLICE_MS));
            if (fatalError() == null) {
                closeQueue = RdKafka.rd_kafka_queue_new(rk());
                KafkaError err = Errors.readAndDestroy(RdKafka.rd_kafka_consumer_close_queue(rk(), closeQueue));
                if (err != null) {
                    client.logger().log(System.Logger.Level.WARNING, "consumer close: " + err);
                } else {
                    while (RdKafka.rd_kafka_consumer_closed(rk()) == 0 && remaining(deadline) > 0) {
                        int n = consume(closeQueue, Math.min(remaining(deadline), SLICE_MS), 0, max);
                        destroyMessages(n);
                        serveCommitCallbacks();
                    }
                    if (RdKafka.rd_kafka_consumer_closed(rk()) == 0) {
                        client.logger().log(System.Logger.Level.WARNING, "the consumer did not leave its group within "
                                + timeout.toMillis() + " ms; destroying it without leaving");
                    }
                }
            }
            serveCommitCallbacks();
            failPendingCommits();
        } catch (RuntimeException e) {
            client.logger().log(System.Logger.Level.WARNING, "error while closing the consumer", e);
        } finally {
            closingThread = null;
            owner.set(NO_OWNER);
            MemorySegment cq = closeQueue;
            client.destroy(Duration.ofSeconds(5), RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE, () -> {
                RdKafka.rd_kafka_queue_destroy(consumerQueue);
                RdKafka.rd_kafka_queue_destroy(commitQueue);
                if (!cq.equals(MemorySegment.NULL)) RdKafka.rd_kafka_queue_destroy(cq);
            }, Duration.ofMillis(Math.max(remaining(deadline), 1000))); // a commit stuck waiting for its coordinator
        }
    }

    private void failPendingCommits() {
        if (commits.isEmpty()) return;
        List<PendingCommit> left = new ArrayList<>(commits.values());
        commits.clear();
        for (PendingCommit pc : left) {
            pc.done = true;
            pc.error = new TimeoutException(KafkaError.of(RD_KAFKA_RESP_ERR__TIMED_OUT,
                    "the consumer was closed before the commit's result arrived"));
            deliver(pc);
        }
    }

    // ---- time ---------------------------------------------------------------------------------------

    private static final long MAX_NANOS = Long.MAX_VALUE / 4;

    private static long deadline(Duration d) {
        Objects.requireNonNull(d, "timeout");
        if (d.isNegative()) throw new IllegalArgumentException("timeout must not be negative: " + d);
        long n = d.compareTo(Duration.ofNanos(MAX_NANOS)) > 0 ? MAX_NANOS : d.toNanos();
        return System.nanoTime() + n;
    }

    private static int remaining(long deadline) {
        long left = deadline - System.nanoTime();
        return left <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, left / 1_000_000));
    }

    private static int millis(Duration d) {
        return io.rdkafka.client.internal.Timeouts.millis(d);
    }

    @Override
    public String toString() {
        return "Consumer[" + client.name() + (groupId == null ? "" : ", group " + groupId) + "]";
    }
}

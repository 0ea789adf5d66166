package io.rdkafka.client;

import io.rdkafka.client.errors.CommitFailedException;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.RecordDeserializationException;
import io.rdkafka.client.errors.TimeoutException;
import io.rdkafka.client.errors.WakeupException;
import io.rdkafka.client.internal.BackgroundEvents;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.Metadata;
import io.rdkafka.client.internal.NativeClient;
import io.rdkafka.client.internal.NativeObject;
import io.rdkafka.client.internal.Timeouts;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaCallbacks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
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
    private final BackgroundEvents backgroundEvents;
    private final ConsumerState state;
    private final ConsumerOffsetStore store;
    private final ConsumerCommits commits;
    private final ConsumerPositions positions;
    private final ConsumerFetcher<K, V> fetcher;
    private final ConsumerRebalancer rebalancer;

    private Consumer(KafkaConfig config, Deserializer<K> kd, Deserializer<V> vd, ClientListeners listeners,
                     Options options) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(kd, "key deserializer");
        Objects.requireNonNull(vd, "value deserializer");
        Objects.requireNonNull(listeners, "listeners");
        Objects.requireNonNull(options, "options");
        String gid = config.get("group.id");
        String groupId = gid == null || gid.isEmpty() ? null : gid;
        Map<String, String> overrides = new LinkedHashMap<>();
        if (groupId == null) {
            // librdkafka's assign() needs a group handle; the group is never joined nor committed to
            overrides.put("group.id", "rdkafka-java-unnamed-" + UUID.randomUUID());
            overrides.put("enable.auto.commit", "false");
        }
        RebalanceProtocol protocol = RebalanceProtocol.configuredBy(config);
        String autoStore = config.get("enable.auto.offset.store");
        boolean emulateAutoStore = groupId != null && (autoStore == null || !autoStore.trim().equalsIgnoreCase("false"));
        if (emulateAutoStore) overrides.put("enable.auto.offset.store", "false"); // see ConsumerOffsetStore
        overrides.putAll(config.consumerDefaults()); // fetch.queue.backoff.ms: not a second idle after each burst
        ConsumerRebalancer.Relay relay = new ConsumerRebalancer.Relay(protocol == RebalanceProtocol.COOPERATIVE);
        BackgroundEvents[] events = new BackgroundEvents[1];
        this.client = NativeClient.open(RD_KAFKA_CONSUMER, config, overrides, 0, listeners, (conf, stubs) -> {
            RdKafka.rd_kafka_conf_set_rebalance_cb(conf, RdKafkaCallbacks.rebalance_cb.allocate(relay, stubs));
            events[0] = BackgroundEvents.install(conf, stubs, listeners);
        });
        this.backgroundEvents = events[0];
        MemorySegment consumerQueue = MemorySegment.NULL;
        MemorySegment commitQueue = MemorySegment.NULL;
        try {
            backgroundEvents.attach(client);
            consumerQueue = RdKafka.rd_kafka_queue_get_consumer(client.handle());
            commitQueue = RdKafka.rd_kafka_queue_new(client.handle());
            this.state = new ConsumerState(client, config, options, listeners, groupId, protocol, consumerQueue,
                    commitQueue);
            this.store = new ConsumerOffsetStore(state, emulateAutoStore);
            this.commits = new ConsumerCommits(state);
            this.positions = new ConsumerPositions(state, store, commits);
            this.fetcher = new ConsumerFetcher<>(state, positions, commits, store, kd, vd);
            this.rebalancer = new ConsumerRebalancer(state, positions, store, fetcher);
        } catch (RuntimeException | Error e) {
            NativeObject q1 = NativeObject.queue(consumerQueue);
            NativeObject q2 = NativeObject.queue(commitQueue);
            client.destroy(Duration.ofSeconds(5), RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE, () -> {
                q1.close();
                q2.close();
            });
            throw e;
        }
        relay.rebalancer = rebalancer;
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

    // ---- calls: one thread at a time (ConsumerGuard) ------------------------------------------------

    private <T> T call(java.util.function.Supplier<T> body) {
        state.guard.acquire();
        try {
            return body.get();
        } finally {
            state.guard.release();
        }
    }

    private void run(Runnable body) {
        state.guard.acquire();
        try {
            body.run();
        } finally {
            state.guard.release();
        }
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
        run(() -> rebalancer.subscribe(list, listener));
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
        run(() -> rebalancer.subscribe(List.of(p.startsWith("^") ? p : "^" + p), listener));
    }

    /**
     * The topics (or {@code ^pattern}s) subscribed to; empty when not subscribed.
     *
     * @return the subscription
     */
    public Set<String> subscription() {
        return call(rebalancer::subscription);
    }

    /**
     * Leaves the group (or drops the manual assignment). The rebalance listener hears about the revoked
     * partitions before this returns.
     */
    public void unsubscribe() {
        run(rebalancer::unsubscribe);
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
        Set<TopicPartition> set = new LinkedHashSet<>(partitions);
        run(() -> rebalancer.assign(set));
    }

    /**
     * The partitions currently assigned to this consumer.
     *
     * @return the assignment ({@code rd_kafka_assignment})
     */
    public Set<TopicPartition> assignment() {
        return call(() -> Collections.unmodifiableSet(state.assignmentNow()));
    }

    /**
     * The group's rebalance protocol as librdkafka reports it: NONE until the first join (and for manual
     * assignment), then EAGER or COOPERATIVE.
     *
     * @return the protocol ({@code rd_kafka_rebalance_protocol})
     */
    public RebalanceProtocol rebalanceProtocol() {
        return call(rebalancer::protocol);
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
        long deadline = Timeouts.deadline(timeout);
        state.guard.acquire();
        try {
            return fetcher.poll(deadline);
        } finally {
            state.guard.release();
        }
    }

    /**
     * As {@link #poll}, but without copying: the returned batch exposes keys and values as read-only native
     * segments and must be closed (the next poll or close closes it otherwise). Deserializers are not used.
     *
     * @param timeout how long to wait for a first record
     * @return the batch, perhaps empty; close it
     */
    public RecordBatch pollBatch(Duration timeout) {
        long deadline = Timeouts.deadline(timeout);
        state.guard.acquire();
        try {
            return fetcher.pollBatch(deadline);
        } finally {
            state.guard.release();
        }
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
        state.client.setSaslCredentials(state.config, username, password);
    }

    /**
     * Makes a blocked {@link #poll} (or {@link #commitSync}) in another thread throw {@link WakeupException}
     * promptly; if none is blocked, the next one throws. Thread-safe.
     */
    public void wakeup() {
        try (var _ = client.lease()) {
            state.wakeupRequested.set(true);
            RdKafka.rd_kafka_queue_yield(state.consumerQueue);
            RdKafka.rd_kafka_queue_yield(state.commitQueue);
        }
    }

    // ---- offsets --------------------------------------------------------------------------------------

    /** Commits the positions of everything consumed so far (librdkafka's stored offsets), waiting for the result. */
    public void commitSync() {
        commitSync(state.options.defaultApiTimeout());
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
        commitSync(offsets, state.options.defaultApiTimeout());
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
        long deadline = Timeouts.deadline(timeout);
        run(() -> {
            state.requireGroup("commitSync");
            if (offsets != null && offsets.isEmpty()) return;
            if (offsets == null) store.flush();
            commits.commitSync(offsets, deadline, timeout);
        });
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
        run(() -> {
            state.requireGroup("commitAsync");
            if (offsets != null && offsets.isEmpty()) {
                if (callback != null) client.safely("commit callback", () -> callback.onComplete(Map.of(), null));
                return;
            }
            if (offsets == null) store.flush();
            commits.commitAsync(offsets, callback);
        });
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
        run(() -> {
            state.requireGroup("storeOffsets");
            if (store.emulating()) {
                throw new KafkaException(KafkaError.of(RD_KAFKA_RESP_ERR__INVALID_ARG,
                        "storeOffsets needs enable.auto.offset.store=false (offsets are stored automatically)"));
            }
            commits.storeOffsets(offsets);
        });
    }

    /**
     * The group's committed offsets for these partitions, waiting up to {@link Options#defaultApiTimeout()}.
     *
     * @param partitions the partitions
     * @return the committed offsets; partitions without one are absent
     */
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        return committed(partitions, state.options.defaultApiTimeout());
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
        int ms = Timeouts.millis(timeout);
        return call(() -> {
            state.requireGroup("committed");
            if (state.guard.isClosingThread()) {
                // librdkafka answers offset fetches of a terminating group with _WAIT_COORD until the timeout
                throw new IllegalStateException("committed() is not available while the consumer is leaving its group");
            }
            if (partitions.isEmpty()) return Map.of();
            return commits.committedNow(partitions, ms);
        });
    }

    // ---- positions ----------------------------------------------------------------------------------

    /**
     * The offset of the next record poll would return, waiting up to {@link Options#defaultApiTimeout()}.
     *
     * @param partition an assigned partition
     * @return the offset
     */
    public long position(TopicPartition partition) {
        return position(partition, state.options.defaultApiTimeout());
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
        long deadline = Timeouts.deadline(timeout);
        return call(() -> positions.position(partition, deadline));
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
        run(() -> positions.seek(partition, offset, -1));
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
        run(() -> positions.seek(partition, position.offset(), position.leaderEpoch()));
    }

    /**
     * Seeks to the first available offset; an empty collection means every assigned partition.
     *
     * @param partitions the partitions, or none for all assigned ones
     */
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        run(() -> positions.seekLogical(partitions, RD_KAFKA_OFFSET_BEGINNING, "seekToBeginning"));
    }

    /**
     * Seeks to the end (the next record produced); an empty collection means every assigned partition.
     *
     * @param partitions the partitions, or none for all assigned ones
     */
    public void seekToEnd(Collection<TopicPartition> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        run(() -> positions.seekLogical(partitions, RD_KAFKA_OFFSET_END, "seekToEnd"));
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
        int ms = Timeouts.millis(timeout);
        return call(() -> timestamps.isEmpty() ? Map.of() : positions.offsetsForTimes(timestamps, ms));
    }

    /**
     * As Apache Kafka's {@code offsetsForTimes}: for each partition the earliest record whose timestamp is at or
     * after the given one, with that record's offset, timestamp and leader epoch; partitions without such a record
     * (the timestamp is after the last record) are absent. Through librdkafka's ListOffsets request (2.3.0 and
     * newer) with this consumer's {@code isolation.level}; {@link #offsetsForTimes} returns the offsets alone on
     * every version.
     *
     * @param timestamps the timestamp per partition, milliseconds since the epoch
     * @param timeout    how long to wait at most
     * @return offset, timestamp and leader epoch per partition found
     * @throws IllegalArgumentException for a negative timestamp, naming the partition
     * @throws io.rdkafka.client.errors.UnsupportedVersionException with librdkafka before 2.3.0
     * @throws io.rdkafka.client.errors.LeaderNotAvailableException when a partition has no leader (or does not
     *         exist)
     * @throws io.rdkafka.client.errors.TimeoutException when the answer did not come within the timeout
     */
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimesWithMetadata(Map<TopicPartition, Long> timestamps,
                                                                               Duration timeout) {
        Objects.requireNonNull(timestamps, "timestamps");
        int ms = Timeouts.millis(timeout);
        for (var e : timestamps.entrySet()) {
            Objects.requireNonNull(e.getKey(), "partition");
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("timestamp for " + e.getKey() + " must be >= 0: " + e.getValue());
            }
        }
        return call(() -> {
            io.rdkafka.client.internal.ConsumerOffsets.requireListOffsets("offsetsForTimesWithMetadata");
            if (timestamps.isEmpty()) return Map.of();
            // librdkafka's default isolation.level is read_committed
            boolean readCommitted = !"read_uncommitted".equalsIgnoreCase(
                    String.valueOf(state.config.get("isolation.level")).trim());
            return io.rdkafka.client.internal.ConsumerOffsets.offsetsForTimes(state.rk(), timestamps, ms, readCommitted,
                    state::checkInterrupts);
        });
    }

    /**
     * How many records this consumer is behind on an assigned partition, as Apache Kafka's {@code currentLag}:
     * the partition's high watermark minus its {@link #position}, from what librdkafka has cached (the last fetch
     * response, {@code rd_kafka_get_watermark_offsets}, and the position, {@code rd_kafka_position}), without a
     * request to the broker. Empty until both are known (nothing fetched for the partition yet). Under
     * {@code isolation.level=read_committed} the lag is still counted to the high watermark (librdkafka caches no
     * last stable offset), where Kafka's consumer counts to the last stable offset.
     *
     * @param partition an assigned partition
     * @return the lag in records, or empty when not known
     * @throws IllegalStateException when the partition is not assigned
     */
    public java.util.OptionalLong currentLag(TopicPartition partition) {
        Objects.requireNonNull(partition, "partition");
        return call(() -> {
            state.requireAssigned(List.of(partition), "currentLag");
            return io.rdkafka.client.internal.ConsumerOffsets.currentLag(state.rk(), partition);
        });
    }

    /**
     * The first offset of each partition (its low watermark), asking the leaders.
     *
     * @param partitions the partitions
     * @param timeout how long to wait at most
     * @return the low watermark per partition ({@code rd_kafka_query_watermark_offsets})
     */
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return watermarks(partitions, timeout, 0);
    }

    /**
     * The offset after the last record of each partition (its high watermark), asking the leaders.
     *
     * @param partitions the partitions
     * @param timeout how long to wait at most
     * @return the high watermark per partition ({@code rd_kafka_query_watermark_offsets})
     */
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return watermarks(partitions, timeout, 1);
    }

    private Map<TopicPartition, Long> watermarks(Collection<TopicPartition> partitions, Duration timeout, int which) {
        Objects.requireNonNull(partitions, "partitions");
        long deadline = Timeouts.deadline(timeout);
        return call(() -> positions.watermarks(partitions, deadline, which));
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

    private void pauseResume(Collection<TopicPartition> partitions, boolean pause) {
        Objects.requireNonNull(partitions, "partitions");
        run(() -> {
            if (!partitions.isEmpty()) positions.pauseResume(partitions, pause);
        });
    }

    /**
     * The partitions paused with {@link #pause} (and still assigned).
     *
     * @return the paused partitions
     */
    public Set<TopicPartition> paused() {
        return call(() -> Collections.unmodifiableSet(new LinkedHashSet<>(state.paused)));
    }

    // ---- group and metadata -------------------------------------------------------------------------

    /**
     * This member's group metadata, for {@link Producer#sendOffsetsToTransaction}.
     *
     * @return the metadata ({@code rd_kafka_consumer_group_metadata})
     */
    public ConsumerGroupMetadata groupMetadata() {
        return call(() -> {
            state.requireGroup("groupMetadata");
            MemorySegment cgmd = RdKafka.rd_kafka_consumer_group_metadata(state.rk());
            if (cgmd.equals(MemorySegment.NULL)) throw new IllegalStateException("no consumer group metadata");
            try (NativeObject member = NativeObject.of("rd_kafka_consumer_group_metadata_t", cgmd,
                    RdKafka::rd_kafka_consumer_group_metadata_destroy); Arena a = Arena.ofConfined()) {
                MemorySegment bufOut = Pointers.outPointer(a);
                MemorySegment sizeOut = Pointers.outLong(a);
                KafkaError err = Errors.readAndDestroy(RdKafka.rd_kafka_consumer_group_metadata_write(member.ptr(),
                        bufOut, sizeOut));
                if (err != null) throw Errors.exception(err);
                MemorySegment buf = Pointers.pointer(bufOut);
                try {
                    byte[] bytes = buf.reinterpret(Pointers.longValue(sizeOut)).toArray(ValueLayout.JAVA_BYTE);
                    return new ConsumerGroupMetadata(state.groupId, bytes);
                } finally {
                    RdKafka.rd_kafka_mem_free(state.rk(), buf);
                }
            }
        });
    }

    /**
     * Cluster metadata for one topic, or all topics when {@code topic} is null.
     *
     * @param topic   the topic, or {@code null} for all topics
     * @param timeout how long to wait at most
     * @return the metadata ({@code rd_kafka_metadata})
     */
    public ClusterMetadata metadata(String topic, Duration timeout) {
        return call(() -> Metadata.fetch(state.rk(), topic, timeout));
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
        close(state.config.closeTimeout());
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
        if (backgroundEvents.isCurrentThread()) {
            // from a client listener on librdkafka's background thread, which rd_kafka_destroy joins
            Thread.ofPlatform().daemon().name("rdkafka-" + client.name() + "-close").start(() -> close(timeout));
            return;
        }
        long deadline = Timeouts.deadline(timeout);
        if (state.guard.isOurThread()) {
            if (client.isClosed()) return;
            throw new IllegalStateException("close() cannot be called from a rebalance listener or commit callback");
        }
        if (!client.beginClose()) return;
        RdKafka.rd_kafka_queue_yield(state.consumerQueue); // a poll blocked in another thread returns now
        RdKafka.rd_kafka_queue_yield(state.commitQueue);
        if (!client.awaitCallsDone(Duration.ofMillis(Math.max(Timeouts.remaining(deadline), 200)))) {
            client.destroy(Duration.ZERO, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE, null); // logs and leaks the handle
            return;
        }
        state.guard.beginClosing();
        NativeObject closeQueue = NativeObject.queue(MemorySegment.NULL);
        try {
            fetcher.closeCurrentBatch();
            store.flush();
            while (commits.hasPending() && Timeouts.remaining(deadline) > 0) {
                commits.serveQueue(Math.min(Timeouts.remaining(deadline), ConsumerState.SLICE_MS));
            }
            if (state.fatalError() == null) {
                closeQueue = NativeObject.queue(RdKafka.rd_kafka_queue_new(state.rk()));
                leaveGroup(closeQueue.ptr(), deadline, timeout);
            }
            commits.serveCallbacks();
            commits.failPending();
        } catch (RuntimeException e) {
            client.logger().log(System.Logger.Level.WARNING, "error while closing the consumer", e);
        } finally {
            state.guard.endClosing();
            NativeObject cq = closeQueue;
            client.destroy(Duration.ofSeconds(5), RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE, () -> {
                RdKafka.rd_kafka_queue_destroy(state.consumerQueue);
                RdKafka.rd_kafka_queue_destroy(state.commitQueue);
                cq.close();
            }, Duration.ofMillis(Math.max(Timeouts.remaining(deadline), 1000))); // a commit stuck waiting for its coordinator
        }
    }

    /** {@code rd_kafka_consumer_close_queue}, served until the group is left (the final revoke runs here). */
    private void leaveGroup(MemorySegment closeQueue, long deadline, Duration timeout) {
        KafkaError err = Errors.readAndDestroy(RdKafka.rd_kafka_consumer_close_queue(state.rk(), closeQueue));
        if (err != null) {
            client.logger().log(System.Logger.Level.WARNING, "consumer close: " + err);
            return;
        }
        while (RdKafka.rd_kafka_consumer_closed(state.rk()) == 0 && Timeouts.remaining(deadline) > 0) {
            fetcher.drain(closeQueue, Math.min(Timeouts.remaining(deadline), ConsumerState.SLICE_MS));
            commits.serveCallbacks();
        }
        if (RdKafka.rd_kafka_consumer_closed(state.rk()) == 0) {
            client.logger().log(System.Logger.Level.WARNING, "the consumer did not leave its group within "
                    + timeout.toMillis() + " ms; destroying it without leaving");
        }
    }

    @Override
    public String toString() {
        return "Consumer[" + client.name() + (state.groupId == null ? "" : ", group " + state.groupId) + "]";
    }
}

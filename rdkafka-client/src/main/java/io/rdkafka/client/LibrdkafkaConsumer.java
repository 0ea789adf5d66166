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
import io.rdkafka.client.internal.TopicNames;
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
 * The {@link Consumer} over librdkafka that {@link Consumer#create} returns: a facade whose methods check their
 * arguments, enter through the {@link ConsumerGuard} and hand the work to one part (fetcher, rebalancer, commits,
 * offset store, positions) over a shared {@link ConsumerState}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class LibrdkafkaConsumer<K, V> implements Consumer<K, V> {

    private final NativeClient client;
    private final BackgroundEvents backgroundEvents;
    private final ConsumerState state;
    private final ConsumerOffsetStore store;
    private final ConsumerCommits commits;
    private final ConsumerPositions positions;
    private final ConsumerFetcher<K, V> fetcher;
    private final ConsumerRebalancer rebalancer;

    LibrdkafkaConsumer(KafkaConfig config, Deserializer<K> kd, Deserializer<V> vd, ClientListeners listeners,
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

    @Override
    public String name() {
        return client.name(); // a final field: no ownership check, and it answers after close like Producer's
    }

    @Override
    public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
        Objects.requireNonNull(topics, "topics");
        List<String> list = new ArrayList<>(new LinkedHashSet<>(topics));
        for (String t : list) {
            if (t == null || t.isBlank()) throw new IllegalArgumentException("topic names must not be null or blank");
            TopicNames.validate(t);
        }
        if (list.isEmpty()) {
            unsubscribe();
            return;
        }
        run(() -> rebalancer.subscribe(list, listener));
    }

    @Override
    public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
        Objects.requireNonNull(pattern, "pattern");
        String p = pattern.pattern();
        run(() -> rebalancer.subscribe(List.of(p.startsWith("^") ? p : "^" + p), listener));
    }

    @Override
    public Set<String> subscription() {
        return call(rebalancer::subscription);
    }

    @Override
    public void unsubscribe() {
        run(rebalancer::unsubscribe);
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        if (partitions.isEmpty()) {
            unsubscribe();
            return;
        }
        Set<TopicPartition> set = new LinkedHashSet<>(partitions);
        run(() -> rebalancer.assign(set));
    }

    @Override
    public Set<TopicPartition> assignment() {
        return call(() -> Collections.unmodifiableSet(state.assignmentNow()));
    }

    @Override
    public RebalanceProtocol rebalanceProtocol() {
        return call(rebalancer::protocol);
    }

    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        long deadline = Timeouts.deadline(timeout);
        state.guard.acquire();
        try {
            return fetcher.poll(deadline);
        } finally {
            state.guard.release();
        }
    }

    @Override
    public RecordBatch pollBatch(Duration timeout) {
        long deadline = Timeouts.deadline(timeout);
        state.guard.acquire();
        try {
            return fetcher.pollBatch(deadline);
        } finally {
            state.guard.release();
        }
    }

    @Override
    public void setSaslCredentials(String username, String password) {
        state.client.setSaslCredentials(state.config, username, password);
    }

    @Override
    public void wakeup() {
        try (var _ = client.lease()) {
            state.wakeupRequested.set(true);
            RdKafka.rd_kafka_queue_yield(state.consumerQueue);
            RdKafka.rd_kafka_queue_yield(state.commitQueue);
        }
    }

    @Override
    public void commitSync() {
        commitSync(state.options.defaultApiTimeout());
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        commitSync(offsets, state.options.defaultApiTimeout());
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        long deadline = Timeouts.deadline(timeout);
        run(() -> {
            state.requireGroup("commitSync");
            if (offsets != null && offsets.isEmpty()) return;
            if (offsets == null) store.flush();
            commits.commitSync(offsets, deadline, timeout);
        });
    }

    @Override
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

    @Override
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

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        return committed(partitions, state.options.defaultApiTimeout());
    }

    @Override
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

    @Override
    public long position(TopicPartition partition) {
        return position(partition, state.options.defaultApiTimeout());
    }

    @Override
    public long position(TopicPartition partition, Duration timeout) {
        Objects.requireNonNull(partition, "partition");
        long deadline = Timeouts.deadline(timeout);
        return call(() -> positions.position(partition, deadline));
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
        Objects.requireNonNull(partition, "partition");
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0: " + offset);
        run(() -> positions.seek(partition, offset, -1));
    }

    @Override
    public void seek(TopicPartition partition, OffsetAndMetadata position) {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(position, "position");
        run(() -> positions.seek(partition, position.offset(), position.leaderEpoch()));
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        run(() -> positions.seekLogical(partitions, RD_KAFKA_OFFSET_BEGINNING, "seekToBeginning"));
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        run(() -> positions.seekLogical(partitions, RD_KAFKA_OFFSET_END, "seekToEnd"));
    }

    @Override
    public Map<TopicPartition, Long> offsetsForTimes(Map<TopicPartition, Long> timestamps, Duration timeout) {
        Objects.requireNonNull(timestamps, "timestamps");
        int ms = Timeouts.millis(timeout);
        return call(() -> timestamps.isEmpty() ? Map.of() : positions.offsetsForTimes(timestamps, ms));
    }

    @Override
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

    @Override
    public java.util.OptionalLong currentLag(TopicPartition partition) {
        Objects.requireNonNull(partition, "partition");
        return call(() -> {
            state.requireAssigned(List.of(partition), "currentLag");
            return io.rdkafka.client.internal.ConsumerOffsets.currentLag(state.rk(), partition);
        });
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return watermarks(partitions, timeout, 0);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return watermarks(partitions, timeout, 1);
    }

    private Map<TopicPartition, Long> watermarks(Collection<TopicPartition> partitions, Duration timeout, int which) {
        Objects.requireNonNull(partitions, "partitions");
        long deadline = Timeouts.deadline(timeout);
        return call(() -> positions.watermarks(partitions, deadline, which));
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        pauseResume(partitions, true);
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        pauseResume(partitions, false);
    }

    private void pauseResume(Collection<TopicPartition> partitions, boolean pause) {
        Objects.requireNonNull(partitions, "partitions");
        run(() -> {
            if (!partitions.isEmpty()) positions.pauseResume(partitions, pause);
        });
    }

    @Override
    public Set<TopicPartition> paused() {
        return call(() -> Collections.unmodifiableSet(new LinkedHashSet<>(state.paused)));
    }

    @Override
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

    @Override
    public ClusterMetadata metadata(String topic, Duration timeout) {
        return call(() -> Metadata.fetch(state.rk(), topic, timeout));
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        TopicNames.validate(topic);
        ClusterMetadata md = metadata(topic, timeout);
        String err = md.topicErrors().get(topic);
        if (err != null) {
            throw Errors.exception(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, "no metadata for topic " + topic + ": " + err);
        }
        return md.partitionsFor(topic);
    }

    @Override
    public void close() {
        close(state.config.closeTimeout());
    }

    @Override
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
                commits.awaitQueue(Math.min(Timeouts.remaining(deadline), ConsumerState.SLICE_MS));
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
                state.consumerWaker.disable();
                state.commitWaker.disable();
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

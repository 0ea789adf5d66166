package io.rdkafka.client;

import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.JfrEvents;
import io.rdkafka.client.internal.NativeObject;
import io.rdkafka.client.internal.Timeouts;
import io.rdkafka.client.internal.TopicPartitionLists;
import io.rdkafka.client.internal.TopicNames;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaCallbacks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.rdkafka.ffm.RdKafka.*;

/**
 * A {@link Consumer}'s membership: subscribing, manual assignment, unsubscribing, and librdkafka's rebalance
 * callback, which runs inside {@code rd_kafka_consume_batch_queue} on the thread inside the consumer (polling,
 * or closing): it assigns or unassigns (incrementally under the cooperative protocol) and runs the rebalance
 * listener.
 */
final class ConsumerRebalancer {
    private final ConsumerState state;
    private final ConsumerPositions positions;
    private final ConsumerOffsetStore store;
    private final ConsumerFetcher<?, ?> fetcher;

    ConsumerRebalancer(ConsumerState state, ConsumerPositions positions, ConsumerOffsetStore store,
                       ConsumerFetcher<?, ?> fetcher) {
        this.state = state;
        this.positions = positions;
        this.store = store;
        this.fetcher = fetcher;
    }

    /** The rebalance_cb upcall, set on the configuration before the handle exists; connected once it does. */
    static final class Relay implements RdKafkaCallbacks.rebalance_cb {
        private final boolean cooperative;
        volatile ConsumerRebalancer rebalancer;

        Relay(boolean cooperative) {
            this.cooperative = cooperative;
        }

        @Override
        public void apply(MemorySegment rk, int err, MemorySegment partitions, MemorySegment opaque) {
            ConsumerRebalancer r = rebalancer;
            if (r == null || !r.state.guard.isOurThread()) {
                // not from one of our calls (should not happen): keep librdkafka's state machine moving
                fallback(rk, err, partitions, cooperative);
                return;
            }
            r.onRebalance(rk, err, partitions);
        }

        private static void fallback(MemorySegment rk, int err, MemorySegment partitions, boolean coop) {
            // not rd_kafka_rebalance_protocol(): it can hang in a rebalance callback after close (librdkafka #4041)
            if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
                if (coop) Errors.readAndDestroy(RdKafka.rd_kafka_incremental_assign(rk, partitions));
                else RdKafka.rd_kafka_assign(rk, partitions);
            } else {
                if (coop) Errors.readAndDestroy(RdKafka.rd_kafka_incremental_unassign(rk, partitions));
                else RdKafka.rd_kafka_assign(rk, MemorySegment.NULL);
            }
        }
    }

    // ---- membership ---------------------------------------------------------------------------------

    /** {@code rd_kafka_subscribe} to topics (or {@code ^patterns}), with the listener for later rebalances. */
    void subscribe(List<String> topics, ConsumerRebalanceListener l) {
        state.requireGroup("subscribe");
        if (!state.subscribed && !state.assignmentNow().isEmpty()) {
            throw new IllegalStateException("subscribe() and assign() are mutually exclusive: call "
                    + "unsubscribe() (or assign(empty)) first");
        }
        List<TopicPartition> unassigned = topics.stream().map(t -> new TopicPartition(t, RD_KAFKA_PARTITION_UA)).toList();
        try (NativeObject list = TopicPartitionLists.of(unassigned)) {
            int err = RdKafka.rd_kafka_subscribe(state.rk(), list.ptr());
            if (err != 0) throw Errors.exception(err, "subscribe to " + topics + " failed: " + KafkaError.describe(err));
        }
        state.listener = l == null ? ConsumerRebalanceListener.noop() : l;
        state.subscribed = true;
    }

    /** {@code rd_kafka_subscription}: the topics (or patterns). */
    Set<String> subscription() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = Pointers.outPointer(a);
            int err = RdKafka.rd_kafka_subscription(state.rk(), out);
            if (err != 0) throw Errors.exception(err, "subscription() failed: " + KafkaError.describe(err));
            try (NativeObject list = NativeObject.list(Pointers.pointer(out))) {
                Set<String> s = new LinkedHashSet<>();
                for (TopicPartition tp : TopicPartitionLists.partitions(list.ptr())) s.add(tp.topic());
                return Collections.unmodifiableSet(s);
            }
        }
    }

    /** Leaves the group (serving the revoke, so the listener runs now) or drops the manual assignment. */
    void unsubscribe() {
        if (state.inRebalance) throw new IllegalStateException("unsubscribe() cannot be called from a rebalance listener");
        fetcher.closeCurrentBatch();
        store.flush();
        if (state.subscribed) {
            int err = RdKafka.rd_kafka_unsubscribe(state.rk());
            state.subscribed = false;
            if (err != 0) throw Errors.exception(err, "unsubscribe failed: " + KafkaError.describe(err));
            // serve the revoke now, so the listener runs and a later assign() is not undone by it
            Duration d = state.options.defaultApiTimeout();
            long deadline = Timeouts.deadline(d.compareTo(Duration.ofSeconds(10)) < 0 ? d : Duration.ofSeconds(10));
            while (!state.assignmentNow().isEmpty() && Timeouts.remaining(deadline) > 0) {
                fetcher.drain(state.consumerQueue, Math.min(Timeouts.remaining(deadline), ConsumerState.SLICE_MS));
            }
        } else if (!state.assignmentNow().isEmpty()) {
            int err = RdKafka.rd_kafka_assign(state.rk(), MemorySegment.NULL);
            if (err != 0) throw Errors.exception(err, "unassign failed: " + KafkaError.describe(err));
        }
        state.listener = ConsumerRebalanceListener.noop();
        state.paused.clear();
        positions.clear();
        store.clear();
    }

    /** {@code rd_kafka_assign} of exactly these partitions. */
    void assign(Set<TopicPartition> partitions) {
        if (state.subscribed) {
            throw new IllegalStateException("subscribe() and assign() are mutually exclusive: call unsubscribe() first");
        }
        for (TopicPartition tp : partitions) TopicNames.validate(tp.topic());
        int err;
        try (NativeObject list = TopicPartitionLists.of(partitions)) {
            err = RdKafka.rd_kafka_assign(state.rk(), list.ptr());
        }
        if (err != 0) throw Errors.exception(err, "assign failed: " + KafkaError.describe(err));
        state.paused.retainAll(partitions);
        positions.retainOnly(partitions);
    }

    /** {@code rd_kafka_rebalance_protocol}; the configured one while closing (librdkafka #4041). */
    RebalanceProtocol protocol() {
        if (state.guard.isClosingThread()) return state.configuredProtocol;
        return RebalanceProtocol.fromNative(CStrings.toJava(RdKafka.rd_kafka_rebalance_protocol(state.rk())));
    }

    // ---- the rebalance callback ---------------------------------------------------------------------

    private void onRebalance(MemorySegment rk, int err, MemorySegment partitions) {
        List<TopicPartition> tps = Collections.unmodifiableList(TopicPartitionLists.partitions(partitions));
        boolean cooperative = state.cooperative();
        boolean closing = state.guard.isClosingThread();
        JfrEvents.Rebalance jfr = JfrEvents.begin(JfrEvents.Rebalance::new);
        String kind = err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS ? "assigned"
                : err != RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS ? "error"
                : RdKafka.rd_kafka_assignment_lost(rk) != 0 ? "lost" : "revoked";
        ConsumerRebalanceListener listener = state.listener;
        state.inRebalance = true;
        try {
            if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
                if (!cooperative) revokeBeforeEagerAssign(listener, closing);
                KafkaError e = cooperative ? Errors.readAndDestroy(RdKafka.rd_kafka_incremental_assign(rk, partitions))
                        : codeError(RdKafka.rd_kafka_assign(rk, partitions));
                if (e != null) {
                    failure(KafkaError.of(e.code(), "assigning " + tps + " failed: " + e.message()), closing);
                    return;
                }
                callListener("onPartitionsAssigned", () -> listener.onPartitionsAssigned(tps), closing);
            } else if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
                try {
                    if (kind.equals("lost")) callListener("onPartitionsLost", () -> listener.onPartitionsLost(tps), closing);
                    else callListener("onPartitionsRevoked", () -> listener.onPartitionsRevoked(tps), closing);
                } finally {
                    forget(tps);
                    KafkaError e = unassign(rk, partitions, cooperative);
                    if (e != null) failure(KafkaError.of(e.code(), "unassigning " + tps + " failed: " + e.message()), closing);
                }
            } else {
                forget(tps);
                KafkaError e = unassign(rk, partitions, cooperative);
                failure(KafkaError.of(err, "rebalance error: " + KafkaError.describe(err)
                        + (e == null ? "" : "; unassign failed: " + e.message())), closing);
            }
        } finally {
            state.inRebalance = false;
            if (jfr != null && jfr.shouldCommit()) {
                jfr.client = state.client.name();
                jfr.protocol = state.configuredProtocol.name();
                jfr.kind = kind;
                jfr.partitions = tps.toString();
                jfr.commit();
            }
        }
    }

    /**
     * Eager assignment replaces the whole set, and the listener hears of the old set's revocation first. The
     * classic protocol always revokes before it assigns; librdkafka's early-access consumer protocol (2.4 to 2.9,
     * eager unless a cooperative strategy is configured) assigns the new set while the old one is still held: the
     * revocation is made up here.
     */
    private void revokeBeforeEagerAssign(ConsumerRebalanceListener listener, boolean closing) {
        Set<TopicPartition> held = state.assignmentNow();
        if (held.isEmpty()) return;
        List<TopicPartition> old = List.copyOf(held);
        try {
            callListener("onPartitionsRevoked", () -> listener.onPartitionsRevoked(old), closing);
        } finally {
            forget(old);
        }
    }

    private static KafkaError unassign(MemorySegment rk, MemorySegment partitions, boolean cooperative) {
        return cooperative ? Errors.readAndDestroy(RdKafka.rd_kafka_incremental_unassign(rk, partitions))
                : codeError(RdKafka.rd_kafka_assign(rk, MemorySegment.NULL));
    }

    private static KafkaError codeError(int err) {
        return err == 0 ? null : KafkaError.of(err, KafkaError.describe(err));
    }

    /** Revoked partitions: seeks, stored positions and pauses go (Kafka forgets pauses on revoke). */
    private void forget(Collection<TopicPartition> tps) {
        List<TopicPartition> wasPaused = new ArrayList<>();
        for (TopicPartition tp : tps) if (state.paused.remove(tp)) wasPaused.add(tp);
        positions.forget(tps);
        store.forget(tps);
        if (!wasPaused.isEmpty()) {
            // librdkafka keeps the pause flag on the partition object
            try (NativeObject list = TopicPartitionLists.of(wasPaused)) {
                RdKafka.rd_kafka_resume_partitions(state.rk(), list.ptr());
            }
        }
    }

    private void callListener(String what, Runnable r, boolean closing) {
        try {
            r.run();
        } catch (Throwable t) {
            if (closing) {
                state.logger().log(System.Logger.Level.ERROR, "rebalance listener " + what + " threw during close", t);
            } else {
                state.offerError(t instanceof KafkaException ke ? ke
                        : new KafkaException(KafkaError.of(KafkaError.UNKNOWN_CODE,
                        "the rebalance listener's " + what + " threw " + t), t));
            }
        }
    }

    private void failure(KafkaError e, boolean closing) {
        if (closing) state.logger().log(System.Logger.Level.WARNING, e.toString());
        else state.offerError(Errors.exception(e));
    }
}

package io.rdkafka.client;

import io.rdkafka.client.errors.CommitFailedException;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.TimeoutException;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.JfrEvents;
import io.rdkafka.client.internal.NativeObject;
import io.rdkafka.client.internal.QueueWaker;
import io.rdkafka.client.internal.Timeouts;
import io.rdkafka.client.internal.TopicPartitionLists;
import io.rdkafka.client.internal.TopicNames;
import io.rdkafka.ffm.RdKafka;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.rdkafka.ffm.RdKafka.*;

/**
 * A {@link Consumer}'s offsets in the group: commits through the consumer's commit queue (each commit's id is its
 * opaque; results are served on the thread inside the consumer, which runs the callbacks), explicit offset
 * storing, and committed offsets.
 */
final class ConsumerCommits {
    private final ConsumerState state;
    private final Map<Long, PendingCommit> commits = new HashMap<>();
    private long nextCommitId = 1;

    ConsumerCommits(ConsumerState state) {
        this.state = state;
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

    /** Commits {@code offsets} (null: librdkafka's stored offsets) and waits for the answer until {@code deadline}. */
    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, long deadline, Duration timeout) {
        PendingCommit pc = start(offsets, null, true);
        while (!pc.done) {
            state.checkInterrupts();
            int left = Timeouts.remaining(deadline);
            if (left <= 0) {
                commits.values().remove(pc);
                throw new TimeoutException(KafkaError.of(RD_KAFKA_RESP_ERR__TIMED_OUT,
                        "commitSync timed out after " + timeout.toMillis() + " ms"));
            }
            awaitQueue(Math.min(left, ConsumerState.SLICE_MS));
        }
        if (pc.error != null) throw pc.error;
    }

    /** Starts a commit of {@code offsets} (null: the stored offsets); the callback runs in a later call. */
    void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        PendingCommit pc = start(offsets, callback, false);
        if (pc.done) deliver(pc);
    }

    private PendingCommit start(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback cb, boolean sync) {
        long id = nextCommitId++;
        PendingCommit pc = new PendingCommit(cb, sync);
        try (NativeObject list = offsets == null ? NativeObject.list(MemorySegment.NULL) : offsetsList(offsets)) {
            commits.put(id, pc);
            int r = RdKafka.rd_kafka_commit_queue(state.rk(), list.ptr(), state.commitQueue, MemorySegment.NULL,
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
        for (TopicPartition tp : offsets.keySet()) TopicNames.validate(tp.topic());
        return TopicPartitionLists.build(offsets.keySet(), tp -> offsets.get(tp).offset(), (tp, elem) -> {
            OffsetAndMetadata om = offsets.get(tp);
            TopicPartitionLists.setLeaderEpoch(elem, om.leaderEpoch());
            TopicPartitionLists.setMetadata(state.rk(), elem, om.metadata().getBytes(StandardCharsets.UTF_8));
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

    /** {@return whether commits are waiting for their result} */
    boolean hasPending() {
        return !commits.isEmpty();
    }

    /** Runs the callbacks of finished async commits (non-blocking). */
    void serveCallbacks() {
        if (commits.isEmpty()) return;
        while (serveQueue(0)) {
            // drain
        }
    }

    /**
     * Serves one event of the commit queue, waiting up to {@code maxMs}: inside librdkafka on a platform thread, in
     * Java on a virtual thread (parked until the queue is woken, its carrier free).
     */
    void awaitQueue(int maxMs) {
        if (!QueueWaker.waitsInJava()) {
            serveQueue(maxMs);
            return;
        }
        int seen = state.commitWaker.sequence();
        if (!serveQueue(0)) state.commitWaker.park(seen, maxMs);
    }

    /** Serves one event of the commit queue, waiting up to timeoutMs; false when there was none. */
    boolean serveQueue(int timeoutMs) {
        PendingCommit pc;
        try (NativeObject ev = NativeObject.event(RdKafka.rd_kafka_queue_poll(state.commitQueue, timeoutMs))) {
            if (ev.isNull()) return false;
            if (RdKafka.rd_kafka_event_type(ev.ptr()) != RD_KAFKA_EVENT_OFFSET_COMMIT) return true;
            pc = commits.remove(RdKafka.rd_kafka_event_opaque(ev.ptr()).address());
            if (pc == null) return true; // a commitSync that timed out
            int err = RdKafka.rd_kafka_event_error(ev.ptr());
            Map<TopicPartition, OffsetAndMetadata> result = new LinkedHashMap<>();
            KafkaException partitionError = null;
            for (var e : TopicPartitionLists.read(RdKafka.rd_kafka_event_topic_partition_list(ev.ptr()))) {
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
        }
        deliver(pc);
        return true;
    }

    private void deliver(PendingCommit pc) {
        if (pc.jfr != null && pc.jfr.shouldCommit()) {
            pc.jfr.client = state.client.name();
            pc.jfr.partitions = pc.offsets.size();
            pc.jfr.sync = pc.sync;
            pc.jfr.error = pc.error == null ? null : pc.error.codeName();
            pc.jfr.commit();
        }
        if (pc.sync) return; // commitSync reads its own result
        if (pc.callback == null) {
            if (pc.error != null) {
                state.logger().log(System.Logger.Level.WARNING, "async commit failed: " + pc.error.getMessage());
            }
            return;
        }
        state.client.safely("commit callback", () -> pc.callback.onComplete(pc.offsets, pc.error));
    }

    /** At close: fails the commits whose result did not come. */
    void failPending() {
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

    /** {@code rd_kafka_offsets_store} of explicit offsets (with {@code enable.auto.offset.store=false}). */
    void storeOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try (NativeObject list = offsetsList(offsets)) {
            int err = RdKafka.rd_kafka_offsets_store(state.rk(), list.ptr());
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
    }

    /** {@code rd_kafka_committed}: the group's committed offsets; partitions without one are absent. */
    Map<TopicPartition, OffsetAndMetadata> committedNow(Collection<TopicPartition> partitions, int ms) {
        try (NativeObject list = TopicPartitionLists.of(partitions)) {
            int err = RdKafka.rd_kafka_committed(state.rk(), list.ptr(), ms);
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
}

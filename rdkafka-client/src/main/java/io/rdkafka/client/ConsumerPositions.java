package io.rdkafka.client;

import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.MessageDecoder;
import io.rdkafka.client.internal.NativeObject;
import io.rdkafka.client.internal.Timeouts;
import io.rdkafka.client.internal.TopicPartitionLists;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaStructs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.rdkafka.ffm.RdKafka.*;

/**
 * Where a {@link Consumer} reads: seeks (and the seeks librdkafka could not take yet), positions, watermarks,
 * offsets by time, pause and resume. A seek that librdkafka refuses because the partition's fetcher has not
 * started is kept pending: retried at each poll, the partition's records fetched meanwhile dropped.
 */
final class ConsumerPositions {
    /** When a manual assignment's committed-offset fetch failed on a coordinator error, else 0. */
    private long committedFetchFailedNanos;
    private final ConsumerState state;
    private final ConsumerOffsetStore store;
    private final ConsumerCommits commits;
    /** Seeks librdkafka did not take yet (fetcher not started): retried in poll, records before them dropped. */
    private final Map<TopicPartition, Long> pendingSeeks = new LinkedHashMap<>();
    /** Where the last seek of each partition pointed, for {@link #position} before anything was read. */
    private final Map<TopicPartition, Long> seekPositions = new HashMap<>();
    /** Partitions restarted by {@link #reassignAt} at explicit offsets (their stale reset errors are dropped). */
    private final Set<TopicPartition> restarted = new HashSet<>();
    /** Leader epochs given with {@code seek(TopicPartition, OffsetAndMetadata)}, until librdkafka took the seek. */
    private final Map<TopicPartition, Integer> seekEpochs = new HashMap<>();

    ConsumerPositions(ConsumerState state, ConsumerOffsetStore store, ConsumerCommits commits) {
        this.state = state;
        this.store = store;
        this.commits = commits;
    }

    // ---- seeks --------------------------------------------------------------------------------------

    /** Seeks to {@code offset}; with {@code epoch} >= 0 (and librdkafka 2.1.0+) validated against it. */
    void seek(TopicPartition partition, long offset, int epoch) {
        if (epoch >= 0 && MessageDecoder.hasLeaderEpochs()) seekEpochs.put(partition, epoch);
        else seekEpochs.remove(partition);
        seekAll(Map.of(partition, offset), "seek");
    }

    /** Seeks to a logical offset ({@code RD_KAFKA_OFFSET_BEGINNING/END}); no partitions means all assigned. */
    void seekLogical(Collection<TopicPartition> partitions, long logical, String call) {
        Collection<TopicPartition> tps = partitions.isEmpty() ? state.assignmentNow() : partitions;
        Map<TopicPartition, Long> m = new LinkedHashMap<>();
        for (TopicPartition tp : tps) m.put(tp, logical);
        seekEpochs.keySet().removeAll(m.keySet());
        if (!m.isEmpty()) seekAll(m, call);
    }

    private void seekAll(Map<TopicPartition, Long> offsets, String call) {
        state.requireAssigned(offsets.keySet(), call);
        seekPositions.putAll(offsets);
        store.afterSeek(offsets, seekEpochs);
        seekNow(offsets);
    }

    /**
     * rd_kafka_seek_partitions; a partition whose fetcher has not started yet (just assigned: librdkafka
     * answers _STATE) is retried in poll, and its records fetched meanwhile are dropped.
     */
    void seekNow(Map<TopicPartition, Long> offsets) {
        try (NativeObject list = TopicPartitionLists.build(offsets.keySet(), offsets::get, (tp, elem) -> {
            Integer epoch = seekEpochs.get(tp);
            if (epoch != null) RdKafka.rd_kafka_topic_partition_set_leader_epoch(elem, epoch);
        })) {
            KafkaError err = Errors.readAndDestroy(RdKafka.rd_kafka_seek_partitions(state.rk(), list.ptr(), 5_000));
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
                        if (e.err() == RD_KAFKA_RESP_ERR__STATE && !state.subscribed) {
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
        Set<TopicPartition> current = state.assignmentNow();
        if (!current.containsAll(sought.keySet())) return false;
        try (NativeObject list = TopicPartitionLists.of(current); Arena a = Arena.ofConfined()) {
            if (RdKafka.rd_kafka_position(state.rk(), list.ptr()) != 0) return false;
            Map<TopicPartition, Long> starts = new LinkedHashMap<>(pendingSeeks);
            starts.putAll(sought);
            for (var e : starts.entrySet()) {
                MemorySegment tp = RdKafka.rd_kafka_topic_partition_list_find(list.ptr(),
                        a.allocateFrom(e.getKey().topic()), e.getKey().partition());
                if (!tp.equals(MemorySegment.NULL)) {
                    RdKafkaStructs.TopicPartition.offset(RdKafkaStructs.TopicPartition.of(tp), e.getValue());
                }
            }
            if (RdKafka.rd_kafka_assign(state.rk(), list.ptr()) != 0) return false;
            for (var e : starts.entrySet()) if (e.getValue() >= 0) restarted.add(e.getKey());
        }
        if (!state.paused.isEmpty()) {
            try (NativeObject p = TopicPartitionLists.of(state.paused)) {
                RdKafka.rd_kafka_pause_partitions(state.rk(), p.ptr());
            }
        }
        pendingSeeks.keySet().removeAll(current); // every partition restarts where it should
        return true;
    }

    boolean hasPendingSeeks() {
        return !pendingSeeks.isEmpty();
    }

    /** {@return whether records of {@code tp} are dropped until its pending seek is taken} */
    boolean isPendingSeek(TopicPartition tp) {
        return pendingSeeks.containsKey(tp);
    }

    /**
     * A manual assignment's committed-offset fetch failed on a coordinator error (a fresh cluster's
     * NOT_COORDINATOR): librdkafka 2.14 keeps such partitions waiting for the answer forever
     * (rd_kafka_assignment.c retries only when the assignment changes), so they are never fetched.
     * {@link #retryPendingSeeks} then assigns the same partitions again (at their positions, pauses kept), which
     * asks again, at most every half second.
     */
    void committedFetchFailed() {
        if (committedFetchFailedNanos == 0) committedFetchFailedNanos = System.nanoTime();
    }

    /** Seeks again where librdkafka refused (assigned partitions only); asks again for failed committed offsets. */
    void retryPendingSeeks() {
        if (committedFetchFailedNanos != 0 && System.nanoTime() - committedFetchFailedNanos >= 500_000_000L) {
            committedFetchFailedNanos = 0;
            if (!state.subscribed && !state.assignmentNow().isEmpty()) reassignAt(Map.of());
        }
        if (pendingSeeks.isEmpty()) return;
        pendingSeeks.keySet().retainAll(state.assignmentNow());
        if (!pendingSeeks.isEmpty()) seekNow(new LinkedHashMap<>(pendingSeeks));
    }

    /** {@return whether {@code tp} was restarted at an explicit offset, so "no committed offset" for it is stale} */
    boolean wasRestarted(TopicPartition tp) {
        return !restarted.isEmpty() && restarted.contains(tp);
    }

    // ---- position, watermarks, offsets by time --------------------------------------------------------

    /**
     * The offset of the next record: after the last consumed one, else where a seek put it, else the committed
     * offset, else where {@code auto.offset.reset} points (asking the broker), all within {@code deadline}.
     */
    long position(TopicPartition partition, long deadline) {
        state.requireAssigned(List.of(partition), "position");
        long pos;
        try (NativeObject list = TopicPartitionLists.of(List.of(partition))) {
            int err = RdKafka.rd_kafka_position(state.rk(), list.ptr());
            if (err != 0) throw Errors.exception(err, "position failed: " + KafkaError.describe(err));
            pos = TopicPartitionLists.read(list).getFirst().offset();
        }
        if (pos >= 0) return pos;
        Long sought = pendingSeeks.containsKey(partition) ? pendingSeeks.get(partition) : seekPositions.get(partition);
        if (sought != null && sought >= 0) return sought;
        if (sought == null && state.groupId != null) {
            OffsetAndMetadata c = commits.committedNow(List.of(partition),
                    Math.max(1, Timeouts.remaining(deadline))).get(partition);
            if (c != null) return c.offset();
        }
        boolean earliest = sought != null ? sought == RD_KAFKA_OFFSET_BEGINNING : resetsToEarliest();
        long[] wm = watermarks(partition, Timeouts.remaining(deadline));
        return earliest ? wm[0] : wm[1];
    }

    private boolean resetsToEarliest() {
        String r = state.config.get("auto.offset.reset");
        if (r == null) return false; // librdkafka's default: largest
        r = r.trim().toLowerCase(java.util.Locale.ROOT);
        if (r.equals("error")) {
            throw new KafkaException(KafkaError.of(RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET,
                    "no position: nothing consumed, no committed offset, and auto.offset.reset=error"));
        }
        return r.equals("smallest") || r.equals("earliest") || r.equals("beginning");
    }

    /** {@code rd_kafka_offsets_for_times}: the first offset at or after each timestamp; absent when none. */
    Map<TopicPartition, Long> offsetsForTimes(Map<TopicPartition, Long> timestamps, int ms) {
        for (var e : timestamps.entrySet()) {
            if (e.getValue() < 0) throw new IllegalArgumentException("timestamp must be >= 0: " + e);
        }
        try (NativeObject list = TopicPartitionLists.ofPositions(timestamps)) {
            long deadline = Timeouts.deadline(java.time.Duration.ofMillis(ms));
            // no broker (yet): librdkafka may answer at once (_ALL_BROKERS_DOWN); retried until the timeout
            int err = Errors.whileNoBroker(deadline,
                    left -> RdKafka.rd_kafka_offsets_for_times(state.rk(), list.ptr(), left), state::checkInterrupts);
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
    }

    /** The low ({@code which} 0) or high (1) watermark of each partition, within {@code deadline}. */
    Map<TopicPartition, Long> watermarks(Collection<TopicPartition> partitions, long deadline, int which) {
        Map<TopicPartition, Long> m = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) m.put(tp, watermarks(tp, Math.max(1, Timeouts.remaining(deadline)))[which]);
        return Collections.unmodifiableMap(m);
    }

    private long[] watermarks(TopicPartition tp, int ms) {
        long deadline = Timeouts.deadline(java.time.Duration.ofMillis(ms));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment low = Pointers.outLong(a);
            MemorySegment high = Pointers.outLong(a);
            MemorySegment topic = a.allocateFrom(tp.topic());
            // no broker (yet): librdkafka may answer at once (_ALL_BROKERS_DOWN); retried until the timeout
            int err = Errors.whileNoBroker(deadline, left -> RdKafka.rd_kafka_query_watermark_offsets(state.rk(), topic,
                    tp.partition(), low, high, left), state::checkInterrupts);
            if (Errors.isNoBroker(err)) throw Errors.noBroker("watermark query for " + tp, ms, err);
            if (err != 0) throw Errors.exception(err, "watermark query for " + tp + " failed: " + KafkaError.describe(err));
            return new long[]{Pointers.longValue(low), Pointers.longValue(high)};
        }
    }

    // ---- pause and resume ---------------------------------------------------------------------------

    void pauseResume(Collection<TopicPartition> partitions, boolean pause) {
        String call = pause ? "pause" : "resume";
        state.requireAssigned(partitions, call);
        try (NativeObject list = TopicPartitionLists.of(partitions)) {
            int err = pause ? RdKafka.rd_kafka_pause_partitions(state.rk(), list.ptr())
                    : RdKafka.rd_kafka_resume_partitions(state.rk(), list.ptr());
            if (err != 0) throw Errors.exception(err, call + " failed: " + KafkaError.describe(err));
            for (var e : TopicPartitionLists.read(list)) {
                if (e.err() != 0) {
                    throw Errors.exception(e.err(), call + " of " + e.partition() + " failed: " + KafkaError.describe(e.err()));
                }
            }
        }
        if (pause) state.paused.addAll(partitions);
        else state.paused.removeAll(partitions);
    }

    // ---- assignment changes -------------------------------------------------------------------------

    /** A manual assignment of {@code partitions}: what is kept about others goes. */
    void retainOnly(Set<TopicPartition> partitions) {
        pendingSeeks.keySet().retainAll(partitions);
        seekPositions.keySet().retainAll(partitions);
        seekEpochs.keySet().retainAll(partitions);
        restarted.clear();
    }

    /** Revoked partitions. */
    void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            pendingSeeks.remove(tp);
            seekPositions.remove(tp);
            seekEpochs.remove(tp);
        }
    }

    /** Unsubscribed: nothing is assigned. */
    void clear() {
        pendingSeeks.clear();
        seekPositions.clear();
        restarted.clear();
        seekEpochs.clear();
    }
}

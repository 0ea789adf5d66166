package io.rdkafka.client.internal;

import io.rdkafka.client.OffsetAndTimestamp;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.UnsupportedVersionException;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaLibrary;
import io.rdkafka.ffm.RdKafkaStructs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A consumer's offset look-ups that are not in {@code Consumer} itself: the lag from cached watermarks, and
 * offsets for timestamps with the records' timestamps and leader epochs through librdkafka's ListOffsets admin
 * request (2.3.0+), sent on the consumer's own handle with a queue of its own.
 */
public final class ConsumerOffsets {
    /** librdkafka's ListOffsets, the only native call that returns the found record's timestamp. */
    public static final String LIST_OFFSETS_SINCE = "2.3.0";
    private static final boolean HAS_LIST_OFFSETS = RdKafkaLibrary.isAvailable()
            && RdKafkaLibrary.hasSymbol("rd_kafka_ListOffsets");
    private static final int SLICE_MS = 100;

    private ConsumerOffsets() {
    }

    /**
     * The lag of a partition: its high watermark as the last fetch response (or statistics) left it in librdkafka's
     * cache ({@code rd_kafka_get_watermark_offsets}) minus the consumer's position ({@code rd_kafka_position});
     * empty when either is not known yet. No broker round trip.
     */
    public static OptionalLong currentLag(MemorySegment rk, TopicPartition tp) {
        long position;
        try (NativeObject list = TopicPartitionLists.of(java.util.List.of(tp))) {
            if (RdKafka.rd_kafka_position(rk, list.ptr()) != 0) return OptionalLong.empty();
            position = TopicPartitionLists.read(list).getFirst().offset();
        }
        if (position < 0) return OptionalLong.empty();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment low = Pointers.outLong(a);
            MemorySegment high = Pointers.outLong(a);
            int err = RdKafka.rd_kafka_get_watermark_offsets(rk, a.allocateFrom(tp.topic()), tp.partition(), low, high);
            long hw = Pointers.longValue(high);
            if (err != 0 || hw < 0) return OptionalLong.empty();
            return OptionalLong.of(Math.max(0, hw - position));
        }
    }

    /** Throws when the loaded librdkafka has no ListOffsets (before 2.3.0). */
    public static void requireListOffsets(String call) {
        if (!HAS_LIST_OFFSETS) {
            throw new UnsupportedVersionException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED, call
                    + " needs librdkafka " + LIST_OFFSETS_SINCE + " or newer (ListOffsets, which returns the records' "
                    + "timestamps); the loaded one is " + RdKafkaLibrary.versionString()
                    + ". offsetsForTimes returns the offsets on every version"));
        }
    }

    /**
     * For each partition the earliest record whose timestamp is at or after the given one: offset, timestamp and
     * leader epoch, through ListOffsets with the consumer's isolation level; partitions without such a record are
     * absent. Blocks up to {@code timeoutMs}, calling {@code interrupts} between slices (wakeup, close).
     */
    public static Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(MemorySegment rk,
            Map<TopicPartition, Long> timestamps, int timeoutMs, boolean readCommitted, Runnable interrupts) {
        requireListOffsets("offsetsForTimesWithMetadata");
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        MemorySegment queue = RdKafka.rd_kafka_queue_new(rk);
        MemorySegment opts = RdKafka.rd_kafka_AdminOptions_new(rk, RdKafka.RD_KAFKA_ADMIN_OP_LISTOFFSETS);
        MemorySegment list = RdKafka.rd_kafka_topic_partition_list_new(timestamps.size());
        MemorySegment ev = MemorySegment.NULL;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment errstr = CStrings.errstr(a);
            if (RdKafka.rd_kafka_AdminOptions_set_request_timeout(opts, Math.max(1, timeoutMs), errstr,
                    CStrings.ERRSTR_SIZE) != 0) {
                throw new IllegalArgumentException("timeout: " + CStrings.fromBuffer(errstr));
            }
            KafkaError iso = Errors.readAndDestroy(RdKafka.rd_kafka_AdminOptions_set_isolation_level(opts,
                    readCommitted ? 1 : 0));
            if (iso != null) throw Errors.exception(iso);
            for (var e : timestamps.entrySet()) {
                MemorySegment tp = RdKafkaStructs.TopicPartition.of(RdKafka.rd_kafka_topic_partition_list_add(list,
                        a.allocateFrom(e.getKey().topic()), e.getKey().partition()));
                RdKafkaStructs.TopicPartition.offset(tp, e.getValue()); // >= 0: a timestamp spec
            }
            RdKafka.rd_kafka_ListOffsets(rk, list, opts, queue);
            while (ev.equals(MemorySegment.NULL)) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                // the request times out by itself (request timeout); the margin lets its result arrive
                if (left < -5_000) {
                    throw new io.rdkafka.client.errors.TimeoutException(KafkaError.of(
                            RdKafka.RD_KAFKA_RESP_ERR__TIMED_OUT, "offsetsForTimesWithMetadata timed out after "
                                    + timeoutMs + " ms"));
                }
                ev = RdKafka.rd_kafka_queue_poll(queue, SLICE_MS);
                if (ev.equals(MemorySegment.NULL)) interrupts.run();
            }
            int err = RdKafka.rd_kafka_event_error(ev);
            if (err != 0) {
                String msg = CStrings.toJava(RdKafka.rd_kafka_event_error_string(ev));
                if (err == RdKafka.RD_KAFKA_RESP_ERR__NOENT) {
                    // librdkafka fails the whole request with _NOENT when a partition has no leader (or no topic)
                    // (as Admin.listOffsets reports it)
                    throw new io.rdkafka.client.errors.LeaderNotAvailableException(KafkaError.of(err,
                            "offsetsForTimesWithMetadata failed: " + msg + " (a partition without a leader, or no "
                                    + "such partition)").withFlags(false, true, false));
                }
                throw Errors.exception(KafkaError.of(err, "offsetsForTimesWithMetadata failed: "
                        + (msg == null || msg.isEmpty() ? KafkaError.describe(err) : msg)));
            }
            MemorySegment result = RdKafka.rd_kafka_event_ListOffsets_result(ev);
            MemorySegment cnt = a.allocate(JAVA_LONG);
            MemorySegment infos = RdKafka.rd_kafka_ListOffsets_result_infos(result, cnt);
            long n = cnt.get(JAVA_LONG, 0);
            MemorySegment arr = infos.reinterpret(n * ADDRESS.byteSize());
            Map<TopicPartition, OffsetAndTimestamp> out = new LinkedHashMap<>();
            for (long i = 0; i < n; i++) {
                MemorySegment info = arr.getAtIndex(ADDRESS, i);
                MemorySegment tp = RdKafkaStructs.TopicPartition.of(RdKafka.rd_kafka_ListOffsetsResultInfo_topic_partition(info));
                TopicPartition key = new TopicPartition(RdKafkaStructs.TopicPartition.topic(tp),
                        RdKafkaStructs.TopicPartition.partition(tp));
                int perr = RdKafkaStructs.TopicPartition.err(tp);
                if (perr != 0) {
                    throw Errors.exception(perr, "offsetsForTimesWithMetadata failed for " + key + ": "
                            + KafkaError.describe(perr));
                }
                long offset = RdKafkaStructs.TopicPartition.offset(tp);
                long ts = RdKafka.rd_kafka_ListOffsetsResultInfo_timestamp(info);
                if (offset < 0 || ts < 0) continue; // no record at or after the timestamp
                out.put(key, new OffsetAndTimestamp(offset, ts, RdKafka.rd_kafka_topic_partition_get_leader_epoch(tp)));
            }
            return Collections.unmodifiableMap(out);
        } finally {
            if (!ev.equals(MemorySegment.NULL)) RdKafka.rd_kafka_event_destroy(ev);
            RdKafka.rd_kafka_topic_partition_list_destroy(list);
            RdKafka.rd_kafka_AdminOptions_destroy(opts);
            RdKafka.rd_kafka_queue_destroy(queue);
        }
    }
}

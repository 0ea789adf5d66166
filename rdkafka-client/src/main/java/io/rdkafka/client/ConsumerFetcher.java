package io.rdkafka.client;

import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.RecordDeserializationException;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.JfrEvents;
import io.rdkafka.client.internal.MessageDecoder;
import io.rdkafka.client.internal.QueueWaker;
import io.rdkafka.client.internal.Timeouts;
import io.rdkafka.ffm.RdKafka;

import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static io.rdkafka.ffm.RdKafka.*;

/**
 * A {@link Consumer}'s fetching: reads the consumer queue with {@code rd_kafka_consume_batch_queue} into a
 * preallocated pointer array, then either converts and destroys the messages ({@link #poll}: deserialized
 * {@link ConsumerRecord}s) or hands them to a {@link RecordBatch} ({@link #pollBatch}: zero copy). Both run one
 * loop. Messages are read by {@link MessageDecoder}; error messages become exceptions or listener calls
 * ({@link ConsumerFetchErrors}).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class ConsumerFetcher<K, V> {
    private final ConsumerState state;
    private final ConsumerPositions positions;
    private final ConsumerCommits commits;
    private final ConsumerOffsetStore store;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final MemorySegment messages; // rd_kafka_message_t *[max]
    private final MessageDecoder decoder; // poll thread only
    private final ConsumerFetchErrors errors;
    private final int max;
    private RecordBatch currentBatch;

    ConsumerFetcher(ConsumerState state, ConsumerPositions positions, ConsumerCommits commits,
                    ConsumerOffsetStore store, Deserializer<K> kd, Deserializer<V> vd) {
        this.state = state;
        this.positions = positions;
        this.commits = commits;
        this.store = store;
        this.keyDeserializer = kd;
        this.valueDeserializer = vd;
        this.max = state.options.maxPollRecords();
        this.messages = MessageDecoder.newArray(state.client.arena(), max);
        this.decoder = new MessageDecoder(state.client.arena());
        this.errors = new ConsumerFetchErrors(state, positions, decoder);
    }

    // ---- the poll loop ------------------------------------------------------------------------------

    /** What one fetch made: records to return now (or none), and the first error that came with them. */
    private interface Take<R> {
        /** {@return whether there is something to return (records, or ends of partitions)} */
        boolean deliverable();

        /** {@return the first error among the messages, or null} */
        KafkaException error();

        /** {@return the result, owning what is left of the messages} */
        R result();

        /** Remembers the positions after the records returned, for the offset store. */
        void remember();

        int count();

        /** {@return the key and value bytes, for the poll's JFR event} */
        long bytes();
    }

    /** {@link Consumer#poll}: deserialized records; the messages are destroyed. */
    ConsumerRecords<K, V> poll(long deadline) {
        ConsumerRecords<K, V> r = loop(deadline, this::convert);
        return r != null ? r : ConsumerRecords.empty();
    }

    /** {@link Consumer#pollBatch}: a zero-copy batch that owns its messages until closed. */
    RecordBatch pollBatch(long deadline) {
        RecordBatch b = loop(deadline, this::scan);
        return b != null ? b : RecordBatch.empty(Set.of());
    }

    /**
     * Fetches until there is something to return or the deadline passes. Records come first: an error fetched
     * with them is thrown by the next poll. Returns null when nothing came in time.
     */
    private <R> R loop(long deadline, java.util.function.IntFunction<Take<R>> take) {
        if (state.inRebalance || state.inPoll) {
            throw new IllegalStateException("poll cannot be called from a rebalance listener or commit callback");
        }
        state.inPoll = true;
        closeCurrentBatch();
        JfrEvents.ConsumerPoll jfr = JfrEvents.begin(JfrEvents.ConsumerPoll::new);
        try {
            while (true) {
                Take<R> t = take.apply(fetch(deadline));
                if (t.deliverable()) {
                    if (t.error() != null) state.offerError(t.error());
                    R result = t.result();
                    commits.serveCallbacks();
                    t.remember();
                    if (jfr != null && jfr.shouldCommit()) commitPoll(jfr, t.count(), t.bytes());
                    return result;
                }
                if (t.error() != null) throw t.error();
                if (state.hasError()) throw state.takeError();
                if (Timeouts.remaining(deadline) <= 0) {
                    if (jfr != null && jfr.shouldCommit()) commitPoll(jfr, 0, 0);
                    return null;
                }
            }
        } finally {
            state.inPoll = false;
        }
    }

    private void commitPoll(JfrEvents.ConsumerPoll jfr, int records, long bytes) {
        jfr.client = state.client.name();
        jfr.records = records;
        jfr.bytes = bytes;
        jfr.commit();
    }

    /** Closes the batch the last pollBatch returned (the next poll, unsubscribe or close frees it). */
    void closeCurrentBatch() {
        RecordBatch b = currentBatch;
        currentBatch = null;
        if (b != null) b.close();
    }

    // ---- fetching -----------------------------------------------------------------------------------

    /**
     * Fills {@code messages[0..n)}: a non-blocking drain; if that found nothing, blocking for one message in
     * slices of at most 100 ms (librdkafka 2.0.2's batch call waits until the array is full or the timeout
     * passes), then a non-blocking drain of the rest. A virtual thread waits out each slice parked in Java
     * instead ({@link QueueWaker}): a thread inside a native call never unmounts from its carrier.
     */
    private int fetch(long deadline) {
        state.checkInterrupts();
        store.flush();
        if (state.hasError()) throw state.takeError();
        KafkaException fatal = state.fatalError();
        if (fatal != null) throw fatal;
        commits.serveCallbacks();
        positions.retryPendingSeeks();
        int n = consume(state.consumerQueue, 0, 0, max);
        if (n > 0) return n;
        while (true) {
            state.checkInterrupts();
            if (state.hasError()) return 0; // a listener failed inside the last slice
            int left = Timeouts.remaining(deadline);
            if (left <= 0) return 0;
            int slice = Math.min(left, ConsumerState.SLICE_MS);
            if (QueueWaker.waitsInJava()) {
                int seen = state.consumerWaker.sequence();
                n = consume(state.consumerQueue, 0, 0, max);
                if (n > 0) return n;
                state.consumerWaker.park(seen, slice);
            } else {
                n = consume(state.consumerQueue, slice, 0, 1);
                if (n > 0) return n + consume(state.consumerQueue, 0, n, max - n);
            }
            commits.serveCallbacks();
            positions.retryPendingSeeks();
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

    /**
     * Serves {@code queue} for up to {@code timeoutMs} and destroys what it returns (rebalances run inside):
     * for unsubscribe and close, whose records nobody reads.
     */
    void drain(MemorySegment queue, int timeoutMs) {
        MessageDecoder.destroy(messages, 0, consume(queue, timeoutMs, 0, max));
    }

    // ---- records: converted and destroyed -----------------------------------------------------------

    private final class Records implements Take<ConsumerRecords<K, V>> {
        final ConsumerRecords.Builder<K, V> builder = new ConsumerRecords.Builder<>();
        KafkaException error;
        ConsumerRecords<K, V> built;

        @Override
        public boolean deliverable() {
            return builder.hasAny();
        }

        @Override
        public KafkaException error() {
            return error;
        }

        @Override
        public ConsumerRecords<K, V> result() {
            return built = builder.build();
        }

        @Override
        public void remember() {
            store.afterRecords(built);
        }

        @Override
        public int count() {
            return built.count();
        }

        @Override
        public long bytes() {
            long bytes = 0;
            for (var r : built) bytes += Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
            return bytes;
        }
    }

    /** Converts and destroys messages[0..n). */
    private Records convert(int n) {
        Records out = new Records();
        Map<TopicPartition, Long> rewind = null;
        int i = 0;
        try {
            for (; i < n; i++) {
                long m = MessageDecoder.at(messages, i);
                try {
                    decoder.decode(m);
                    int err = decoder.err();
                    if (err != 0) {
                        KafkaException e = errors.onErrorMessage(err, out.builder::endOfPartition);
                        if (out.error == null) out.error = e;
                        continue;
                    }
                    String topic = decoder.topic();
                    int partition = decoder.partition();
                    if (positions.hasPendingSeeks() || rewind != null) {
                        TopicPartition tp = new TopicPartition(topic, partition);
                        if (positions.isPendingSeek(tp) || rewind != null && rewind.containsKey(tp)) continue;
                    }
                    try {
                        out.builder.add(toRecord(topic, partition));
                    } catch (RecordDeserializationException e) {
                        // the partition restarts at the failing record; later records of it in this batch are dropped
                        if (rewind == null) rewind = new LinkedHashMap<>();
                        rewind.put(new TopicPartition(topic, partition), e.offset());
                        if (out.error == null) out.error = e;
                    }
                } finally {
                    MessageDecoder.destroy(m);
                }
            }
        } finally {
            MessageDecoder.destroy(messages, i + 1, n); // after a throw
        }
        if (rewind != null) positions.seekNow(rewind);
        return out;
    }

    /** The record just decoded, deserialized: each field of the message read once ({@link MessageDecoder}). */
    private ConsumerRecord<K, V> toRecord(String topic, int partition) {
        decoder.decodeRecord();
        long offset = decoder.offset();
        byte[] k = decoder.key();
        byte[] v = decoder.value();
        Headers headers = decoder.headers();
        K key;
        V value;
        try {
            key = keyDeserializer.deserialize(topic, headers, k);
        } catch (RuntimeException e) {
            throw new RecordDeserializationException(topic, partition, offset, "could not deserialize the key of "
                    + topic + "-" + partition + "@" + offset + ": " + e, e);
        }
        try {
            value = valueDeserializer.deserialize(topic, headers, v);
        } catch (RuntimeException e) {
            throw new RecordDeserializationException(topic, partition, offset, "could not deserialize the value of "
                    + topic + "-" + partition + "@" + offset + ": " + e, e);
        }
        return new ConsumerRecord<>(topic, partition, offset, decoder.timestamp(), decoder.timestampType(),
                k == null ? -1 : k.length, v == null ? -1 : v.length, key, value, headers,
                decoder.leaderEpoch());
    }

    // ---- a batch: messages kept --------------------------------------------------------------------

    private final class Scan implements Take<RecordBatch> {
        // a new array per batch (8 bytes a record), never shared: a close() on another thread may still be
        // destroying the previous batch's messages from its array while this poll fills the next one
        final long[] records;
        int count;
        Set<TopicPartition> eof;
        KafkaException error;
        RecordBatch batch;

        Scan(int n) {
            records = new long[n];
        }

        @Override
        public boolean deliverable() {
            return count > 0 || eof != null;
        }

        @Override
        public KafkaException error() {
            return error;
        }

        @Override
        public RecordBatch result() {
            batch = count == 0 ? RecordBatch.empty(Collections.unmodifiableSet(eof))
                    : new RecordBatch(records, count, decoder, eof == null ? Set.of() : Collections.unmodifiableSet(eof));
            currentBatch = batch;
            return batch;
        }

        @Override
        public void remember() {
            store.afterBatch(records, count, decoder);
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public long bytes() {
            long bytes = 0;
            for (int i = 0; i < count; i++) bytes += Math.max(0, batch.keySize(i)) + Math.max(0, batch.valueSize(i));
            return bytes;
        }
    }

    /** Sorts messages[0..n) for a RecordBatch: records are kept (the batch destroys them), the rest destroyed. */
    private Scan scan(int n) {
        Scan s = new Scan(n);
        int i = 0;
        try {
            for (; i < n; i++) {
                long m = MessageDecoder.at(messages, i);
                boolean keep = false;
                try {
                    int err = MessageDecoder.err(m);
                    if (err != 0) {
                        decoder.decode(m);
                        KafkaException e = errors.onErrorMessage(err, tp -> {
                            if (s.eof == null) s.eof = new LinkedHashSet<>();
                            s.eof.add(tp);
                        });
                        if (s.error == null) s.error = e;
                        continue;
                    }
                    if (positions.hasPendingSeeks() && positions.isPendingSeek(
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
}

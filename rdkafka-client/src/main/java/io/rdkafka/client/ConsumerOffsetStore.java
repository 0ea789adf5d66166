package io.rdkafka.client;

import io.rdkafka.client.internal.MessageDecoder;
import io.rdkafka.client.internal.NativeObject;
import io.rdkafka.client.internal.TopicPartitionLists;
import io.rdkafka.ffm.RdKafka;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka-like offset storing. librdkafka stores a message's offset when {@code rd_kafka_consume_batch_queue} hands
 * it out, so a message dropped by the binding (pending seek, close, unsubscribe) or never processed
 * (deserialization failure) would be committed. Unless {@code enable.auto.offset.store=false} is configured, the
 * consumer turns that off and stores instead, as Kafka's consumer commits, the position after what earlier polls
 * returned (and where seeks put it): at the next poll, commit, unsubscribe or close ({@link #flush()}).
 */
final class ConsumerOffsetStore {
    private final ConsumerState state;
    private final boolean emulating;
    /** The next offsets of what the last polls returned, not yet stored. */
    private final Map<TopicPartition, OffsetAndMetadata> pending = new LinkedHashMap<>();

    ConsumerOffsetStore(ConsumerState state, boolean emulating) {
        this.state = state;
        this.emulating = emulating;
    }

    /** {@return whether {@code enable.auto.offset.store} is emulated (a group, and not configured false)} */
    boolean emulating() {
        return emulating;
    }

    /** Remembers the position after the last record of each partition of {@code records}. */
    void afterRecords(ConsumerRecords<?, ?> records) {
        if (!emulating) return;
        for (TopicPartition tp : records.partitions()) {
            ConsumerRecord<?, ?> last = records.records(tp).getLast();
            pending.put(tp, new OffsetAndMetadata(last.offset() + 1, "", last.leaderEpoch().orElse(-1)));
        }
    }

    /** As {@link #afterRecords}, for the messages at {@code messages[0..count)} (records of a partition in order). */
    void afterBatch(long[] messages, int count, MessageDecoder decoder) {
        if (!emulating) return;
        // runs of one partition are told apart by topic handle and partition number; the topic's name is looked
        // up once per run, not per record
        long runStart = 0;
        long rkt = 0;
        int partition = -1;
        long last = 0;
        for (int i = 0; i < count; i++) {
            long m = messages[i];
            long r = MessageDecoder.topicHandle(m);
            int p = MessageDecoder.partition(m);
            if (p != partition || r != rkt) {
                if (runStart != 0) storeAfter(decoder, runStart, last);
                runStart = m;
                rkt = r;
                partition = p;
            }
            last = m;
        }
        if (runStart != 0) storeAfter(decoder, runStart, last);
    }

    /** Remembers the position after message {@code last} (with its leader epoch) for the partition of {@code run}. */
    private void storeAfter(MessageDecoder decoder, long run, long last) {
        pending.put(new TopicPartition(decoder.topic(run), MessageDecoder.partition(last)),
                new OffsetAndMetadata(MessageDecoder.offset(last) + 1, "", MessageDecoder.leaderEpoch(last).orElse(-1)));
    }

    /** A seek: an absolute offset sought is what the next commit stores (as Kafka commits the position). */
    void afterSeek(Map<TopicPartition, Long> offsets, Map<TopicPartition, Integer> epochs) {
        if (!emulating) return;
        for (var e : offsets.entrySet()) {
            if (e.getValue() >= 0) {
                Integer epoch = epochs.get(e.getKey());
                pending.put(e.getKey(), new OffsetAndMetadata(e.getValue(), "", epoch == null ? -1 : epoch));
            } else {
                pending.remove(e.getKey());
            }
        }
    }

    /**
     * Stores ({@code rd_kafka_offsets_store}) the positions of what earlier polls returned, for the next auto or
     * manual commit: the application has had them, as with Kafka's consumer, which commits the position.
     */
    void flush() {
        if (pending.isEmpty()) return;
        Map<TopicPartition, OffsetAndMetadata> m = new LinkedHashMap<>(pending);
        pending.clear();
        try (NativeObject list = TopicPartitionLists.ofOffsets(m)) {
            RdKafka.rd_kafka_offsets_store(state.rk(), list.ptr()); // a partition revoked meanwhile answers _STATE
        }
    }

    /** Forgets revoked partitions. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(pending::remove);
    }

    void clear() {
        pending.clear();
    }
}

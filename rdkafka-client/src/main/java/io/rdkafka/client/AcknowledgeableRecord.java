package io.rdkafka.client;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A record published by {@link RecordPublisher}, with the handle that tells the publisher it was processed: only
 * acknowledged records count toward the offsets the publisher commits (per partition, up to the first record not
 * yet acknowledged). Acknowledge from any thread, in any order, once; a record of a partition the consumer lost
 * meanwhile (rebalance) is acknowledged without effect (its new owner reads it again).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class AcknowledgeableRecord<K, V> {
    private final ConsumerRecord<K, V> record;
    private final RecordSubscription<?, ?> owner;
    private final long generation;
    private final AtomicBoolean acknowledged = new AtomicBoolean();

    AcknowledgeableRecord(ConsumerRecord<K, V> record, RecordSubscription<?, ?> owner, long generation) {
        this.record = record;
        this.owner = owner;
        this.generation = generation;
    }

    /** {@return the record} */
    public ConsumerRecord<K, V> record() {
        return record;
    }

    /**
     * Marks the record processed: its offset may be committed once every earlier record of its partition is
     * acknowledged too. Idempotent; any thread.
     */
    public void acknowledge() {
        if (acknowledged.compareAndSet(false, true)) owner.acknowledged(record, generation);
    }

    /** {@return whether {@link #acknowledge()} was called} */
    public boolean isAcknowledged() {
        return acknowledged.get();
    }

    @Override
    public String toString() {
        return "AcknowledgeableRecord[" + record + (acknowledged.get() ? ", acknowledged]" : "]");
    }
}

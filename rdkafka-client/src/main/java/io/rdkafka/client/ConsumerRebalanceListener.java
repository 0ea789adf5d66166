package io.rdkafka.client;

import java.util.Collection;

/**
 * Hears about partitions moving to and from this consumer, as Apache Kafka's listener of the same name.
 * Called on the thread that runs {@link Consumer#poll} (or {@link Consumer#close} / {@link Consumer#unsubscribe}),
 * inside that call. The listener may call the consumer back (commit, seek, pause, committed, position, ...),
 * but not {@code poll} or {@code close}. An exception it throws is rethrown by the {@code poll} that ran it,
 * wrapped in a {@link io.rdkafka.client.errors.KafkaException}; the assignment change happens regardless.
 *
 * <p>With the eager protocol the listener gets the whole old assignment on revoke and the whole new one on
 * assign. With {@code partition.assignment.strategy=cooperative-sticky} it gets only the partitions that move.
 */
public interface ConsumerRebalanceListener {
    /**
     * Partitions are being taken away; called before they are unassigned, so their offsets can still be
     * committed.
     *
     * @param partitions the partitions revoked (all of them with the eager protocol, the moving ones with cooperative)
     */
    void onPartitionsRevoked(Collection<TopicPartition> partitions);

    /**
     * Partitions were assigned (the assignment already includes them; a seek here takes effect).
     *
     * @param partitions the partitions assigned (the whole assignment with eager, the new ones with cooperative)
     */
    void onPartitionsAssigned(Collection<TopicPartition> partitions);

    /**
     * Partitions were lost: they may already belong to another member (e.g. this member's session timed out),
     * so committing their offsets would fail. Defaults to {@link #onPartitionsRevoked}.
     *
     * @param partitions the partitions lost
     */
    default void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions);
    }

    /** {@return a listener that does nothing} */
    static ConsumerRebalanceListener noop() {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        };
    }
}

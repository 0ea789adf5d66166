package io.rdkafka.kafka;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;

/**
 * A kafka-clients {@link ConsumerRebalanceListener} behind rdkafka-client's listener. With the eager protocol
 * KafkaConsumer calls {@code onPartitionsRevoked} before every assignment, with the empty set at the first join;
 * librdkafka revokes only what was assigned, so the empty revoke is added here. The listener's exception is kept
 * so that poll can rethrow it as KafkaConsumer does (a {@code KafkaException} as is, anything else wrapped).
 */
final class RebalanceAdapter implements io.rdkafka.client.ConsumerRebalanceListener {
    private final ConsumerRebalanceListener listener;
    private final boolean eager;
    private boolean holding;
    private Throwable failure;

    RebalanceAdapter(ConsumerRebalanceListener listener, boolean eager) {
        this.listener = listener;
        this.eager = eager;
    }

    @Override
    public void onPartitionsRevoked(Collection<io.rdkafka.client.TopicPartition> partitions) {
        holding = false;
        call(() -> listener.onPartitionsRevoked(sorted(partitions)));
    }

    @Override
    public void onPartitionsAssigned(Collection<io.rdkafka.client.TopicPartition> partitions) {
        if (eager && !holding) call(() -> listener.onPartitionsRevoked(Collections.emptySortedSet()));
        holding = true;
        call(() -> listener.onPartitionsAssigned(sorted(partitions)));
    }

    @Override
    public void onPartitionsLost(Collection<io.rdkafka.client.TopicPartition> partitions) {
        holding = false;
        call(() -> listener.onPartitionsLost(sorted(partitions)));
    }

    private static Set<TopicPartition> sorted(Collection<io.rdkafka.client.TopicPartition> partitions) {
        java.util.TreeSet<TopicPartition> s = new java.util.TreeSet<>(
                java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        for (var tp : partitions) s.add(Conversions.kafka(tp));
        return Collections.unmodifiableSet(s);
    }

    private void call(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            if (failure == null) failure = e;
            throw e;
        }
    }

    /** {@return the listener's exception since the last call, and forgets it} */
    Throwable takeFailure() {
        Throwable f = failure;
        failure = null;
        return f;
    }
}

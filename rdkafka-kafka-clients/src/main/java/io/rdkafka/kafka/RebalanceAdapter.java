package io.rdkafka.kafka;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;

/**
 * A kafka-clients {@link ConsumerRebalanceListener} behind rdkafka-client's listener: partitions as kafka-clients'
 * (sorted, as KafkaConsumer hands them over). The listener's exception is kept so that poll can rethrow it as
 * KafkaConsumer does (a {@code KafkaException} as is, anything else wrapped). The call order is librdkafka's, which
 * the contract suite (ContractIT) checks against KafkaConsumer's: no revoke before the first assignment, the whole
 * assignment revoked then the new one assigned with the eager protocol.
 */
final class RebalanceAdapter implements io.rdkafka.client.ConsumerRebalanceListener {
    private final ConsumerRebalanceListener listener;
    private Throwable failure;

    RebalanceAdapter(ConsumerRebalanceListener listener) {
        this.listener = listener;
    }

    @Override
    public void onPartitionsRevoked(Collection<io.rdkafka.client.TopicPartition> partitions) {
        call(() -> listener.onPartitionsRevoked(sorted(partitions)));
    }

    @Override
    public void onPartitionsAssigned(Collection<io.rdkafka.client.TopicPartition> partitions) {
        call(() -> listener.onPartitionsAssigned(sorted(partitions)));
    }

    @Override
    public void onPartitionsLost(Collection<io.rdkafka.client.TopicPartition> partitions) {
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

package io.rdkafka.kafka;

import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;

/**
 * The configured {@code interceptor.classes}, called as KafkaConsumer calls them: {@code onConsume} in order on
 * what poll returns, {@code onCommit} after a successful commit. Exceptions are logged and skipped.
 */
final class ConsumerInterceptorChain<K, V> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConsumerInterceptorChain.class.getName());
    private final List<ConsumerInterceptor<K, V>> interceptors;

    ConsumerInterceptorChain(List<ConsumerInterceptor<K, V>> interceptors) {
        this.interceptors = List.copyOf(interceptors);
    }

    ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
        ConsumerRecords<K, V> r = records;
        for (ConsumerInterceptor<K, V> i : interceptors) {
            try {
                r = i.onConsume(r);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Error executing interceptor onConsume callback", e);
            }
        }
        return r;
    }

    void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        for (ConsumerInterceptor<K, V> i : interceptors) {
            try {
                i.onCommit(offsets);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Error executing interceptor onCommit callback", e);
            }
        }
    }

    boolean isEmpty() {
        return interceptors.isEmpty();
    }

    @Override
    public void close() {
        for (ConsumerInterceptor<K, V> i : interceptors) {
            try {
                i.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Failed to close consumer interceptor", e);
            }
        }
    }
}

package io.rdkafka.kafka;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

import java.util.List;

/**
 * The configured {@code interceptor.classes}, called as KafkaProducer calls them: {@code onSend} in order, each on
 * the previous one's result, before serialization; {@code onAcknowledgement} on the delivery thread before the
 * callback. An interceptor's exception is logged and skipped, never thrown to the application.
 */
final class ProducerInterceptorChain<K, V> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProducerInterceptorChain.class.getName());
    private final List<ProducerInterceptor<K, V>> interceptors;

    ProducerInterceptorChain(List<ProducerInterceptor<K, V>> interceptors) {
        this.interceptors = List.copyOf(interceptors);
    }

    boolean isEmpty() {
        return interceptors.isEmpty();
    }

    ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
        ProducerRecord<K, V> r = record;
        for (ProducerInterceptor<K, V> i : interceptors) {
            try {
                r = i.onSend(r);
            } catch (Exception e) {
                // as KafkaProducer: the record goes on as the previous interceptor left it
                LOG.log(System.Logger.Level.WARNING, "Error executing interceptor onSend callback for topic "
                        + record.topic(), e);
            }
        }
        return r;
    }

    void onAcknowledgement(RecordMetadata md, Exception e, Headers headers) {
        for (ProducerInterceptor<K, V> i : interceptors) {
            try {
                i.onAcknowledgement(md, e, headers);
            } catch (Exception ex) {
                LOG.log(System.Logger.Level.WARNING, "Error executing interceptor onAcknowledgement callback", ex);
            }
        }
    }

    @Override
    public void close() {
        for (ProducerInterceptor<K, V> i : interceptors) {
            try {
                i.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Failed to close producer interceptor", e);
            }
        }
    }
}

package io.rdkafka.kafka.spring;

import io.rdkafka.kafka.RdKafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import java.util.Map;

/**
 * Spring Kafka's producer factory making {@link RdKafkaProducer}s: everything else (transactions, producer per
 * thread, close handling) is DefaultKafkaProducerFactory's. The recipe docs/kafka-clients.md shows; kept in the
 * tests so that the module's artifact needs no Spring.
 */
public class RdKafkaProducerFactory<K, V> extends DefaultKafkaProducerFactory<K, V> {
    public RdKafkaProducerFactory(Map<String, Object> configs, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        super(configs, keySerializer, valueSerializer);
    }

    @Override
    protected Producer<K, V> createRawProducer(Map<String, Object> rawConfigs) {
        return new RdKafkaProducer<>(rawConfigs, getKeySerializerSupplier().get(), getValueSerializerSupplier().get());
    }
}

package io.rdkafka.kafka.spring;

import io.rdkafka.kafka.RdKafkaConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import java.util.Map;

/** Spring Kafka's consumer factory making {@link RdKafkaConsumer}s; see {@link RdKafkaProducerFactory}. */
public class RdKafkaConsumerFactory<K, V> extends DefaultKafkaConsumerFactory<K, V> {
    public RdKafkaConsumerFactory(Map<String, Object> configs, Deserializer<K> keyDeserializer,
                                  Deserializer<V> valueDeserializer) {
        super(configs, keyDeserializer, valueDeserializer);
    }

    @Override
    protected Consumer<K, V> createRawConsumer(Map<String, Object> configProps) {
        return new RdKafkaConsumer<>(configProps, getKeyDeserializer(), getValueDeserializer());
    }
}

package io.rdkafka.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Properties;

/** The implementations the contract suite runs against: Apache Kafka's Java client, and this module. */
enum Impl {
    KAFKA_CLIENTS {
        @Override
        Producer<String, String> producer(Properties p) {
            return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }

        @Override
        Consumer<String, String> consumer(Properties p) {
            return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        }

        @Override
        Admin admin(Properties p) {
            return AdminClient.create(p);
        }
    },
    RDKAFKA {
        @Override
        Producer<String, String> producer(Properties p) {
            return new RdKafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }

        @Override
        Consumer<String, String> consumer(Properties p) {
            return new RdKafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        }

        @Override
        Admin admin(Properties p) {
            return new RdKafkaAdmin(p);
        }
    };

    abstract Producer<String, String> producer(Properties p);

    abstract Consumer<String, String> consumer(Properties p);

    abstract Admin admin(Properties p);
}

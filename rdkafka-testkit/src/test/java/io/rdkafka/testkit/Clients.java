package io.rdkafka.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** kafka-clients helpers for the tests: they check the kit against an independent client. */
final class Clients {
  private Clients() {}

  static KafkaProducer<String, String> producer(Properties connection) {
    Properties properties = new Properties();
    properties.putAll(connection);
    properties.put("acks", "all");
    properties.put("delivery.timeout.ms", "30000");
    properties.put("request.timeout.ms", "10000");
    properties.put("max.block.ms", "15000");
    return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
  }

  static KafkaConsumer<String, String> consumer(Properties connection, String groupId) {
    Properties properties = new Properties();
    properties.putAll(connection);
    properties.put("group.id", groupId);
    properties.put("auto.offset.reset", "earliest");
    return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
  }

  /** Polls until {@code count} records arrived or the timeout passed. */
  static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, int count,
      Duration timeout) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (records.size() < count && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    return records;
  }

  static void send(KafkaProducer<String, String> producer, String topic, int partition, String value)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
  }

  /** An Admin client for one connection attempt; short timeouts so that failures surface fast. */
  static Admin admin(Properties connection) {
    Properties properties = new Properties();
    properties.putAll(connection);
    properties.putAll(Map.of(
        "request.timeout.ms", "10000",
        "default.api.timeout.ms", "15000",
        "retries", "0"));
    return Admin.create(properties);
  }
}

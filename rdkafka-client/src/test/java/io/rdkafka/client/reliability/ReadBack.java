package io.rdkafka.client.reliability;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerRecord;
import io.rdkafka.client.ConsumerRecords;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/** Reads a whole topic from the beginning to its end (partition EOF everywhere) with a manual assignment. */
final class ReadBack {
    private ReadBack() {
    }

    static List<ConsumerRecord<String, String>> readAll(Map<String, String> connection, String topic, int partitions,
                                                        String isolationLevel, Duration timeout) {
        KafkaConfig config = KafkaConfig.builder().setAll(connection).set("enable.partition.eof", "true")
                .set("isolation.level", isolationLevel).set("auto.offset.reset", "earliest")
                .set("fetch.wait.max.ms", "50").build();
        List<TopicPartition> tps = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (var c = Consumer.create(config, Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            c.assign(tps);
            c.seekToBeginning(tps);
            Set<TopicPartition> atEnd = new HashSet<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (atEnd.size() < partitions) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("reading " + topic + " did not reach the end of " + tps + " within "
                            + timeout + "; at end: " + atEnd + ", read " + out.size());
                }
                ConsumerRecords<String, String> r = c.poll(Duration.ofMillis(200));
                for (var rec : r) {
                    out.add(rec);
                    atEnd.remove(new TopicPartition(rec.topic(), rec.partition()));
                }
                atEnd.addAll(r.endOfPartition());
            }
        }
        return out;
    }
}

package io.rdkafka.client;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A JFR recording shows a consumer's polls, rebalances and commits. */
class ConsumerJfrTest {

    @Test
    void pollsRebalancesAndCommitsAreRecorded() throws Exception {
        Path file = Files.createTempFile("rdkafka-consumer-jfr", ".jfr");
        try (MockKafka kafka = new MockKafka(1); Recording rec = new Recording()) {
            kafka.createTopic("jfr-c", 1);
            kafka.produce("jfr-c", 0, 0, 50); // "key-i" / "value-i"
            rec.enable("io.rdkafka.ConsumerPoll");
            rec.enable("io.rdkafka.Rebalance");
            rec.enable("io.rdkafka.Commit");
            rec.start();
            String name;
            try (var c = Consumer.create(kafka.consumerConfig("jfr-group").build(), Serdes.stringDeserializer(),
                    Serdes.stringDeserializer())) {
                name = c.name();
                c.subscribe(List.of("jfr-c"));
                int n = 0;
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (n < 50 && System.nanoTime() < deadline) n += c.poll(Duration.ofMillis(200)).count();
                assertEquals(50, n);
                c.commitSync(Map.of(new TopicPartition("jfr-c", 0), new OffsetAndMetadata(50)));
            }
            rec.stop();
            rec.dump(file);
            List<RecordedEvent> all = RecordingFile.readAllEvents(file);
            List<RecordedEvent> polls = all.stream().filter(e -> e.getEventType().getName().equals("io.rdkafka.ConsumerPoll")).toList();
            assertEquals(50, polls.stream().mapToInt(e -> e.getInt("records")).sum());
            long bytes = 0;
            for (int i = 0; i < 50; i++) bytes += ("key-" + i).length() + ("value-" + i).length();
            assertEquals(bytes, polls.stream().mapToLong(e -> e.getLong("bytes")).sum());
            assertTrue(polls.stream().allMatch(e -> name.equals(e.getString("client"))));
            List<String> rebalances = all.stream().filter(e -> e.getEventType().getName().equals("io.rdkafka.Rebalance"))
                    .map(e -> e.getString("kind") + " " + e.getString("partitions") + " " + e.getString("protocol")).toList();
            assertEquals(List.of("assigned [jfr-c-0] EAGER", "revoked [jfr-c-0] EAGER"), rebalances);
            List<RecordedEvent> commits = all.stream().filter(e -> e.getEventType().getName().equals("io.rdkafka.Commit")).toList();
            assertEquals(1, commits.size());
            assertTrue(commits.getFirst().getBoolean("sync"));
            assertEquals(1, commits.getFirst().getInt("partitions"));
            assertNull(commits.getFirst().getString("error"));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

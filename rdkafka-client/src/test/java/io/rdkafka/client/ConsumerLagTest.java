package io.rdkafka.client;

import io.rdkafka.client.errors.UnsupportedVersionException;
import io.rdkafka.ffm.RdKafkaLibrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@link Consumer#currentLag} from librdkafka's cached watermarks and position (mock cluster), and the argument
 * and version checks of {@link Consumer#offsetsForTimesWithMetadata} (its results need a real broker: the mock
 * answers timestamp look-ups without timestamps; see {@code OffsetsForTimesIT}).
 */
class ConsumerLagTest {
    private static MockKafka kafka;

    @BeforeAll
    static void start() {
        kafka = new MockKafka(1);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void lagIsUnknownBeforeAFetchThenTheHighWatermarkMinusThePosition() throws Exception {
        String topic = "lag-" + System.nanoTime();
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, 0, 10);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (var c = Consumer.create(kafka.consumerConfig(null).build(), Serdes.stringDeserializer(),
                Serdes.stringDeserializer(), ClientListeners.none(), Consumer.Options.defaults().withMaxPollRecords(4))) {
            c.assign(List.of(tp));
            assertEquals(OptionalLong.empty(), c.currentLag(tp), "nothing fetched yet: not known");
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (read == 0 && System.nanoTime() < deadline) read += c.poll(Duration.ofMillis(100)).count();
            // a poll returns what has been fetched, up to maxPollRecords (librdkafka 2.14 may hand over 2 first)
            assertTrue(read >= 1 && read <= 4, "maxPollRecords 4: " + read);
            assertEquals(read, c.position(tp));
            assertEquals(OptionalLong.of(10 - read), c.currentLag(tp), "high watermark 10 - position " + read);
            while (read < 10 && System.nanoTime() < deadline) read += c.poll(Duration.ofMillis(100)).count();
            assertEquals(OptionalLong.of(0), c.currentLag(tp));
            kafka.produce(topic, 0, 10, 5);
            // records come with the fetch response's high watermark: after each poll that returned some, the lag
            // is exactly what is left
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < until && read < 15) {
                int n = c.poll(Duration.ofMillis(50)).count();
                read += n;
                OptionalLong lag = c.currentLag(tp);
                assertTrue(lag.isPresent());
                if (n > 0) assertEquals(15 - read, lag.getAsLong(), "after reading " + read + " of 15");
                else assertTrue(lag.getAsLong() <= 15 - read, "lag " + lag + " after reading " + read);
            }
            assertEquals(15, read);
        }
    }

    @Test
    void lagOfAPartitionNotAssignedIsRefused() {
        try (var c = Consumer.create(kafka.consumerConfig(null).build(), Serdes.stringDeserializer(),
                Serdes.stringDeserializer())) {
            var e = assertThrows(IllegalStateException.class, () -> c.currentLag(new TopicPartition("x", 0)));
            assertTrue(e.getMessage().contains("currentLag") && e.getMessage().contains("x-0")
                    || e.getMessage().contains("not assigned"), e.getMessage());
            assertThrows(NullPointerException.class, () -> c.currentLag(null));
        }
    }

    @Test
    void offsetsForTimesWithMetadataChecksItsArguments() {
        try (var c = Consumer.create(kafka.consumerConfig(null).build(), Serdes.stringDeserializer(),
                Serdes.stringDeserializer())) {
            TopicPartition tp = new TopicPartition("t", 3);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> c.offsetsForTimesWithMetadata(Map.of(tp, -5L), Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("t-3") || e.getMessage().contains("t [3]") || e.getMessage().contains(tp.toString()),
                    e.getMessage());
            assertThrows(NullPointerException.class, () -> c.offsetsForTimesWithMetadata(null, Duration.ofSeconds(1)));
            assertThrows(IllegalArgumentException.class,
                    () -> c.offsetsForTimesWithMetadata(Map.of(tp, 5L), Duration.ofSeconds(-1)));
        }
    }

    @Test
    void offsetsForTimesWithMetadataNeedsListOffsetsFromLibrdkafka230() {
        assumeFalse(RdKafkaLibrary.isAtLeast(2, 3, 0), "librdkafka 2.3.0+ has ListOffsets");
        try (var c = Consumer.create(kafka.consumerConfig(null).build(), Serdes.stringDeserializer(),
                Serdes.stringDeserializer())) {
            var e = assertThrows(UnsupportedVersionException.class, () -> c.offsetsForTimesWithMetadata(
                    Map.of(new TopicPartition("t", 0), 1L), Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("2.3.0") && e.getMessage().contains(RdKafkaLibrary.versionString()),
                    e.getMessage());
        }
    }
}

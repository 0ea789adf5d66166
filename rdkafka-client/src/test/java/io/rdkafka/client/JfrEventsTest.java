package io.rdkafka.client;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A JFR recording shows the producer's delivery-report batches with their counts. */
class JfrEventsTest {

    @Test
    void deliveryReportBatchesAreRecorded() throws Exception {
        Path file = Files.createTempFile("rdkafka-jfr", ".jfr");
        try (Recording rec = new Recording()) {
            rec.enable("io.rdkafka.DeliveryReports");
            rec.start();
            String name;
            try (var p = Producer.create(KafkaConfig.builder().set("test.mock.num.brokers", "1").build(),
                    Serdes.stringSerializer(), Serdes.stringSerializer())) {
                name = p.name();
                for (int i = 0; i < 500; i++) p.send(new ProducerRecord<>("jfr", "v" + i));
                p.flush(Duration.ofSeconds(30));
            }
            rec.stop();
            rec.dump(file);
            List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("io.rdkafka.DeliveryReports")).toList();
            assertFalse(events.isEmpty(), "no delivery report events recorded");
            assertEquals(500, events.stream().mapToInt(e -> e.getInt("records")).sum());
            assertTrue(events.stream().allMatch(e -> e.getInt("failed") == 0));
            assertTrue(events.stream().allMatch(e -> name.equals(e.getString("client"))));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

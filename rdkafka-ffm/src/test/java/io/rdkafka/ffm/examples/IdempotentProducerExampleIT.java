package io.rdkafka.ffm.examples;

import io.rdkafka.ffm.Rk;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link IdempotentProducerExample} against a real broker: its fatal-error path ends cleanly. */
@KafkaTest
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IdempotentProducerExampleIT {

    @Test
    void fatalErrorEndsTheProducerCleanlyAfterDeliveringTheMessagesBeforeIt(KafkaCluster cluster) {
        String topic = "idempotent-it-" + UUID.randomUUID();
        cluster.createTopic(topic, 1, 1);
        ExampleOutput run = ExampleOutput.run(IdempotentProducerExample::run, "-i", "100", "-f", "20",
                cluster.bootstrapServers(), topic);
        int delivered = IdempotentProducerExampleTest.assertEndsOnTheFabricatedFatalError(run, 20);
        List<Rk.Consumed> read = Rk.readAll(cluster.bootstrapServers(), topic, 1, true, Duration.ofSeconds(60));
        assertEquals(delivered, read.size(), run.toString());
        for (int i = 0; i < read.size(); i++) {
            // in order, without gaps or duplicates: what idempotence promises
            assertEquals("Idempotent Producer example message #" + i, read.get(i).value());
            assertEquals(i, read.get(i).offset());
        }
    }
}

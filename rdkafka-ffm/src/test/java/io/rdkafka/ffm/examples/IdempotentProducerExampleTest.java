package io.rdkafka.ffm.examples;

import io.rdkafka.ffm.MockCluster;
import io.rdkafka.ffm.Rk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link IdempotentProducerExample} against librdkafka's mock cluster. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IdempotentProducerExampleTest {

    private MockCluster cluster;
    private String topic;

    @BeforeEach
    void start() {
        cluster = new MockCluster(1);
        topic = "idempotent-" + UUID.randomUUID();
        cluster.createTopic(topic, 1);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** The checks shared with the integration test; returns the number of messages delivered. */
    static int assertEndsOnTheFabricatedFatalError(ExampleOutput run, int fatalAfter) {
        assertEquals(1, run.status(), "exit status after a fatal error\n" + run);
        String err = run.err();
        assertTrue(err.startsWith("% Running producer loop. Press Ctrl-C to exit\n"), err);
        assertTrue(err.contains("% Error: _FATAL: "), err);
        assertTrue(err.contains("% FATAL ERROR: OUT_OF_ORDER_SEQUENCE_NUMBER: test_fatal_error: "
                + "This is a fabricated error to test the fatal error handling\n"), err);
        assertTrue(err.contains("% Terminating on fatal error\n"), err);
        assertTrue(err.contains("% Flushing outstanding messages..\n"), err);
        Matcher summary = Pattern.compile("% (\\d+) message\\(s\\) produced, (\\d+) delivered, (\\d+) failed\n").matcher(err);
        assertTrue(summary.find(), err);
        int produced = Integer.parseInt(summary.group(1));
        int delivered = Integer.parseInt(summary.group(2));
        int failed = Integer.parseInt(summary.group(3));
        // the fatal error stops the loop: nothing is produced after it
        assertEquals(fatalAfter, produced, err);
        assertEquals(produced, delivered + failed, "every message has exactly one delivery report\n" + err);
        assertTrue(delivered >= 1, err);
        assertEquals(delivered, run.errLinesStartingWith("% Message delivered ("), err);
        assertEquals(failed, run.errLinesStartingWith("% Message delivery failed: "), err);
        assertTrue(run.out().isEmpty(), run.out());
        return delivered;
    }

    @Test
    void fatalErrorEndsTheProducerCleanlyAndReportsIt() {
        ExampleOutput run = ExampleOutput.run(IdempotentProducerExample::run, "-i", "100", "-f", "20",
                cluster.bootstraps(), topic);
        // 2 s of producing: the idempotent producer needs about one to get its producer id and deliver
        int delivered = assertEndsOnTheFabricatedFatalError(run, 20);
        // what was reported delivered is in the topic, in order
        List<Rk.Consumed> read = Rk.readAll(cluster.bootstraps(), topic, 1, true, Duration.ofSeconds(30));
        assertEquals(delivered, read.size(), run.toString());
        for (int i = 0; i < read.size(); i++) {
            assertEquals("Idempotent Producer example message #" + i, read.get(i).value());
            assertEquals(i, read.get(i).offset());
        }
    }

    @Test
    void wrongArgumentsPrintUsage() {
        ExampleOutput run = ExampleOutput.run(IdempotentProducerExample::run, "only-a-broker");
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("% Usage: IdempotentProducerExample "), run.err());
        ExampleOutput badNumber = ExampleOutput.run(IdempotentProducerExample::run, "-i", "soon", "b", "t");
        assertEquals(1, badNumber.status());
        assertTrue(badNumber.err().contains("% Usage:"), badNumber.err());
    }
}

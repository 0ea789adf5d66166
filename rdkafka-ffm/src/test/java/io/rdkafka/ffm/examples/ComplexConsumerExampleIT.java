package io.rdkafka.ffm.examples;

import io.rdkafka.ffm.Rk;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ComplexConsumerExample} against a real broker: consume a known set, then describe the group and its offsets. */
@KafkaTest
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ComplexConsumerExampleIT {

    @Test
    void consumesExactlyTheProducedSetThenExitsAndItsGroupAndOffsetsCanBeQueried(KafkaCluster cluster) {
        String topic = "complex-it-" + UUID.randomUUID();
        String group = "complex-it-" + UUID.randomUUID();
        cluster.createTopic(topic, 3, 1);
        List<Rk.Rec> records = ComplexConsumerExampleTest.records(3, 50);
        Rk.produceAll(cluster.bootstrapServers(), topic, records);

        ExampleOutput run = ExampleOutput.run(ComplexConsumerExample::run, "-e", "-A", "-g", group,
                "-b", cluster.bootstrapServers(), "-X", "auto.offset.reset=earliest", topic);
        assertEquals(0, run.status(), run.toString());
        assertEquals(ComplexConsumerExampleTest.expected(records), ComplexConsumerExampleTest.rawMessages(run),
                run.toString());
        assertTrue(run.err().contains("% Consumer group rebalanced: assigned (EAGER):"), run.err());
        assertEquals(3, run.errLinesStartingWith("% Consumer reached end of " + topic + " ["), run.err());
        assertTrue(run.err().contains("% All partition(s) reached EOF: exiting"), run.err());
        assertTrue(run.err().contains("% Consumer closed"), run.err());

        // -D: the group is known to the broker, now empty
        ExampleOutput describe = ExampleOutput.run(ComplexConsumerExample::run, "-D", "-g", group,
                "-b", cluster.bootstrapServers());
        assertEquals(0, describe.status(), describe.toString());
        assertTrue(describe.out().startsWith("Group \"" + group + "\" in state Empty on broker "
                + cluster.brokerIds().getFirst() + " (" + cluster.bootstrapServers() + ")\n"), describe.out());
        assertTrue(describe.out().contains(" Protocol type \"consumer\", protocol \"\", with 0 member(s):"),
                describe.out());

        // -O: closing the consumer committed the end of every partition
        ExampleOutput offsets = ExampleOutput.run(ComplexConsumerExample::run, "-O", "-g", group,
                "-b", cluster.bootstrapServers(), topic + ":0", topic + ":1", topic + ":2");
        assertEquals(0, offsets.status(), offsets.toString());
        assertEquals(List.of(
                "Topic \"" + topic + "\" partition 0 offset 50",
                "Topic \"" + topic + "\" partition 1 offset 50",
                "Topic \"" + topic + "\" partition 2 offset 50"), offsets.outLines());
    }
}

package io.rdkafka.client.mock;

import io.rdkafka.client.ConsumerRecords;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.FatalException;
import io.rdkafka.client.errors.InvalidTopicException;
import io.rdkafka.client.errors.WakeupException;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The doubles need no librdkafka: a child JVM whose library path names no file (so librdkafka cannot load) and
 * that has no native access sends, fails, consumes, commits and wakes up through them.
 */
class DoublesWithoutLibrdkafkaTest {

    @Test
    void theDoublesWorkWhereLibrdkafkaCannotLoad(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = dir.resolve("child.out");
        Process child = new ProcessBuilder(java, "-D" + RdKafkaLibrary.PATH_PROPERTY + "=" + dir.resolve("no-such-lib.so"),
                "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean exited = child.waitFor(60, TimeUnit.SECONDS);
        if (!exited) child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(exited, "the child did not finish:\n" + output);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("DOUBLES OK"), output);
        assertFalse(output.contains("WARNING: A restricted method"), "no native call was made:\n" + output);
    }

    /** Uses both doubles, failing (exit 1) on anything unexpected. */
    public static final class Child {
        public static void main(String[] args) {
            try {
                check(!RdKafkaLibrary.isAvailable(), "librdkafka should not be loadable here");
                MockProducer<String, String> p = new MockProducer<>(false, Serdes.stringSerializer(),
                        Serdes.stringSerializer()).addTopic("t", 3);
                var f = p.send(new ProducerRecord<>("t", "k", "v"));
                check(p.completeNext() && f.join().topic().equals("t"), "completeNext");
                try {
                    p.send(new ProducerRecord<>("bad topic", "v"));
                    check(false, "an invalid topic was accepted");
                } catch (InvalidTopicException expected) {
                    // refused without the library
                }
                p.triggerFatalError(RdKafka.RD_KAFKA_RESP_ERR_PRODUCER_FENCED, "fenced");
                try {
                    p.send(new ProducerRecord<>("t", "v"));
                    check(false, "a send after a fatal error was accepted");
                } catch (FatalException e) {
                    check(e.codeName().equals("PRODUCER_FENCED"), "code name from the headers' table: " + e.codeName());
                }
                p.close();

                MockConsumer<String, String> c = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST);
                TopicPartition tp = new TopicPartition("t", 0);
                c.subscribe(List.of("t"));
                c.rebalance(List.of(tp));
                c.addRecord("t", 0, "k", "v");
                ConsumerRecords<String, String> r = c.poll(Duration.ZERO);
                check(r.count() == 1, "poll");
                c.commitSync();
                check(c.committed(Set.of(tp)).equals(Map.of(tp, new OffsetAndMetadata(1))), "commit");
                c.groupMetadata();
                c.wakeup();
                try {
                    c.poll(Duration.ofSeconds(5));
                    check(false, "wakeup ignored");
                } catch (WakeupException expected) {
                    // as the real consumer
                }
                c.close();
                System.out.println("DOUBLES OK");
            } catch (Throwable t) {
                t.printStackTrace(System.out);
                System.exit(1);
            }
        }

        private static void check(boolean ok, String what) {
            if (!ok) throw new AssertionError(what);
        }
    }
}

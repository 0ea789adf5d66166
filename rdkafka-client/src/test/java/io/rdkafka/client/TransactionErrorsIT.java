package io.rdkafka.client;

import io.rdkafka.client.errors.FatalException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.TransactionAbortableException;
import io.rdkafka.client.errors.TransactionFatalException;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The two kinds of transaction failure a transactional {@link Producer} reports, on a real broker: an abortable one
 * (a record the broker refuses inside the transaction: {@link TransactionAbortableException}; abort works and the
 * next transaction commits) and a fatal one (fenced by a second producer with the same {@code transactional.id}:
 * {@link TransactionFatalException}, and sends then throw {@link FatalException}).
 */
@KafkaTest
class TransactionErrorsIT {
    private static final Duration T = Duration.ofSeconds(30);

    private static KafkaConfig txn(KafkaCluster cluster, String id) {
        return KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers()).transactionalId(id)
                .set("transaction.timeout.ms", "30000").closeTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void aRecordTheBrokerRefusesMakesTheCommitAbortableAndAbortRecovers(KafkaCluster cluster) throws Exception {
        String topic = "txn-abortable-" + System.nanoTime();
        // the broker takes batches of at most 2000 bytes for this topic; the producer would send up to 1 MB
        cluster.createTopic(topic, 1, 1, Map.of("max.message.bytes", "2000"));
        String other = topic + "-other";
        cluster.createTopic(other, 1, 1);
        boolean sameTopicCommittedAtOnce = false;
        try (var p = Producer.create(txn(cluster, "abortable-" + System.nanoTime()), Serdes.stringSerializer(),
                Serdes.stringSerializer())) {
            p.initTransactions(T);
            p.beginTransaction();
            var ok = p.send(new ProducerRecord<>(topic, "k", "small"));
            var big = p.send(new ProducerRecord<>(topic, "k", "x".repeat(10_000)));
            var commit = assertThrows(KafkaException.class, () -> p.commitTransaction(T));
            TransactionAbortableException abortable = assertInstanceOf(TransactionAbortableException.class, commit,
                    "commit failed with " + commit);
            assertTrue(abortable.txnRequiresAbort());
            assertFalse(abortable.isFatal());
            var e = assertThrows(ExecutionException.class, () -> big.get(30, TimeUnit.SECONDS));
            assertInstanceOf(KafkaException.class, e.getCause());
            assertTrue(ok.isDone());
            p.abortTransaction(T);
            // the next transaction on another partition commits
            p.beginTransaction();
            p.send(new ProducerRecord<>(other, "k", "after abort"));
            p.commitTransaction(T);
            // on the partition of the refused record, librdkafka (2.0.2 and 2.14.2 alike) leaves a gap in the
            // idempotent sequence: the next transaction there fails abortable with OUT_OF_ORDER_SEQUENCE_NUMBER
            // (librdkafka bumps the producer epoch on that abort), and the one after it commits
            p.beginTransaction();
            p.send(new ProducerRecord<>(topic, "k", "retried"));
            try {
                p.commitTransaction(T);
                sameTopicCommittedAtOnce = true;
            } catch (TransactionAbortableException gap) {
                assertEquals("OUT_OF_ORDER_SEQUENCE_NUMBER", gap.codeName(), gap.toString());
                p.abortTransaction(T);
                p.beginTransaction();
                p.send(new ProducerRecord<>(topic, "k", "retried"));
                p.commitTransaction(T);
            }
        }
        System.out.println("TransactionErrorsIT: after the refused record the same partition committed "
                + (sameTopicCommittedAtOnce ? "at once" : "after one more abortable failure (sequence gap)"));
        assertEquals(List.of("after abort"), readCommitted(cluster, other));
        assertEquals(List.of("retried"), readCommitted(cluster, topic), "the aborted transactions stay invisible");
    }

    private static List<String> readCommitted(KafkaCluster cluster, String topic) {
        List<String> committed = new ArrayList<>();
        try (var c = Consumer.create(KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers())
                .set("isolation.level", "read_committed").set("auto.offset.reset", "earliest")
                .set("enable.partition.eof", "true").groupId("txn-read-" + System.nanoTime()).build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            // subscribe, not assign: on a fresh cluster librdkafka 2.14 was seen not to start fetching an assigned
            // partition after its committed-offset fetch met NOT_COORDINATOR (offsets topic still being created)
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean end = false;
            while (!end && System.nanoTime() < deadline) {
                var records = c.poll(Duration.ofMillis(200));
                for (var r : records) committed.add(r.value());
                end = !records.endOfPartition().isEmpty();
            }
        }
        return committed;
    }

    @Test
    void aProducerFencedByASecondOneWithItsTransactionalIdFailsFatally(KafkaCluster cluster) throws Exception {
        String topic = "txn-fenced-" + System.nanoTime();
        cluster.createTopic(topic, 1, 1);
        String id = "fenced-" + System.nanoTime();
        try (var first = Producer.create(txn(cluster, id), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            first.initTransactions(T);
            first.beginTransaction();
            first.send(new ProducerRecord<>(topic, "k", "zombie")).get(30, TimeUnit.SECONDS);
            try (var second = Producer.create(txn(cluster, id), Serdes.stringSerializer(), Serdes.stringSerializer())) {
                second.initTransactions(T); // fences the first
                KafkaException failure = null;
                try {
                    first.send(new ProducerRecord<>(topic, "k", "zombie 2")).get(30, TimeUnit.SECONDS);
                    first.commitTransaction(T);
                } catch (ExecutionException e) {
                    failure = (KafkaException) e.getCause();
                } catch (KafkaException e) {
                    failure = e;
                }
                assertNotNull(failure, "the fenced producer committed");
                if (!(failure instanceof TransactionFatalException)) {
                    // the send failed first (fenced epoch); the commit then reports the fatal state
                    failure = assertThrows(TransactionFatalException.class, () -> first.commitTransaction(T));
                }
                assertTrue(failure.isFatal(), failure.toString());
                assertTrue(failure.codeName().contains("FENCED") || failure.getMessage().contains("fenced"),
                        failure.toString());
                var after = assertThrows(FatalException.class, () -> first.send(new ProducerRecord<>(topic, "k", "x")));
                assertTrue(after.isFatal());
                second.beginTransaction();
                second.send(new ProducerRecord<>(topic, "k", "successor"));
                second.commitTransaction(T);
            }
        }
    }
}

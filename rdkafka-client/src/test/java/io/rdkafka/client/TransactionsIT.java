package io.rdkafka.client;

import io.rdkafka.client.errors.TransactionException;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** Transactions against a real broker: what a read_committed reader sees. */
@KafkaTest
class TransactionsIT {

    private static Producer<String, String> transactional(KafkaCluster cluster) {
        return Producer.create(KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers())
                .transactionalId("txn-" + System.nanoTime()).build(), Serdes.stringSerializer(), Serdes.stringSerializer());
    }

    @Test
    void committedRecordsAreVisibleToReadCommittedAndAbortedOnesAreNot(KafkaCluster cluster) throws Exception {
        String topic = "txn-" + System.nanoTime();
        cluster.createTopic(topic, 2, 1);
        try (var p = transactional(cluster)) {
            p.initTransactions(Duration.ofSeconds(30));
            p.beginTransaction();
            for (int i = 0; i < 50; i++) p.send(new ProducerRecord<>(topic, "c1-" + i, "committed"));
            p.commitTransaction(Duration.ofSeconds(30));

            p.beginTransaction();
            for (int i = 0; i < 50; i++) p.send(new ProducerRecord<>(topic, "a-" + i, "aborted"));
            p.abortTransaction(); // bounded by the transaction's timeout, as the no-argument forms below

            p.beginTransaction();
            for (int i = 0; i < 50; i++) p.send(new ProducerRecord<>(topic, "c2-" + i, "committed"));
            p.commitTransaction();
        }
        List<Kcat.Line> committed = Kcat.readAll(cluster.bootstrapServers(), topic, "isolation.level=read_committed");
        Set<String> keys = committed.stream().map(Kcat.Line::key).collect(Collectors.toSet());
        assertEquals(100, committed.size());
        assertTrue(committed.stream().allMatch(l -> l.value().equals("committed")));
        assertTrue(keys.contains("c1-0") && keys.contains("c2-49"));
        List<Kcat.Line> all = Kcat.readAll(cluster.bootstrapServers(), topic, "isolation.level=read_uncommitted");
        assertEquals(150, all.size(), "read_uncommitted also sees the aborted records");
    }

    @Test
    void wrongCallOrderIsATypedTransactionError(KafkaCluster cluster) {
        try (var p = transactional(cluster)) {
            TransactionException e = assertThrows(TransactionException.class, p::beginTransaction,
                    "begin before init must fail");
            assertFalse(e.isRetriable() && e.txnRequiresAbort());
            p.initTransactions(Duration.ofSeconds(30));
            assertThrows(TransactionException.class, () -> p.commitTransaction(Duration.ofSeconds(5)),
                    "commit without begin must fail");
            p.beginTransaction();
            p.abortTransaction(Duration.ofSeconds(30));
        }
    }
}

package io.rdkafka.client.mock;

import io.rdkafka.client.ConsumerGroupMetadata;
import io.rdkafka.client.MutableHeaders;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.RecordMetadata;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.Serializer;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.FatalException;
import io.rdkafka.client.errors.InvalidTopicException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.PartitionerException;
import io.rdkafka.client.errors.PurgedException;
import io.rdkafka.client.errors.SerializationException;
import io.rdkafka.client.errors.TimeoutException;
import io.rdkafka.client.errors.TransactionAbortableException;
import io.rdkafka.client.errors.TransactionException;
import io.rdkafka.client.errors.TransactionFatalException;
import io.rdkafka.client.errors.UnknownTopicOrPartitionException;
import io.rdkafka.ffm.RdKafka;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.*;

/** What a test of application code sees of {@link MockProducer}: records, completions, failures, transactions. */
class MockProducerTest {
    private static final Duration T = Duration.ofSeconds(1);

    private static MockProducer<String, String> manual() {
        return new MockProducer<>(false, Serdes.stringSerializer(), Serdes.stringSerializer());
    }

    private static Throwable failure(CompletableFuture<?> f) {
        assertTrue(f.isCompletedExceptionally(), "the send should have failed");
        return assertThrows(ExecutionException.class, f::get).getCause();
    }

    @Test
    void autoCompleteRecordsEachSendInOrderWithItsBytesAndOffsets() throws Exception {
        Serializer<String> tagging = new Serializer<>() {
            @Override
            public byte[] serialize(String topic, String data) {
                return data == null ? null : data.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] serialize(String topic, MutableHeaders headers, String data) {
                headers.add("schema", new byte[]{7});
                return serialize(topic, data);
            }
        };
        Producer<String, String> producer = new MockProducer<>(true, Serdes.stringSerializer(), tagging);
        MockProducer<String, String> mock = (MockProducer<String, String>) producer;
        RecordMetadata first = producer.send(new ProducerRecord<>("orders", "k", "one")).get();
        RecordMetadata second = producer.send(new ProducerRecord<>("orders", "k", "two")).get();
        producer.send(new ProducerRecord<>("orders", null, null)).get();
        assertEquals(0, first.offset());
        assertEquals(1, second.offset());
        assertEquals(3, second.serializedValueSize());
        assertEquals(1, second.serializedKeySize());
        assertEquals(List.of("one", "two"), mock.history().stream().limit(2).map(ProducerRecord::value).toList());
        MockProducer.SentRecord<String, String> sent = mock.sentRecords().get(1);
        assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), sent.value());
        assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), sent.key());
        assertArrayEquals(new byte[]{7}, sent.headers().lastHeader("schema").value(),
                "the headers as the serializer left them");
        assertNull(mock.sentRecords().get(2).value(), "a tombstone stays null");
        assertEquals(0, producer.pendingCount());
        mock.clear();
        assertTrue(mock.history().isEmpty());
    }

    @Test
    void manualSendsCompleteOrFailOldestFirstWhenTheTestSays() {
        MockProducer<String, String> producer = manual();
        List<Object> callbacks = new ArrayList<>();
        CompletableFuture<RecordMetadata> a = producer.send(new ProducerRecord<>("t", "a"),
                (md, e) -> callbacks.add(md != null ? md.offset() : e));
        CompletableFuture<RecordMetadata> b = producer.send(new ProducerRecord<>("t", "b"));
        List<KafkaException> handled = new ArrayList<>();
        producer.send(new ProducerRecord<>("t", "c"), 42, (ctx, topic, p, offset, error) -> {
            assertEquals(42, ctx);
            assertEquals("t", topic);
            handled.add(error);
        });
        assertFalse(a.isDone());
        assertEquals(3, producer.pendingCount());
        assertTrue(producer.completeNext());
        assertEquals(0, a.join().offset());
        assertEquals(List.of(0L), callbacks);
        TimeoutException timeout = new TimeoutException(io.rdkafka.client.errors.KafkaError.of(
                RdKafka.RD_KAFKA_RESP_ERR__MSG_TIMED_OUT, "delivery timed out"));
        assertTrue(producer.errorNext(timeout));
        assertSame(timeout, failure(b));
        IllegalArgumentException plain = new IllegalArgumentException("not a Kafka error");
        assertTrue(producer.errorNext(plain));
        assertEquals(1, handled.size());
        assertSame(plain, handled.getFirst().getCause(), "a DeliveryHandler gets it as a KafkaException");
        assertFalse(producer.completeNext(), "nothing pending");
        assertFalse(producer.errorNext(plain));
        assertEquals(3, producer.history().size(), "failed sends stay in the history");
        assertThrows(NullPointerException.class, () -> producer.errorNext(null));
    }

    @Test
    void keyedRecordsGoWhereKafkaProducerPutsThemAndAPartitionerIsHonoured() {
        MockProducer<String, String> producer = new MockProducer<>(true, Serdes.stringSerializer(),
                Serdes.stringSerializer()).addTopic("orders", 6);
        for (int i = 0; i < 50; i++) {
            String key = "customer-" + i;
            int expected = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 6);
            assertEquals(expected, producer.send(new ProducerRecord<>("orders", key, "v")).join().partition(), key);
        }
        assertEquals(0, producer.send(new ProducerRecord<>("orders", null, "v")).join().partition());
        assertEquals(4, producer.send(new ProducerRecord<>("orders", 4, "k", "v")).join().partition());
        assertInstanceOf(UnknownTopicOrPartitionException.class,
                failure(producer.send(new ProducerRecord<>("orders", 6, "k", "v"))));
        assertEquals(6, producer.partitionsFor("orders", T).size());

        MockProducer<String, String> custom = new MockProducer<>(true, false,
                (topic, key, count, availability) -> key == null ? count - 1 : count,
                Serdes.stringSerializer(), Serdes.stringSerializer()).addTopic("t", 3);
        assertEquals(2, custom.send(new ProducerRecord<>("t", "v")).join().partition());
        Throwable outside = failure(custom.send(new ProducerRecord<>("t", "key", "v")));
        assertInstanceOf(PartitionerException.class, outside);
        assertTrue(outside.getMessage().contains("returned partition 3"), outside.getMessage());
        MockProducer<String, String> throwing = new MockProducer<>(true, false, (topic, key, count, availability) -> {
            throw new IllegalStateException("no partition for you");
        }, Serdes.stringSerializer(), Serdes.stringSerializer());
        Throwable thrown = failure(throwing.send(new ProducerRecord<>("t", "v")));
        assertInstanceOf(PartitionerException.class, thrown);
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
        assertTrue(throwing.history().isEmpty(), "a refused record was not sent");
    }

    @Test
    void flushCompletesEverythingAndCloseFlushesOrPurges() {
        MockProducer<String, String> producer = manual();
        CompletableFuture<RecordMetadata> a = producer.send(new ProducerRecord<>("t", "a"));
        producer.flush();
        assertTrue(a.isDone() && !a.isCompletedExceptionally());
        assertEquals(1, producer.flushCount());

        CompletableFuture<RecordMetadata> b = producer.send(new ProducerRecord<>("t", "b"));
        producer.close();
        assertTrue(b.isDone() && !b.isCompletedExceptionally(), "close flushes");
        assertTrue(producer.closed());

        MockProducer<String, String> purged = manual();
        CompletableFuture<RecordMetadata> c = purged.send(new ProducerRecord<>("t", "c"));
        purged.close(Duration.ZERO);
        assertInstanceOf(PurgedException.class, failure(c), "no time to flush: purged, as the real producer does");
        purged.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> purged.send(new ProducerRecord<>("t", "d")));
        assertThrows(IllegalStateException.class, () -> purged.flush(T));
        assertThrows(IllegalStateException.class, () -> purged.partitionsFor("t", T));
        assertTrue(purged.name().startsWith("mock-producer-"), "the name answers after close");

        MockProducer<String, String> p = manual();
        CompletableFuture<RecordMetadata> d = p.send(new ProducerRecord<>("t", "d"));
        p.purge(true, false);
        assertInstanceOf(PurgedException.class, failure(d));
    }

    @Test
    void aFatalErrorFailsPendingSendsAndEverySendAfterIt() {
        MockProducer<String, String> producer = new MockProducer<>(false, true, null, Serdes.stringSerializer(),
                Serdes.stringSerializer());
        producer.initTransactions(T);
        producer.beginTransaction();
        CompletableFuture<RecordMetadata> queued = producer.send(new ProducerRecord<>("t", "queued"));
        producer.triggerFatalError(RdKafka.RD_KAFKA_RESP_ERR_PRODUCER_FENCED, "fenced by a newer instance");
        assertInstanceOf(FatalException.class, failure(queued));
        FatalException thrown = assertThrows(FatalException.class, () -> producer.send(new ProducerRecord<>("t", "x")));
        assertEquals("PRODUCER_FENCED", thrown.codeName());
        assertTrue(thrown.isFatal());
        assertThrows(TransactionFatalException.class, producer::commitTransaction);
        assertThrows(TransactionFatalException.class, producer::abortTransaction);
        producer.close();
        assertThrows(IllegalStateException.class, () -> producer.send(new ProducerRecord<>("t", "closed")));
    }

    @Test
    void transactionsCommitTheirRecordsAndOffsetsAndAbortDropsThem() {
        MockProducer<String, String> plain = manual();
        IllegalStateException notTransactional = assertThrows(IllegalStateException.class, () -> plain.initTransactions(T));
        assertTrue(notTransactional.getMessage().contains("transactional.id"));

        MockProducer<String, String> producer = new MockProducer<>(true, true, null, Serdes.stringSerializer(),
                Serdes.stringSerializer());
        assertThrows(TransactionException.class, producer::beginTransaction, "before initTransactions");
        producer.initTransactions(T);
        assertInstanceOf(KafkaException.class, failure(producer.send(new ProducerRecord<>("out", "outside"))),
                "a transactional producer sends only within a transaction");
        producer.beginTransaction();
        assertThrows(TransactionException.class, producer::beginTransaction, "within a transaction");
        producer.send(new ProducerRecord<>("out", "committed"));
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.of(new TopicPartition("in", 0), new OffsetAndMetadata(5));
        producer.sendOffsetsToTransaction(offsets, new ConsumerGroupMetadata("g", new byte[]{1}), T);
        assertEquals(List.of("committed"), producer.uncommittedRecords().stream().map(ProducerRecord::value).toList());
        assertTrue(producer.history().isEmpty(), "not visible before the commit");
        producer.commitTransaction();
        assertEquals(List.of("committed"), producer.history().stream().map(ProducerRecord::value).toList());
        assertEquals(List.of(offsets), producer.transactionOffsets());
        assertEquals(1, producer.committedTransactions());
        assertFalse(producer.transactionInFlight());

        producer.beginTransaction();
        producer.send(new ProducerRecord<>("out", "aborted"));
        producer.abortTransaction();
        assertEquals(1, producer.history().size(), "an aborted transaction's records are dropped");
        assertEquals(1, producer.abortedTransactions());
        assertThrows(TransactionException.class, producer::commitTransaction, "no transaction open");
    }

    @Test
    void aFailedSendMakesTheTransactionAbortable() {
        MockProducer<String, String> producer = new MockProducer<>(false, true, null, Serdes.stringSerializer(),
                Serdes.stringSerializer());
        producer.initTransactions(T);
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("out", "lost"));
        producer.send(new ProducerRecord<>("out", "kept"));
        producer.errorNext(new KafkaException("broker said no"));
        TransactionAbortableException e = assertThrows(TransactionAbortableException.class, producer::commitTransaction);
        assertTrue(e.txnRequiresAbort());
        assertTrue(producer.transactionInFlight(), "the transaction stays open until aborted");
        producer.abortTransaction();
        assertEquals(0, producer.pendingCount(), "the abort flushed the rest first");
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("out", "again"));
        producer.commitTransaction();
        assertEquals(List.of("again"), producer.history().stream().map(ProducerRecord::value).toList());
    }

    @Test
    void badInputIsRefusedAsTheRealProducerRefusesIt() {
        MockProducer<String, String> producer = manual();
        InvalidTopicException invalid = assertThrows(InvalidTopicException.class,
                () -> producer.send(new ProducerRecord<>("bad topic", "v")));
        assertTrue(invalid.getMessage().contains("bad topic"), invalid.getMessage());
        assertThrows(NullPointerException.class, () -> producer.send(null));
        assertThrows(NullPointerException.class, () -> new ProducerRecord<>(null, "v"));
        assertThrows(IllegalArgumentException.class, () -> new ProducerRecord<>("t", -1, "k", "v"));
        assertThrows(NullPointerException.class, () -> producer.send(new ProducerRecord<>("t", "v"), 0, null));
        MockProducer<String, String> failing = new MockProducer<>(true, Serdes.stringSerializer(), (topic, data) -> {
            throw new IllegalStateException("cannot encode " + data);
        });
        SerializationException se = assertThrows(SerializationException.class,
                () -> failing.send(new ProducerRecord<>("t", "v")));
        assertTrue(se.getMessage().contains("value"), se.getMessage());
        assertTrue(failing.history().isEmpty());
        assertThrows(UnknownTopicOrPartitionException.class, () -> producer.partitionsFor("nowhere", T));
        assertEquals(Map.of("nowhere", "Broker: Unknown topic or partition"),
                producer.metadata("nowhere", T).topicErrors());
        assertThrows(IllegalArgumentException.class, () -> producer.addTopic("t", 0));
        assertThrows(InvalidTopicException.class, () -> producer.addTopic("..", 1));
        assertThrows(IllegalArgumentException.class, () -> producer.setSaslCredentials("", "p"));
        assertThrows(NullPointerException.class,
                () -> new MockProducer<String, String>(true, null, Serdes.stringSerializer()));
        producer.setSaslCredentials("alice", "secret");
        assertEquals("alice", producer.saslUsername());
    }
}

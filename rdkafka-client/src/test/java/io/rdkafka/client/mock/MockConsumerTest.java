package io.rdkafka.client.mock;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerRebalanceListener;
import io.rdkafka.client.ConsumerRecord;
import io.rdkafka.client.ConsumerRecords;
import io.rdkafka.client.Headers;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.RebalanceProtocol;
import io.rdkafka.client.TimestampType;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.CommitFailedException;
import io.rdkafka.client.errors.FatalException;
import io.rdkafka.client.errors.InvalidTopicException;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.TopicAuthorizationException;
import io.rdkafka.client.errors.WakeupException;
import io.rdkafka.ffm.RdKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** What a test of application code sees of {@link MockConsumer}: records, rebalances, commits, wakeups, errors. */
class MockConsumerTest {
    private static final Duration NOW = Duration.ZERO;
    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    /** Records every listener call as "revoked [..]" or "assigned [..]", and what the consumer let it do. */
    private static final class Recording implements ConsumerRebalanceListener {
        final List<String> calls = new ArrayList<>();
        Consumer<?, ?> consumer;

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            calls.add("revoked " + partitions);
            if (consumer != null && !partitions.isEmpty()) consumer.commitSync(); // the usual commit before losing them
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            calls.add("assigned " + partitions);
        }
    }

    @Test
    void pollReturnsTheAssignedPartitionsRecordsFromTheirPositionsOn() {
        MockConsumer<String, String> consumer = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST);
        consumer.assign(List.of(P0));
        consumer.addRecord("orders", 0, "k", "a");
        consumer.addRecord("orders", 0, "k", "b");
        consumer.addRecord("orders", 1, "k", "not assigned");
        ConsumerRecords<String, String> first = consumer.poll(NOW);
        assertEquals(List.of("a", "b"), first.records(P0).stream().map(ConsumerRecord::value).toList());
        assertEquals(2, consumer.position(P0));
        assertTrue(consumer.poll(NOW).isEmpty(), "each record once");
        consumer.seek(P0, 1);
        assertEquals(List.of("b"), consumer.poll(NOW).records(P0).stream().map(ConsumerRecord::value).toList());
        consumer.seekToBeginning(List.of());
        assertEquals(2, consumer.poll(NOW).count());
        assertEquals(Map.of(P0, 2L), consumer.endOffsets(List.of(P0), NOW));
        assertEquals(Map.of(P0, 0L), consumer.beginningOffsets(List.of(P0), NOW));
        assertEquals(0, consumer.currentLag(P0).getAsLong());

        consumer.pause(List.of(P0));
        consumer.addRecord("orders", 0, "k", "c");
        assertTrue(consumer.poll(NOW).isEmpty(), "a paused partition returns nothing");
        assertEquals(Set.of(P0), consumer.paused());
        assertEquals(1, consumer.currentLag(P0).getAsLong());
        consumer.resume(List.of(P0));
        assertEquals("c", consumer.poll(NOW).iterator().next().value());
    }

    @Test
    void aPartitionStartsAtItsCommittedOffsetElseWhereTheResetPolicyPoints() {
        MockConsumer<String, String> latest = new MockConsumer<>(MockConsumer.OffsetReset.LATEST);
        latest.addRecord("orders", 0, "k", "old");
        latest.assign(List.of(P0, P1));
        latest.commitSync(Map.of(P1, new OffsetAndMetadata(0)));
        latest.addRecord("orders", 1, "k", "committed from 0");
        assertEquals(1, latest.position(P0), "latest: after what was there");
        latest.addRecord("orders", 0, "k", "new");
        ConsumerRecords<String, String> r = latest.poll(NOW);
        assertEquals(List.of("new"), r.records(P0).stream().map(ConsumerRecord::value).toList());
        assertEquals(List.of("committed from 0"), r.records(P1).stream().map(ConsumerRecord::value).toList());

        MockConsumer<String, String> earliest = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST);
        earliest.updateBeginningOffsets(Map.of(P0, 10L));
        earliest.assign(List.of(P0));
        assertEquals(10, earliest.position(P0));
    }

    @Test
    void maxPollRecordsBoundsAPoll() {
        MockConsumer<String, String> consumer = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST, "g",
                Consumer.Options.defaults().withMaxPollRecords(3), RebalanceProtocol.EAGER);
        consumer.assign(List.of(P0));
        for (int i = 0; i < 5; i++) consumer.addRecord("orders", 0, null, "v" + i);
        assertEquals(3, consumer.poll(NOW).count());
        assertEquals(2, consumer.poll(NOW).count());
    }

    @Test
    void aRebalanceRunsTheListenerInsideTheNextPollEagerly() {
        MockConsumer<String, String> consumer = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST);
        Recording listener = new Recording();
        listener.consumer = consumer;
        consumer.subscribe(List.of("orders"), listener);
        assertEquals(Set.of("orders"), consumer.subscription());
        assertEquals(RebalanceProtocol.NONE, consumer.rebalanceProtocol());
        consumer.rebalance(List.of(P0, P1));
        assertTrue(listener.calls.isEmpty(), "not before a poll");
        consumer.addRecord("orders", 0, "k", "a");
        assertEquals(1, consumer.poll(NOW).count());
        assertEquals(List.of("revoked []", "assigned [orders-0, orders-1]"), listener.calls);
        assertEquals(Set.of(P0, P1), consumer.assignment());
        assertEquals(RebalanceProtocol.EAGER, consumer.rebalanceProtocol());

        consumer.rebalance(List.of(P1));
        consumer.poll(NOW);
        assertEquals(List.of("revoked []", "assigned [orders-0, orders-1]", "revoked [orders-0, orders-1]",
                "assigned [orders-1]"), listener.calls);
        assertEquals(Map.of(P0, new OffsetAndMetadata(1)), consumer.commits().getLast(),
                "the listener's commitSync committed what was consumed before the partition went");
        assertThrows(IllegalStateException.class, () -> consumer.position(P0), "no longer assigned");

        consumer.close();
        assertEquals("revoked [orders-1]", listener.calls.getLast(), "close leaves the group through the listener");
    }

    @Test
    void theCooperativeProtocolRevokesAndAssignsOnlyWhatChanges() {
        MockConsumer<String, String> consumer = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST, "g",
                Consumer.Options.defaults(), RebalanceProtocol.COOPERATIVE);
        Recording listener = new Recording();
        consumer.subscribe(List.of("orders"), listener);
        consumer.rebalance(List.of(P0));
        consumer.poll(NOW);
        consumer.rebalance(List.of(P0, P1));
        consumer.poll(NOW);
        consumer.rebalance(List.of(P1));
        consumer.poll(NOW);
        assertEquals(List.of("assigned [orders-0]", "assigned [orders-1]", "revoked [orders-0]", "assigned []"),
                listener.calls);
        assertEquals(RebalanceProtocol.COOPERATIVE, consumer.rebalanceProtocol());
    }

    @Test
    void aListenerThatThrowsFailsThePollAfterTheRebalanceIsDone() {
        MockConsumer<String, String> consumer = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST);
        consumer.subscribe(List.of("orders"), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                throw new IllegalStateException("cannot load state");
            }
        });
        consumer.rebalance(List.of(P0));
        KafkaException e = assertThrows(KafkaException.class, () -> consumer.poll(NOW));
        assertTrue(e.getMessage().contains("onPartitionsAssigned"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(Set.of(P0), consumer.assignment());
    }

    @Test
    void commitsAreKeptAndReadBack() {
        MockConsumer<String, String> consumer = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST);
        consumer.assign(List.of(P0));
        consumer.addRecord("orders", 0, "k", "a");
        consumer.addRecord("orders", 0, "k", "b");
        consumer.poll(NOW);
        consumer.commitSync();
        assertEquals(Map.of(P0, new OffsetAndMetadata(2)), consumer.committed(Set.of(P0, P1)));
        List<Object> heard = new ArrayList<>();
        consumer.commitAsync(Map.of(P0, new OffsetAndMetadata(1, "meta")), (offsets, e) -> heard.add(offsets));
        assertTrue(heard.isEmpty(), "the callback runs inside a later call");
        consumer.poll(NOW);
        assertEquals(List.of(Map.of(P0, new OffsetAndMetadata(1, "meta"))), heard);
        assertEquals("meta", consumer.committed(Set.of(P0)).get(P0).metadata());
        assertEquals(2, consumer.commits().size());

        consumer.setCommitException(new CommitFailedException(KafkaError.of(
                RdKafka.RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS, "the group rebalanced")));
        assertThrows(CommitFailedException.class, () -> consumer.commitSync(Map.of(P0, new OffsetAndMetadata(2))));
        assertEquals(1, consumer.committed(Set.of(P0)).get(P0).offset(), "a failed commit commits nothing");

        consumer.storeOffsets(Map.of(P0, new OffsetAndMetadata(7)));
        consumer.commitSync();
        assertEquals(7, consumer.committed(Set.of(P0)).get(P0).offset());

        MockConsumer<String, String> noGroup = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST, null,
                Consumer.Options.defaults(), RebalanceProtocol.EAGER);
        IllegalStateException e = assertThrows(IllegalStateException.class, noGroup::commitSync);
        assertTrue(e.getMessage().contains("group.id"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> noGroup.subscribe(List.of("orders")));
    }

    @Test
    void wakeupEndsAWaitingPollFromAnotherThreadWithWakeupException() throws Exception {
        MockConsumer<String, String> consumer = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST);
        consumer.assign(List.of(P0));
        consumer.wakeup();
        assertThrows(WakeupException.class, () -> consumer.poll(NOW), "the next poll throws");
        assertTrue(consumer.poll(NOW).isEmpty(), "once");

        CompletableFuture<Throwable> polled = CompletableFuture.supplyAsync(() -> {
            try {
                consumer.poll(Duration.ofSeconds(30));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(100);
        assertThrows(ConcurrentModificationException.class, consumer::assignment, "another thread is polling");
        long start = System.nanoTime();
        consumer.wakeup();
        assertInstanceOf(WakeupException.class, polled.get(10, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "promptly");
        consumer.wakeup();
        assertThrows(WakeupException.class, consumer::commitSync, "commitSync hears it too");
    }

    @Test
    void aRecordAddedFromAnotherThreadEndsTheWaitAndCloseEndsItWithIllegalState() throws Exception {
        MockConsumer<String, String> consumer = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST);
        consumer.assign(List.of(P0));
        CompletableFuture<ConsumerRecords<String, String>> polled =
                CompletableFuture.supplyAsync(() -> consumer.poll(Duration.ofSeconds(30)));
        Thread.sleep(50);
        consumer.addRecord("orders", 0, "k", "late");
        assertEquals(1, polled.get(10, TimeUnit.SECONDS).count());

        CompletableFuture<ConsumerRecords<String, String>> waiting =
                CompletableFuture.supplyAsync(() -> consumer.poll(Duration.ofSeconds(30)));
        Thread.sleep(50);
        consumer.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(consumer.closed());
        for (Runnable call : List.<Runnable>of(() -> consumer.poll(NOW), consumer::commitSync, consumer::wakeup,
                consumer::assignment, () -> consumer.seek(P0, 0), () -> consumer.subscribe(List.of("orders")))) {
            assertThrows(IllegalStateException.class, call::run);
        }
        consumer.close(); // idempotent
    }

    @Test
    void closeFromAnotherThreadRunsTheFinalRevokeThereWhileThePollFails() throws Exception {
        MockConsumer<String, String> consumer = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST);
        Recording listener = new Recording();
        listener.consumer = consumer; // commits in onPartitionsRevoked, on the closing thread
        consumer.subscribe(List.of("orders"), listener);
        consumer.rebalance(List.of(P0));
        consumer.addRecord("orders", 0, "k", "a");
        assertEquals(1, consumer.poll(NOW).count());
        CompletableFuture<ConsumerRecords<String, String>> waiting =
                CompletableFuture.supplyAsync(() -> consumer.poll(Duration.ofSeconds(30)));
        Thread.sleep(50);
        consumer.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("revoked [orders-0]", listener.calls.getLast());
        assertEquals(List.of(Map.of(P0, new OffsetAndMetadata(1))), consumer.commits(),
                "the listener's commit on the closing thread went through");
    }

    @Test
    void pollExceptionsAndFatalErrorsAreThrownAsTheTestSetThemUp() {
        MockConsumer<String, String> consumer = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST);
        consumer.assign(List.of(P0));
        TopicAuthorizationException denied = new TopicAuthorizationException(KafkaError.of(
                RdKafka.RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, "not allowed to read orders"));
        consumer.setPollException(denied);
        assertSame(denied, assertThrows(TopicAuthorizationException.class, () -> consumer.poll(NOW)));
        assertTrue(consumer.poll(NOW).isEmpty(), "once");
        consumer.triggerFatalError(RdKafka.RD_KAFKA_RESP_ERR_FENCED_INSTANCE_ID, "another instance took the id");
        FatalException fatal = assertThrows(FatalException.class, () -> consumer.poll(NOW));
        assertEquals("FENCED_INSTANCE_ID", fatal.codeName());
        assertThrows(FatalException.class, () -> consumer.poll(NOW), "for good");
        assertThrows(FatalException.class, () -> consumer.commitSync(Map.of(P0, new OffsetAndMetadata(0))));
        consumer.close();
    }

    @Test
    void badInputIsRefusedAsTheRealConsumerRefusesIt() {
        MockConsumer<String, String> consumer = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST);
        assertThrows(NullPointerException.class, () -> new TopicPartition(null, 0));
        assertThrows(NullPointerException.class, () -> consumer.assign(null));
        assertThrows(IllegalArgumentException.class, () -> consumer.assign(List.of(new TopicPartition("orders", -1))));
        assertThrows(InvalidTopicException.class, () -> consumer.assign(List.of(new TopicPartition("a b", 0))));
        assertThrows(IllegalArgumentException.class, () -> consumer.subscribe(java.util.Arrays.asList("orders", null)));
        assertThrows(InvalidTopicException.class, () -> consumer.subscribe(List.of("orders!")));
        consumer.assign(List.of(P0));
        assertThrows(IllegalStateException.class, () -> consumer.subscribe(List.of("orders")),
                "subscribe and assign are mutually exclusive");
        IllegalStateException notAssigned = assertThrows(IllegalStateException.class, () -> consumer.seek(P1, 0));
        assertTrue(notAssigned.getMessage().contains("orders-1"), notAssigned.getMessage());
        assertThrows(IllegalStateException.class, () -> consumer.pause(List.of(P1)));
        assertThrows(IllegalArgumentException.class, () -> consumer.seek(P0, -1));
        assertThrows(IllegalArgumentException.class, () -> consumer.offsetsForTimes(Map.of(P0, -5L), NOW));
        assertThrows(IllegalArgumentException.class, () -> consumer.addRecord("orders", -1, "k", "v"));
        consumer.addRecord(new ConsumerRecord<>("orders", 0, 5, "k", "v"));
        IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
                () -> consumer.addRecord(new ConsumerRecord<>("orders", 0, 5, "k", "again")));
        assertTrue(backwards.getMessage().contains("orders-0"), backwards.getMessage());
        assertThrows(IllegalStateException.class, () -> consumer.rebalance(List.of(P0)), "not subscribed");
        assertThrows(UnsupportedOperationException.class, () -> consumer.pollBatch(NOW));
        assertThrows(io.rdkafka.client.errors.UnknownTopicOrPartitionException.class,
                () -> consumer.partitionsFor("nowhere", NOW));
        consumer.addTopic("orders", 2);
        assertEquals(2, consumer.partitionsFor("orders", NOW).size());
    }

    @Test
    void offsetsForTimesFindsTheFirstRecordAtOrAfterTheTimestamp() {
        MockConsumer<String, String> consumer = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST);
        for (int i = 0; i < 3; i++) {
            consumer.addRecord(new ConsumerRecord<>("orders", 0, i, 1000L * (i + 1), TimestampType.CREATE_TIME, -1, -1,
                    "k", "v" + i, Headers.empty(), Optional.empty()));
        }
        assertEquals(Map.of(P0, 1L), consumer.offsetsForTimes(Map.of(P0, 1500L), NOW));
        assertEquals(2000L, consumer.offsetsForTimesWithMetadata(Map.of(P0, 1500L), NOW).get(P0).timestamp());
        assertEquals(Map.of(), consumer.offsetsForTimes(Map.of(P0, 5000L), NOW), "after the last record: absent");
    }
}

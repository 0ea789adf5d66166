package io.rdkafka.client.mock;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerRebalanceListener;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.RecordMetadata;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.FatalException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.RecordTooLargeException;
import io.rdkafka.ffm.RdKafkaLibrary;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.rdkafka.ffm.RdKafka.RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The mock cluster's knobs no other test turned, each through what a client then sees: cleared request errors no
 * longer fail requests, an API version taken away makes an idempotent producer fail fatally, a coordinator on a
 * broker that is down keeps transactions from starting, and broker racks steer rack-aware assignment.
 */
class MockClusterKnobsTest {
    private static KafkaConfig.Builder producerConfig(MockCluster mock) {
        return mock.clientConfig().linger(Duration.ofMillis(1)).set("message.timeout.ms", "5000");
    }

    @Test
    void clearedRequestErrorsNoLongerFailRequests() throws Exception {
        try (MockCluster mock = MockCluster.start(1)) {
            mock.createTopic("cleared", 1, 1);
            try (var p = Producer.create(producerConfig(mock).build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
                p.send(new ProducerRecord<>("cleared", "k", "warm-up")).get(10, TimeUnit.SECONDS);
                mock.pushRequestErrors(MockCluster.ApiKey.PRODUCE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
                        RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
                var first = p.send(new ProducerRecord<>("cleared", "k", "refused"));
                var e = assertThrows(ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));
                assertInstanceOf(RecordTooLargeException.class, e.getCause(), "the first pushed error");
                mock.clearRequestErrors(MockCluster.ApiKey.PRODUCE); // the second one is dropped
                assertEquals(2, p.send(new ProducerRecord<>("cleared", "k", "accepted")).get(10, TimeUnit.SECONDS)
                        .offset() + 1, "delivered after the warm-up record (the refused one took no offset)");
            }
        }
    }

    @Test
    void withoutInitProducerIdAnIdempotentProducerFailsFatally() throws Exception {
        try (MockCluster mock = MockCluster.start(1)) {
            mock.createTopic("no-pid", 1, 1);
            mock.setApiVersion(MockCluster.ApiKey.INIT_PRODUCER_ID, -1, -1);
            List<KafkaException> errors = new CopyOnWriteArrayList<>();
            try (var p = Producer.create(producerConfig(mock).enableIdempotence(true).build(),
                    Serdes.stringSerializer(), Serdes.stringSerializer(),
                    ClientListeners.builder().onError(errors::add).build())) {
                CompletableFuture<RecordMetadata> f = null;
                try {
                    f = p.send(new ProducerRecord<>("no-pid", "k", "v"));
                } catch (FatalException early) {
                    // the refused InitProducerId can come back before this first send (2.8 answers that fast)
                    errors.add(early);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (errors.stream().noneMatch(KafkaException::isFatal) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                KafkaException fatal = errors.stream().filter(KafkaException::isFatal).findFirst()
                        .orElseThrow(() -> new AssertionError("no fatal error; errors: " + errors));
                assertTrue(fatal.getMessage().toLowerCase().contains("idempoten"), fatal.getMessage());
                assertThrows(FatalException.class, () -> p.send(new ProducerRecord<>("no-pid", "k", "v2")));
                p.close(Duration.ofSeconds(5));
                assertTrue(f == null || f.isCompletedExceptionally(), "the queued record failed");
            }
        }
    }

    @Test
    void aTransactionCoordinatorOnABrokerThatIsDownKeepsTransactionsFromStarting() throws Exception {
        try (MockCluster mock = MockCluster.start(2)) {
            mock.setCoordinator("transaction", "txn-on-2", 2);
            mock.setCoordinator("transaction", "txn-on-1", 1);
            mock.brokerDown(2);
            try (var p = Producer.create(producerConfig(mock).transactionalId("txn-on-1").build(),
                    Serdes.stringSerializer(), Serdes.stringSerializer())) {
                p.initTransactions(Duration.ofSeconds(15));
            }
            try (var p = Producer.create(producerConfig(mock).transactionalId("txn-on-2").build(),
                    Serdes.stringSerializer(), Serdes.stringSerializer())) {
                KafkaException e = assertThrows(KafkaException.class, () -> p.initTransactions(Duration.ofSeconds(3)));
                assertTrue(e.isRetriable() || e.codeName().contains("TIMED_OUT"), "coordinator down: " + e);
                mock.brokerUp(2);
                p.initTransactions(Duration.ofSeconds(15)); // retried once it is back
            }
        }
    }

    /**
     * With every member and broker in a rack, librdkafka 2.3.0 and newer assign a member the partitions whose
     * replicas are in its own rack (KIP-881); older ones ignore racks. Partition 0 lives on broker 1 (rack
     * "east"), partition 1 on broker 2 ("west"); each consumer's client.rack names the other order than the
     * member ids would.
     */
    @Test
    void brokerRacksSteerRackAwareAssignment() throws Exception {
        assumeTrue(RdKafkaLibrary.isAtLeast(2, 3, 0), "rack-aware assignment needs librdkafka 2.3.0");
        try (MockCluster mock = MockCluster.start(2)) {
            mock.createTopic("racked", 2, 1);
            mock.setPartitionLeader("racked", 0, 1);
            mock.setPartitionLeader("racked", 1, 2);
            mock.setBrokerRack(1, "east");
            mock.setBrokerRack(2, "west");
            String group = "racks-" + System.nanoTime();
            var assigned = new ConcurrentHashMap<String, Set<TopicPartition>>();
            KafkaConfig.Builder base = mock.clientConfig().groupId(group).set("partition.assignment.strategy", "range")
                    .set("session.timeout.ms", "6000").set("heartbeat.interval.ms", "200");
            try (var west = Consumer.create(base.set("client.rack", "west").build(), Serdes.stringDeserializer(),
                    Serdes.stringDeserializer());
                 var east = Consumer.create(base.set("client.rack", "east").build(), Serdes.stringDeserializer(),
                         Serdes.stringDeserializer())) {
                west.subscribe(List.of("racked"), tracker(assigned, "west"));
                east.subscribe(List.of("racked"), tracker(assigned, "east"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                while (System.nanoTime() < deadline && !(west.assignment().size() == 1 && east.assignment().size() == 1)) {
                    west.poll(Duration.ofMillis(50));
                    east.poll(Duration.ofMillis(50));
                }
                assertEquals(Set.of(new TopicPartition("racked", 1)), west.assignment(), "west's replica is on broker 2");
                assertEquals(Set.of(new TopicPartition("racked", 0)), east.assignment(), "east's replica is on broker 1");
            }
        }
    }

    private static ConsumerRebalanceListener tracker(ConcurrentHashMap<String, Set<TopicPartition>> m, String who) {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                m.put(who, Set.copyOf(partitions));
            }
        };
    }
}

package io.rdkafka.client.reliability;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.Consumer;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.GroupAuthorizationException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.TopicAuthorizationException;
import io.rdkafka.client.errors.TransactionalIdAuthorizationException;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import io.rdkafka.testkit.ListenerKind;
import io.rdkafka.testkit.SaslMechanism;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * With the broker's authorizer on, a principal lacking a permission gets the typed exception from the call it
 * makes, promptly: no WRITE on the topic → the send future fails with TopicAuthorizationException; no READ
 * on the topic → poll throws TopicAuthorizationException; no READ on the group → poll throws
 * GroupAuthorizationException (commitSync only times out: librdkafka reports the coordinator lookup failure to
 * the consumer queue alone); no WRITE on the transactional id → TransactionalIdAuthorizationException.
 * SASL PLAIN: SCRAM does not work between librdkafka 2.0.2 and Kafka 4 (see {@link SecurityIT}).
 */
@KafkaTest(listeners = {ListenerKind.SSL, ListenerKind.SASL_PLAINTEXT, ListenerKind.SASL_SSL, ListenerKind.OAUTHBEARER},
        authorizer = true, saslUsers = {"alice:alice-secret", "bob:bob-secret", "carol:carol-secret", "dave:dave-secret"})
class AuthorizationIT {
    /** How long a typed authorization error may take to show (metadata and group round trips: well under). */
    static final Duration PROMPT = Duration.ofSeconds(15);
    static final String TOPIC = "acl-" + System.nanoTime();

    @BeforeAll
    static void acls(KafkaCluster cluster) throws Exception {
        cluster.createTopic(TOPIC, 1, 1);
        // bob: nothing at all. carol: may read the topic, not the group. dave: may use the group, not read the topic.
        cluster.addAcl("User:carol", ResourceType.TOPIC, TOPIC, AclOperation.READ, AclOperation.DESCRIBE);
        cluster.addAcl("User:dave", ResourceType.GROUP, "*", AclOperation.READ);
        cluster.addAcl("User:dave", ResourceType.TOPIC, TOPIC, AclOperation.DESCRIBE);
        try (var p = Producer.create(KafkaConfig.builder().setAll(cluster.librdkafkaConfig(ListenerKind.PLAINTEXT)).build(),
                Serdes.stringSerializer(), Serdes.stringSerializer())) {
            p.send(new ProducerRecord<>(TOPIC, "k", "v")).get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaConfig as(KafkaCluster cluster, String user) {
        return KafkaConfig.builder().setAll(cluster.librdkafkaConfig(ListenerKind.SASL_PLAINTEXT, SaslMechanism.PLAIN,
                user, user + "-secret")).set("message.timeout.ms", "10000").set("auto.offset.reset", "earliest")
                .closeTimeout(Duration.ofSeconds(3)).build();
    }

    @Test
    void withoutWriteTheSendFutureFailsWithTopicAuthorization(KafkaCluster cluster) throws Exception {
        long t0 = System.nanoTime();
        try (var p = Producer.create(as(cluster, "bob"), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            Throwable cause = SecurityIT.failure(p.send(new ProducerRecord<>(TOPIC, "k", "v")), PROMPT.toMillis());
            assertInstanceOf(TopicAuthorizationException.class, cause);
            assertTrue(cause.getMessage().contains(TOPIC), cause.getMessage());
        }
        report("send without WRITE", t0);
    }

    @Test
    void withoutTopicReadPollThrowsTopicAuthorization(KafkaCluster cluster) throws Exception {
        long t0 = System.nanoTime();
        try (var c = Consumer.create(as(cluster, "dave").toBuilder().groupId("acl-dave-" + System.nanoTime()).build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            c.subscribe(List.of(TOPIC));
            KafkaException e = pollUntilThrows(c);
            assertInstanceOf(TopicAuthorizationException.class, e);
            assertTrue(e.getMessage().contains(TOPIC), e.getMessage());
        }
        report("subscribe without topic READ", t0);
        t0 = System.nanoTime();
        try (var c = Consumer.create(as(cluster, "dave"), Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            c.assign(List.of(new TopicPartition(TOPIC, 0)));
            c.seek(new TopicPartition(TOPIC, 0), 0);
            KafkaException e = pollUntilThrows(c);
            assertInstanceOf(TopicAuthorizationException.class, e);
        }
        report("assign without topic READ", t0);
    }

    @Test
    void withoutGroupReadPollAndCommitThrowGroupAuthorization(KafkaCluster cluster) throws Exception {
        String group = "acl-carol-" + System.nanoTime();
        long t0 = System.nanoTime();
        List<KafkaException> listened = new CopyOnWriteArrayList<>();
        try (var c = Consumer.create(as(cluster, "carol").toBuilder().groupId(group).build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer(),
                ClientListeners.builder().onError(listened::add).build())) {
            c.subscribe(List.of(TOPIC));
            KafkaException e = pollUntilThrows(c);
            assertInstanceOf(GroupAuthorizationException.class, e, "listener heard: " + listened);
            assertTrue(e.getMessage().contains(group), e.getMessage());
        }
        report("subscribe without group READ", t0);
        t0 = System.nanoTime();
        var c = Consumer.create(as(cluster, "carol").toBuilder().groupId(group).build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer());
        try {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            c.assign(List.of(tp));
            // librdkafka keeps a commit waiting for a coordinator the principal may not look up, and reports the
            // GroupAuthorizationException on the consumer queue (poll) only: commitSync ends at its timeout
            long start = System.nanoTime();
            KafkaException e = assertThrows(KafkaException.class,
                    () -> c.commitSync(Map.of(tp, new OffsetAndMetadata(1)), Duration.ofSeconds(3)));
            assertTrue(e instanceof GroupAuthorizationException || e instanceof io.rdkafka.client.errors.TimeoutException,
                    e.toString());
            assertTrue(SecurityIT.elapsedMs(start) < 5_000, "commitSync took " + SecurityIT.elapsedMs(start) + " ms");
            assertInstanceOf(GroupAuthorizationException.class, pollUntilThrows(c));
            report("commit without group READ", t0);
        } finally {
            // the timed-out commit stays queued in librdkafka for session.timeout.ms (45 s), and rd_kafka_destroy
            // waits for it: close must still return in about its closeTimeout (3 s)
            long closing = System.nanoTime();
            c.close();
            report("close (closeTimeout 3 s) of the consumer refused its group", closing);
            assertTrue(SecurityIT.elapsedMs(closing) < 6_000, "close took " + SecurityIT.elapsedMs(closing) + " ms");
        }
    }

    @Test
    void withoutTransactionalIdWriteInitTransactionsThrows(KafkaCluster cluster) {
        try (var p = Producer.create(as(cluster, "carol").toBuilder().transactionalId("acl-txn-" + System.nanoTime())
                .build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            KafkaException e = assertThrows(KafkaException.class, () -> p.initTransactions(PROMPT));
            assertInstanceOf(TransactionalIdAuthorizationException.class, e);
            assertTrue(e.isFatal(), "librdkafka treats it as fatal: " + e);
        }
    }

    private static KafkaException pollUntilThrows(Consumer<String, String> c) {
        long deadline = System.nanoTime() + PROMPT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                assertTrue(c.poll(Duration.ofMillis(200)).isEmpty(), "records without permission");
            } catch (KafkaException e) {
                return e;
            }
        }
        throw new AssertionError("poll did not throw within " + PROMPT);
    }

    private static void report(String what, long t0) {
        // t0 to after close: the close of a consumer refused by the broker must stay bounded too
        System.out.printf("authorization: %s: %d ms%n", what, SecurityIT.elapsedMs(t0));
    }
}

package io.rdkafka.client.reliability;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.Consumer;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.RecordMetadata;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.admin.Admin;
import io.rdkafka.client.errors.AuthenticationException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import io.rdkafka.testkit.ListenerKind;
import io.rdkafka.testkit.SaslMechanism;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SASL credentials replaced on a running client ({@code setSaslCredentials}): a producer, a consumer and an admin
 * client started with a wrong password fail authentication, then connect and work once the right password is set,
 * without being recreated. SASL PLAIN (SCRAM cannot authenticate to this broker before librdkafka 2.6.1, see
 * {@link SecurityIT}). Same cluster options as {@link SecurityIT}, so the clusters are shared.
 */
@KafkaTest(listeners = {ListenerKind.SSL, ListenerKind.SASL_PLAINTEXT, ListenerKind.SASL_SSL, ListenerKind.OAUTHBEARER},
        authorizer = true, saslUsers = {"alice:alice-secret", "bob:bob-secret", "carol:carol-secret", "dave:dave-secret"})
class SaslCredentialsIT {
    @BeforeAll
    static void aliceMayUseEverything(KafkaCluster cluster) {
        cluster.addAcl("User:alice", ResourceType.TOPIC, "*", AclOperation.ALL);
        cluster.addAcl("User:alice", ResourceType.GROUP, "*", AclOperation.ALL);
    }

    private static KafkaConfig wrongPassword(KafkaCluster cluster) {
        return KafkaConfig.builder().setAll(cluster.librdkafkaConfig(ListenerKind.SASL_PLAINTEXT, SaslMechanism.PLAIN,
                "alice", "not-alice-secret")).set("reconnect.backoff.max.ms", "1000").closeTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("no " + what + " within " + timeout);
            Thread.sleep(20);
        }
    }

    private static boolean authFailed(List<KafkaException> errors) {
        return errors.stream().anyMatch(e -> e instanceof AuthenticationException);
    }

    @Test
    void aProducerWithAWrongPasswordDeliversOnceTheRightOneIsSet(KafkaCluster cluster) throws Exception {
        String topic = "sasl-rotate-" + System.nanoTime();
        cluster.createTopic(topic, 1, 1);
        List<KafkaException> errors = new CopyOnWriteArrayList<>();
        try (var p = Producer.create(wrongPassword(cluster), Serdes.stringSerializer(), Serdes.stringSerializer(),
                ClientListeners.builder().onError(errors::add).build())) {
            CompletableFuture<RecordMetadata> f = p.send(new ProducerRecord<>(topic, "k", "queued before"));
            await("authentication failure", Duration.ofSeconds(10), () -> authFailed(errors));
            assertFalse(f.isDone(), "the record waits (message.timeout.ms) while authentication fails");
            p.setSaslCredentials("alice", "alice-secret");
            RecordMetadata md = f.get(30, TimeUnit.SECONDS);
            assertEquals(0, md.offset());
            assertEquals(1, p.send(new ProducerRecord<>(topic, "k", "after")).get(30, TimeUnit.SECONDS).offset());
        }
        var read = ReadBack.readAll(cluster.librdkafkaConfig(ListenerKind.SASL_PLAINTEXT, SaslMechanism.PLAIN, "alice",
                "alice-secret"), topic, 1, "read_committed", Duration.ofSeconds(30));
        assertEquals(List.of("queued before", "after"), read.stream().map(r -> r.value()).toList());
    }

    @Test
    void aConsumerWithAWrongPasswordConsumesOnceTheRightOneIsSet(KafkaCluster cluster) throws Exception {
        String topic = "sasl-rotate-c-" + System.nanoTime();
        cluster.createTopic(topic, 1, 1);
        try (var p = Producer.create(KafkaConfig.builder().setAll(cluster.librdkafkaConfig(ListenerKind.SASL_PLAINTEXT,
                SaslMechanism.PLAIN, "alice", "alice-secret")).build(), Serdes.stringSerializer(), Serdes.stringSerializer())) {
            p.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
        }
        List<KafkaException> errors = new CopyOnWriteArrayList<>();
        KafkaConfig config = wrongPassword(cluster).toBuilder().groupId("sasl-rotate-" + System.nanoTime())
                .set("auto.offset.reset", "earliest").build();
        try (var c = Consumer.create(config, Serdes.stringDeserializer(), Serdes.stringDeserializer(),
                ClientListeners.builder().onError(errors::add).build())) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!authFailed(errors) && System.nanoTime() < until) {
                assertTrue(c.poll(Duration.ofMillis(100)).isEmpty(), "a record read with a wrong password");
            }
            assertTrue(authFailed(errors), "no authentication failure reported: " + errors);
            // from another thread than the polling one: the call is thread-safe
            Thread t = Thread.ofPlatform().start(() -> c.setSaslCredentials("alice", "alice-secret"));
            t.join();
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(200))) values.add(r.value());
            }
            assertEquals(List.of("v"), values);
        }
    }

    @Test
    void anAdminClientWithAWrongPasswordWorksOnceTheRightOneIsSet(KafkaCluster cluster) throws Exception {
        List<KafkaException> errors = new CopyOnWriteArrayList<>();
        try (Admin admin = Admin.create(wrongPassword(cluster), ClientListeners.builder().onError(errors::add).build())) {
            var refused = admin.listTopics(); // a request makes the client connect
            await("authentication failure", Duration.ofSeconds(10), () -> authFailed(errors));
            assertFalse(refused.isDone() && !refused.isCompletedExceptionally(), "listed topics unauthenticated");
            admin.setSaslCredentials("alice", "alice-secret");
            String topic = "sasl-rotate-a-" + System.nanoTime();
            cluster.createTopic(topic, 1, 1);
            var listed = admin.listTopics().get(30, TimeUnit.SECONDS);
            assertTrue(listed.stream().anyMatch(l -> l.name().equals(topic)), "listed: " + listed);
        }
    }
}

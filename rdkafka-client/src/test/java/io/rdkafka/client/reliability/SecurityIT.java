package io.rdkafka.client.reliability;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerRecords;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.RecordMetadata;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.admin.Admin;
import io.rdkafka.client.admin.AdminOptions;
import io.rdkafka.client.errors.AuthenticationException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.ffm.RdKafkaLibrary;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import io.rdkafka.testkit.ListenerKind;
import io.rdkafka.testkit.SaslMechanism;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * TLS, SASL (PLAIN, SCRAM-SHA-512) and OAUTHBEARER against a real broker: the right credentials work, wrong
 * ones fail fast with a typed {@link AuthenticationException} through the error listener and a failed future
 * (never an endless silent retry), hostname verification is on by default, and the OAUTHBEARER token provider
 * is called again before its token expires. One cluster with every listener (shared with
 * {@link AuthorizationIT} and {@link SecretsIT}, which use the same options).
 */
@KafkaTest(listeners = {ListenerKind.SSL, ListenerKind.SASL_PLAINTEXT, ListenerKind.SASL_SSL, ListenerKind.OAUTHBEARER},
        authorizer = true, saslUsers = {"alice:alice-secret", "bob:bob-secret", "carol:carol-secret", "dave:dave-secret"})
class SecurityIT {
    /** A failed authentication must reach the error listener within this (librdkafka fails the handshake at once). */
    static final Duration FAST = Duration.ofSeconds(5);
    static final int MESSAGE_TIMEOUT_MS = 4000;

    @BeforeAll
    static void aliceMayUseEverything(KafkaCluster cluster) {
        cluster.addAcl("User:alice", ResourceType.TOPIC, "*", AclOperation.ALL);
        cluster.addAcl("User:alice", ResourceType.GROUP, "*", AclOperation.ALL);
    }

    // ---- TLS ----------------------------------------------------------------------------------------

    @Test
    void tlsWithTheGeneratedCaProducesAndConsumesWithHostnameVerificationOn(KafkaCluster cluster) throws Exception {
        Map<String, String> conn = cluster.librdkafkaConfig(ListenerKind.SSL);
        assertEquals(cluster.caCertPemPath().toString(), conn.get("ssl.ca.location"));
        KafkaConfig config = KafkaConfig.builder().setAll(conn).build();
        assertEquals("https", config.dump().global().get("ssl.endpoint.identification.algorithm"),
                "hostname verification must stay on by default");
        roundTrip(cluster, conn);
    }

    @Test
    void tlsWithAWrongCaFailsTheHandshakeFastWithATypedError(KafkaCluster cluster) throws Exception {
        Map<String, String> conn = new LinkedHashMap<>(cluster.librdkafkaConfig(ListenerKind.SSL));
        conn.put("ssl.ca.location", cluster.wrongCaCertPemPath().toString());
        assertFailsFast(cluster, conn, "SSL");
    }

    // ---- SASL ---------------------------------------------------------------------------------------

    /**
     * librdkafka before 2.6.1 computes SCRAM proofs that Kafka 4.0+ brokers (the test kit runs 4.1) reject
     * (librdkafka #4895): there the right password must fail fast too, with an error saying why.
     */
    @Test
    void scramSha512OverTlsWithTheRightPassword(KafkaCluster cluster) throws Exception {
        Map<String, String> conn = cluster.librdkafkaConfig(ListenerKind.SASL_SSL, SaslMechanism.SCRAM_SHA_512,
                "alice", "alice-secret");
        if (RdKafkaLibrary.isAtLeast(2, 6, 1)) {
            roundTrip(cluster, conn);
            return;
        }
        AuthenticationException e = assertFailsFast(cluster, conn, "SCRAM");
        assertTrue(e.getMessage().contains("librdkafka #4895"), e.getMessage());
    }

    @Test
    void plainWithTheRightPasswordWorks(KafkaCluster cluster) throws Exception {
        roundTrip(cluster, cluster.librdkafkaConfig(ListenerKind.SASL_PLAINTEXT, SaslMechanism.PLAIN, "alice",
                "alice-secret"));
    }

    @Test
    void scramSha512WithAWrongPasswordFailsFast(KafkaCluster cluster) throws Exception {
        assertFailsFast(cluster, cluster.librdkafkaConfig(ListenerKind.SASL_SSL, SaslMechanism.SCRAM_SHA_512, "alice",
                "not-alice-secret"), "SASL");
    }

    @Test
    void plainWithAWrongPasswordFailsFast(KafkaCluster cluster) throws Exception {
        assertFailsFast(cluster, cluster.librdkafkaConfig(ListenerKind.SASL_PLAINTEXT, SaslMechanism.PLAIN, "alice",
                "not-alice-secret"), "SASL");
    }

    @Test
    void unknownScramUserFailsFast(KafkaCluster cluster) throws Exception {
        assertFailsFast(cluster, cluster.librdkafkaConfig(ListenerKind.SASL_PLAINTEXT, SaslMechanism.SCRAM_SHA_512,
                "mallory", "guess"), "SASL");
    }

    // ---- OAUTHBEARER --------------------------------------------------------------------------------

    /** An unsecured JWT (alg none), as the broker's default OAUTHBEARER validator accepts. */
    static String unsecuredJwt(String subject, long issuedMs, long expiresMs) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"iat\":" + issuedMs / 1000 + ",\"exp\":"
                + expiresMs / 1000 + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    /** Connection settings for the OAUTHBEARER listener with tokens from the client's provider only. */
    static Map<String, String> oauthConnection(KafkaCluster cluster) {
        Map<String, String> conn = new LinkedHashMap<>();
        conn.put("bootstrap.servers", cluster.bootstrapServers(ListenerKind.OAUTHBEARER));
        conn.put("security.protocol", "sasl_plaintext");
        conn.put("sasl.mechanisms", "OAUTHBEARER");
        return conn;
    }

    @Test
    void oauthBearerTokensComeFromTheProviderAndAreRefreshedBeforeTheyExpire(KafkaCluster cluster) throws Exception {
        String topic = "oauth-" + System.nanoTime();
        cluster.createTopic(topic, 1, 1);
        long lifetimeMs = 6_000;
        List<Long> calls = new CopyOnWriteArrayList<>();
        List<String> configs = new CopyOnWriteArrayList<>();
        ClientListeners listeners = ClientListeners.builder().tokenProvider(cfg -> {
            calls.add(System.currentTimeMillis());
            configs.add(String.valueOf(cfg));
            long now = System.currentTimeMillis();
            return new ClientListeners.OAuthBearerToken(unsecuredJwt("alice", now, now + lifetimeMs), now + lifetimeMs,
                    "alice", Map.of());
        }).build();
        KafkaConfig config = KafkaConfig.builder().setAll(oauthConnection(cluster))
                .set("sasl.oauthbearer.config", "scope=test").build();
        try (var p = Producer.create(config, Serdes.stringSerializer(), Serdes.stringSerializer(), listeners)) {
            RecordMetadata first = p.send(new ProducerRecord<>(topic, "k", "before-refresh")).get(30, TimeUnit.SECONDS);
            assertEquals(0, first.offset());
            assertFalse(calls.isEmpty(), "the token provider was never called");
            assertEquals("scope=test", configs.getFirst(), "the provider gets sasl.oauthbearer.config");
            long t0 = calls.getFirst();
            await("a token refresh", Duration.ofSeconds(15), () -> calls.size() >= 2);
            long refreshedAfter = calls.get(1) - t0;
            assertTrue(refreshedAfter < lifetimeMs, "refreshed only after " + refreshedAfter + " ms, token lifetime "
                    + lifetimeMs + " ms");
            p.send(new ProducerRecord<>(topic, "k", "after-refresh")).get(30, TimeUnit.SECONDS);
            System.out.printf("OAUTHBEARER: provider called %d times; first refresh %d ms after the first token "
                    + "(lifetime %d ms)%n", calls.size(), refreshedAfter, lifetimeMs);
        }
        // the consumer serves token refreshes on librdkafka's background thread: the same provider works there
        List<Long> consumerCalls = new CopyOnWriteArrayList<>();
        ClientListeners consumerListeners = ClientListeners.builder().tokenProvider(cfg -> {
            consumerCalls.add(System.currentTimeMillis());
            long now = System.currentTimeMillis();
            return new ClientListeners.OAuthBearerToken(unsecuredJwt("alice", now, now + 60_000), now + 60_000,
                    "alice", Map.of());
        }).build();
        try (var c = Consumer.create(config.toBuilder().set("auto.offset.reset", "earliest").build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer(), consumerListeners)) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < 2 && System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(200))) values.add(r.value());
            }
            assertEquals(List.of("before-refresh", "after-refresh"), values);
            assertFalse(consumerCalls.isEmpty());
        }
    }

    @Test
    void aFailingTokenProviderIsReportedNotSwallowed(KafkaCluster cluster) throws Exception {
        List<KafkaException> errors = new CopyOnWriteArrayList<>();
        ClientListeners listeners = ClientListeners.builder().onError(errors::add)
                .tokenProvider(cfg -> { throw new IllegalStateException("identity provider down"); }).build();
        KafkaConfig config = KafkaConfig.builder().setAll(oauthConnection(cluster))
                .set("message.timeout.ms", Integer.toString(MESSAGE_TIMEOUT_MS)).build();
        long t0 = System.nanoTime();
        try (var p = Producer.create(config, Serdes.stringSerializer(), Serdes.stringSerializer(), listeners)) {
            var f = p.send(new ProducerRecord<>("oauth-none", "k", "v"));
            await("an error for the failed token refresh", FAST, () -> !errors.isEmpty());
            KafkaException e = errors.getFirst();
            assertTrue(e.getMessage().contains("token provider failed"), e.getMessage());
            Throwable cause = failure(f, MESSAGE_TIMEOUT_MS + 5000);
            assertTyped(cause);
        }
        assertTrue(elapsedMs(t0) < MESSAGE_TIMEOUT_MS + 8000, "took " + elapsedMs(t0) + " ms");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** Produces 10 records and reads them back over the same connection settings. */
    private static void roundTrip(KafkaCluster cluster, Map<String, String> conn) throws Exception {
        String topic = "sec-" + System.nanoTime();
        cluster.createTopic(topic, 1, 1);
        List<KafkaException> errors = new CopyOnWriteArrayList<>();
        KafkaConfig config = KafkaConfig.builder().setAll(conn).build();
        try (var p = Producer.create(config, Serdes.stringSerializer(), Serdes.stringSerializer(),
                ClientListeners.builder().onError(errors::add).build())) {
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            for (int i = 0; i < 10; i++) fs.add(p.send(new ProducerRecord<>(topic, "k" + i, "v" + i)));
            for (var f : fs) f.get(30, TimeUnit.SECONDS);
        }
        assertTrue(errors.isEmpty(), "errors: " + errors);
        var read = ReadBack.readAll(conn, topic, 1, "read_committed", Duration.ofSeconds(30));
        assertEquals(10, read.size());
        assertEquals("v9", read.get(9).value());
    }

    /**
     * Producer, consumer and admin client with bad credentials: each reports a typed AuthenticationException
     * to its error listener within {@link #FAST}; the producer's future fails with a typed error within
     * message.timeout.ms; the admin call fails within its request timeout. {@code kind} is in the message.
     */
    static AuthenticationException assertFailsFast(KafkaCluster cluster, Map<String, String> conn, String kind)
            throws Exception {
        KafkaConfig config = KafkaConfig.builder().setAll(conn)
                .set("message.timeout.ms", Integer.toString(MESSAGE_TIMEOUT_MS)).closeTimeout(Duration.ofSeconds(2))
                .build();
        List<KafkaException> errors = new CopyOnWriteArrayList<>();
        ClientListeners listeners = ClientListeners.builder().onError(errors::add).build();
        long t0 = System.nanoTime();
        AuthenticationException auth;
        try (var p = Producer.create(config, Serdes.stringSerializer(), Serdes.stringSerializer(), listeners)) {
            var f = p.send(new ProducerRecord<>("auth-" + System.nanoTime(), "k", "v"));
            await("an authentication error", FAST, () -> errors.stream().anyMatch(e -> e instanceof AuthenticationException));
            long firstError = elapsedMs(t0);
            auth = (AuthenticationException) errors.stream()
                    .filter(e -> e instanceof AuthenticationException).findFirst().orElseThrow();
            assertTrue(auth.getMessage().contains(kind), auth.getMessage());
            Throwable cause = failure(f, MESSAGE_TIMEOUT_MS + 5000);
            assertTyped(cause);
            long failed = elapsedMs(t0);
            assertTrue(failed < MESSAGE_TIMEOUT_MS + 3000, "the future failed only after " + failed + " ms");
            System.out.printf("bad %s credentials: first AuthenticationException after %d ms (%s); future failed "
                    + "after %d ms with %s; %d errors reported%n", kind, firstError, auth.codeName(), failed,
                    cause.getClass().getSimpleName(), errors.size());
        }
        errors.clear();
        t0 = System.nanoTime();
        try (var c = Consumer.create(config.toBuilder().groupId("auth-" + System.nanoTime()).build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer(), listeners)) {
            c.subscribe(List.of("auth-topic"));
            long deadline = System.nanoTime() + FAST.toNanos();
            while (errors.stream().noneMatch(e -> e instanceof AuthenticationException) && System.nanoTime() < deadline) {
                try {
                    ConsumerRecords<String, String> r = c.poll(Duration.ofMillis(100));
                    assertTrue(r.isEmpty());
                } catch (AuthenticationException e) {
                    errors.add(e); // thrown by poll is as good as reported
                }
            }
            assertTrue(errors.stream().anyMatch(e -> e instanceof AuthenticationException),
                    "consumer: no AuthenticationException within " + FAST + ": " + errors);
        }
        errors.clear();
        try (var a = Admin.create(config, listeners)) {
            long start = System.nanoTime();
            var f = a.describeCluster(AdminOptions.defaults().withRequestTimeout(Duration.ofSeconds(3)));
            Throwable cause = failure(f, 15_000);
            assertInstanceOf(AuthenticationException.class, cause, "the admin call's error must say why");
            assertTrue(elapsedMs(start) < 6_000, "admin failed after " + elapsedMs(start) + " ms");
        }
        return auth;
    }

    static void assertTyped(Throwable cause) {
        assertInstanceOf(KafkaException.class, cause);
        assertNotSame(KafkaException.class, cause.getClass(), "untyped: " + cause);
    }

    static Throwable failure(java.util.concurrent.Future<?> f, long ms) throws Exception {
        try {
            Object v = f.get(ms, TimeUnit.MILLISECONDS);
            throw new AssertionError("succeeded: " + v);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    static long elapsedMs(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("no " + what + " within " + timeout);
            Thread.sleep(20);
        }
    }
}

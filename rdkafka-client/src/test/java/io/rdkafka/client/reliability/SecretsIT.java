package io.rdkafka.client.reliability;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.Consumer;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.admin.Admin;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import io.rdkafka.testkit.ListenerKind;
import io.rdkafka.testkit.SaslMechanism;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Secrets — SASL passwords (right and wrong), an OAUTHBEARER token, a TLS private key given inline and its
 * password — never appear in what the client shows: its log output with {@code debug=all} (every record the
 * binding hands to System.Logger, captured through java.util.logging), exception messages and stack traces
 * (futures, error listener, thrown), {@code toString()} of configurations, clients and tokens, the effective
 * configuration dump, and statistics JSON. librdkafka 2.0.2 redacts its own properties flagged sensitive when
 * it logs the configuration ({@code debug=conf}); the binding redacts {@link KafkaConfig#isSecret} properties.
 */
@KafkaTest(listeners = {ListenerKind.SSL, ListenerKind.SASL_PLAINTEXT, ListenerKind.SASL_SSL, ListenerKind.OAUTHBEARER},
        authorizer = true, saslUsers = {"alice:alice-secret", "bob:bob-secret", "carol:carol-secret", "dave:dave-secret"})
class SecretsIT {
    private final List<String> secrets = new ArrayList<>();
    private final List<String> leaks = new CopyOnWriteArrayList<>();
    private final AtomicLong logRecords = new AtomicLong();
    private final AtomicLong debugRecords = new AtomicLong();
    private final AtomicLong shown = new AtomicLong();
    private final LogCapture capture = new LogCapture();

    /**
     * Everything System.Logger passes to java.util.logging, as text, scanned line by line: a StreamHandler with
     * a SimpleFormatter (message and stack trace) on the root logger, the {@code io.rdkafka} loggers at ALL.
     * Through reflection: this test is compiled into the client's module, which does not read java.logging.
     */
    private final class LogCapture extends java.io.OutputStream {
        private final StringBuilder line = new StringBuilder();
        private Object handler;
        private Object rdkafkaLogger;
        private Object previousLevel;

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String l = line.toString();
                line.setLength(0);
                if (l.startsWith("FINE") || l.startsWith("FINER") || l.startsWith("FINEST")) debugRecords.incrementAndGet();
                if (l.matches("^(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): .*")) logRecords.incrementAndGet();
                check("log", l);
            } else {
                line.append((char) b);
            }
        }

        void install() throws ReflectiveOperationException {
            Class<?> loggerClass = Class.forName("java.util.logging.Logger");
            Class<?> levelClass = Class.forName("java.util.logging.Level");
            Class<?> handlerClass = Class.forName("java.util.logging.Handler");
            Class<?> formatterClass = Class.forName("java.util.logging.Formatter");
            Object all = levelClass.getField("ALL").get(null);
            Object formatter = Class.forName("java.util.logging.SimpleFormatter").getConstructor().newInstance();
            handler = Class.forName("java.util.logging.StreamHandler")
                    .getConstructor(java.io.OutputStream.class, formatterClass).newInstance(this, formatter);
            handlerClass.getMethod("setLevel", levelClass).invoke(handler, all);
            Object root = loggerClass.getMethod("getLogger", String.class).invoke(null, "");
            loggerClass.getMethod("addHandler", handlerClass).invoke(root, handler);
            rdkafkaLogger = loggerClass.getMethod("getLogger", String.class).invoke(null, "io.rdkafka");
            previousLevel = loggerClass.getMethod("getLevel").invoke(rdkafkaLogger);
            loggerClass.getMethod("setLevel", levelClass).invoke(rdkafkaLogger, all);
        }

        void uninstall() throws ReflectiveOperationException {
            Class<?> loggerClass = Class.forName("java.util.logging.Logger");
            Class<?> handlerClass = Class.forName("java.util.logging.Handler");
            Class<?> levelClass = Class.forName("java.util.logging.Level");
            handlerClass.getMethod("flush").invoke(handler);
            Object root = loggerClass.getMethod("getLogger", String.class).invoke(null, "");
            loggerClass.getMethod("removeHandler", handlerClass).invoke(root, handler);
            loggerClass.getMethod("setLevel", levelClass).invoke(rdkafkaLogger, previousLevel);
        }

        void flushHandler() throws ReflectiveOperationException {
            Class.forName("java.util.logging.Handler").getMethod("flush").invoke(handler);
        }
    }

    @BeforeEach
    void captureLogs() throws Exception {
        capture.install();
    }

    @AfterEach
    void stopCapturing() throws Exception {
        capture.uninstall();
    }

    private void check(String where, String text) {
        if (text == null) return;
        shown.incrementAndGet();
        for (String s : secrets) {
            if (text.contains(s)) leaks.add(where + " shows '" + s + "': " + (text.length() > 400 ? text.substring(0, 400) : text));
        }
    }

    private void checkThrowable(String where, Throwable t) {
        check(where, String.valueOf(t));
        check(where + " (stack trace)", stackTrace(t));
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private void checkConfig(String where, KafkaConfig config) {
        check(where + " toString", config.toString());
        check(where + " redacted", config.redacted().toString());
        KafkaConfig.EffectiveConfig dump = config.dump();
        check(where + " dump", dump.global().toString() + dump.topic());
    }

    private ClientListeners listeners(List<KafkaException> errors) {
        return ClientListeners.builder().onError(e -> {
            errors.add(e);
            checkThrowable("error listener", e);
        }).onStatistics(json -> check("statistics", json)).build();
    }

    @Test
    void secretsNeverShowInLogsExceptionsToStringDumpsOrStatistics(KafkaCluster cluster) throws Exception {
        String wrongPassword = "Wr0ng-" + UUID.randomUUID();
        String keyPassword = "K3y-" + UUID.randomUUID();
        String garbageKey = "NOTAKEY" + UUID.randomUUID().toString().replace("-", "");
        String keyPem = Files.readString(cluster.tls().clientKeyPem());
        String keyBody = keyPem.lines().filter(l -> !l.startsWith("-----") && l.length() >= 40).findFirst().orElseThrow();
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis();
        String claims = "{\"sub\":\"alice\",\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + now / 1000
                + ",\"exp\":" + (now + 600_000) / 1000 + "}"; // a unique token for principal alice
        String token = b64.encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".";
        secrets.addAll(List.of("alice-secret", wrongPassword, keyPassword, garbageKey, keyBody.substring(0, 40),
                token, token.split("\\.")[1]));
        cluster.addAcl("User:alice", ResourceType.TOPIC, "*", AclOperation.ALL);
        cluster.addAcl("User:alice", ResourceType.GROUP, "*", AclOperation.ALL);
        String topic = "secrets-" + System.nanoTime();
        cluster.createTopic(topic, 1, 1);

        // 1. the right PLAIN password over TLS: produce, consume, admin, with debug=all and statistics
        KafkaConfig plain = debugAll(cluster.librdkafkaConfig(ListenerKind.SASL_SSL, SaslMechanism.PLAIN, "alice",
                "alice-secret"));
        roundTrip("PLAIN", plain, topic);

        // 2. a wrong password
        KafkaConfig wrong = debugAll(cluster.librdkafkaConfig(ListenerKind.SASL_PLAINTEXT, SaslMechanism.PLAIN, "alice",
                wrongPassword)).toBuilder().set("message.timeout.ms", "3000").build();
        failingSend("wrong PLAIN password", wrong, topic);

        // 3. SCRAM with the right password (refused by Kafka 4 with librdkafka < 2.6.1: then a failure path too)
        KafkaConfig scram = debugAll(cluster.librdkafkaConfig(ListenerKind.SASL_PLAINTEXT, SaslMechanism.SCRAM_SHA_512,
                "alice", "alice-secret")).toBuilder().set("message.timeout.ms", "3000").build();
        failingSendOrNot("SCRAM", scram, topic);

        // 4. an OAUTHBEARER token from the provider
        KafkaConfig oauth = debugAll(SecurityIT.oauthConnection(cluster));
        List<KafkaException> errors = new CopyOnWriteArrayList<>();
        var tokenListeners = ClientListeners.builder().onError(e -> {
            errors.add(e);
            checkThrowable("error listener", e);
        }).tokenProvider(cfg -> {
            var t = new ClientListeners.OAuthBearerToken(token, System.currentTimeMillis() + 600_000, "alice", Map.of());
            check("token toString", t.toString());
            return t;
        }).build();
        try (var p = Producer.create(oauth, Serdes.stringSerializer(), Serdes.stringSerializer(), tokenListeners)) {
            p.send(new ProducerRecord<>(topic, "k", "oauth")).get(30, TimeUnit.SECONDS);
            check("producer toString", p.toString());
        }
        checkConfig("oauth config", oauth);

        // 5. TLS with the private key inline (ssl.key.pem) and a key password
        Map<String, String> tls = new LinkedHashMap<>(cluster.librdkafkaConfig(ListenerKind.SSL));
        tls.put("ssl.key.pem", keyPem);
        tls.put("ssl.certificate.location", cluster.tls().clientCertPem().toString());
        tls.put("ssl.key.password", keyPassword);
        KafkaConfig tlsConfig = debugAll(tls);
        try (var p = Producer.create(tlsConfig, Serdes.stringSerializer(), Serdes.stringSerializer(), listeners(errors))) {
            p.send(new ProducerRecord<>(topic, "k", "tls")).get(30, TimeUnit.SECONDS);
        }
        checkConfig("tls config", tlsConfig);

        // 6. key material librdkafka refuses: the configuration error must not quote it
        Map<String, String> bad = new LinkedHashMap<>(tls);
        bad.put("ssl.key.pem", "-----BEGIN PRIVATE KEY-----\n" + garbageKey + "\n-----END PRIVATE KEY-----\n");
        KafkaConfig badConfig = KafkaConfig.builder().setAll(bad).build();
        KafkaException refused = assertThrows(KafkaException.class,
                () -> Producer.create(badConfig, Serdes.stringSerializer(), Serdes.stringSerializer()).close());
        checkThrowable("refused configuration", refused);
        checkConfig("refused config", badConfig);

        capture.flushHandler();
        System.out.printf("SecretsIT: %d secrets checked against %d texts (%d log records, %d of them debug)%n",
                secrets.size(), shown.get(), logRecords.get(), debugRecords.get());
        assertTrue(debugRecords.get() > 100, "debug=all logged only " + debugRecords.get() + " records: capture broken?");
        assertTrue(leaks.isEmpty(), leaks.size() + " leaks:\n" + String.join("\n", leaks.subList(0, Math.min(20, leaks.size()))));
    }

    private static KafkaConfig debugAll(Map<String, String> conn) {
        return KafkaConfig.builder().setAll(conn).debug("all").set("log_level", "7")
                .set("statistics.interval.ms", "200").closeTimeout(Duration.ofSeconds(3)).build();
    }

    private void roundTrip(String what, KafkaConfig config, String topic) throws Exception {
        List<KafkaException> errors = new CopyOnWriteArrayList<>();
        try (var p = Producer.create(config, Serdes.stringSerializer(), Serdes.stringSerializer(), listeners(errors))) {
            p.send(new ProducerRecord<>(topic, "k", what)).get(30, TimeUnit.SECONDS);
            Thread.sleep(500); // a few statistics
            check("producer toString", p.toString());
        }
        try (var c = Consumer.create(config.toBuilder().groupId("secrets-" + System.nanoTime())
                .set("auto.offset.reset", "earliest").build(), Serdes.stringDeserializer(), Serdes.stringDeserializer(),
                listeners(errors))) {
            c.assign(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (c.poll(Duration.ofMillis(200)).isEmpty()) assertTrue(System.nanoTime() < deadline, "nothing consumed");
            c.commitSync();
            check("consumer toString", c.toString());
        }
        try (var a = Admin.create(config, listeners(errors))) {
            a.describeCluster().get(30, TimeUnit.SECONDS);
            check("admin toString", a.toString());
        }
        checkConfig(what + " config", config);
    }

    private void failingSend(String what, KafkaConfig config, String topic) throws Exception {
        List<KafkaException> errors = new CopyOnWriteArrayList<>();
        try (var p = Producer.create(config, Serdes.stringSerializer(), Serdes.stringSerializer(), listeners(errors))) {
            var f = p.send(new ProducerRecord<>(topic, "k", what));
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            checkThrowable(what + " future", e.getCause());
        }
        assertFalse(errors.isEmpty(), what + ": no error reported");
        checkConfig(what + " config", config);
    }

    private void failingSendOrNot(String what, KafkaConfig config, String topic) throws Exception {
        List<KafkaException> errors = new CopyOnWriteArrayList<>();
        try (var p = Producer.create(config, Serdes.stringSerializer(), Serdes.stringSerializer(), listeners(errors))) {
            try {
                p.send(new ProducerRecord<>(topic, "k", what)).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                checkThrowable(what + " future", e.getCause());
            }
        }
        checkConfig(what + " config", config);
    }
}

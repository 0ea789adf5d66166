package io.rdkafka.client;

import io.rdkafka.client.admin.Admin;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code setSaslCredentials} refuses what librdkafka would take silently: null or empty names and passwords, and
 * clients whose configuration never uses them. No broker needed (the clients are never asked to connect).
 */
class SaslCredentialsTest {
    private static final KafkaConfig SASL_PLAIN = KafkaConfig.builder().bootstrapServers("127.0.0.1:9")
            .securityProtocol("sasl_plaintext").sasl("PLAIN", "u", "p").build();

    @Test
    void nullAndEmptyCredentialsAreRefusedByName() {
        try (var p = Producer.create(SASL_PLAIN, Serdes.stringSerializer(), Serdes.stringSerializer())) {
            assertTrue(assertThrows(NullPointerException.class, () -> p.setSaslCredentials(null, "x"))
                    .getMessage().contains("username"));
            assertTrue(assertThrows(NullPointerException.class, () -> p.setSaslCredentials("x", null))
                    .getMessage().contains("password"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> p.setSaslCredentials("", "x"))
                    .getMessage().contains("username must not be empty"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> p.setSaslCredentials("x", ""))
                    .getMessage().contains("password must not be empty"));
            assertThrows(IllegalArgumentException.class, () -> p.setSaslCredentials("a\0b", "x"));
            p.setSaslCredentials("other", "secret"); // accepted
        }
    }

    @Test
    void aClientThatDoesNotUseSaslPlainOrScramRefusesCredentials() {
        KafkaConfig plaintext = KafkaConfig.builder().bootstrapServers("127.0.0.1:9").build();
        try (var c = Consumer.create(plaintext, Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
            var e = assertThrows(IllegalStateException.class, () -> c.setSaslCredentials("u", "p"));
            assertTrue(e.getMessage().contains("security.protocol is plaintext"), e.getMessage());
        }
        KafkaConfig oauth = KafkaConfig.builder().bootstrapServers("127.0.0.1:9").securityProtocol("SASL_PLAINTEXT")
                .set("sasl.mechanisms", "OAUTHBEARER").set("enable.sasl.oauthbearer.unsecure.jwt", "true").build();
        try (Admin a = Admin.create(oauth)) {
            var e = assertThrows(IllegalStateException.class, () -> a.setSaslCredentials("u", "p"));
            assertTrue(e.getMessage().contains("OAUTHBEARER"), e.getMessage());
        }
    }

    @Test
    void aClosedClientRefusesCredentials() {
        var p = Producer.create(SASL_PLAIN, Serdes.stringSerializer(), Serdes.stringSerializer());
        p.close();
        assertThrows(IllegalStateException.class, () -> p.setSaslCredentials("u", "p"));
    }
}

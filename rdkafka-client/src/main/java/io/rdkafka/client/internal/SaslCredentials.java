package io.rdkafka.client.internal;

import io.rdkafka.client.KafkaConfig;

import java.util.Locale;
import java.util.Objects;

/**
 * Checks for {@code rd_kafka_sasl_set_credentials}: librdkafka accepts any strings and uses them only for SASL
 * PLAIN and SCRAM, so a client configured otherwise would silently ignore new credentials. Refused here with the
 * reason instead.
 */
final class SaslCredentials {
    private SaslCredentials() {
    }

    /** Throws for a missing or empty user name or password, or a configuration that never uses them. */
    static void check(KafkaConfig config, String username, String password) {
        Objects.requireNonNull(username, "SASL username");
        Objects.requireNonNull(password, "SASL password");
        if (username.isEmpty()) throw new IllegalArgumentException("SASL username must not be empty");
        if (password.isEmpty()) throw new IllegalArgumentException("SASL password must not be empty");
        if (username.indexOf('\0') >= 0 || password.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("SASL username and password must not contain NUL characters");
        }
        String protocol = lower(config.get("security.protocol"), "plaintext");
        if (!protocol.startsWith("sasl_")) {
            throw new IllegalStateException("SASL credentials have no effect: security.protocol is " + protocol
                    + " (sasl_plaintext or sasl_ssl is needed)");
        }
        String mechanism = config.get("sasl.mechanism") != null ? config.get("sasl.mechanism") : config.get("sasl.mechanisms");
        mechanism = mechanism == null ? "GSSAPI" : mechanism.trim().toUpperCase(Locale.ROOT);
        if (!mechanism.equals("PLAIN") && !mechanism.startsWith("SCRAM-")) {
            throw new IllegalStateException("SASL credentials have no effect with sasl.mechanism " + mechanism
                    + ": librdkafka uses them for PLAIN and SCRAM-SHA-256/512 only");
        }
    }

    private static String lower(String s, String dflt) {
        return s == null ? dflt : s.trim().toLowerCase(Locale.ROOT);
    }
}

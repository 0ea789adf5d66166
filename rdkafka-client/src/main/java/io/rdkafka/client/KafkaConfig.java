package io.rdkafka.client;

import io.rdkafka.client.errors.ConfigException;
import io.rdkafka.client.internal.NativeConf;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An immutable client configuration: librdkafka properties by their librdkafka names (string values, as
 * librdkafka's CONFIGURATION.md documents them), plus a few settings of the Java layer itself.
 *
 * <p>{@link Builder#build()} checks every property against the loaded librdkafka: an unknown property or
 * an invalid value throws {@link ConfigException} with librdkafka's message and the property name.
 * {@link #toString()} and {@link #dump()} never show a secret.
 */
public final class KafkaConfig {
    private final Map<String, String> properties;
    private final Duration queueFullTimeout;
    private final Duration closeTimeout;

    private KafkaConfig(Builder b) {
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.queueFullTimeout = b.queueFullTimeout;
        this.closeTimeout = b.closeTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.properties.putAll(properties);
        b.queueFullTimeout = queueFullTimeout;
        b.closeTimeout = closeTimeout;
        return b;
    }

    /** The librdkafka properties as set, in order (secrets included: do not log this map). */
    public Map<String, String> properties() {
        return properties;
    }

    public String get(String name) {
        return properties.get(name);
    }

    /** How long {@code Producer.send} waits for room when librdkafka's local queue is full. */
    public Duration queueFullTimeout() {
        return queueFullTimeout;
    }

    /** The default bound on {@code close()}. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    private static final Pattern SECRET = Pattern.compile(
            ".*(password|secret|private|\\.key\\.pem|sasl\\.oauthbearer\\.config|sasl\\.jaas|token).*");

    /** Whether a property's value is a secret and must never be shown. */
    public static boolean isSecret(String property) {
        return SECRET.matcher(property).matches();
    }

    /** What stands in for a secret's value wherever configuration is shown. */
    public static final String REDACTED = "[redacted]";

    /** The properties as set, with secrets redacted. */
    public Map<String, String> redacted() {
        Map<String, String> m = new LinkedHashMap<>();
        properties.forEach((k, v) -> m.put(k, isSecret(k) ? REDACTED : v));
        return m;
    }

    /**
     * The effective configuration librdkafka would use, every global and topic property with its value
     * (defaults included), secrets redacted.
     */
    public EffectiveConfig dump() {
        return NativeConf.dump(properties);
    }

    /** Every property librdkafka would use: global and default-topic properties, secrets redacted. */
    public record EffectiveConfig(Map<String, String> global, Map<String, String> topic) {
    }

    @Override
    public String toString() {
        return "KafkaConfig" + redacted();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaConfig c && c.properties.equals(properties)
                && c.queueFullTimeout.equals(queueFullTimeout) && c.closeTimeout.equals(closeTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(properties, queueFullTimeout, closeTimeout);
    }

    /** Builds a {@link KafkaConfig}; typed setters for common properties, {@link #set} for any other. */
    public static final class Builder {
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Duration queueFullTimeout = Duration.ofSeconds(60);
        private Duration closeTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Sets any librdkafka property by name; a null value removes it. */
        public Builder set(String name, String value) {
            Objects.requireNonNull(name, "property name");
            if (value == null) properties.remove(name);
            else properties.put(name, value);
            return this;
        }

        public Builder setAll(Map<String, String> props) {
            props.forEach(this::set);
            return this;
        }

        public Builder bootstrapServers(String servers) {
            return set("bootstrap.servers", servers);
        }

        public Builder clientId(String clientId) {
            return set("client.id", clientId);
        }

        public Builder groupId(String groupId) {
            return set("group.id", groupId);
        }

        /** {@code acks}: "all" (or "-1"), "0", "1". */
        public Builder acks(String acks) {
            return set("acks", acks);
        }

        public Builder linger(Duration linger) {
            return set("linger.ms", Long.toString(linger.toMillis()));
        }

        /** {@code compression.type}: none, gzip, snappy, lz4, zstd. */
        public Builder compression(String codec) {
            return set("compression.type", codec);
        }

        public Builder enableIdempotence(boolean on) {
            return set("enable.idempotence", Boolean.toString(on));
        }

        public Builder transactionalId(String id) {
            return set("transactional.id", id);
        }

        /** {@code security.protocol}: plaintext, ssl, sasl_plaintext, sasl_ssl. */
        public Builder securityProtocol(String protocol) {
            return set("security.protocol", protocol);
        }

        /** SASL mechanism and credentials (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512). */
        public Builder sasl(String mechanism, String username, String password) {
            return set("sasl.mechanism", mechanism).set("sasl.username", username).set("sasl.password", password);
        }

        /** {@code ssl.ca.location}: a PEM file of CA certificates to trust. */
        public Builder sslCaLocation(String path) {
            return set("ssl.ca.location", path);
        }

        /** librdkafka's {@code debug} contexts, e.g. "broker,protocol" or "all". */
        public Builder debug(String contexts) {
            return set("debug", contexts);
        }

        /** {@code statistics.interval.ms}; statistics reach the client's statistics listener. */
        public Builder statisticsInterval(Duration interval) {
            return set("statistics.interval.ms", Long.toString(interval.toMillis()));
        }

        public Builder queueFullTimeout(Duration timeout) {
            if (timeout.isNegative()) throw new IllegalArgumentException("queueFullTimeout must not be negative");
            this.queueFullTimeout = timeout;
            return this;
        }

        public Builder closeTimeout(Duration timeout) {
            if (timeout.isNegative()) throw new IllegalArgumentException("closeTimeout must not be negative");
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * Checks every property against librdkafka and returns the configuration.
         * @throws ConfigException naming the first unknown property or invalid value
         */
        public KafkaConfig build() {
            NativeConf.validate(properties);
            return new KafkaConfig(this);
        }
    }

    /** Apache Kafka Java-client properties that librdkafka spells differently or does not have. */
    static final Map<String, String> JAVA_CLIENT_HINTS = Map.ofEntries(
            Map.entry("key.serializer", "serializers are passed to Producer.create, not configured"),
            Map.entry("value.serializer", "serializers are passed to Producer.create, not configured"),
            Map.entry("key.deserializer", "deserializers are passed to Consumer.create, not configured"),
            Map.entry("value.deserializer", "deserializers are passed to Consumer.create, not configured"),
            Map.entry("max.poll.records", "use Consumer.Options maxPollRecords (the batch size of poll)"),
            Map.entry("buffer.memory", "librdkafka's equivalent is queue.buffering.max.kbytes"),
            Map.entry("max.block.ms", "use KafkaConfig.Builder.queueFullTimeout(Duration)"),
            Map.entry("fetch.max.wait.ms", "librdkafka's equivalent is fetch.wait.max.ms"),
            Map.entry("ssl.truststore.location", "librdkafka's equivalent is ssl.ca.location (PEM) "
                    + "or ssl.keystore.location (PKCS#12)"),
            Map.entry("ssl.truststore.password", "librdkafka reads PEM CA files via ssl.ca.location"),
            Map.entry("ssl.truststore.type", "librdkafka reads PEM CA files via ssl.ca.location"),
            Map.entry("sasl.jaas.config", "librdkafka's equivalent is sasl.username and sasl.password"),
            Map.entry("partitioner.class", "librdkafka's equivalent is partitioner (random, consistent, "
                    + "consistent_random, murmur2, murmur2_random, fnv1a, fnv1a_random)"),
            Map.entry("interceptor.classes", "librdkafka has no Java interceptors"),
            Map.entry("default.api.timeout.ms", "pass a Duration to each blocking call instead"),
            Map.entry("metric.reporters", "use statistics.interval.ms and a statistics listener"));

    /** A hint for a property librdkafka does not know, when it is a Java-client property. */
    public static String hintFor(String property) {
        return JAVA_CLIENT_HINTS.get(property);
    }

    static Set<String> javaClientOnly() {
        return JAVA_CLIENT_HINTS.keySet();
    }
}

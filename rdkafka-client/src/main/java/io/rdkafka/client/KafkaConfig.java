package io.rdkafka.client;

import io.rdkafka.client.errors.ConfigException;
import io.rdkafka.client.internal.NativeConf;
import io.rdkafka.client.internal.PropertyRules;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable client configuration: librdkafka properties by their librdkafka names (string values, as
 * librdkafka's CONFIGURATION.md documents them), plus a few settings of the Java layer itself.
 *
 * <p>{@link Builder#build()} checks every property against the loaded librdkafka: an unknown property or
 * an invalid value throws {@link ConfigException} with librdkafka's message and the property name.
 * {@link #toString()} and {@link #dump()} never show a secret.
 *
 * <p>Defaults: librdkafka's, with one exception, where a Java user expects Apache Kafka's Java client to be the
 * norm: a {@link Producer} whose configuration does not set {@code partitioner} uses {@value #DEFAULT_PARTITIONER}
 * instead of librdkafka's {@code consistent_random}, so that a keyed record lands on the partition
 * {@code KafkaProducer} (kafka-clients) would choose for the same serialized key, the empty key included (the
 * murmur2 hash of the key, positive, modulo the partition count). Records without a key differ: both clients
 * stick to one partition for a while and then move on, but librdkafka moves after
 * {@code sticky.partitioning.linger.ms} (10 ms by default), kafka-clients after a batch ({@code batch.size}
 * bytes). To get librdkafka's own default back, set {@code partitioner=consistent_random}
 * ({@link Builder#partitioner(String)}). {@link #get(String)} and {@link #properties()} show only what was set;
 * {@link #dump()} shows the partitioner in effect.
 */
public final class KafkaConfig {
    /**
     * The {@code partitioner} a {@link Producer} uses when the configuration does not set one: librdkafka's
     * {@code murmur2_random}, which places keyed records as Apache Kafka's Java client's default partitioner does
     * (records without a key go to a sticky random partition, see the class description).
     */
    public static final String DEFAULT_PARTITIONER = "murmur2_random";

    /** librdkafka's own default {@code partitioner}, which Apache Kafka's Java client does not match. */
    public static final String LIBRDKAFKA_DEFAULT_PARTITIONER = "consistent_random";

    /**
     * The binding's {@code fetch.queue.backoff.ms} for consumers that do not set it (librdkafka 2.2.0 and newer;
     * librdkafka's own default is 1000): how long librdkafka waits before fetching again for a partition whose
     * pre-fetch queue reached {@code queued.min.messages}.
     */
    public static final int DEFAULT_FETCH_QUEUE_BACKOFF_MS = 10;

    private final Map<String, String> properties;
    private final Duration queueFullTimeout;
    private final Duration closeTimeout;
    private final Partitioner javaPartitioner;

    private KafkaConfig(Builder b) {
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.queueFullTimeout = b.queueFullTimeout;
        this.closeTimeout = b.closeTimeout;
        this.javaPartitioner = b.javaPartitioner;
    }

    /** {@return a builder of an empty configuration (librdkafka's defaults)} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from this configuration} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.properties.putAll(properties);
        b.queueFullTimeout = queueFullTimeout;
        b.closeTimeout = closeTimeout;
        b.javaPartitioner = javaPartitioner;
        return b;
    }

    /** {@return the librdkafka properties as set, in order (secrets included: do not log this map)} */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * The value set for a librdkafka property.
     *
     * @param name the property
     * @return its value as set, or {@code null} when it was not set (the default applies: librdkafka's, except
     *         for {@code partitioner}, see {@link #DEFAULT_PARTITIONER}; {@link #dump()} shows the value in effect)
     */
    public String get(String name) {
        return properties.get(name);
    }

    /** {@return how long {@code Producer.send} waits for room when librdkafka's local queue is full} */
    public Duration queueFullTimeout() {
        return queueFullTimeout;
    }

    /** {@return the default bound on {@code close()}} */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** {@return the Java partitioner a {@link Producer} uses, or {@code null} for the {@code partitioner} property's} */
    public Partitioner javaPartitioner() {
        return javaPartitioner;
    }

    /** How {@link #dump()} shows a Java partitioner as the {@code partitioner} topic property. */
    static String javaPartitionerName(Partitioner p) {
        return "java:" + p.getClass().getName();
    }

    /**
     * {@return whether a property's value is a secret and must never be shown}
     *
     * @param property a librdkafka property name
     */
    public static boolean isSecret(String property) {
        return PropertyRules.isSecret(property);
    }

    /** What stands in for a secret's value wherever configuration is shown. */
    public static final String REDACTED = PropertyRules.REDACTED;

    /** {@return the properties as set, with secrets redacted} */
    public Map<String, String> redacted() {
        Map<String, String> m = new LinkedHashMap<>();
        properties.forEach((k, v) -> m.put(k, isSecret(k) ? REDACTED : v));
        return m;
    }

    /**
     * The effective configuration librdkafka would use, every global and topic property with its value
     * (defaults included), secrets redacted. Creates and destroys a native configuration object
     * ({@code rd_kafka_conf_dump}, {@code rd_kafka_topic_conf_dump}), with the Java layer's defaults for what was
     * not set: {@code partitioner} {@value #DEFAULT_PARTITIONER}, which {@link Producer} applies (a consumer never
     * partitions), and {@code fetch.queue.backoff.ms} {@value #DEFAULT_FETCH_QUEUE_BACKOFF_MS}, which
     * {@link Consumer} applies from librdkafka 2.2.0 (a producer never fetches).
     *
     * @return the effective configuration
     */
    public EffectiveConfig dump() {
        Map<String, String> effective = new LinkedHashMap<>(properties);
        effective.putAll(producerDefaults());
        effective.putAll(consumerDefaults());
        NativeConf.Dump d = NativeConf.dump(effective);
        if (javaPartitioner == null) return new EffectiveConfig(d.global(), d.topic());
        Map<String, String> topic = new LinkedHashMap<>(d.topic());
        topic.put("partitioner", javaPartitionerName(javaPartitioner));
        return new EffectiveConfig(d.global(), topic);
    }

    /**
     * The properties a {@link Consumer} adds to this configuration: {@code fetch.queue.backoff.ms}
     * ({@value #DEFAULT_FETCH_QUEUE_BACKOFF_MS}) when not set and the loaded librdkafka has it (2.2.0+).
     * librdkafka's own default, 1000 ms, makes a consumer that drains its pre-fetch queue faster than the broker
     * refills it wait up to a second before fetching again (docs/consumer.md).
     */
    Map<String, String> consumerDefaults() {
        if (properties.containsKey("fetch.queue.backoff.ms") || !io.rdkafka.ffm.RdKafkaLibrary.isAtLeast(2, 2, 0)) {
            return Map.of();
        }
        return Map.of("fetch.queue.backoff.ms", Integer.toString(DEFAULT_FETCH_QUEUE_BACKOFF_MS));
    }

    /**
     * The properties a {@link Producer} adds to this configuration: the Java layer's defaults for what was not
     * set. Producers only: librdkafka warns about a producer property such as {@code partitioner} set on a
     * consumer.
     */
    Map<String, String> producerDefaults() {
        Map<String, String> m = new LinkedHashMap<>();
        if (!properties.containsKey("partitioner")) m.put("partitioner", DEFAULT_PARTITIONER);
        // librdkafka hands records without a key to its sticky partitioner, not to a partitioner callback, unless
        // sticky.partitioning.linger.ms is 0: a Java partitioner sees every record, as in Apache Kafka's client
        if (javaPartitioner != null && !properties.containsKey("sticky.partitioning.linger.ms")) {
            m.put("sticky.partitioning.linger.ms", "0");
        }
        return m;
    }

    /**
     * Every property librdkafka would use: global and default-topic properties, secrets redacted.
     *
     * @param global the global properties by name
     * @param topic  the default topic properties by name
     */
    public record EffectiveConfig(Map<String, String> global, Map<String, String> topic) {
    }

    @Override
    public String toString() {
        return "KafkaConfig" + redacted();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaConfig c && c.properties.equals(properties)
                && c.queueFullTimeout.equals(queueFullTimeout) && c.closeTimeout.equals(closeTimeout)
                && Objects.equals(c.javaPartitioner, javaPartitioner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(properties, queueFullTimeout, closeTimeout, javaPartitioner);
    }

    /** Builds a {@link KafkaConfig}; typed setters for common properties, {@link #set} for any other. */
    public static final class Builder {
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Duration queueFullTimeout = Duration.ofSeconds(60);
        private Duration closeTimeout = Duration.ofSeconds(30);
        private Partitioner javaPartitioner;

        private Builder() {
        }

        /**
         * Sets any librdkafka property by name.
         *
         * @param name  the property, as librdkafka's CONFIGURATION.md names it
         * @param value its value; {@code null} removes the property
         * @return this builder
         */
        public Builder set(String name, String value) {
            Objects.requireNonNull(name, "property name");
            if (value == null) properties.remove(name);
            else properties.put(name, value);
            return this;
        }

        /**
         * Sets several librdkafka properties, as {@link #set} does for each.
         *
         * @param props the properties by name
         * @return this builder
         */
        public Builder setAll(Map<String, String> props) {
            props.forEach(this::set);
            return this;
        }

        /**
         * {@code bootstrap.servers}: the brokers to reach the cluster through.
         *
         * @param servers {@code host:port,...}
         * @return this builder
         */
        public Builder bootstrapServers(String servers) {
            return set("bootstrap.servers", servers);
        }

        /**
         * {@code client.id}: the client's name in broker logs, quotas and librdkafka's handle name.
         *
         * @param clientId the id
         * @return this builder
         */
        public Builder clientId(String clientId) {
            return set("client.id", clientId);
        }

        /**
         * {@code group.id}: the consumer group a consumer joins; needed for subscribe and commits.
         *
         * @param groupId the group
         * @return this builder
         */
        public Builder groupId(String groupId) {
            return set("group.id", groupId);
        }

        /**
         * {@code acks}: how many replicas must have a record before the broker acknowledges it.
         *
         * @param acks "all" (or "-1"), "0", "1"
         * @return this builder
         */
        public Builder acks(String acks) {
            return set("acks", acks);
        }

        /**
         * {@code linger.ms}: how long the producer waits to fill a batch before sending it.
         *
         * @param linger the wait (millisecond precision)
         * @return this builder
         */
        public Builder linger(Duration linger) {
            return set("linger.ms", Long.toString(linger.toMillis()));
        }

        /**
         * {@code partitioner}: how a producer chooses the partition of a record sent without one. Without this
         * setting a {@link Producer} uses {@value KafkaConfig#DEFAULT_PARTITIONER} (keys placed as Apache Kafka's
         * Java client places them); {@value KafkaConfig#LIBRDKAFKA_DEFAULT_PARTITIONER} is librdkafka's own default.
         *
         * @param partitioner random, consistent, consistent_random, murmur2, murmur2_random, fnv1a, fnv1a_random
         * @return this builder
         */
        public Builder partitioner(String partitioner) {
            return set("partitioner", partitioner);
        }

        /**
         * A partitioner in Java for a {@link Producer}: it chooses the partition of every record sent without one,
         * in place of the {@code partitioner} property's named partitioners (see {@link Partitioner} for its threads
         * and what a failure does). Unless {@code sticky.partitioning.linger.ms} is set, the producer sets it to 0, so
         * that records without a key reach the partitioner too (librdkafka sends them to its sticky partitioner
         * otherwise). {@link KafkaConfig#dump()} shows it as {@code partitioner=java:<class name>}. A consumer or an
         * admin client ignores it.
         *
         * @param partitioner the partitioner; {@code null} removes it
         * @return this builder
         */
        public Builder partitioner(Partitioner partitioner) {
            this.javaPartitioner = partitioner;
            return this;
        }

        /**
         * {@code compression.type} of produced batches.
         *
         * @param codec none, gzip, snappy, lz4, zstd
         * @return this builder
         */
        public Builder compression(String codec) {
            return set("compression.type", codec);
        }

        /**
         * {@code enable.idempotence}: retries without duplicates or reordering (implies {@code acks=all}).
         *
         * @param on whether to enable it
         * @return this builder
         */
        public Builder enableIdempotence(boolean on) {
            return set("enable.idempotence", Boolean.toString(on));
        }

        /**
         * {@code transactional.id}: makes a producer transactional; stable across restarts of an instance.
         *
         * @param id the id
         * @return this builder
         */
        public Builder transactionalId(String id) {
            return set("transactional.id", id);
        }

        /**
         * {@code security.protocol}.
         *
         * @param protocol plaintext, ssl, sasl_plaintext, sasl_ssl
         * @return this builder
         */
        public Builder securityProtocol(String protocol) {
            return set("security.protocol", protocol);
        }

        /**
         * SASL mechanism and credentials ({@code sasl.mechanism}, {@code sasl.username}, {@code sasl.password}).
         *
         * @param mechanism PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512
         * @param username  the user
         * @param password  the password (never shown by {@link KafkaConfig#toString()})
         * @return this builder
         */
        public Builder sasl(String mechanism, String username, String password) {
            return set("sasl.mechanism", mechanism).set("sasl.username", username).set("sasl.password", password);
        }

        /**
         * {@code ssl.ca.location}: a PEM file of CA certificates to trust.
         *
         * @param path the file
         * @return this builder
         */
        public Builder sslCaLocation(String path) {
            return set("ssl.ca.location", path);
        }

        /**
         * librdkafka's {@code debug} contexts; the debug log goes to the client's logger.
         *
         * @param contexts e.g. "broker,protocol" or "all"
         * @return this builder
         */
        public Builder debug(String contexts) {
            return set("debug", contexts);
        }

        /**
         * {@code statistics.interval.ms}: how often librdkafka emits its statistics JSON, which reaches the
         * client's statistics listener ({@link ClientListeners.Builder#onStatistics}). Off (0) by default.
         *
         * @param interval the interval (millisecond precision); zero turns statistics off
         * @return this builder
         */
        public Builder statisticsInterval(Duration interval) {
            return set("statistics.interval.ms", Long.toString(interval.toMillis()));
        }

        /**
         * How long {@code Producer.send} waits for room when librdkafka's local queue is full, before failing
         * the record with {@link io.rdkafka.client.errors.QueueFullException}. Default 60 s.
         *
         * @param timeout the wait; zero fails at once
         * @return this builder
         */
        public Builder queueFullTimeout(Duration timeout) {
            if (timeout.isNegative()) throw new IllegalArgumentException("queueFullTimeout must not be negative");
            this.queueFullTimeout = timeout;
            return this;
        }

        /**
         * The default bound on a client's {@code close()}. Default 30 s.
         *
         * @param timeout the bound
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            if (timeout.isNegative()) throw new IllegalArgumentException("closeTimeout must not be negative");
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * Checks every property against librdkafka and returns the configuration.
         *
         * @return the configuration
         * @throws ConfigException naming the first unknown property or invalid value
         */
        public KafkaConfig build() {
            NativeConf.validate(properties);
            return new KafkaConfig(this);
        }
    }

    /**
     * {@return a hint for a property librdkafka does not know, when it is a Java-client property; else
     * {@code null}}
     *
     * @param property the property name
     */
    public static String hintFor(String property) {
        return PropertyRules.hintFor(property);
    }
}

package io.rdkafka.client.admin;

/** Where a configuration value comes from ({@code rd_kafka_ConfigSource_t}). */
public enum ConfigSource {
    /** A source this library does not know. */
    UNKNOWN(0),
    /** Set on the topic (e.g. by {@code alterConfigs}). */
    DYNAMIC_TOPIC_CONFIG(1),
    /** Set dynamically for this broker. */
    DYNAMIC_BROKER_CONFIG(2),
    /** Set dynamically as the default of all brokers. */
    DYNAMIC_DEFAULT_BROKER_CONFIG(3),
    /** From the broker's {@code server.properties}. */
    STATIC_BROKER_CONFIG(4),
    /** Kafka's built-in default. */
    DEFAULT_CONFIG(5),
    /** Set on a group (librdkafka 2.10+ and Kafka 4.0+). */
    GROUP_CONFIG(8);

    final int code;

    ConfigSource(int code) {
        this.code = code;
    }

    static ConfigSource fromCode(int code) {
        for (ConfigSource t : values()) if (t.code == code) return t;
        return UNKNOWN;
    }
}

package io.rdkafka.client.admin;

/** The kind of resource a configuration or an ACL applies to ({@code rd_kafka_ResourceType_t}). */
public enum ResourceType {
    /** A value this library does not know. */
    UNKNOWN(0),
    /** In filters: any resource type. */
    ANY(1),
    /** A topic. */
    TOPIC(2),
    /** A consumer group. */
    GROUP(3),
    /** A broker (configurations, by broker id as name) or the cluster (ACLs, named {@code kafka-cluster}). */
    BROKER(4),
    /** A transactional id (ACLs). */
    TRANSACTIONAL_ID(5);

    final int code;

    ResourceType(int code) {
        this.code = code;
    }

    static ResourceType fromCode(int code) {
        for (ResourceType t : values()) if (t.code == code) return t;
        return UNKNOWN;
    }
}

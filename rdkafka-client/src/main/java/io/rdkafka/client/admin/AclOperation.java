package io.rdkafka.client.admin;

/** An operation an ACL allows or denies ({@code rd_kafka_AclOperation_t}). */
public enum AclOperation {
    /** Not known to this binding. */
    UNKNOWN(0),
    /** In filters: any operation. */
    ANY(1),
    /** Every operation. */
    ALL(2),
    /** Read (e.g. consume from a topic, fetch a group's offsets). */
    READ(3),
    /** Write (e.g. produce to a topic). */
    WRITE(4),
    /** Create (e.g. topics). */
    CREATE(5),
    /** Delete (e.g. topics, records, groups). */
    DELETE(6),
    /** Alter (e.g. partitions). */
    ALTER(7),
    /** Describe (e.g. metadata, offsets, groups). */
    DESCRIBE(8),
    /** Cluster actions (inter-broker). */
    CLUSTER_ACTION(9),
    /** Describe configurations. */
    DESCRIBE_CONFIGS(10),
    /** Alter configurations. */
    ALTER_CONFIGS(11),
    /** Idempotent writes (an idempotent producer's InitProducerId). */
    IDEMPOTENT_WRITE(12);

    final int code;

    AclOperation(int code) {
        this.code = code;
    }

    static AclOperation fromCode(int code) {
        for (AclOperation t : values()) if (t.code == code) return t;
        return UNKNOWN;
    }
}

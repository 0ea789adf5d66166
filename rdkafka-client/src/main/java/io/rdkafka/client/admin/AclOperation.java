package io.rdkafka.client.admin;

/** An operation an ACL allows or denies ({@code rd_kafka_AclOperation_t}). */
public enum AclOperation {
    UNKNOWN(0),
    /** In filters: any operation. */
    ANY(1),
    ALL(2),
    READ(3),
    WRITE(4),
    CREATE(5),
    DELETE(6),
    ALTER(7),
    DESCRIBE(8),
    CLUSTER_ACTION(9),
    DESCRIBE_CONFIGS(10),
    ALTER_CONFIGS(11),
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

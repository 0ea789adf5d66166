package io.rdkafka.client.admin;

/** Whether an ACL allows or denies ({@code rd_kafka_AclPermissionType_t}). */
public enum AclPermissionType {
    UNKNOWN(0),
    /** In filters: either. */
    ANY(1),
    DENY(2),
    ALLOW(3);

    final int code;

    AclPermissionType(int code) {
        this.code = code;
    }

    static AclPermissionType fromCode(int code) {
        for (AclPermissionType t : values()) if (t.code == code) return t;
        return UNKNOWN;
    }
}

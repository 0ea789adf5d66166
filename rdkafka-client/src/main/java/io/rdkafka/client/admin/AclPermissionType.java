package io.rdkafka.client.admin;

/** Whether an ACL allows or denies ({@code rd_kafka_AclPermissionType_t}). */
public enum AclPermissionType {
    /** A value this library does not know. */
    UNKNOWN(0),
    /** In filters: either. */
    ANY(1),
    /** The ACL denies the operation (a deny wins over an allow). */
    DENY(2),
    /** The ACL allows the operation. */
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

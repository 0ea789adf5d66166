package io.rdkafka.client.admin;

/** How an ACL's resource name matches resources ({@code rd_kafka_ResourcePatternType_t}). */
public enum PatternType {
    /** A value this library does not know. */
    UNKNOWN(0),
    /** In filters: any pattern type. */
    ANY(1),
    /** In filters: every binding that applies to the named resource (literal, wildcard and prefixed). */
    MATCH(2),
    /** The name is the resource's exact name, or {@code *} for all resources of the type. */
    LITERAL(3),
    /** The name is a prefix of the resources' names. */
    PREFIXED(4);

    final int code;

    PatternType(int code) {
        this.code = code;
    }

    static PatternType fromCode(int code) {
        for (PatternType t : values()) if (t.code == code) return t;
        return UNKNOWN;
    }
}

package io.rdkafka.client;

/** What a record's timestamp means. */
public enum TimestampType {
    NO_TIMESTAMP_TYPE, CREATE_TIME, LOG_APPEND_TIME;

    /** From librdkafka's {@code rd_kafka_timestamp_type_t}. */
    public static TimestampType fromNative(int type) {
        return switch (type) {
            case 1 -> CREATE_TIME;
            case 2 -> LOG_APPEND_TIME;
            default -> NO_TIMESTAMP_TYPE;
        };
    }
}

package io.rdkafka.client;

/** What a record's timestamp means. */
public enum TimestampType {
    /** The record has no timestamp. */
    NO_TIMESTAMP_TYPE,
    /** The producer's timestamp: when the record was created (or the one the application set). */
    CREATE_TIME,
    /** The broker's timestamp: when it appended the record to the log ({@code message.timestamp.type=LogAppendTime}). */
    LOG_APPEND_TIME;

    /**
     * From librdkafka's {@code rd_kafka_timestamp_type_t}.
     *
     * @param type the native value
     * @return the type
     */
    public static TimestampType fromNative(int type) {
        return switch (type) {
            case 1 -> CREATE_TIME;
            case 2 -> LOG_APPEND_TIME;
            default -> NO_TIMESTAMP_TYPE;
        };
    }
}

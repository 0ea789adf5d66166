package io.rdkafka.client.admin;

/** Whether {@link Admin#listOffsets} sees uncommitted transactional records ({@code rd_kafka_IsolationLevel_t}). */
public enum IsolationLevel {
    /** The high watermark: the end of the log, open transactions included. */
    READ_UNCOMMITTED(0),
    /** The last stable offset: the end of the log a {@code read_committed} consumer sees. */
    READ_COMMITTED(1);

    final int code;

    IsolationLevel(int code) {
        this.code = code;
    }
}

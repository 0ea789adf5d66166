package io.rdkafka.client.admin;

/** Which leader election {@link Admin#electLeaders} runs ({@code rd_kafka_ElectionType_t}). */
public enum ElectionType {
    /** Make the preferred (first assigned) replica the leader, if it is in sync. */
    PREFERRED(0),
    /** Elect an out-of-sync replica when no in-sync replica is alive (may lose data). */
    UNCLEAN(1);

    final int code;

    ElectionType(int code) {
        this.code = code;
    }
}

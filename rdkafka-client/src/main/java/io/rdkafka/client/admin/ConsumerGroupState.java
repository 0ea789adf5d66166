package io.rdkafka.client.admin;

/** The state of a consumer group ({@code rd_kafka_consumer_group_state_t}). */
public enum ConsumerGroupState {
    /** A state this library does not know. */
    UNKNOWN(0),
    /** Members are (re)joining. */
    PREPARING_REBALANCE(1),
    /** The members joined; the assignment is being distributed. */
    COMPLETING_REBALANCE(2),
    /** Members have their assignments. */
    STABLE(3),
    /** The group has no members and no metadata; it is being removed. */
    DEAD(4),
    /** The group has no members but keeps committed offsets. */
    EMPTY(5);

    final int code;

    ConsumerGroupState(int code) {
        this.code = code;
    }

    static ConsumerGroupState fromCode(int code) {
        for (ConsumerGroupState t : values()) if (t.code == code) return t;
        return UNKNOWN;
    }
}

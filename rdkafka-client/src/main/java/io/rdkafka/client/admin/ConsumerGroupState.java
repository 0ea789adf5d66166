package io.rdkafka.client.admin;

/** The state of a consumer group ({@code rd_kafka_consumer_group_state_t}). */
public enum ConsumerGroupState {
    UNKNOWN(0),
    PREPARING_REBALANCE(1),
    COMPLETING_REBALANCE(2),
    STABLE(3),
    DEAD(4),
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

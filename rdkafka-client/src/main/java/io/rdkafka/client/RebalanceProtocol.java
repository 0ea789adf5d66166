package io.rdkafka.client;

/** How a consumer group moves partitions ({@code rd_kafka_rebalance_protocol}). */
public enum RebalanceProtocol {
    /** Not in a group with an assignment strategy yet (or manual assignment). */
    NONE,
    /** Every rebalance revokes everything, then assigns the new set (range, roundrobin). */
    EAGER,
    /** Only partitions that move are revoked and assigned (cooperative-sticky). */
    COOPERATIVE;

    static RebalanceProtocol fromNative(String s) {
        if (s == null) return NONE;
        return switch (s) {
            case "EAGER" -> EAGER;
            case "COOPERATIVE" -> COOPERATIVE;
            default -> NONE;
        };
    }
}

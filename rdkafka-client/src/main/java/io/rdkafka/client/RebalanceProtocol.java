package io.rdkafka.client;

/** How a consumer group moves partitions ({@code rd_kafka_rebalance_protocol}). */
public enum RebalanceProtocol {
    /** Not in a group with an assignment strategy yet (or manual assignment). */
    NONE,
    /** Every rebalance revokes everything, then assigns the new set (range, roundrobin). */
    EAGER,
    /**
     * Only partitions that move are revoked and assigned: cooperative-sticky under the classic group protocol,
     * and the consumer group protocol of KIP-848 ({@code group.protocol=consumer}; see {@link #configuredBy}).
     */
    COOPERATIVE;

    /**
     * The protocol a consumer configuration selects, before the group is joined: {@link #COOPERATIVE} with a
     * cooperative {@code partition.assignment.strategy}, else {@link #EAGER} (librdkafka's default strategies,
     * range and roundrobin, are eager). With {@code group.protocol=consumer} (KIP-848: the broker assigns) it is
     * always COOPERATIVE from librdkafka 2.10.0; the early-access releases before (2.4 to 2.9) still take it from
     * {@code partition.assignment.strategy}, so there the default is EAGER (every assignment replaces the whole
     * set) unless {@code cooperative-sticky} is configured.
     *
     * @param config the consumer configuration
     * @return EAGER or COOPERATIVE
     */
    public static RebalanceProtocol configuredBy(KafkaConfig config) {
        String groupProtocol = config.get("group.protocol");
        if (groupProtocol != null && groupProtocol.trim().equalsIgnoreCase("consumer")
                && io.rdkafka.ffm.RdKafkaLibrary.isAtLeast(2, 10, 0)) {
            return COOPERATIVE;
        }
        String strategies = config.get("partition.assignment.strategy");
        return strategies != null && strategies.contains("cooperative") ? COOPERATIVE : EAGER;
    }

    static RebalanceProtocol fromNative(String s) {
        if (s == null) return NONE;
        return switch (s) {
            case "EAGER" -> EAGER;
            case "COOPERATIVE" -> COOPERATIVE;
            default -> NONE;
        };
    }
}

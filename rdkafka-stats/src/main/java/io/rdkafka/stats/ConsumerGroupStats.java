package io.rdkafka.stats;

import com.fasterxml.jackson.databind.JsonNode;

import static io.rdkafka.stats.Json.num;
import static io.rdkafka.stats.Json.str;

/**
 * A consumer's group handler ("cgrp" in STATISTICS.md); present for consumers with a {@code group.id}.
 *
 * @param state           the group handler's state, e.g. "up", "wait-coord"
 * @param stateAge        milliseconds since the last state change (gauge)
 * @param joinState       the join state, e.g. "steady", "wait-join" ("assigned" in older librdkafka)
 * @param rebalanceAge    milliseconds since the last rebalance, assign or revoke (gauge)
 * @param rebalanceCnt    rebalances (assign or revoke) so far
 * @param rebalanceReason the last rebalance's reason, or ""
 * @param assignmentSize  the number of partitions currently assigned (gauge)
 */
public record ConsumerGroupStats(String state, long stateAge, String joinState, long rebalanceAge, long rebalanceCnt,
                                 String rebalanceReason, long assignmentSize) {

    /** {@return whether the group handler is up (it has a coordinator)} */
    public boolean isUp() {
        return "up".equals(state);
    }

    static ConsumerGroupStats of(JsonNode n) {
        return new ConsumerGroupStats(str(n, "state"), num(n, "stateage"), str(n, "join_state"),
                num(n, "rebalance_age"), num(n, "rebalance_cnt"), str(n, "rebalance_reason"),
                num(n, "assignment_size"));
    }
}

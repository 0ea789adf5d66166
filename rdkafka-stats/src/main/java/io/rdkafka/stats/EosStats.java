package io.rdkafka.stats;

import com.fasterxml.jackson.databind.JsonNode;

import static io.rdkafka.stats.Json.bool;
import static io.rdkafka.stats.Json.num;
import static io.rdkafka.stats.Json.str;

/**
 * The idempotent or transactional producer's state ("eos" in STATISTICS.md); present for producers with
 * {@code enable.idempotence=true} or a {@code transactional.id}.
 *
 * @param idempState     the idempotent producer id state, e.g. "Assigned"
 * @param idempStateAge  milliseconds since the last {@code idempState} change (gauge)
 * @param txnState       the transactional state, e.g. "Ready", "InTransaction" ("Init" without transactions)
 * @param txnStateAge    milliseconds since the last {@code txnState} change (gauge)
 * @param txnMayEnq      whether the transactional state allows producing
 * @param producerId     the assigned producer id, or -1
 * @param producerEpoch  the current producer epoch, or -1
 * @param epochCnt       producer id assignments since the client started
 */
public record EosStats(String idempState, long idempStateAge, String txnState, long txnStateAge, boolean txnMayEnq,
                       long producerId, long producerEpoch, long epochCnt) {

    static EosStats of(JsonNode n) {
        return new EosStats(str(n, "idemp_state"), num(n, "idemp_stateage"), str(n, "txn_state"),
                num(n, "txn_stateage"), bool(n, "txn_may_enq"), num(n, "producer_id"), num(n, "producer_epoch"),
                num(n, "epoch_cnt"));
    }
}

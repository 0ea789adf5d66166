package io.rdkafka.stats;

import com.fasterxml.jackson.databind.JsonNode;

import static io.rdkafka.stats.Json.bool;
import static io.rdkafka.stats.Json.integer;
import static io.rdkafka.stats.Json.num;
import static io.rdkafka.stats.Json.str;

/**
 * One partition of a topic as a client sees it ("partitions" in STATISTICS.md). A producer fills the queue
 * and {@code tx} fields, a consumer the fetch, offset and lag fields. librdkafka lists every partition of a
 * topic it knows, assigned or not, plus an internal unassigned partition {@code -1} ({@link #isUnassigned()}).
 *
 * <p>Offsets are librdkafka's: {@code -1001} ({@link #OFFSET_INVALID}) means no offset yet. Absent numbers
 * (a field this librdkafka version does not emit) are {@code -1}, absent strings {@code ""}.
 *
 * @param topic             the topic (the key of the enclosing {@link TopicStats})
 * @param partition         the partition id, -1 for the internal unassigned partition
 * @param broker            the id of the broker messages are fetched from (or produced to)
 * @param leader            the id of the partition's current leader
 * @param desired           whether the application explicitly wants the partition (e.g. it is assigned)
 * @param unknown           whether the partition was not in the topic's metadata from the broker
 * @param msgqCnt           messages waiting to be produced in the first-level queue (gauge)
 * @param msgqBytes         bytes of those messages (gauge)
 * @param xmitMsgqCnt       messages ready to be produced in the transmit queue (gauge)
 * @param xmitMsgqBytes     bytes of those messages (gauge)
 * @param fetchqCnt         pre-fetched messages in the fetch queue (gauge)
 * @param fetchqSize        bytes in the fetch queue (gauge)
 * @param fetchState        the consumer's fetch state: none, stopping, stopped, offset-query, offset-wait, active
 * @param queryOffset       the current or last logical offset query
 * @param nextOffset        the next offset to fetch
 * @param appOffset         the offset of the last message passed to the application, plus one
 * @param storedOffset      the offset to be committed
 * @param committedOffset   the last committed offset
 * @param eofOffset         the offset of the last partition EOF signalled
 * @param loOffset          the partition's low watermark on the broker
 * @param hiOffset          the partition's high watermark on the broker
 * @param lsOffset          the partition's last stable offset on the broker
 * @param consumerLag       high watermark (or last stable offset with read_committed) minus the committed offset;
 *                          -1 when unknown
 * @param consumerLagStored the same, minus the stored offset; -1 when unknown
 * @param txMsgs            messages transmitted (produced)
 * @param txBytes           bytes transmitted for {@code txMsgs}
 * @param rxMsgs            messages consumed, not counting ignored ones
 * @param rxBytes           bytes received for {@code rxMsgs}
 * @param msgs              messages received (consumer) or produced, perhaps not yet transmitted (producer)
 * @param rxVerDrops        outdated messages dropped
 * @param msgsInflight      messages in flight to or from the broker (gauge)
 * @param nextAckSeq        the next expected acknowledged sequence (idempotent producer)
 * @param nextErrSeq        the next expected errored sequence (idempotent producer)
 * @param ackedMsgId        the last acknowledged internal message id (idempotent producer)
 */
public record PartitionStats(String topic, int partition, int broker, int leader, boolean desired, boolean unknown,
                             long msgqCnt, long msgqBytes, long xmitMsgqCnt, long xmitMsgqBytes, long fetchqCnt,
                             long fetchqSize, String fetchState, long queryOffset, long nextOffset, long appOffset,
                             long storedOffset, long committedOffset, long eofOffset, long loOffset, long hiOffset,
                             long lsOffset, long consumerLag, long consumerLagStored, long txMsgs, long txBytes,
                             long rxMsgs, long rxBytes, long msgs, long rxVerDrops, long msgsInflight, long nextAckSeq,
                             long nextErrSeq, long ackedMsgId) {

    /** librdkafka's {@code RD_KAFKA_OFFSET_INVALID}: no offset (yet). */
    public static final long OFFSET_INVALID = -1001;

    /**
     * {@return whether this is librdkafka's internal unassigned partition ({@code -1}), which holds messages not
     * yet partitioned}
     */
    public boolean isUnassigned() {
        return partition < 0;
    }

    /** {@return whether a consumer is fetching it ({@code fetch_state} "active")} */
    public boolean isFetching() {
        return "active".equals(fetchState);
    }

    static PartitionStats of(String topic, String key, JsonNode n) {
        int partition = n.has("partition") ? integer(n, "partition") : parseOr(key);
        return new PartitionStats(topic, partition, integer(n, "broker"), integer(n, "leader"), bool(n, "desired"),
                bool(n, "unknown"), num(n, "msgq_cnt"), num(n, "msgq_bytes"), num(n, "xmit_msgq_cnt"),
                num(n, "xmit_msgq_bytes"), num(n, "fetchq_cnt"), num(n, "fetchq_size"), str(n, "fetch_state"),
                num(n, "query_offset"), num(n, "next_offset"), num(n, "app_offset"), num(n, "stored_offset"),
                num(n, "committed_offset", "commited_offset"), num(n, "eof_offset"), num(n, "lo_offset"),
                num(n, "hi_offset"), num(n, "ls_offset"), num(n, "consumer_lag"), num(n, "consumer_lag_stored"),
                num(n, "txmsgs"), num(n, "txbytes"), num(n, "rxmsgs"), num(n, "rxbytes"), num(n, "msgs"),
                num(n, "rx_ver_drops"), num(n, "msgs_inflight"), num(n, "next_ack_seq"), num(n, "next_err_seq"),
                num(n, "acked_msgid"));
    }

    private static int parseOr(String key) {
        try {
            return Integer.parseInt(key);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

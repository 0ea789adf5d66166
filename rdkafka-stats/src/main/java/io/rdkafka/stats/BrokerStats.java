package io.rdkafka.stats;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.rdkafka.stats.Json.integer;
import static io.rdkafka.stats.Json.num;
import static io.rdkafka.stats.Json.obj;
import static io.rdkafka.stats.Json.str;

/**
 * One broker handle of a client ("brokers" in STATISTICS.md). Besides the cluster's brokers (learned from
 * metadata, {@link #nodeId()} &ge; 0) librdkafka lists the configured bootstrap brokers (node id -1 until
 * they are matched), logical brokers such as the group coordinator ({@code source} "logical") and its
 * internal broker ({@code source} "internal"). Counters ("int" in STATISTICS.md) grow for the life of the
 * connection's handle; gauges are the current value. Absent numbers are {@code -1}, absent strings {@code ""}.
 *
 * @param name           hostname, port and broker id, e.g. {@code "localhost:9092/1"}: the key in
 *                       {@link Statistics#brokers()}
 * @param nodeId         the broker id, {@code -1} for bootstrap and logical brokers
 * @param nodeName       hostname and port
 * @param source         where the broker came from: learned, configured, internal, logical
 * @param state          the connection state: INIT, DOWN, CONNECT, AUTH, APIVERSION_QUERY, AUTH_HANDSHAKE, UP, UPDATE
 * @param stateAge       microseconds since the last state change (gauge)
 * @param outbufCnt      requests waiting to be sent (gauge)
 * @param outbufMsgCnt   messages waiting to be sent (gauge)
 * @param waitrespCnt    requests in flight, awaiting a response (gauge)
 * @param waitrespMsgCnt messages in flight, awaiting a response (gauge)
 * @param tx             requests sent
 * @param txBytes        bytes sent
 * @param txErrs         transmission errors
 * @param txRetries      request retries
 * @param txIdle         microseconds since the last socket send, -1 before the first (librdkafka 1.8+)
 * @param reqTimeouts    requests that timed out
 * @param rx             responses received
 * @param rxBytes        bytes received
 * @param rxErrs         receive errors
 * @param rxCorrIdErrs   responses whose correlation id matched no request (typically timed out ones)
 * @param rxPartial      partial message sets received
 * @param rxIdle         microseconds since the last socket receive, -1 before the first (librdkafka 1.8+)
 * @param zbufGrow       decompression buffer size increases
 * @param bufGrow        buffer size increases (deprecated, unused)
 * @param wakeups        wakeups of the broker thread's poll loop
 * @param connects       connection attempts, including failed ones and name resolution failures
 * @param disconnects    disconnects (by the broker, the network, a load balancer, ...)
 * @param requests       requests sent, by request type name (e.g. {@code "Produce"}, {@code "Fetch"})
 * @param intLatency     internal producer queue latency, microseconds
 * @param outbufLatency  time from a request's enqueueing to its write to the socket, microseconds
 * @param rtt            round-trip time, microseconds
 * @param throttle       broker throttling time, milliseconds
 * @param toppars        the partitions this broker handle serves
 */
public record BrokerStats(String name, int nodeId, String nodeName, String source, String state, long stateAge,
                          long outbufCnt, long outbufMsgCnt, long waitrespCnt, long waitrespMsgCnt, long tx,
                          long txBytes, long txErrs, long txRetries, long txIdle, long reqTimeouts, long rx,
                          long rxBytes, long rxErrs, long rxCorrIdErrs, long rxPartial, long rxIdle, long zbufGrow,
                          long bufGrow, long wakeups, long connects, long disconnects, Map<String, Long> requests,
                          WindowStats intLatency, WindowStats outbufLatency, WindowStats rtt, WindowStats throttle,
                          List<TopicPartitionRef> toppars) {

    /**
     * Copies the collections.
     */
    public BrokerStats {
        requests = requests == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(requests));
        toppars = toppars == null ? List.of() : List.copyOf(toppars);
        intLatency = intLatency == null ? WindowStats.ABSENT : intLatency;
        outbufLatency = outbufLatency == null ? WindowStats.ABSENT : outbufLatency;
        rtt = rtt == null ? WindowStats.ABSENT : rtt;
        throttle = throttle == null ? WindowStats.ABSENT : throttle;
    }

    /**
     * A partition served by a broker handle.
     *
     * @param topic     the topic
     * @param partition the partition id
     */
    public record TopicPartitionRef(String topic, int partition) {
    }

    /** {@return whether the connection is up ({@code state} "UP")} */
    public boolean isUp() {
        return "UP".equals(state);
    }

    /**
     * {@return whether this is a broker of the cluster (learned from metadata or matched by id), not a logical
     * or internal one}
     */
    public boolean isClusterBroker() {
        return nodeId >= 0 && !"internal".equals(source) && !"logical".equals(source);
    }

    static BrokerStats of(String key, JsonNode n) {
        Map<String, Long> requests = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : obj(n, "req").properties()) {
            if (e.getValue().isNumber()) requests.put(e.getKey(), e.getValue().asLong());
        }
        List<TopicPartitionRef> toppars = new ArrayList<>();
        for (JsonNode t : obj(n, "toppars")) {
            if (t.isObject()) toppars.add(new TopicPartitionRef(str(t, "topic"), integer(t, "partition")));
        }
        String name = str(n, "name");
        return new BrokerStats(name.isEmpty() ? key : name, integer(n, "nodeid"), str(n, "nodename"),
                str(n, "source"), str(n, "state"), num(n, "stateage"), num(n, "outbuf_cnt"), num(n, "outbuf_msg_cnt"),
                num(n, "waitresp_cnt"), num(n, "waitresp_msg_cnt"), num(n, "tx"), num(n, "txbytes"), num(n, "txerrs"),
                num(n, "txretries"), num(n, "txidle"), num(n, "req_timeouts"), num(n, "rx"), num(n, "rxbytes"),
                num(n, "rxerrs"), num(n, "rxcorriderrs"), num(n, "rxpartial"), num(n, "rxidle"), num(n, "zbuf_grow"),
                num(n, "buf_grow"), num(n, "wakeups"), num(n, "connects"), num(n, "disconnects"), requests,
                WindowStats.of(n.get("int_latency")), WindowStats.of(n.get("outbuf_latency")),
                WindowStats.of(n.get("rtt")), WindowStats.of(n.get("throttle")), toppars);
    }
}

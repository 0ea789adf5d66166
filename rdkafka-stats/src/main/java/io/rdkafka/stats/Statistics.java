package io.rdkafka.stats;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import static io.rdkafka.stats.Json.num;
import static io.rdkafka.stats.Json.obj;
import static io.rdkafka.stats.Json.str;

/**
 * One statistics emit of a librdkafka client, parsed: the top-level fields of librdkafka's STATISTICS.md,
 * the {@link #brokers()}, the {@link #topics()} with their partitions, and, when present, the consumer group
 * ({@link #cgrp()}) and idempotence/transactions state ({@link #eos()}).
 *
 * <pre>{@code
 * KafkaConfig config = KafkaConfig.builder().bootstrapServers(servers)
 *         .statisticsInterval(Duration.ofSeconds(5)).build();
 * ClientListeners listeners = ClientListeners.builder()
 *         .onStatistics(Statistics.listener(s -> log.info(s.name() + " lag " + s.consumerLag())))
 *         .build();
 * }</pre>
 *
 * <p>Parsing is tolerant: unknown fields are ignored (newer librdkafka versions add some), and a field that
 * is missing or of another type reads as {@code -1} (numbers), {@code ""} (strings), {@code false} or empty.
 * The values are as librdkafka emits them: sizes in bytes, the units of time each field's documentation
 * names (mostly microseconds), offsets with {@code -1001} for "none".
 *
 * @param name             the client handle's name, e.g. {@code "rdkafka#producer-1"}
 * @param clientId         the configured (or default) {@code client.id}
 * @param type             "producer" or "consumer"
 * @param ts               librdkafka's monotonic clock, microseconds
 * @param time             wall clock time, seconds since the epoch
 * @param age              microseconds since the client was created (librdkafka 1.3+)
 * @param replyq           operations (callbacks, events) waiting for the application to serve (gauge)
 * @param msgCnt           messages in the producer queues (gauge)
 * @param msgSize          bytes of the messages in the producer queues (gauge)
 * @param msgMax           the most messages the producer queues may hold
 * @param msgSizeMax       the most bytes the producer queues may hold
 * @param tx               requests sent to brokers
 * @param txBytes          bytes sent to brokers
 * @param rx               responses received from brokers
 * @param rxBytes          bytes received from brokers
 * @param txMsgs           messages produced to brokers
 * @param txMsgBytes       bytes of those messages, framing included
 * @param rxMsgs           messages consumed from brokers, not counting ignored ones
 * @param rxMsgBytes       bytes of those messages, framing included
 * @param simpleCnt        internal: legacy versus high-level consumer API state (gauge)
 * @param metadataCacheCnt topics in the metadata cache (gauge)
 * @param brokers          the broker handles by name (see {@link BrokerStats})
 * @param topics           the topics by name
 * @param cgrp             the consumer group handler, for consumers with a {@code group.id}
 * @param eos              the idempotent/transactional producer state, for such producers
 */
public record Statistics(String name, String clientId, String type, long ts, long time, long age, long replyq,
                         long msgCnt, long msgSize, long msgMax, long msgSizeMax, long tx, long txBytes, long rx,
                         long rxBytes, long txMsgs, long txMsgBytes, long rxMsgs, long rxMsgBytes, long simpleCnt,
                         long metadataCacheCnt, Map<String, BrokerStats> brokers, Map<String, TopicStats> topics,
                         Optional<ConsumerGroupStats> cgrp, Optional<EosStats> eos) {

    // Shared and thread-safe once configured. Statistics of a large client are a few hundred KiB at most.
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());

    /**
     * Copies the collections.
     */
    public Statistics {
        brokers = brokers == null ? Map.of() : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(brokers));
        topics = topics == null ? Map.of() : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(topics));
        cgrp = cgrp == null ? Optional.empty() : cgrp;
        eos = eos == null ? Optional.empty() : eos;
    }

    /**
     * Parses one statistics JSON document as librdkafka emits it (and {@code ClientListeners.onStatistics}
     * passes it on). Thread-safe.
     *
     * @param json the statistics JSON
     * @return the parsed statistics
     * @throws IllegalArgumentException when {@code json} is not a JSON object
     */
    public static Statistics parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid statistics JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("statistics JSON must be an object, got "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        return of(root);
    }

    /**
     * A statistics listener for {@code ClientListeners.Builder.onStatistics} that parses each JSON document and
     * passes the result to {@code consumer}. It runs on the client's event thread: keep {@code consumer} short.
     * A document that does not parse is dropped with a warning to {@link System.Logger}.
     *
     * @param consumer receives each parsed emit
     * @return the JSON listener
     */
    public static Consumer<String> listener(Consumer<? super Statistics> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return json -> {
            Statistics s;
            try {
                s = parse(json);
            } catch (IllegalArgumentException e) {
                System.getLogger(Statistics.class.getName()).log(System.Logger.Level.WARNING,
                        "dropping statistics that do not parse: " + e.getMessage());
                return;
            }
            consumer.accept(s);
        };
    }

    private static Statistics of(JsonNode n) {
        JsonNode cgrp = obj(n, "cgrp");
        JsonNode eos = obj(n, "eos");
        return new Statistics(str(n, "name"), str(n, "client_id"), str(n, "type"), num(n, "ts"), num(n, "time"),
                num(n, "age"), num(n, "replyq"), num(n, "msg_cnt"), num(n, "msg_size"), num(n, "msg_max"),
                num(n, "msg_size_max"), num(n, "tx"), num(n, "tx_bytes"), num(n, "rx"), num(n, "rx_bytes"),
                num(n, "txmsgs"), num(n, "txmsg_bytes"), num(n, "rxmsgs"), num(n, "rxmsg_bytes"),
                num(n, "simple_cnt"), num(n, "metadata_cache_cnt"), Json.objects(n, "brokers", BrokerStats::of),
                Json.objects(n, "topics", TopicStats::of),
                cgrp.isMissingNode() ? Optional.empty() : Optional.of(ConsumerGroupStats.of(cgrp)),
                eos.isMissingNode() ? Optional.empty() : Optional.of(EosStats.of(eos)));
    }

    /** {@return whether a producer emitted these statistics} */
    public boolean isProducer() {
        return "producer".equals(type);
    }

    /** {@return whether a consumer emitted these statistics} */
    public boolean isConsumer() {
        return "consumer".equals(type);
    }

    /**
     * The statistics of one partition.
     *
     * @param topic     the topic
     * @param partition the partition id
     * @return the partition's statistics, or empty when the client does not know it
     */
    public Optional<PartitionStats> partition(String topic, int partition) {
        TopicStats t = topics.get(topic);
        return t == null ? Optional.empty() : Optional.ofNullable(t.partition(partition));
    }

    /**
     * Every real partition of every topic (librdkafka's internal unassigned partitions {@code -1} left out),
     * topic by topic.
     *
     * @return the partitions
     */
    public List<PartitionStats> partitions() {
        List<PartitionStats> all = new ArrayList<>();
        for (TopicStats t : topics.values()) {
            for (PartitionStats p : t.partitions().values()) if (!p.isUnassigned()) all.add(p);
        }
        return all;
    }

    /**
     * The brokers of the cluster this client talks to, without bootstrap, logical and internal broker handles.
     *
     * @return the cluster's brokers, by name
     */
    public List<BrokerStats> clusterBrokers() {
        return brokers.values().stream().filter(BrokerStats::isClusterBroker).toList();
    }

    /**
     * The consumer's total lag: the sum of {@link PartitionStats#consumerLag()} over the partitions whose lag
     * is known ({@code >= 0}).
     *
     * @return the total lag, or {@code -1} when no partition's lag is known (e.g. a producer)
     */
    public long consumerLag() {
        long sum = -1;
        for (PartitionStats p : partitions()) {
            if (p.consumerLag() >= 0) sum = Math.max(sum, 0) + p.consumerLag();
        }
        return sum;
    }
}

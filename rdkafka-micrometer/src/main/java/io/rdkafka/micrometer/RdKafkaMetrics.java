package io.rdkafka.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.rdkafka.stats.BrokerStats;
import io.rdkafka.stats.ConsumerGroupStats;
import io.rdkafka.stats.PartitionStats;
import io.rdkafka.stats.Statistics;
import io.rdkafka.stats.TopicStats;
import io.rdkafka.stats.WindowStats;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Publishes librdkafka's statistics as Micrometer meters. It is both a {@link MeterBinder} and the statistics
 * listener of one or more clients:
 *
 * <pre>{@code
 * RdKafkaMetrics metrics = new RdKafkaMetrics();
 * metrics.bindTo(registry);                                   // or let a framework bind it
 * KafkaConfig config = KafkaConfig.builder().bootstrapServers(servers)
 *         .statisticsInterval(Duration.ofSeconds(15)).build(); // statistics are off by default
 * Producer<String, String> producer = Producer.create(config, keySerializer, valueSerializer,
 *         ClientListeners.builder().onStatistics(metrics).build());
 * }</pre>
 *
 * <p>Each statistics emit (every {@code statistics.interval.ms}, on the client's event thread) updates the
 * meters of the client that emitted it. Meters appear with the first emit that has their subject and are
 * removed from the registries when it is gone from a later emit (a partition revoked from a consumer, a broker
 * that left). Gauges show the value of the last emit; counters are {@link FunctionCounter}s over librdkafka's
 * running totals. A client's meters stay after the client is closed, with their last values, until
 * {@link #removeClient(String)} or {@link #close()}.
 *
 * <p>Tags: every meter has {@code client} (librdkafka's handle name, e.g. {@code rdkafka#producer-1}: unique
 * within the process), {@code client.id} (the configured {@code client.id}) and the tags given to the
 * constructor; broker meters add {@code broker} (host:port) and {@code broker.id}; partition meters add
 * {@code topic} and {@code partition}. Only the cluster's brokers are published (no bootstrap-only, logical or
 * internal broker handles), and, for a consumer, only the partitions it is assigned.
 *
 * <p>The meters (times in seconds, sizes in bytes):
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>kind</th><th>from (STATISTICS.md)</th></tr>
 * <tr><td>{@code rdkafka.client.replyq}</td><td>gauge</td><td>replyq</td></tr>
 * <tr><td>{@code rdkafka.client.messages.queued}, {@code .bytes}</td><td>gauge</td><td>msg_cnt, msg_size (producers)</td></tr>
 * <tr><td>{@code rdkafka.client.requests.sent}, {@code rdkafka.client.responses.received}</td><td>counter</td><td>tx, rx</td></tr>
 * <tr><td>{@code rdkafka.client.sent.bytes}, {@code rdkafka.client.received.bytes}</td><td>counter</td><td>tx_bytes, rx_bytes</td></tr>
 * <tr><td>{@code rdkafka.client.messages.sent}, {@code rdkafka.client.messages.received}</td><td>counter</td><td>txmsgs, rxmsgs</td></tr>
 * <tr><td>{@code rdkafka.broker.connection.up}</td><td>gauge</td><td>1 when state is UP, else 0</td></tr>
 * <tr><td>{@code rdkafka.broker.rtt.avg}, {@code .p99}, {@code .max}</td><td>gauge</td><td>rtt (window; kept while no request was timed)</td></tr>
 * <tr><td>{@code rdkafka.broker.throttle.avg}, {@code .max}</td><td>gauge</td><td>throttle (window; kept likewise)</td></tr>
 * <tr><td>{@code rdkafka.broker.requests.queued}, {@code rdkafka.broker.requests.inflight}</td><td>gauge</td><td>outbuf_cnt, waitresp_cnt</td></tr>
 * <tr><td>{@code rdkafka.broker.messages.queued}, {@code rdkafka.broker.messages.inflight}</td><td>gauge</td><td>outbuf_msg_cnt, waitresp_msg_cnt</td></tr>
 * <tr><td>{@code rdkafka.broker.requests.sent}, {@code rdkafka.broker.responses.received}</td><td>counter</td><td>tx, rx</td></tr>
 * <tr><td>{@code rdkafka.broker.sent.bytes}, {@code rdkafka.broker.received.bytes}</td><td>counter</td><td>txbytes, rxbytes</td></tr>
 * <tr><td>{@code rdkafka.broker.send.errors}, {@code .receive.errors}, {@code .request.retries}, {@code .request.timeouts}</td><td>counter</td><td>txerrs, rxerrs, txretries, req_timeouts</td></tr>
 * <tr><td>{@code rdkafka.broker.connects}, {@code rdkafka.broker.disconnects}</td><td>counter</td><td>connects, disconnects</td></tr>
 * <tr><td>{@code rdkafka.topic.batch.size.avg}, {@code rdkafka.topic.batch.messages.avg}</td><td>gauge</td><td>batchsize, batchcnt (producers; kept likewise)</td></tr>
 * <tr><td>{@code rdkafka.partition.messages.queued}, {@code .bytes}</td><td>gauge</td><td>msgq_cnt + xmit_msgq_cnt, msgq_bytes + xmit_msgq_bytes (producers)</td></tr>
 * <tr><td>{@code rdkafka.partition.messages.inflight}</td><td>gauge</td><td>msgs_inflight (producers)</td></tr>
 * <tr><td>{@code rdkafka.partition.messages.sent}, {@code rdkafka.partition.sent.bytes}</td><td>counter</td><td>txmsgs, txbytes (producers)</td></tr>
 * <tr><td>{@code rdkafka.partition.consumer.lag}, {@code .stored}</td><td>gauge</td><td>consumer_lag, consumer_lag_stored (NaN when unknown)</td></tr>
 * <tr><td>{@code rdkafka.partition.fetch.queue.messages}, {@code .bytes}</td><td>gauge</td><td>fetchq_cnt, fetchq_size</td></tr>
 * <tr><td>{@code rdkafka.partition.high.watermark}, {@code rdkafka.partition.committed.offset}</td><td>gauge</td><td>hi_offset, committed_offset (NaN when none)</td></tr>
 * <tr><td>{@code rdkafka.partition.messages.received}, {@code rdkafka.partition.received.bytes}</td><td>counter</td><td>rxmsgs, rxbytes</td></tr>
 * <tr><td>{@code rdkafka.consumer.group.rebalances}</td><td>counter</td><td>cgrp.rebalance_cnt</td></tr>
 * <tr><td>{@code rdkafka.consumer.group.assigned.partitions}</td><td>gauge</td><td>cgrp.assignment_size</td></tr>
 * </table>
 *
 * <p>Thread-safe: one instance may serve many clients and registries.
 */
public final class RdKafkaMetrics implements MeterBinder, Consumer<String>, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RdKafkaMetrics.class.getName());
    private static final String SECONDS = "seconds";
    private static final double MICROS = 1e-6;
    private static final double MILLIS = 1e-3;

    private final Tags commonTags;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    /** Guarded by {@code this}. */
    private final Map<Key, Value> meters = new LinkedHashMap<>();
    private final Map<String, Statistics> latest = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Meters with the client, broker, topic and partition tags only. */
    public RdKafkaMetrics() {
        this(Tags.empty());
    }

    /**
     * Meters with these tags too (e.g. the application's name).
     *
     * @param tags tags added to every meter
     */
    public RdKafkaMetrics(Iterable<Tag> tags) {
        this.commonTags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    /**
     * Registers the meters known so far in {@code registry}, and every later one. May be called for several
     * registries.
     *
     * @param registry the registry to publish to
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (closed) throw new IllegalStateException("closed");
        if (registries.contains(registry)) return;
        registries.add(registry);
        for (Map.Entry<Key, Value> e : meters.entrySet()) e.getValue().register(e.getKey(), registry);
    }

    /**
     * The statistics listener: parses librdkafka's statistics JSON and updates the meters. Pass this object to
     * {@code ClientListeners.Builder.onStatistics}. A document that does not parse is dropped with a warning.
     *
     * @param json one statistics emit
     */
    @Override
    public void accept(String json) {
        Statistics s;
        try {
            s = Statistics.parse(json);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "dropping statistics that do not parse: " + e.getMessage());
            return;
        }
        update(s);
    }

    /**
     * Updates the meters of the client that emitted {@code stats} (for statistics parsed elsewhere).
     *
     * @param stats one parsed statistics emit
     */
    public void update(Statistics stats) {
        Objects.requireNonNull(stats, "stats");
        if (closed || stats.name().isEmpty()) return;
        synchronized (this) {
            if (closed) return;
            latest.put(stats.name(), stats);
            Round r = new Round(stats.name(), commonTags.and("client", stats.name(), "client.id", stats.clientId()));
            publish(r, stats);
            r.removeUnseen();
        }
    }

    /**
     * The last statistics a client emitted.
     *
     * @param clientName librdkafka's handle name, as {@code Producer.name()} or {@code Consumer.name()} returns it
     * @return the client's last emit, or empty when none was seen (or the client was removed)
     */
    public Optional<Statistics> latest(String clientName) {
        return Optional.ofNullable(latest.get(clientName));
    }

    /**
     * Removes a client's meters from the registries, e.g. after closing it. A later emit of the client
     * registers them again.
     *
     * @param clientName librdkafka's handle name, as {@code Producer.name()} or {@code Consumer.name()} returns it
     */
    public synchronized void removeClient(String clientName) {
        latest.remove(clientName);
        removeIf(v -> v.client.equals(clientName));
    }

    /** Removes every meter from the registries; later emits are ignored. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        latest.clear();
        removeIf(v -> true);
        registries.clear();
    }

    private void removeIf(java.util.function.Predicate<Value> which) {
        for (Iterator<Map.Entry<Key, Value>> it = meters.entrySet().iterator(); it.hasNext(); ) {
            Value v = it.next().getValue();
            if (which.test(v)) {
                v.unregister();
                it.remove();
            }
        }
    }

    // ---- what is published ---------------------------------------------------------------------------

    private static void publish(Round r, Statistics s) {
        r.gauge("rdkafka.client.replyq", Tags.empty(), s.replyq(), null,
                "Operations (callbacks, events) waiting for the application to serve");
        r.counter("rdkafka.client.requests.sent", Tags.empty(), s.tx(), null, "Requests sent to brokers");
        r.counter("rdkafka.client.responses.received", Tags.empty(), s.rx(), null, "Responses received from brokers");
        r.counter("rdkafka.client.sent.bytes", Tags.empty(), s.txBytes(), BaseUnits.BYTES, "Bytes sent to brokers");
        r.counter("rdkafka.client.received.bytes", Tags.empty(), s.rxBytes(), BaseUnits.BYTES, "Bytes received from brokers");
        if (s.isProducer()) {
            r.gauge("rdkafka.client.messages.queued", Tags.empty(), s.msgCnt(), null,
                    "Messages in the producer queues, not yet delivered");
            r.gauge("rdkafka.client.messages.queued.bytes", Tags.empty(), s.msgSize(), BaseUnits.BYTES,
                    "Bytes of the messages in the producer queues");
            r.counter("rdkafka.client.messages.sent", Tags.empty(), s.txMsgs(), null,
                    "Messages produced to brokers");
        } else {
            r.counter("rdkafka.client.messages.received", Tags.empty(), s.rxMsgs(), null,
                    "Messages consumed from brokers");
        }
        for (BrokerStats b : s.clusterBrokers()) publishBroker(r, b);
        for (TopicStats t : s.topics().values()) {
            if (s.isProducer()) {
                Tags tt = Tags.of("topic", t.topic());
                r.window("rdkafka.topic.batch.size.avg", tt, t.batchSize(), t.batchSize().avg(), 1, BaseUnits.BYTES,
                        "Average size of the batches produced");
                r.window("rdkafka.topic.batch.messages.avg", tt, t.batchCnt(), t.batchCnt().avg(), 1,
                        null, "Average message count of the batches produced");
            }
            for (PartitionStats p : t.partitions().values()) {
                if (p.isUnassigned()) continue;
                if (s.isProducer()) publishProducerPartition(r, p);
                else if (p.desired()) publishConsumerPartition(r, p);
            }
        }
        s.cgrp().ifPresent(g -> publishGroup(r, g));
    }

    private static void publishBroker(Round r, BrokerStats b) {
        Tags t = Tags.of("broker", b.nodeName().isEmpty() ? b.name() : b.nodeName(), "broker.id",
                Integer.toString(b.nodeId()));
        r.gauge("rdkafka.broker.connection.up", t, b.isUp() ? 1 : 0, null, "1 when the connection to the broker is up");
        r.window("rdkafka.broker.rtt.avg", t, b.rtt(), b.rtt().avg(), MICROS, SECONDS,
                "Average request round-trip time to the broker");
        r.window("rdkafka.broker.rtt.p99", t, b.rtt(), b.rtt().p99(), MICROS, SECONDS,
                "99th percentile of the request round-trip time to the broker");
        r.window("rdkafka.broker.rtt.max", t, b.rtt(), b.rtt().max(), MICROS, SECONDS,
                "Longest request round-trip time to the broker");
        r.window("rdkafka.broker.throttle.avg", t, b.throttle(), b.throttle().avg(), MILLIS, SECONDS,
                "Average time the broker throttled the client");
        r.window("rdkafka.broker.throttle.max", t, b.throttle(), b.throttle().max(), MILLIS, SECONDS,
                "Longest time the broker throttled the client");
        r.gauge("rdkafka.broker.requests.queued", t, b.outbufCnt(), null, "Requests waiting to be sent");
        r.gauge("rdkafka.broker.requests.inflight", t, b.waitrespCnt(), null,
                "Requests sent, waiting for a response");
        r.gauge("rdkafka.broker.messages.queued", t, b.outbufMsgCnt(), null,
                "Messages in requests waiting to be sent");
        r.gauge("rdkafka.broker.messages.inflight", t, b.waitrespMsgCnt(), null,
                "Messages in requests waiting for a response");
        r.counter("rdkafka.broker.requests.sent", t, b.tx(), null, "Requests sent to the broker");
        r.counter("rdkafka.broker.responses.received", t, b.rx(), null, "Responses received from the broker");
        r.counter("rdkafka.broker.sent.bytes", t, b.txBytes(), BaseUnits.BYTES, "Bytes sent to the broker");
        r.counter("rdkafka.broker.received.bytes", t, b.rxBytes(), BaseUnits.BYTES, "Bytes received from the broker");
        r.counter("rdkafka.broker.send.errors", t, b.txErrs(), null, "Transmission errors");
        r.counter("rdkafka.broker.receive.errors", t, b.rxErrs(), null, "Receive errors");
        r.counter("rdkafka.broker.request.retries", t, b.txRetries(), null, "Request retries");
        r.counter("rdkafka.broker.request.timeouts", t, b.reqTimeouts(), null, "Requests that timed out");
        r.counter("rdkafka.broker.connects", t, b.connects(), null,
                "Connection attempts, failed ones included");
        r.counter("rdkafka.broker.disconnects", t, b.disconnects(), null, "Disconnects");
    }

    private static Tags partitionTags(PartitionStats p) {
        return Tags.of("topic", p.topic(), "partition", Integer.toString(p.partition()));
    }

    private static void publishProducerPartition(Round r, PartitionStats p) {
        Tags t = partitionTags(p);
        r.gauge("rdkafka.partition.messages.queued", t, p.msgqCnt() + Math.max(0, p.xmitMsgqCnt()), null,
                "Messages waiting to be sent to the partition");
        r.gauge("rdkafka.partition.messages.queued.bytes", t, p.msgqBytes() + Math.max(0, p.xmitMsgqBytes()),
                BaseUnits.BYTES, "Bytes of the messages waiting to be sent to the partition");
        r.gauge("rdkafka.partition.messages.inflight", t, p.msgsInflight(), null,
                "Messages sent to the partition, not yet acknowledged");
        r.counter("rdkafka.partition.messages.sent", t, p.txMsgs(), null, "Messages produced to the partition");
        r.counter("rdkafka.partition.sent.bytes", t, p.txBytes(), BaseUnits.BYTES, "Bytes produced to the partition");
    }

    private static void publishConsumerPartition(Round r, PartitionStats p) {
        Tags t = partitionTags(p);
        r.gauge("rdkafka.partition.consumer.lag", t, orNaN(p.consumerLag()), null,
                "Messages between the high watermark (last stable offset with read_committed) and the committed offset");
        r.gauge("rdkafka.partition.consumer.lag.stored", t, orNaN(p.consumerLagStored()), null,
                "Messages between the high watermark (last stable offset with read_committed) and the stored offset");
        r.gauge("rdkafka.partition.fetch.queue.messages", t, p.fetchqCnt(), null,
                "Messages fetched, not yet given to the application");
        r.gauge("rdkafka.partition.fetch.queue.bytes", t, p.fetchqSize(), BaseUnits.BYTES,
                "Bytes of the messages fetched, not yet given to the application");
        r.gauge("rdkafka.partition.high.watermark", t, orNaN(p.hiOffset()), null, "The partition's high watermark");
        r.gauge("rdkafka.partition.committed.offset", t, orNaN(p.committedOffset()), null,
                "The group's committed offset of the partition");
        r.counter("rdkafka.partition.messages.received", t, p.rxMsgs(), null,
                "Messages consumed from the partition");
        r.counter("rdkafka.partition.received.bytes", t, p.rxBytes(), BaseUnits.BYTES, "Bytes consumed from the partition");
    }

    private static void publishGroup(Round r, ConsumerGroupStats g) {
        r.counter("rdkafka.consumer.group.rebalances", Tags.empty(), g.rebalanceCnt(), null,
                "Rebalances (assign or revoke) of the consumer");
        r.gauge("rdkafka.consumer.group.assigned.partitions", Tags.empty(), g.assignmentSize(), null,
                "Partitions assigned to the consumer");
    }

    private static double orNaN(long v) {
        return v < 0 ? Double.NaN : v;
    }

    // ---- bookkeeping ---------------------------------------------------------------------------------

    private enum Kind { GAUGE, COUNTER }

    private record Key(String name, Tags tags) {
    }

    /** One meter's current value, registered in every bound registry. */
    private static final class Value {
        final Kind kind;
        final String client;
        final String description;
        final String baseUnit;
        final Map<MeterRegistry, Meter> registered = new LinkedHashMap<>();
        volatile double value = Double.NaN;

        Value(Kind kind, String client, String description, String baseUnit) {
            this.kind = kind;
            this.client = client;
            this.description = description;
            this.baseUnit = baseUnit;
        }

        double get() {
            return value;
        }

        void register(Key key, MeterRegistry registry) {
            Meter m = kind == Kind.GAUGE
                    ? Gauge.builder(key.name(), this, Value::get).tags(key.tags()).description(description)
                            .baseUnit(baseUnit).strongReference(true).register(registry)
                    // FunctionCounter holds the Value weakly: the meters map keeps it alive until removal
                    : FunctionCounter.builder(key.name(), this, Value::get).tags(key.tags()).description(description)
                            .baseUnit(baseUnit).register(registry);
            registered.put(registry, m);
        }

        void unregister() {
            registered.forEach(MeterRegistry::remove);
            registered.clear();
        }
    }

    /** One emit of one client: creates and updates that client's meters, then removes those it no longer has. */
    private final class Round {
        final String client;
        final Tags tags;
        final Set<Key> seen = new HashSet<>();

        Round(String client, Tags tags) {
            this.client = client;
            this.tags = tags;
        }

        void gauge(String name, Tags extra, double value, String unit, String description) {
            set(name, extra, Kind.GAUGE, unit, description, value, true);
        }

        void counter(String name, Tags extra, long value, String unit, String description) {
            set(name, extra, Kind.COUNTER, unit, description, value, value >= 0);
        }

        /** A window statistic: kept at its last value while the window sampled nothing. */
        void window(String name, Tags extra, WindowStats w, long value, double scale, String unit, String description) {
            set(name, extra, Kind.GAUGE, unit, description, value * scale, w.cnt() > 0 && value >= 0);
        }

        private void set(String name, Tags extra, Kind kind, String unit, String description, double value,
                         boolean present) {
            Key key = new Key(name, tags.and(extra));
            seen.add(key);
            Value v = meters.get(key);
            if (v == null) {
                v = new Value(kind, client, description, unit);
                if (present) v.value = value; // before registering: a registry may read it at once
                meters.put(key, v);
                for (MeterRegistry registry : registries) v.register(key, registry);
            } else if (present) {
                v.value = value;
            }
        }

        void removeUnseen() {
            for (Iterator<Map.Entry<Key, Value>> it = meters.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Key, Value> e = it.next();
                if (e.getValue().client.equals(client) && !seen.contains(e.getKey())) {
                    e.getValue().unregister();
                    it.remove();
                }
            }
        }
    }
}

package io.rdkafka.kafka;

import io.rdkafka.stats.BrokerStats;
import io.rdkafka.stats.PartitionStats;
import io.rdkafka.stats.Statistics;
import io.rdkafka.stats.TopicStats;
import io.rdkafka.stats.WindowStats;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * kafka-clients' metrics read from librdkafka's statistics: the listener keeps the latest two JSON emits, and each
 * {@link Metric}'s value is computed from them when read (totals from the latest, rates from the difference of the
 * two over the time between them). Metrics without a counterpart in the statistics are absent; values not known
 * yet (no emit so far) are {@code NaN}, as kafka-clients reports an average without samples.
 */
final class StatisticsMetrics implements java.util.function.Consumer<String> {
    /** What a metric is computed from. */
    record Snapshot(Statistics now, Statistics before, double seconds) {
        double rate(ToDoubleFunction<Statistics> total) {
            if (now == null || before == null || seconds <= 0) return Double.NaN;
            return Math.max(0, total.applyAsDouble(now) - total.applyAsDouble(before)) / seconds;
        }
    }

    private record Emit(String json, long nanos) {
    }

    private record Def(String name, String group, String description, ToDoubleFunction<Snapshot> value) {
    }

    /** One metric: its name and a value read from the latest statistics when asked. */
    private record StatMetric(MetricName metricName, StatisticsMetrics source, ToDoubleFunction<Snapshot> fn)
            implements Metric {
        @Override
        public Object metricValue() {
            return fn.applyAsDouble(source.snapshot());
        }
    }

    private final String clientId;
    private final List<Def> defs;
    private final boolean consumer;
    private final Map<String, Metric> extra = new LinkedHashMap<>();
    private volatile Emit latest;
    private volatile Emit previous;
    private volatile Snapshot cached;
    private volatile Emit cachedFor;

    private StatisticsMetrics(String clientId, List<Def> defs, boolean consumer) {
        this.clientId = clientId;
        this.defs = defs;
        this.consumer = consumer;
    }

    static StatisticsMetrics producer(String clientId, java.util.function.LongSupplier errors) {
        String g = "producer-metrics";
        List<Def> d = new java.util.ArrayList<>(common(g));
        d.add(new Def("record-send-total", g, "The total number of records sent.", s -> total(s, Statistics::txMsgs)));
        d.add(new Def("record-send-rate", g, "The average number of records sent per second.",
                s -> s.rate(Statistics::txMsgs)));
        d.add(new Def("record-error-total", g, "The total number of record sends that resulted in errors.",
                s -> errors.getAsLong()));
        d.add(new Def("record-queue-time-avg", g, "The average time in ms record batches spent in the send buffer.",
                s -> brokerWindow(s, BrokerStats::intLatency, true) / 1000.0));
        d.add(new Def("record-queue-time-max", g, "The maximum time in ms record batches spent in the send buffer.",
                s -> brokerWindow(s, BrokerStats::intLatency, false) / 1000.0));
        d.add(new Def("batch-size-avg", g, "The average number of bytes sent per partition per-request.",
                s -> topicWindow(s, TopicStats::batchSize, true)));
        d.add(new Def("batch-size-max", g, "The max number of bytes sent per partition per-request.",
                s -> topicWindow(s, TopicStats::batchSize, false)));
        d.add(new Def("records-per-request-avg", g, "The average number of records per request.",
                s -> topicWindow(s, TopicStats::batchCnt, true)));
        d.add(new Def("produce-throttle-time-avg", g, "The average time in ms a request was throttled by a broker",
                s -> brokerWindow(s, BrokerStats::throttle, true)));
        d.add(new Def("produce-throttle-time-max", g, "The maximum time in ms a request was throttled by a broker",
                s -> brokerWindow(s, BrokerStats::throttle, false)));
        d.add(new Def("buffer-total-bytes", g, "The maximum amount of buffer memory the client can use.",
                s -> s.now() == null ? Double.NaN : s.now().msgSizeMax()));
        d.add(new Def("buffer-available-bytes", g, "The total amount of buffer memory that is not being used.",
                s -> s.now() == null ? Double.NaN : s.now().msgSizeMax() - s.now().msgSize()));
        return new StatisticsMetrics(clientId, d, false);
    }

    static StatisticsMetrics consumer(String clientId) {
        String f = "consumer-fetch-manager-metrics";
        List<Def> d = new java.util.ArrayList<>(common("consumer-metrics"));
        d.add(new Def("records-consumed-total", f, "The total number of records consumed",
                s -> total(s, Statistics::rxMsgs)));
        d.add(new Def("records-consumed-rate", f, "The average number of records consumed per second",
                s -> s.rate(Statistics::rxMsgs)));
        d.add(new Def("bytes-consumed-total", f, "The total number of bytes consumed",
                s -> total(s, Statistics::rxMsgBytes)));
        d.add(new Def("bytes-consumed-rate", f, "The average number of bytes consumed per second",
                s -> s.rate(Statistics::rxMsgBytes)));
        d.add(new Def("records-lag-max", f, "The maximum lag in terms of number of records for any partition",
                StatisticsMetrics::lagMax));
        d.add(new Def("fetch-total", f, "The total number of fetch requests.", s -> total(s, st -> requests(st, "Fetch"))));
        d.add(new Def("fetch-rate", f, "The number of fetch requests per second.", s -> s.rate(st -> requests(st, "Fetch"))));
        d.add(new Def("fetch-latency-avg", f, "The average time taken for a fetch request.",
                s -> brokerWindow(s, BrokerStats::rtt, true) / 1000.0));
        d.add(new Def("fetch-latency-max", f, "The max time taken for any fetch request.",
                s -> brokerWindow(s, BrokerStats::rtt, false) / 1000.0));
        d.add(new Def("fetch-throttle-time-avg", f, "The average throttle time in ms",
                s -> brokerWindow(s, BrokerStats::throttle, true)));
        d.add(new Def("fetch-throttle-time-max", f, "The maximum throttle time in ms",
                s -> brokerWindow(s, BrokerStats::throttle, false)));
        String c = "consumer-coordinator-metrics";
        d.add(new Def("rebalance-total", c, "The total number of rebalance events",
                s -> s.now() == null ? Double.NaN : s.now().cgrp().map(g -> (double) g.rebalanceCnt()).orElse(0.0)));
        d.add(new Def("assigned-partitions", c, "The number of partitions currently assigned to this consumer",
                s -> s.now() == null ? Double.NaN : s.now().cgrp().map(g -> (double) g.assignmentSize()).orElse(0.0)));
        d.add(new Def("last-rebalance-seconds-ago", c, "The number of seconds since the last rebalance event",
                s -> s.now() == null ? Double.NaN
                        : s.now().cgrp().map(g -> g.rebalanceAge() / 1000.0).orElse(Double.NaN)));
        return new StatisticsMetrics(clientId, d, true);
    }

    private static List<Def> common(String g) {
        return List.of(
                new Def("outgoing-byte-total", g, "The total number of outgoing bytes sent to all servers",
                        s -> total(s, Statistics::txBytes)),
                new Def("outgoing-byte-rate", g, "The number of outgoing bytes sent to all servers per second",
                        s -> s.rate(Statistics::txBytes)),
                new Def("incoming-byte-total", g, "The total number of bytes read off all sockets",
                        s -> total(s, Statistics::rxBytes)),
                new Def("incoming-byte-rate", g, "The number of bytes read off all sockets per second",
                        s -> s.rate(Statistics::rxBytes)),
                new Def("request-total", g, "The total number of requests sent", s -> total(s, Statistics::tx)),
                new Def("request-rate", g, "The number of requests sent per second", s -> s.rate(Statistics::tx)),
                new Def("response-total", g, "The total number of responses received", s -> total(s, Statistics::rx)),
                new Def("response-rate", g, "The number of responses received per second", s -> s.rate(Statistics::rx)),
                new Def("request-latency-avg", g, "The average request latency in ms",
                        s -> brokerWindow(s, BrokerStats::rtt, true) / 1000.0),
                new Def("request-latency-max", g, "The maximum request latency in ms",
                        s -> brokerWindow(s, BrokerStats::rtt, false) / 1000.0),
                new Def("requests-in-flight", g, "The current number of in-flight requests awaiting a response.",
                        s -> s.now() == null ? Double.NaN
                                : s.now().brokers().values().stream().mapToLong(BrokerStats::waitrespCnt).sum()),
                new Def("connection-count", g, "The current number of active connections.",
                        s -> s.now() == null ? Double.NaN
                                : s.now().brokers().values().stream().filter(b -> b.isClusterBroker() && b.isUp()).count()),
                new Def("connection-creation-total", g, "The total number of new connections established",
                        s -> total(s, st -> st.brokers().values().stream().mapToLong(BrokerStats::connects).sum())),
                new Def("connection-close-total", g, "The total number of connections closed",
                        s -> total(s, st -> st.brokers().values().stream().mapToLong(BrokerStats::disconnects).sum())));
    }

    @Override
    public void accept(String json) {
        previous = latest;
        latest = new Emit(json, System.nanoTime());
    }

    Snapshot snapshot() {
        Emit now = latest;
        if (now == null) return new Snapshot(null, null, 0);
        if (now == cachedFor && cached != null) return cached;
        Emit before = previous;
        Statistics n = Statistics.parse(now.json());
        Statistics b = before == null ? null : Statistics.parse(before.json());
        Snapshot s = new Snapshot(n, b, before == null ? 0 : (now.nanos() - before.nanos()) / 1e9);
        cached = s;
        cachedFor = now;
        return s;
    }

    /** Adds a metric kept by the Java layer (e.g. a counter of its own). */
    synchronized void addJava(String name, String group, String description, java.util.function.Supplier<Object> value) {
        MetricName mn = new MetricName(name, group, description, Map.of("client-id", clientId));
        extra.put(name + "/" + group, new Metric() {
            @Override
            public MetricName metricName() {
                return mn;
            }

            @Override
            public Object metricValue() {
                return value.get();
            }
        });
    }

    /** {@return every metric, by name (per-partition lag included for consumers)} */
    synchronized Map<MetricName, Metric> metrics() {
        Map<MetricName, Metric> m = new LinkedHashMap<>();
        Map<String, String> tags = Map.of("client-id", clientId);
        for (Def d : defs) {
            MetricName n = new MetricName(d.name(), d.group(), d.description(), tags);
            m.put(n, new StatMetric(n, this, d.value()));
        }
        for (Metric e : extra.values()) m.put(e.metricName(), e);
        if (consumer) {
            Statistics now = snapshot().now();
            if (now != null) {
                for (TopicStats t : now.topics().values()) {
                    for (PartitionStats p : t.partitions().values()) {
                        if (p.isUnassigned() || !p.desired()) continue;
                        Map<String, String> pt = new LinkedHashMap<>();
                        pt.put("client-id", clientId);
                        pt.put("topic", t.topic());
                        pt.put("partition", Integer.toString(p.partition()));
                        String topic = t.topic();
                        int partition = p.partition();
                        MetricName n = new MetricName("records-lag", "consumer-fetch-manager-metrics",
                                "The latest lag of the partition", pt);
                        m.put(n, new StatMetric(n, this, s -> partitionLag(s, topic, partition)));
                    }
                }
            }
        }
        return m;
    }

    private static double total(Snapshot s, ToDoubleFunction<Statistics> f) {
        return s.now() == null ? Double.NaN : f.applyAsDouble(s.now());
    }

    private static double requests(Statistics st, String type) {
        return st.brokers().values().stream().mapToLong(b -> b.requests().getOrDefault(type, 0L)).sum();
    }

    private static double brokerWindow(Snapshot s, java.util.function.Function<BrokerStats, WindowStats> w, boolean avg) {
        if (s.now() == null) return Double.NaN;
        double sum = 0;
        long cnt = 0;
        double max = Double.NaN;
        for (BrokerStats b : s.now().brokers().values()) {
            WindowStats ws = w.apply(b);
            if (ws == null || ws.cnt() <= 0) continue;
            sum += ws.sum();
            cnt += ws.cnt();
            max = Double.isNaN(max) ? ws.max() : Math.max(max, ws.max());
        }
        if (cnt == 0) return Double.NaN;
        return avg ? sum / cnt : max;
    }

    private static double topicWindow(Snapshot s, java.util.function.Function<TopicStats, WindowStats> w, boolean avg) {
        if (s.now() == null) return Double.NaN;
        double sum = 0;
        long cnt = 0;
        double max = Double.NaN;
        for (TopicStats t : s.now().topics().values()) {
            WindowStats ws = w.apply(t);
            if (ws == null || ws.cnt() <= 0) continue;
            sum += ws.sum();
            cnt += ws.cnt();
            max = Double.isNaN(max) ? ws.max() : Math.max(max, ws.max());
        }
        if (cnt == 0) return Double.NaN;
        return avg ? sum / cnt : max;
    }

    private static double lagMax(Snapshot s) {
        if (s.now() == null) return Double.NaN;
        double max = Double.NaN;
        for (TopicStats t : s.now().topics().values()) {
            for (PartitionStats p : t.partitions().values()) {
                if (p.consumerLag() >= 0) max = Double.isNaN(max) ? p.consumerLag() : Math.max(max, p.consumerLag());
            }
        }
        return max;
    }

    private static double partitionLag(Snapshot s, String topic, int partition) {
        if (s.now() == null) return Double.NaN;
        TopicStats t = s.now().topics().get(topic);
        PartitionStats p = t == null ? null : t.partition(partition);
        return p == null || p.consumerLag() < 0 ? Double.NaN : p.consumerLag();
    }
}

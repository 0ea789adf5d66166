package io.rdkafka.kafka;

import io.rdkafka.client.ClusterMetadata;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.errors.TimeoutException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Topic metadata for the Java layer (a custom {@code partitioner.class}, {@code partitionsFor}), fetched from
 * librdkafka when first needed and again after {@code metadata.max.age.ms}. A topic without metadata is asked for
 * until {@code max.block.ms} has passed, as KafkaProducer waits for it.
 */
final class ClusterCache {
    private record Entry(ClusterMetadata md, Cluster cluster, long fetchedNanos) {
    }

    private final BiFunction<String, Duration, ClusterMetadata> fetch;
    private final long maxAgeNanos;
    private final Map<String, Entry> topics = new ConcurrentHashMap<>();

    ClusterCache(BiFunction<String, Duration, ClusterMetadata> fetch, Duration maxAge) {
        this.fetch = fetch;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The cluster as known with the topic's partitions; waits up to {@code maxWait} for them. */
    Cluster cluster(String topic, Duration maxWait) {
        return entry(topic, maxWait).cluster();
    }

    ClusterMetadata metadata(String topic, Duration maxWait) {
        return entry(topic, maxWait).md();
    }

    private Entry entry(String topic, Duration maxWait) {
        Entry e = topics.get(topic);
        long now = System.nanoTime();
        if (e != null && now - e.fetchedNanos() < maxAgeNanos) return e;
        long deadline = now + Math.min(maxWait.toNanos(), Long.MAX_VALUE / 4);
        long pause = 20;
        while (true) {
            long left = deadline - System.nanoTime();
            ClusterMetadata md = null;
            try {
                md = fetch.apply(topic, Duration.ofNanos(Math.max(1_000_000, left)));
            } catch (io.rdkafka.client.errors.TimeoutException timeout) {
                // no answer in time: treated as no metadata
            }
            if (md != null && !md.partitionsFor(topic).isEmpty() && md.topicErrors().get(topic) == null) {
                Entry fresh = new Entry(md, Conversions.cluster(md), System.nanoTime());
                topics.put(topic, fresh);
                return fresh;
            }
            if (System.nanoTime() - deadline >= 0) {
                if (e != null) return e; // stale beats none
                throw new TimeoutException("Topic " + topic + " not present in metadata after "
                        + maxWait.toMillis() + " ms.");
            }
            try {
                Thread.sleep(Math.min(pause, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.common.errors.InterruptException(ie);
            }
            pause = Math.min(pause * 2, 500);
        }
    }
}

package io.rdkafka.cli;

import io.rdkafka.client.DeliveryHandler;
import io.rdkafka.client.errors.KafkaException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The producer tool's one {@link DeliveryHandler} for every record: counts deliveries per partition and failures
 * per message. Deliveries are reported on the producer's event thread only, so their counts are plain fields
 * published by one volatile write each (no lock per record); failures may also be reported on the sending thread
 * (a record librdkafka refused), so they are counted under a lock.
 */
final class DeliveryTally implements DeliveryHandler {
    private final PrintStream verbose;
    private long[] perPartition = new long[16];
    private volatile long delivered;
    private final Map<String, Long> errors = new TreeMap<>();

    /** @param verbose where to print each delivery, or null */
    DeliveryTally(PrintStream verbose) {
        this.verbose = verbose;
    }

    @Override
    public void onDelivery(long context, String topic, int partition, long offset, KafkaException error) {
        if (error == null) {
            if (partition >= 0) {
                if (partition >= perPartition.length) {
                    perPartition = Arrays.copyOf(perPartition, Math.max(partition + 1, 2 * perPartition.length));
                }
                perPartition[partition]++;
            }
            delivered = delivered + 1; // one writer: the event thread
            if (verbose != null) verbose.println("% Delivered to " + topic + " [" + partition + "] at offset " + offset);
        } else {
            synchronized (errors) {
                errors.merge(error.getMessage(), 1L, Long::sum);
            }
        }
    }

    /** {@return the records delivered so far} */
    long delivered() {
        return delivered;
    }

    /** {@return partition -> records delivered, for the partitions that got any} (after the last delivery) */
    Map<Integer, Long> perPartition() {
        long n = delivered; // the volatile read that makes the event thread's counts visible
        Map<Integer, Long> m = new TreeMap<>();
        long[] counts = perPartition;
        for (int p = 0; p < counts.length && n > 0; p++) {
            if (counts[p] > 0) m.put(p, counts[p]);
        }
        return m;
    }

    /** {@return failure message -> count} */
    Map<String, Long> errors() {
        synchronized (errors) {
            return new TreeMap<>(errors);
        }
    }
}

package io.rdkafka.stats;

import com.fasterxml.jackson.databind.JsonNode;

import static io.rdkafka.stats.Json.num;

/**
 * A rolling-window histogram of librdkafka's statistics ("Window stats" in STATISTICS.md): the values sampled
 * since the previous statistics emit. The unit is the one of the field that holds it: microseconds for
 * {@link BrokerStats#rtt()}, {@link BrokerStats#intLatency()} and {@link BrokerStats#outbufLatency()},
 * milliseconds for {@link BrokerStats#throttle()}, bytes or messages for {@link TopicStats#batchSize()} and
 * {@link TopicStats#batchCnt()}. All values are {@code -1} when the window is absent from the JSON, and
 * {@code 0} when nothing was sampled in the window ({@link #cnt()} is then 0).
 *
 * @param min        the smallest value
 * @param max        the largest value
 * @param avg        the average value
 * @param sum        the sum of the values
 * @param cnt        the number of values sampled
 * @param stddev     the standard deviation (from the histogram)
 * @param hdrSize    the memory size of the HDR histogram, in bytes
 * @param p50        the 50th percentile
 * @param p75        the 75th percentile
 * @param p90        the 90th percentile
 * @param p95        the 95th percentile
 * @param p99        the 99th percentile
 * @param p99_99     the 99.99th percentile
 * @param outOfRange the number of values skipped because they were out of the histogram's range
 */
public record WindowStats(long min, long max, long avg, long sum, long cnt, long stddev, long hdrSize, long p50,
                          long p75, long p90, long p95, long p99, long p99_99, long outOfRange) {

    /** A window that is not in the JSON: every value {@code -1}. */
    public static final WindowStats ABSENT = new WindowStats(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);

    /** {@return whether the JSON had this window} */
    public boolean isPresent() {
        return cnt >= 0;
    }

    static WindowStats of(JsonNode n) {
        if (n == null || !n.isObject()) return ABSENT;
        return new WindowStats(num(n, "min"), num(n, "max"), num(n, "avg"), num(n, "sum"), num(n, "cnt"),
                num(n, "stddev"), num(n, "hdrsize"), num(n, "p50"), num(n, "p75"), num(n, "p90"), num(n, "p95"),
                num(n, "p99"), num(n, "p99_99"), num(n, "outofrange"));
    }
}

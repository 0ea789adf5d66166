package io.rdkafka.cli;

/**
 * Microsecond latencies in log-linear buckets (32 per power of two, about 3% resolution), constant memory
 * whatever the number of samples. Not thread-safe: one writer at a time.
 */
final class LatencyHistogram {
    private static final int SUB = 32;
    private static final int LINEAR = 2 * SUB; // values below this get their own bucket
    private final long[] counts = new long[LINEAR + (64 - 6) * SUB];
    private long total;
    private long max;
    private long min = Long.MAX_VALUE;
    private double sum;

    void record(long micros) {
        long v = Math.max(0, micros);
        counts[index(v)]++;
        total++;
        sum += v;
        if (v > max) max = v;
        if (v < min) min = v;
    }

    static int index(long v) {
        if (v < LINEAR) return (int) v;
        int e = 63 - Long.numberOfLeadingZeros(v); // >= 6
        int sub = (int) ((v >>> (e - 5)) & (SUB - 1));
        return LINEAR + (e - 6) * SUB + sub;
    }

    /** The smallest value of bucket {@code i}. */
    static long lowerBound(int i) {
        if (i < LINEAR) return i;
        int e = (i - LINEAR) / SUB + 6;
        int sub = (i - LINEAR) % SUB;
        return (1L << e) | ((long) sub << (e - 5));
    }

    long count() {
        return total;
    }

    long max() {
        return total == 0 ? 0 : max;
    }

    long min() {
        return total == 0 ? 0 : min;
    }

    double mean() {
        return total == 0 ? 0 : sum / total;
    }

    /** The value at percentile {@code p} (0..100): the lower bound of the bucket holding it, capped by max. */
    long percentile(double p) {
        if (total == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) return Math.min(Math.max(lowerBound(i), min), max);
        }
        return max;
    }
}

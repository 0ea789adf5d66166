package io.rdkafka.client.internal;

import java.time.Duration;
import java.util.Objects;

/** Durations to librdkafka's int milliseconds. */
public final class Timeouts {
    private Timeouts() {
    }

    /** Milliseconds for a librdkafka timeout argument, capped at Integer.MAX_VALUE; negative is refused. */
    public static int millis(Duration d) {
        Objects.requireNonNull(d, "timeout");
        if (d.isNegative()) throw new IllegalArgumentException("timeout must not be negative: " + d);
        long ms = d.toMillis();
        if (ms == 0 && !d.isZero()) ms = 1;
        return (int) Math.min(ms, Integer.MAX_VALUE);
    }

    /** The longest wait a deadline represents (about 73 years): longer durations mean "no limit" and are capped. */
    private static final long MAX_NANOS = Long.MAX_VALUE / 4;

    /**
     * A {@link System#nanoTime()} deadline {@code d} from now; a duration too long for nanoseconds (e.g.
     * {@code Duration.ofMillis(Long.MAX_VALUE)}) is capped instead of overflowing, a negative one is refused.
     */
    public static long deadline(Duration d) {
        Objects.requireNonNull(d, "timeout");
        if (d.isNegative()) throw new IllegalArgumentException("timeout must not be negative: " + d);
        long n = d.compareTo(Duration.ofNanos(MAX_NANOS)) > 0 ? MAX_NANOS : d.toNanos();
        return System.nanoTime() + n;
    }

    /** Milliseconds left until a {@link #deadline}, at least 0. */
    public static int remaining(long deadline) {
        long left = deadline - System.nanoTime();
        return left <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, left / 1_000_000));
    }
}

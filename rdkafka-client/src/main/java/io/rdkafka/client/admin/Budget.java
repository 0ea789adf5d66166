package io.rdkafka.client.admin;

import io.rdkafka.client.internal.Timeouts;

import java.util.function.BooleanSupplier;

/**
 * The time a fallback operation may take, spent in slices: blocking librdkafka calls (metadata, watermark
 * queries) cannot be interrupted, so they are made with short timeouts and retried until the deadline, and
 * a closing client stops them between slices.
 */
final class Budget {
    static final int SLICE_MS = 500;

    private final long deadline;
    private final BooleanSupplier cancelled;

    private final long start = System.nanoTime();

    Budget(long deadline, BooleanSupplier cancelled) {
        this.deadline = deadline;
        this.cancelled = cancelled;
    }

    /** The whole budget in milliseconds, for messages. */
    long totalMs() {
        return (deadline - start) / 1_000_000;
    }

    /** No time left, or the client is closing. */
    boolean exhausted() {
        return cancelled.getAsBoolean() || Timeouts.remaining(deadline) == 0;
    }

    /** {@return the {@link System#nanoTime()} deadline} */
    long deadline() {
        return deadline;
    }

    /** Between the slices of a blocking call: stops it when the client is closing. */
    void checkCancelled() {
        if (cancelled.getAsBoolean()) throw new IllegalStateException("the admin client is closing");
    }

    /** The timeout for the next blocking call, at least 1 ms. */
    int slice() {
        return Math.max(1, Math.min(SLICE_MS, Timeouts.remaining(deadline)));
    }
}

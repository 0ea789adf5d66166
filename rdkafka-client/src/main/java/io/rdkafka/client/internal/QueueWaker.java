package io.rdkafka.client.internal;

import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaCallbacks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets a virtual thread wait for a librdkafka queue in Java (parked, its carrier free) instead of inside a native
 * call, which would hold the carrier for the whole wait. librdkafka calls {@code rd_kafka_queue_cb_event_enable}'s
 * callback when the queue goes from empty to non-empty and when {@code rd_kafka_queue_yield} finds it empty
 * (wakeup, close); the callback bumps a sequence number and unparks the waiter. A waiter reads the sequence, polls
 * the queue with timeout 0 and, when that returned nothing, parks until the sequence moves or its slice passes.
 * Platform threads keep waiting natively and never enable the callback.
 *
 * <p>One upcall stub serves the whole JVM, in the global arena (never freed: librdkafka can never call a freed
 * stub); its opaque is this waker's id in a registry, so an id no longer registered is ignored. The callback runs
 * on librdkafka's threads with the queue's lock held: it touches nothing but this object and never calls
 * librdkafka.
 */
public final class QueueWaker {
    private static final ConcurrentHashMap<Long, QueueWaker> WAKERS = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static volatile MemorySegment stub; // created on first use: platform-thread users never pay for it

    private final MemorySegment queue;
    private final long id = IDS.incrementAndGet();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile Thread waiter;
    private volatile boolean enabled; // written under this
    private boolean disabled; // guarded by this

    /** A waker for {@code queue} ({@code rd_kafka_queue_t*}), which must outlive it until {@link #disable}. */
    public QueueWaker(MemorySegment queue) {
        this.queue = queue;
    }

    /** {@return whether the calling thread should wait in Java (it is virtual) rather than inside librdkafka} */
    public static boolean waitsInJava() {
        return Thread.currentThread().isVirtual();
    }

    /**
     * {@return the wake sequence, read before polling the queue with timeout 0}; enables the callback the first
     * time.
     */
    public int sequence() {
        if (!enabled) enable();
        return sequence.get();
    }

    /**
     * Parks the calling thread until the queue was woken since {@code seen} was read ({@link #sequence}) or
     * {@code maxMs} passed. Meant for one waiting thread at a time (the one inside the client); another waiter
     * wakes after its {@code maxMs}.
     */
    public void park(int seen, int maxMs) {
        if (maxMs <= 0) return;
        Thread me = Thread.currentThread();
        waiter = me;
        try {
            // waiter is published before the check; the callback bumps before reading it: a wake is never lost
            if (sequence.get() == seen) LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(maxMs));
        } finally {
            waiter = null;
        }
    }

    /**
     * Turns the callback off for good ({@code rd_kafka_queue_cb_event_enable(q, NULL, NULL)}): before the queue
     * is destroyed.
     */
    public synchronized void disable() {
        if (disabled) return;
        disabled = true;
        if (enabled) {
            // takes the queue's lock: once it returns, no callback for this queue is running or will run
            RdKafka.rd_kafka_queue_cb_event_enable(queue, MemorySegment.NULL, MemorySegment.NULL);
            WAKERS.remove(id);
        }
    }

    private synchronized void enable() {
        if (enabled || disabled) return;
        WAKERS.put(id, this);
        RdKafka.rd_kafka_queue_cb_event_enable(queue, stub(), MemorySegment.ofAddress(id));
        enabled = true;
    }

    private void wake() {
        sequence.incrementAndGet();
        Thread t = waiter;
        if (t != null) LockSupport.unpark(t);
    }

    private static MemorySegment stub() {
        MemorySegment s = stub;
        if (s == null) {
            synchronized (QueueWaker.class) {
                s = stub;
                if (s == null) {
                    stub = s = RdKafkaCallbacks.rd_kafka_queue_cb_event_enable_event_cb.allocate(
                            QueueWaker::onQueueEvent, Arena.global());
                }
            }
        }
        return s;
    }

    /** The upcall, on a librdkafka thread holding the queue's lock. */
    private static void onQueueEvent(MemorySegment rk, MemorySegment opaque) {
        try {
            QueueWaker w = WAKERS.get(opaque.address());
            if (w != null) w.wake();
        } catch (Throwable ignored) {
            // nothing may escape into librdkafka; the waiter wakes after its slice anyway
        }
    }
}

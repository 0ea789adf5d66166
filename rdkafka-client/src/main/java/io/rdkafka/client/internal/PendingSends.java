package io.rdkafka.client.internal;

import io.rdkafka.client.Callback;
import io.rdkafka.client.DeliveryHandler;
import io.rdkafka.client.RecordMetadata;
import io.rdkafka.client.errors.KafkaException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Records sent but not yet reported, by id. The id travels through librdkafka as the message's opaque
 * (a number, never a pointer to a Java object). Ids are sequential and librdkafka bounds how many are
 * outstanding, so a ring of slots indexed by id serves almost every lookup; a map catches the rest (an
 * id whose slot was still taken). The ring is parallel arrays (id, future, callback, topic): adding and
 * removing allocate nothing, and what stays on the heap per record in flight is the future (and the
 * callback), which matters when 100 000 records are in flight; a record sent with a {@link DeliveryHandler}
 * keeps only a number (its context) and the shared handler.
 */
public final class PendingSends {
    private static final VarHandle IDS = MethodHandles.arrayElementVarHandle(long[].class);

    /**
     * A removed entry, filled by {@link #remove}; reused by its one caller thread. {@link #finish} reports the
     * outcome and only then counts the record as done, so {@link #awaitEmpty} (flush) returns after the callbacks
     * and futures of every record have run, never while the last one is still running.
     */
    public static final class Taken {
        private PendingSends owner;
        private CompletableFuture<RecordMetadata> future;
        private Object callback; // a Callback, a DeliveryHandler or null
        private String topic;
        private long context;

        public String topic() {
            return topic;
        }

        private void set(PendingSends o, CompletableFuture<RecordMetadata> f, Object c, String t, long ctx) {
            owner = o;
            future = f;
            callback = c;
            topic = t;
            context = ctx;
        }

        /**
         * Reports the outcome: runs the callback or handler (what it throws is logged at {@code thrownLevel}),
         * completes the future, then counts the record as done and forgets it.
         *
         * @param md        the metadata of a delivered record for a callback or future, else {@code null}
         * @param partition the partition (for a handler)
         * @param offset    the offset, {@code -1} when failed (for a handler)
         * @param error     the failure, or {@code null}
         */
        public void finish(RecordMetadata md, int partition, long offset, KafkaException error,
                           System.Logger logger, System.Logger.Level thrownLevel) {
            Object c = callback;
            CompletableFuture<RecordMetadata> f = future;
            PendingSends o = owner;
            String t = topic;
            long ctx = context;
            set(null, null, null, null, 0);
            try {
                if (c instanceof DeliveryHandler h) h.onDelivery(ctx, t, partition, offset, error);
                else if (c instanceof Callback cb) cb.onCompletion(md, error);
            } catch (Throwable thrown) {
                logger.log(thrownLevel, "send callback threw; ignored", thrown);
            }
            if (f != null) {
                if (error == null) f.complete(md);
                else f.completeExceptionally(error);
            }
            o.finished();
        }

        /** {@return whether a future or a {@link Callback} waits for a {@link RecordMetadata}} */
        public boolean wantsMetadata() {
            return future != null || callback instanceof Callback;
        }
    }

    private record Overflow(CompletableFuture<RecordMetadata> future, Object callback, String topic, long context) {
    }

    /** 0: free; -id: being filled by add; id: taken by record id. */
    private final long[] ids;
    private final Object[] futures;
    private final Object[] callbacks;
    private final String[] topics;
    private final long[] contexts;
    private final int mask;
    private final ConcurrentHashMap<Long, Overflow> overflow = new ConcurrentHashMap<>();
    /**
     * Two counters 128 bytes apart: ids handed out (by senders) and entries removed (mostly by the event
     * thread). Their difference is the size; apart, the two threads never write the same cache line, which a
     * shared size counter made them do twice per record.
     */
    private final long[] counters = new long[48];
    private static final int ADDED = 16;
    private static final int REMOVED = 32;
    /** Threads in {@link #awaitEmpty} (a count kept in the counters array, on a line of its own). */
    private static final int WAITERS = 0;
    private final Object emptied = new Object();

    public PendingSends(int expectedMax) {
        // librdkafka holds at most queue.buffering.max.messages records, and the reports it has handed over but
        // the event thread has not yet served come on top; partitions report in their own order. A power of
        // two >= twice the maximum keeps ids almost always in their slot (the overflow map is slow).
        int cap = Integer.highestOneBit(Math.max(1024, Math.min(expectedMax, 1 << 20)) * 4 - 1);
        this.ids = new long[cap];
        this.futures = new Object[cap];
        this.callbacks = new Object[cap];
        this.topics = new String[cap];
        this.contexts = new long[cap];
        this.mask = cap - 1;
    }

    /** Registers a record about to be sent; returns its id (the opaque to produce with). */
    public long add(String topic, CompletableFuture<RecordMetadata> future, Callback callback) {
        return add(topic, future, (Object) callback, 0);
    }

    /** Registers a record sent with a {@link DeliveryHandler} and its context; returns its id. */
    public long add(String topic, long context, DeliveryHandler handler) {
        return add(topic, null, handler, context);
    }

    private long add(String topic, CompletableFuture<RecordMetadata> future, Object callback, long context) {
        long id = (long) IDS.getAndAdd(counters, ADDED, 1L) + 1; // ids start at 1: 0 marks a free slot
        int slot = (int) (id & mask);
        if (IDS.compareAndSet(ids, slot, 0L, -id)) {
            futures[slot] = future;
            callbacks[slot] = callback;
            topics[slot] = topic;
            contexts[slot] = context;
            IDS.setRelease(ids, slot, id); // publishes the fields to remove(), which reads id with acquire
        } else {
            overflow.put(id, new Overflow(future, callback, topic, context));
        }
        return id;
    }

    /**
     * Removes the record with this id into {@code out}; false when there is none. For one id, at most one
     * thread calls this (the event thread for a delivery report, or the sender when produce failed). The caller
     * must then {@link Taken#finish} it: only that counts the record as done.
     */
    @SuppressWarnings("unchecked")
    public boolean remove(long id, Taken out) {
        int slot = (int) (id & mask);
        if ((long) IDS.getAcquire(ids, slot) == id) {
            out.set(this, (CompletableFuture<RecordMetadata>) futures[slot], callbacks[slot], topics[slot],
                    contexts[slot]);
            futures[slot] = null;
            callbacks[slot] = null;
            topics[slot] = null;
            IDS.setRelease(ids, slot, 0L);
            return true;
        }
        if (!overflow.isEmpty()) {
            Overflow o = overflow.remove(id);
            if (o != null) {
                out.set(this, o.future, o.callback, o.topic, o.context);
                return true;
            }
        }
        return false;
    }

    private void finished() {
        long removed = (long) IDS.getAndAdd(counters, REMOVED, 1L) + 1;
        // ADDED's cache line is the senders': read it only when flush or close waits (not once per record).
        // Both sides use volatile accesses in opposite order (waiter: waiters then counters; here: counters then
        // waiters), so either the waiter sees the last removal or this sees the waiter.
        if ((long) IDS.getVolatile(counters, WAITERS) > 0 && removed == (long) IDS.getVolatile(counters, ADDED)) {
            synchronized (emptied) {
                emptied.notifyAll();
            }
        }
    }

    public int size() {
        long removed = (long) IDS.getVolatile(counters, REMOVED); // first: the difference is never negative
        return (int) ((long) IDS.getVolatile(counters, ADDED) - removed);
    }

    /** Waits up to {@code ms} for the table to empty. */
    public void awaitEmpty(long ms) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        IDS.getAndAdd(counters, WAITERS, 1L);
        try {
            synchronized (emptied) {
                while (size() > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) return;
                    try {
                        TimeUnit.NANOSECONDS.timedWait(emptied, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        } finally {
            IDS.getAndAdd(counters, WAITERS, -1L);
        }
    }

    /** Fails every outstanding record (at close, after librdkafka has reported all it will). */
    public void failAll(Supplier<KafkaException> error, NativeClient client) {
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            long id = (long) IDS.getAcquire(ids, i);
            if (id > 0) all.add(id);
        }
        all.addAll(overflow.keySet());
        Taken t = new Taken();
        for (long id : all) {
            if (remove(id, t)) t.finish(null, -1, -1, error.get(), client.logger(), System.Logger.Level.ERROR);
        }
    }
}

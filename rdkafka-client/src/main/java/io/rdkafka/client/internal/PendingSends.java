package io.rdkafka.client.internal;

import io.rdkafka.client.Callback;
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
 * callback), which matters when 100 000 records are in flight.
 */
public final class PendingSends {
    private static final VarHandle IDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final System.Logger LOG = System.getLogger("io.rdkafka.client");

    /** A removed entry, filled by {@link #remove}; reused by its one caller thread. */
    public static final class Taken {
        private CompletableFuture<RecordMetadata> future;
        private Callback callback;
        private String topic;

        public String topic() {
            return topic;
        }

        private void set(CompletableFuture<RecordMetadata> f, Callback c, String t) {
            future = f;
            callback = c;
            topic = t;
        }

        /** Runs the callback (an exception is logged) and completes the future; then forgets both. */
        public void complete(RecordMetadata md, NativeClient client) {
            Callback c = callback;
            CompletableFuture<RecordMetadata> f = future;
            set(null, null, null);
            if (c != null) {
                try {
                    c.onCompletion(md, null);
                } catch (Throwable t) {
                    client.logger().log(System.Logger.Level.ERROR, "send callback threw; ignored", t);
                }
            }
            f.complete(md);
        }

        public void fail(KafkaException e, NativeClient client) {
            Callback c = callback;
            CompletableFuture<RecordMetadata> f = future;
            set(null, null, null);
            if (c != null) {
                try {
                    c.onCompletion(null, e);
                } catch (Throwable t) {
                    client.logger().log(System.Logger.Level.ERROR, "send callback threw; ignored", t);
                }
            }
            f.completeExceptionally(e);
        }

        /** Fails on the sending thread (the record never reached librdkafka). */
        public void fail(KafkaException e) {
            Callback c = callback;
            CompletableFuture<RecordMetadata> f = future;
            set(null, null, null);
            if (c != null) {
                try {
                    c.onCompletion(null, e);
                } catch (RuntimeException ignored) {
                    LOG.log(System.Logger.Level.DEBUG, "send callback threw; the exception is still reported "
                            + "through the future", ignored);
                }
            }
            f.completeExceptionally(e);
        }
    }

    private record Overflow(CompletableFuture<RecordMetadata> future, Callback callback, String topic) {
    }

    /** 0: free; -id: being filled by add; id: taken by record id. */
    private final long[] ids;
    private final Object[] futures;
    private final Callback[] callbacks;
    private final String[] topics;
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
    private final Object emptied = new Object();

    public PendingSends(int expectedMax) {
        // librdkafka holds at most queue.buffering.max.messages records, and the reports it has handed over but
        // the event thread has not yet served come on top; partitions report in their own order. A power of
        // two >= twice the maximum keeps ids almost always in their slot (the overflow map is slow).
        int cap = Integer.highestOneBit(Math.max(1024, Math.min(expectedMax, 1 << 20)) * 4 - 1);
        this.ids = new long[cap];
        this.futures = new Object[cap];
        this.callbacks = new Callback[cap];
        this.topics = new String[cap];
        this.mask = cap - 1;
    }

    /** Registers a record about to be sent; returns its id (the opaque to produce with). */
    public long add(String topic, CompletableFuture<RecordMetadata> future, Callback callback) {
        long id = (long) IDS.getAndAdd(counters, ADDED, 1L) + 1; // ids start at 1: 0 marks a free slot
        int slot = (int) (id & mask);
        if (IDS.compareAndSet(ids, slot, 0L, -id)) {
            futures[slot] = future;
            callbacks[slot] = callback;
            topics[slot] = topic;
            IDS.setRelease(ids, slot, id); // publishes the fields to remove(), which reads id with acquire
        } else {
            overflow.put(id, new Overflow(future, callback, topic));
        }
        return id;
    }

    /**
     * Removes the record with this id into {@code out}; false when there is none. For one id, at most one
     * thread calls this (the event thread for a delivery report, or the sender when produce failed).
     */
    @SuppressWarnings("unchecked")
    public boolean remove(long id, Taken out) {
        int slot = (int) (id & mask);
        boolean found = false;
        if ((long) IDS.getAcquire(ids, slot) == id) {
            out.set((CompletableFuture<RecordMetadata>) futures[slot], callbacks[slot], topics[slot]);
            futures[slot] = null;
            callbacks[slot] = null;
            topics[slot] = null;
            IDS.setRelease(ids, slot, 0L);
            found = true;
        } else if (!overflow.isEmpty()) {
            Overflow o = overflow.remove(id);
            if (o != null) {
                out.set(o.future, o.callback, o.topic);
                found = true;
            }
        }
        if (found && (long) IDS.getAndAdd(counters, REMOVED, 1L) + 1 == (long) IDS.getVolatile(counters, ADDED)) {
            synchronized (emptied) {
                emptied.notifyAll();
            }
        }
        return found;
    }

    public int size() {
        long removed = (long) IDS.getVolatile(counters, REMOVED); // first: the difference is never negative
        return (int) ((long) IDS.getVolatile(counters, ADDED) - removed);
    }

    /** Waits up to {@code ms} for the table to empty. */
    public void awaitEmpty(long ms) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
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
            if (remove(id, t)) t.fail(error.get(), client);
        }
    }
}

package io.rdkafka.client.internal;

import io.rdkafka.client.Callback;
import io.rdkafka.client.RecordMetadata;
import io.rdkafka.client.errors.KafkaException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Records sent but not yet reported, by id. The id travels through librdkafka as the message's opaque
 * (a number, never a pointer to a Java object). Ids are sequential and librdkafka bounds how many are
 * outstanding, so a ring of slots indexed by id serves almost every lookup without boxing; a map
 * catches the rest.
 */
public final class PendingSends {
    /** One outstanding record. */
    public static final class Pending {
        private final long id;
        private final String topic;
        private final CompletableFuture<RecordMetadata> future;
        private final Callback callback;
        private final int keySize;
        private final int valueSize;

        Pending(long id, String topic, CompletableFuture<RecordMetadata> future, Callback callback, int keySize,
                int valueSize) {
            this.id = id;
            this.topic = topic;
            this.future = future;
            this.callback = callback;
            this.keySize = keySize;
            this.valueSize = valueSize;
        }

        public long id() {
            return id;
        }

        public String topic() {
            return topic;
        }

        public int keySize() {
            return keySize;
        }

        public int valueSize() {
            return valueSize;
        }

        public void complete(RecordMetadata md, NativeClient client) {
            if (callback != null) client.safely("send callback", () -> callback.onCompletion(md, null));
            future.complete(md);
        }

        public void fail(KafkaException e, NativeClient client) {
            if (callback != null) client.safely("send callback", () -> callback.onCompletion(null, e));
            future.completeExceptionally(e);
        }

        /** Fails on the sending thread (the record never reached librdkafka). */
        public void fail(KafkaException e) {
            if (callback != null) {
                try {
                    callback.onCompletion(null, e);
                } catch (RuntimeException ignored) {
                    // the exception is still reported through the future
                }
            }
            future.completeExceptionally(e);
        }
    }

    private final AtomicReferenceArray<Pending> ring;
    private final int mask;
    private final ConcurrentHashMap<Long, Pending> overflow = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicInteger size = new AtomicInteger();
    private final Object emptied = new Object();

    public PendingSends(int expectedMax) {
        int cap = Integer.highestOneBit(Math.max(1024, Math.min(expectedMax, 1 << 20)) * 2 - 1);
        this.ring = new AtomicReferenceArray<>(cap);
        this.mask = cap - 1;
    }

    public Pending add(String topic, CompletableFuture<RecordMetadata> future, Callback callback, int keySize,
                       int valueSize) {
        long id = nextId.getAndIncrement();
        Pending p = new Pending(id, topic, future, callback, keySize, valueSize);
        size.incrementAndGet();
        if (!ring.compareAndSet((int) (id & mask), null, p)) overflow.put(id, p);
        return p;
    }

    /** Removes and returns the record with this id, or null. */
    public Pending remove(long id) {
        int slot = (int) (id & mask);
        Pending p = ring.get(slot);
        Pending found = null;
        if (p != null && p.id == id && ring.compareAndSet(slot, p, null)) {
            found = p;
        } else if (!overflow.isEmpty()) {
            found = overflow.remove(id);
        }
        if (found != null && size.decrementAndGet() == 0) {
            synchronized (emptied) {
                emptied.notifyAll();
            }
        }
        return found;
    }

    public int size() {
        return size.get();
    }

    /** Waits up to {@code ms} for the table to empty. */
    public void awaitEmpty(long ms) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        synchronized (emptied) {
            while (size.get() > 0) {
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
        List<Pending> all = new ArrayList<>();
        for (int i = 0; i < ring.length(); i++) {
            Pending p = ring.getAndSet(i, null);
            if (p != null) all.add(p);
        }
        all.addAll(overflow.values());
        overflow.clear();
        for (Pending p : all) {
            size.decrementAndGet();
            p.fail(error.get(), client);
        }
    }
}

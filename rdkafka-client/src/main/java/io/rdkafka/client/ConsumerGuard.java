package io.rdkafka.client;

import io.rdkafka.client.internal.NativeClient;

import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Consumer}'s single-user discipline: one thread at a time inside it (re-entrant, for listeners and
 * callbacks that call back), holding a lease on the native client while it is; the thread running
 * {@code close} owns it for the rest of the consumer's life. Only the owner touches the consumer's other state.
 */
final class ConsumerGuard {
    private static final long NO_OWNER = -1;

    private final NativeClient client;
    private final AtomicLong owner = new AtomicLong(NO_OWNER);
    private int depth; // touched by the owner (or the closing thread) only
    private volatile Thread closingThread;

    ConsumerGuard(NativeClient client) {
        this.client = client;
    }

    /**
     * Enters a call: re-entrant for the owner and the closing thread.
     *
     * @throws ConcurrentModificationException when another thread is inside
     * @throws IllegalStateException           when the consumer is closed
     */
    void acquire() {
        Thread t = Thread.currentThread();
        if (t == closingThread) {
            depth++;
            return;
        }
        long id = t.threadId();
        if (owner.get() == id) { // re-entrant: a listener or callback inside one of our calls
            depth++;
            return;
        }
        client.enter();
        if (!owner.compareAndSet(NO_OWNER, id)) {
            client.exit();
            throw new ConcurrentModificationException("Consumer is not safe for multi-threaded access: another "
                    + "thread is using it (only wakeup() and close() may be called concurrently)");
        }
        depth = 1;
    }

    /** Leaves a call entered with {@link #acquire()}. */
    void release() {
        if (Thread.currentThread() == closingThread) {
            depth--;
            return;
        }
        if (--depth == 0) {
            owner.set(NO_OWNER);
            client.exit();
        }
    }

    /** {@return whether the current thread is inside a call (the owner, or the closing thread)} */
    boolean isOurThread() {
        Thread t = Thread.currentThread();
        return t == closingThread || owner.get() == t.threadId();
    }

    /** {@return whether the current thread is the one closing the consumer (the final revoke runs on it)} */
    boolean isClosingThread() {
        return Thread.currentThread() == closingThread;
    }

    /** Makes the current thread the owner for the rest of the consumer's life; calls in flight have returned. */
    void beginClosing() {
        Thread me = Thread.currentThread();
        closingThread = me;
        owner.set(me.threadId());
        depth = 0;
    }

    /** Ends {@link #beginClosing()}: the native client is destroyed next. */
    void endClosing() {
        closingThread = null;
        owner.set(NO_OWNER);
    }
}

package io.rdkafka.client.internal;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaCallbacks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The second way a {@link NativeClient}'s main-queue events (logs, errors, statistics, token refreshes) are
 * served: on librdkafka's background thread, through {@code background_event_cb}, instead of by the client's
 * event thread polling the main queue. Either way each event goes to {@link NativeClient#serveEvent}. A consumer
 * needs this one: any application poll of one of its queues resets librdkafka's {@code max.poll.interval.ms}
 * timer, so an event thread polling the main queue would keep a stuck consumer in its group forever.
 *
 * <p>{@link #install} sets the callbacks on the configuration before the handle exists; {@link #attach} connects
 * them to the client and forwards the main queue to the background queue.
 */
public final class BackgroundEvents implements RdKafkaCallbacks.event_cb {
    private static final System.Logger DEFAULT_LOGGER = System.getLogger("io.rdkafka.client");

    private volatile NativeClient client;
    private volatile String threadName;
    private volatile Thread thread;

    private BackgroundEvents() {
    }

    /**
     * Sets {@code background_event_cb}, a log callback (with {@code log.queue=true} it runs where the log queue is
     * served: on the background thread, not on librdkafka's internal threads) and, with a token provider, the
     * OAUTHBEARER refresh callback (librdkafka 2.0.2 runs the refresh op's callback on the background thread
     * instead of passing it on as an event).
     */
    public static BackgroundEvents install(MemorySegment conf, Arena stubs, ClientListeners listeners) {
        BackgroundEvents events = new BackgroundEvents();
        RdKafka.rd_kafka_conf_set_background_event_cb(conf, RdKafkaCallbacks.event_cb.allocate(events, stubs));
        RdKafka.rd_kafka_conf_set_log_cb(conf, RdKafkaCallbacks.log_cb.allocate(events::log, stubs));
        if (listeners.tokenProvider() != null) {
            RdKafka.rd_kafka_conf_set_oauthbearer_token_refresh_cb(conf,
                    RdKafkaCallbacks.oauthbearer_token_refresh_cb.allocate(events::refreshToken, stubs));
        }
        return events;
    }

    /**
     * Serves {@code client}'s events from now on: starts librdkafka's background thread and forwards the main
     * queue to it. (The client's own event thread is not started.)
     *
     * @throws KafkaException when librdkafka cannot start its background thread
     */
    public void attach(NativeClient client) {
        this.client = client;
        this.threadName = "rdkafka-" + client.name() + "-events";
        try (var call = client.lease();
             NativeObject background = NativeObject.queue(RdKafka.rd_kafka_queue_get_background(call.rk()))) {
            if (background.isNull()) throw new KafkaException("librdkafka could not start its background thread");
            try (NativeObject main = NativeObject.queue(RdKafka.rd_kafka_queue_get_main(call.rk()))) {
                RdKafka.rd_kafka_queue_forward(main.ptr(), background.ptr());
            }
        }
    }

    /** {@return whether the current thread is librdkafka's background thread (where listeners run)} */
    public boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void apply(MemorySegment rk, MemorySegment rkev, MemorySegment opaque) {
        NativeClient c = client;
        if (c == null) {
            RdKafka.rd_kafka_event_destroy(rkev);
            return;
        }
        Thread t = Thread.currentThread();
        if (thread != t) {
            thread = t;
            name(t);
        }
        c.serveEvent(rkev);
    }

    /** Names librdkafka's background thread as the listeners document (it is attached as "Thread-N"). */
    private void name(Thread t) {
        if (threadName != null && t.getName().startsWith("Thread-")) t.setName(threadName);
    }

    /** oauthbearer_token_refresh_cb, on librdkafka's background thread. */
    private void refreshToken(MemorySegment rk, MemorySegment config, MemorySegment opaque) {
        NativeClient c = client;
        try {
            if (c != null) {
                c.refreshToken(CStrings.toJava(config));
                return;
            }
        } catch (Throwable t) {
            // refreshToken reports provider failures itself; nothing may escape an upcall
        }
        try (Arena a = Arena.ofConfined()) {
            RdKafka.rd_kafka_oauthbearer_set_token_failure(rk, a.allocateFrom("the client is not ready yet"));
        }
    }

    private void log(MemorySegment rk, int level, MemorySegment fac, MemorySegment buf) {
        NativeClient c = client;
        System.Logger logger = c != null ? c.logger() : DEFAULT_LOGGER;
        System.Logger.Level lvl = NativeClient.syslogLevel(level);
        if (!logger.isLoggable(lvl)) return;
        if (c != null) name(Thread.currentThread());
        logger.log(lvl, "[" + CStrings.toJava(fac) + "] " + CStrings.toJava(buf));
    }
}

package io.rdkafka.client.internal;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaCallbacks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The one owner of an {@code rd_kafka_t} handle: creates it, guards every native call against use after
 * close, serves its main event queue on a platform thread (logs, errors, statistics, token refreshes and
 * whatever the concrete client adds, e.g. delivery reports), and destroys it exactly once.
 *
 * <p>Guard protocol: a caller brackets native calls with {@link #enter()} / {@link #exit()}. After
 * {@link #beginClose()} new calls throw {@link IllegalStateException}; {@link #destroy(Duration)} waits for
 * calls in flight before freeing anything, so no call ever touches freed memory.
 */
public final class NativeClient {
    /** Handles main-queue events the core does not know (delivery reports, admin results). */
    public interface EventSink {
        /** Returns true when it handled the event; the caller destroys the event either way. */
        boolean onEvent(int type, MemorySegment event);

        /**
         * Called after the event was destroyed. A producer needs this moment: librdkafka frees the messages of a
         * delivery report event, and only then gives their room in its queue back to senders.
         */
        default void afterEvent(int type) {
        }
    }

    private static final System.Logger INTERNAL = System.getLogger("io.rdkafka.client");
    private static final Cleaner CLEANER = Cleaner.create();
    private static final long CLOSED = 1L << 62;

    private final MemorySegment rk;
    private final MemorySegment mainQueue;
    private final String name;
    private final System.Logger logger;
    /** Log lines the binding caused itself and knows to be harmless (set before {@link #start}). */
    private volatile List<String> ignoredLogTexts = List.of();
    private final ClientListeners listeners;
    private final Arena arena = Arena.ofShared();
    private final AtomicLong state = new AtomicLong();
    private final Object drained = new Object();
    private final AtomicReference<KafkaException> fatal = new AtomicReference<>();
    private final AtomicBoolean destroyed;
    private final Cleaner.Cleanable cleanable;
    private volatile EventSink sink;
    private volatile boolean stopPoller;
    private final Thread poller;

    private NativeClient(MemorySegment rk, String name, ClientListeners listeners, AtomicBoolean destroyed) {
        this.rk = rk;
        this.name = name;
        this.logger = System.getLogger("io.rdkafka.client." + name);
        this.listeners = listeners;
        this.destroyed = destroyed;
        this.mainQueue = RdKafka.rd_kafka_queue_get_main(rk);
        // NULL: forward logs to the main queue, which the event thread serves (never a log callback)
        RdKafka.rd_kafka_set_log_queue(rk, MemorySegment.NULL);
        this.poller = Thread.ofPlatform().daemon().name("rdkafka-" + name + "-events").unstarted(this::serveMainQueue);
        String n = name;
        this.cleanable = CLEANER.register(this, () -> {
            if (!destroyed.get()) {
                INTERNAL.log(System.Logger.Level.WARNING, "Kafka client " + n + " was garbage-collected without "
                        + "close(): its librdkafka handle, threads and sockets leak. Close clients (try-with-resources).");
            }
        });
    }

    /**
     * Creates the handle. {@code type} is {@code RD_KAFKA_PRODUCER} or {@code RD_KAFKA_CONSUMER};
     * {@code events} the event types the main queue should carry besides logs, errors and statistics.
     */
    public static NativeClient open(int type, KafkaConfig config, Map<String, String> overrides, int events,
                                    ClientListeners listeners) {
        return open(type, config, overrides, events, listeners, null);
    }

    /** Sets callbacks on the {@code rd_kafka_conf_t} before the handle is created (e.g. a rebalance callback). */
    @FunctionalInterface
    public interface ConfHook {
        /** {@code stubs} lives as long as the handle: allocate upcall stubs there. */
        void configure(MemorySegment conf, Arena stubs);
    }

    /** As {@link #open(int, KafkaConfig, Map, int, ClientListeners)}, with {@code hook} run on the conf first. */
    public static NativeClient open(int type, KafkaConfig config, Map<String, String> overrides, int events,
                                    ClientListeners listeners, ConfHook hook) {
        Map<String, String> props = new LinkedHashMap<>(config.properties());
        props.putAll(overrides);
        props.put("log.queue", "true");
        Arena stubs = Arena.ofShared();
        ThrottleRelay throttle = new ThrottleRelay();
        MemorySegment rk;
        try (NativeObject conf = NativeConf.create(props); Arena tmp = Arena.ofConfined()) {
            int enabled = events | RdKafka.RD_KAFKA_EVENT_ERROR | RdKafka.RD_KAFKA_EVENT_STATS | RdKafka.RD_KAFKA_EVENT_LOG;
            if (listeners.tokenProvider() != null) enabled |= RdKafka.RD_KAFKA_EVENT_OAUTHBEARER_TOKEN_REFRESH;
            RdKafka.rd_kafka_conf_set_events(conf.ptr(), enabled);
            if (listeners.onThrottle() != null) {
                RdKafka.rd_kafka_conf_set_throttle_cb(conf.ptr(), RdKafkaCallbacks.throttle_cb.allocate(throttle, stubs));
            }
            if (hook != null) hook.configure(conf.ptr(), stubs);
            MemorySegment errstr = CStrings.errstr(tmp);
            rk = RdKafka.rd_kafka_new(type, conf.ptr(), errstr, CStrings.ERRSTR_SIZE);
            if (rk.equals(MemorySegment.NULL)) { // on failure the conf is still ours: closed here
                String why = CStrings.fromBuffer(errstr);
                throw new io.rdkafka.client.errors.ConfigException(NativeConf.propertyNamedIn(why, props),
                        "librdkafka refused the configuration: " + why);
            }
            conf.release(); // the handle owns it now
        } catch (RuntimeException | Error e) {
            stubs.close();
            throw e;
        }
        String name = CStrings.toJava(RdKafka.rd_kafka_name(rk));
        NativeClient c = new NativeClient(rk, name, listeners, new AtomicBoolean());
        c.stubArena = stubs;
        throttle.client = c;
        return c;
    }

    private Arena stubArena;

    /** Starts the event thread; call once the concrete client has set its sink. */
    public void start(EventSink sink) {
        this.sink = sink;
        poller.start();
    }

    public String name() {
        return name;
    }

    public System.Logger logger() {
        return logger;
    }

    /** The {@code rd_kafka_t*}. Use only between {@link #enter()} and {@link #exit()}. */
    public MemorySegment handle() {
        return rk;
    }

    /** A shared arena living as long as the handle, for long-lived native memory. */
    public Arena arena() {
        return arena;
    }

    /**
     * A native call in progress, for try-with-resources: {@link NativeClient#lease()} enters, {@link #close()}
     * exits, and the handle is reachable only through it. One instance per client: taking a lease allocates
     * nothing.
     */
    public final class Lease implements AutoCloseable {
        private Lease() {
        }

        /** {@return the {@code rd_kafka_t*}, valid until this lease is closed} */
        public MemorySegment rk() {
            return rk;
        }

        /** Ends the call ({@link NativeClient#exit()}). */
        @Override
        public void close() {
            exit();
        }
    }

    private final Lease lease = new Lease();

    /**
     * Starts a native call ({@link #enter()}): {@code try (var call = client.lease()) { ... call.rk() ... }}.
     *
     * @throws IllegalStateException once close has begun
     */
    public Lease lease() {
        enter();
        return lease;
    }

    /** Marks the start of a native call; throws {@link IllegalStateException} once close has begun. */
    public void enter() {
        while (true) {
            long s = state.get();
            if ((s & CLOSED) != 0) throw new IllegalStateException("the Kafka client " + name + " is closed");
            if (state.compareAndSet(s, s + 1)) return;
        }
    }

    public void exit() {
        if (state.decrementAndGet() == CLOSED) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    public boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /** Stops accepting calls. Returns true for the first caller only, who must then call {@link #destroy}. */
    public boolean beginClose() {
        while (true) {
            long s = state.get();
            if ((s & CLOSED) != 0) return false;
            if (state.compareAndSet(s, s | CLOSED)) return true;
        }
    }

    /** Waits until no call is in flight; false when {@code timeout} passed first. */
    public boolean awaitCallsDone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (drained) {
            while (state.get() != CLOSED) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                try {
                    TimeUnit.NANOSECONDS.timedWait(drained, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** The fatal error this client hit, or null. */
    public KafkaException fatalError() {
        return fatal.get();
    }

    /** Throws the fatal error, if any, wrapped so the stack shows the caller. */
    public void checkFatal() {
        KafkaException f = fatal.get();
        if (f != null) throw new io.rdkafka.client.errors.FatalException(f.error(), f);
    }

    private void serveMainQueue() {
        while (!stopPoller) {
            MemorySegment ev = RdKafka.rd_kafka_queue_poll(mainQueue, 100);
            if (!ev.equals(MemorySegment.NULL)) serveEvent(ev);
        }
    }

    /**
     * Handles one main-queue event on the calling thread and destroys it: for a client whose main queue is
     * forwarded to librdkafka's background queue (its {@code background_event_cb} calls this), so that no
     * Java thread polls the main queue. (A consumer needs that: every application poll of any of its queues
     * resets librdkafka's {@code max.poll.interval.ms} timer, so a polling event thread disables it.)
     */
    public void serveEvent(MemorySegment ev) {
        int type = -1;
        try {
            type = RdKafka.rd_kafka_event_type(ev);
            dispatch(type, ev);
        } catch (Throwable t) {
            logger.log(System.Logger.Level.ERROR, "error while handling a librdkafka event", t);
        } finally {
            RdKafka.rd_kafka_event_destroy(ev);
        }
        EventSink s = sink;
        if (s != null && type >= 0) {
            try {
                s.afterEvent(type);
            } catch (Throwable t) {
                logger.log(System.Logger.Level.ERROR, "error after a librdkafka event", t);
            }
        }
    }

    /** Serves the main queue on the calling thread until it is empty (used while closing). */
    public void drainMainQueue() {
        while (true) {
            MemorySegment ev = RdKafka.rd_kafka_queue_poll(mainQueue, 0);
            if (ev.equals(MemorySegment.NULL)) return;
            serveEvent(ev);
        }
    }

    private void dispatch(int type, MemorySegment ev) {
        switch (type) {
            case RdKafka.RD_KAFKA_EVENT_LOG -> onLog(ev);
            case RdKafka.RD_KAFKA_EVENT_ERROR -> onError(ev);
            case RdKafka.RD_KAFKA_EVENT_STATS -> {
                var l = listeners.onStatistics();
                if (l != null) safely("statistics listener", () -> l.accept(CStrings.toJava(RdKafka.rd_kafka_event_stats(ev))));
            }
            case RdKafka.RD_KAFKA_EVENT_OAUTHBEARER_TOKEN_REFRESH -> onTokenRefresh(ev);
            default -> {
                EventSink s = sink;
                if (s == null || !s.onEvent(type, ev)) {
                    logger.log(System.Logger.Level.DEBUG, () -> "unhandled librdkafka event "
                            + CStrings.toJava(RdKafka.rd_kafka_event_name(ev)));
                }
            }
        }
    }

    private void onLog(MemorySegment ev) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fac = a.allocate(ADDRESS);
            MemorySegment str = a.allocate(ADDRESS);
            MemorySegment level = a.allocate(JAVA_INT);
            if (RdKafka.rd_kafka_event_log(ev, fac, str, level) != 0) return;
            int syslog = level.get(JAVA_INT, 0);
            System.Logger.Level lvl = syslogLevel(syslog);
            if (!logger.isLoggable(lvl)) return;
            String message = CStrings.toJava(str.get(ADDRESS, 0));
            for (String text : ignoredLogTexts) if (message.contains(text)) return;
            logger.log(lvl, "[" + CStrings.toJava(fac.get(ADDRESS, 0)) + "] " + message);
        }
    }

    /**
     * Drops librdkafka log lines containing {@code text}: for warnings about settings the binding made itself
     * (call before {@link #start}; lines logged while the handle was created are served after it).
     */
    public void ignoreLogContaining(String text) {
        List<String> now = new ArrayList<>(ignoredLogTexts);
        now.add(text);
        ignoredLogTexts = List.copyOf(now);
    }

    /** syslog levels (0 emerg .. 7 debug) to System.Logger levels. */
    public static System.Logger.Level syslogLevel(int syslog) {
        if (syslog <= 3) return System.Logger.Level.ERROR;
        if (syslog == 4) return System.Logger.Level.WARNING;
        if (syslog <= 6) return System.Logger.Level.INFO;
        return System.Logger.Level.DEBUG;
    }

    private void onError(MemorySegment ev) {
        int code = RdKafka.rd_kafka_event_error(ev);
        String msg = CStrings.toJava(RdKafka.rd_kafka_event_error_string(ev));
        boolean isFatal = RdKafka.rd_kafka_event_error_is_fatal(ev) != 0;
        KafkaError err;
        if (isFatal) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment buf = CStrings.errstr(a);
                int orig = RdKafka.rd_kafka_fatal_error(rk, buf, CStrings.ERRSTR_SIZE);
                err = KafkaError.of(orig, CStrings.fromBuffer(buf)).withFlags(true, false, false);
            }
            fatal.compareAndSet(null, Errors.exception(err));
        } else {
            err = KafkaError.of(code, scramHint(code, msg));
        }
        KafkaException ex = Errors.exception(err);
        if (ex instanceof io.rdkafka.client.errors.AuthenticationException auth) {
            lastAuthFailure = auth;
            lastAuthFailureNanos = System.nanoTime();
        }
        var l = listeners.onError();
        if (l != null) {
            safely("error listener", () -> l.accept(ex));
        } else {
            logger.log(isFatal ? System.Logger.Level.ERROR : System.Logger.Level.WARNING, "client error: " + ex.getMessage());
        }
        EventSink s = sink;
        if (isFatal && s != null) s.onEvent(RdKafka.RD_KAFKA_EVENT_ERROR, ev);
    }

    private volatile io.rdkafka.client.errors.AuthenticationException lastAuthFailure;
    private volatile long lastAuthFailureNanos;

    /**
     * librdkafka before 2.6.1 computes SCRAM proofs that Apache Kafka 4.0+ brokers reject (librdkafka #4895): a
     * right password fails like a wrong one. Says so in the error, as the broker's text cannot.
     */
    static String scramHint(int code, String msg) {
        if (code != RdKafka.RD_KAFKA_RESP_ERR__AUTHENTICATION || msg == null || !msg.contains("SCRAM")
                || io.rdkafka.ffm.RdKafkaLibrary.isAtLeast(2, 6, 1)) {
            return msg;
        }
        return msg + " [if the password is right: librdkafka " + io.rdkafka.ffm.RdKafkaLibrary.versionString()
                + " cannot authenticate with SCRAM to Apache Kafka 4.0 or newer (librdkafka #4895, fixed in 2.6.1);"
                + " use SASL PLAIN over TLS or a newer librdkafka]";
    }

    /**
     * When this client's connection attempts failed authentication since {@code sinceNanos}, an
     * AuthenticationException explaining a connectivity error {@code e} (a metadata request that found no
     * broker: transport failure, timeout, all brokers down); else {@code e}.
     */
    public KafkaException explain(KafkaException e, long sinceNanos) {
        var auth = lastAuthFailure;
        if (auth == null || lastAuthFailureNanos - sinceNanos < 0) return e;
        int c = e.code();
        if (c != RdKafka.RD_KAFKA_RESP_ERR__TRANSPORT && c != RdKafka.RD_KAFKA_RESP_ERR__TIMED_OUT
                && c != RdKafka.RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) {
            return e;
        }
        return new io.rdkafka.client.errors.AuthenticationException(KafkaError.of(auth.code(), e.getMessage()
                + "; the client could not authenticate: " + auth.error().message()), e);
    }

    private void onTokenRefresh(MemorySegment ev) {
        refreshToken(CStrings.toJava(RdKafka.rd_kafka_event_config_string(ev)));
    }

    /**
     * Asks the token provider for an OAUTHBEARER token and hands it (or the failure) to librdkafka. Called for
     * the token-refresh event, and by a consumer from its {@code oauthbearer_token_refresh_cb}: librdkafka
     * 2.0.2's background thread runs the refresh op's callback instead of passing it to
     * {@code background_event_cb} as an event, so a consumer (whose main queue goes to that thread) never saw
     * the event and never connected.
     */
    public void refreshToken(String cfg) {
        var provider = listeners.tokenProvider();
        if (provider == null) return;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment errstr = CStrings.errstr(a);
            try {
                var token = provider.token(cfg);
                String[] ext = token.extensions().entrySet().stream()
                        .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new);
                int r = RdKafka.rd_kafka_oauthbearer_set_token(rk, a.allocateFrom(token.value()),
                        token.lifetimeEpochMillis(), a.allocateFrom(token.principal()),
                        ext.length == 0 ? MemorySegment.NULL : CStrings.array(a, ext), ext.length, errstr,
                        CStrings.ERRSTR_SIZE);
                if (r != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) {
                    String why = CStrings.fromBuffer(errstr);
                    logger.log(System.Logger.Level.ERROR, "OAUTHBEARER token refused by librdkafka: " + why);
                    RdKafka.rd_kafka_oauthbearer_set_token_failure(rk, a.allocateFrom(why));
                }
            } catch (Throwable t) {
                logger.log(System.Logger.Level.ERROR, "OAUTHBEARER token provider failed", t);
                RdKafka.rd_kafka_oauthbearer_set_token_failure(rk, a.allocateFrom(
                        "token provider failed: " + t.getClass().getSimpleName()));
            }
        }
    }

    /**
     * Replaces the SASL PLAIN/SCRAM user name and password ({@code rd_kafka_sasl_set_credentials}); used at the
     * next authentication, existing connections stay. Thread-safe.
     */
    public void setSaslCredentials(KafkaConfig config, String username, String password) {
        enter(); // closed first: IllegalStateException naming the client
        try (Arena a = Arena.ofConfined()) {
            SaslCredentials.check(config, username, password);
            KafkaError err = Errors.readAndDestroy(RdKafka.rd_kafka_sasl_set_credentials(rk, a.allocateFrom(username),
                    a.allocateFrom(password)));
            if (err != null) throw Errors.exception(err);
        } finally {
            exit();
        }
    }

    /** Runs a user callback; a Throwable is logged and swallowed so the client keeps working. */
    public void safely(String what, Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            logger.log(System.Logger.Level.ERROR, what + " threw; ignored", t);
        }
    }

    /** Upcall from librdkafka's throttle op, served on the event thread (inside rd_kafka_queue_poll). */
    private static final class ThrottleRelay implements RdKafkaCallbacks.throttle_cb {
        volatile NativeClient client;

        @Override
        public void apply(MemorySegment rk, MemorySegment brokerName, int brokerId, int throttleMs, MemorySegment opaque) {
            NativeClient c = client;
            if (c == null || c.listeners.onThrottle() == null) return;
            String b = CStrings.toJava(brokerName);
            c.safely("throttle listener", () -> c.listeners.onThrottle().throttled(b, brokerId, Duration.ofMillis(throttleMs)));
        }
    }

    /** Whether the current thread is this client's event thread (where listeners and callbacks run). */
    public boolean onEventThread() {
        return Thread.currentThread() == poller;
    }

    /**
     * Frees everything, once: stops the event thread, runs {@code beforeHandleDestroy}, destroys the main
     * queue and the handle (with {@code destroyFlags}), then the arenas. Waits up to {@code callsTimeout} for
     * calls in flight; if they do not finish the handle is leaked rather than freed under them. Called on the
     * event thread itself (a listener closing its client), the work moves to a new thread that first waits
     * for the event thread to leave its current event.
     */
    public void destroy(Duration callsTimeout, int destroyFlags, Runnable beforeHandleDestroy) {
        destroy(callsTimeout, destroyFlags, beforeHandleDestroy, null);
    }

    /**
     * As {@link #destroy(Duration, int, Runnable)}, but waits at most {@code destroyWait} (null: no limit) for
     * {@code rd_kafka_destroy} itself; if it takes longer it finishes on a thread of its own
     * ({@code rdkafka-<name>-destroy}), which frees the arenas afterwards. A consumer needs that: librdkafka
     * keeps a commit that is waiting for an unavailable (or forbidden) group coordinator for up to
     * {@code session.timeout.ms} (45 s by default) and {@code rd_kafka_destroy} waits for it.
     */
    public void destroy(Duration callsTimeout, int destroyFlags, Runnable beforeHandleDestroy, Duration destroyWait) {
        if (!destroyed.compareAndSet(false, true)) return;
        beginClose();
        stopPoller = true;
        if (onEventThread()) {
            Thread.ofPlatform().daemon().name("rdkafka-" + name + "-close")
                    .start(() -> destroyNow(callsTimeout, destroyFlags, beforeHandleDestroy, destroyWait));
        } else {
            destroyNow(callsTimeout, destroyFlags, beforeHandleDestroy, destroyWait);
        }
    }

    private void destroyNow(Duration callsTimeout, int destroyFlags, Runnable beforeHandleDestroy,
                            Duration destroyWait) {
        if (!awaitCallsDone(callsTimeout)) {
            logger.log(System.Logger.Level.ERROR, "calls still in flight after " + callsTimeout
                    + "; not destroying the librdkafka handle (leaked) to avoid a use-after-free");
            cleanable.clean();
            return;
        }
        RdKafka.rd_kafka_queue_yield(mainQueue);
        try {
            poller.join(); // polls in 100 ms slices and sees stopPoller after its current event
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (beforeHandleDestroy != null) beforeHandleDestroy.run();
        } finally {
            RdKafka.rd_kafka_queue_destroy(mainQueue);
            Runnable rest = () -> {
                try {
                    RdKafka.rd_kafka_destroy_flags(rk, destroyFlags);
                } finally {
                    cleanable.clean();
                    arena.close();
                    if (stubArena != null) stubArena.close(); // after the destroy: librdkafka may still call back
                }
            };
            if (destroyWait == null) {
                rest.run();
            } else {
                Thread t = Thread.ofPlatform().daemon().name("rdkafka-" + name + "-destroy").start(rest);
                try {
                    if (!t.join(destroyWait)) {
                        logger.log(System.Logger.Level.WARNING, "librdkafka did not finish destroying " + name
                                + " within " + destroyWait.toMillis() + " ms (e.g. a commit waiting for an unavailable "
                                + "group coordinator, kept up to session.timeout.ms); close returns, the destruction "
                                + "finishes in the background");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

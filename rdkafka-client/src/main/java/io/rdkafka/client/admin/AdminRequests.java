package io.rdkafka.client.admin;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.NativeClient;
import io.rdkafka.client.internal.Timeouts;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static io.rdkafka.ffm.RdKafka.*;

/**
 * How {@link Admin}'s operations reach librdkafka: native requests whose results come back as events on the main
 * queue, matched to their futures by id (the request's opaque) on the client's event thread; fallback operations
 * (blocking calls for librdkafkas before 2.3.0) on a thread of their own; the mock-cluster check; retries while a
 * group coordinator is not ready; and close, which waits (bounded) for what is in flight and fails the rest.
 */
final class AdminRequests {
    static final int OPT_OPERATION_TIMEOUT = 1;
    static final int OPT_VALIDATE_ONLY = 2;
    static final int OPT_REQUIRE_STABLE = 4;
    static final int OPT_AUTHORIZED_OPS = 8;
    static final int OPT_ISOLATION = 16;
    private static final Duration DEFAULT_BLOCKING_TIMEOUT = Duration.ofSeconds(30);

    private final NativeClient client;
    private final MemorySegment queue;
    private final ConcurrentHashMap<Long, Pending<?>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final Object blockingLock = new Object();
    private ExecutorService blocking;
    /** Set once close has waited for operations in flight: fallback calls stop at their next slice. */
    private volatile boolean closing;

    AdminRequests(KafkaConfig config, ClientListeners listeners) {
        Map<String, String> overrides = new LinkedHashMap<>();
        // metadata lookups of the fallbacks must never create topics (a producer handle's default is true)
        if (config.get("allow.auto.create.topics") == null) overrides.put("allow.auto.create.topics", "false");
        // listOffsets' fallback (before 2.3) queries watermarks with the handle's isolation.level, whose default
        // read_committed would answer the last stable offset for READ_UNCOMMITTED (the default, as AdminClient's)
        boolean uncommittedWatermarks = !Admin.Feature.LIST_OFFSETS.isAvailable() && config.get("isolation.level") == null;
        if (uncommittedWatermarks) overrides.put("isolation.level", "read_uncommitted");
        this.client = NativeClient.open(RD_KAFKA_PRODUCER, config, overrides, 0, listeners);
        // librdkafka warns that a producer handle ignores this consumer property; the watermark query reads it
        if (uncommittedWatermarks) client.ignoreLogContaining("Configuration property isolation.level is a consumer property");
        this.queue = RdKafka.rd_kafka_queue_get_main(client.handle());
        client.start(this::onEvent);
    }

    NativeClient client() {
        return client;
    }

    /** Issues one admin request; runs on the caller's thread between enter() and exit(). */
    @FunctionalInterface
    interface Call {
        void invoke(MemorySegment rk, MemorySegment options, MemorySegment queue, Arena arena);
    }

    /** Reads a result event into Java values, on the event thread, while the event is alive. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(MemorySegment event, Arena arena);
    }

    /** A fallback operation: blocking native calls on the admin thread, in slices of its budget. */
    @FunctionalInterface
    interface BlockingCall<T> {
        T run(MemorySegment rk, Budget budget);
    }

    private static final class Pending<T> {
        final String operation;
        final CompletableFuture<T> future;
        final Parser<T> parser;
        final long startedNanos = System.nanoTime();

        Pending(String operation, CompletableFuture<T> future, Parser<T> parser) {
            this.operation = operation;
            this.future = future;
            this.parser = parser;
        }

        /**
         * Completes the future from the operation's result event. A request that timed out because no broker could
         * be reached fails with the authentication or TLS failure seen meanwhile, as the fallbacks do.
         */
        void completeFrom(MemorySegment ev, NativeClient client) {
            int err = RdKafka.rd_kafka_event_error(ev);
            if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
                String msg = CStrings.toJava(RdKafka.rd_kafka_event_error_string(ev));
                KafkaError e = KafkaError.of(err, operation + " failed: "
                        + (msg == null || msg.isEmpty() ? KafkaError.describe(err) : msg));
                if (err == RD_KAFKA_RESP_ERR__NOENT && operation.equals("listOffsets")) {
                    // librdkafka 2.3+ fails the whole ListOffsets with _NOENT when a partition has no leader
                    future.completeExceptionally(new io.rdkafka.client.errors.LeaderNotAvailableException(
                            e.withFlags(false, true, false)));
                    return;
                }
                future.completeExceptionally(client.explain(Errors.exception(e), startedNanos));
                return;
            }
            T value;
            try (Arena a = Arena.ofConfined()) {
                value = parser.parse(ev, a);
            } catch (Throwable t) {
                future.completeExceptionally(t);
                return;
            }
            future.complete(value);
        }

        void fail(Throwable t) {
            future.completeExceptionally(t);
        }
    }

    static <K, V> CompletableFuture<ItemResults<K, V>> empty() {
        return CompletableFuture.completedFuture(new ItemResults<>(Map.of(), Map.of(), List.of()));
    }

    <T> CompletableFuture<T> submit(String operation, int adminOp, AdminOptions options, int allowed,
                                            Call request, Parser<T> parser) {
        checkOptions(operation, options, allowed);
        CompletableFuture<T> future = new CompletableFuture<>();
        long id = nextId.incrementAndGet();
        try (NativeClient.Lease call = client.lease(); Arena a = Arena.ofConfined()) {
            MemorySegment rk = call.rk();
            MemorySegment opts = RdKafka.rd_kafka_AdminOptions_new(rk, adminOp);
            if (opts.equals(MemorySegment.NULL)) {
                throw new UnsupportedOperationException(operation + " is not known to the loaded librdkafka "
                        + RdKafkaLibrary.versionString());
            }
            try {
                applyOptions(opts, options, allowed, operation, a);
                RdKafka.rd_kafka_AdminOptions_set_opaque(opts, MemorySegment.ofAddress(id));
                pending.put(id, new Pending<>(operation, future, parser));
                try {
                    request.invoke(rk, opts, queue, a);
                } catch (RuntimeException | Error e) {
                    pending.remove(id);
                    throw e;
                }
            } finally {
                RdKafka.rd_kafka_AdminOptions_destroy(opts);
            }
        }
        return future;
    }

    /** Refuses at once options that {@code operation} cannot honour natively ({@code allowed}: OPT_* flags). */
    void checkOptions(String operation, AdminOptions options, int allowed) {
        Objects.requireNonNull(options, "options");
        if (options.validateOnly() && (allowed & OPT_VALIDATE_ONLY) == 0) {
            throw new IllegalArgumentException(operation + " cannot validate only: it would act; "
                    + "validateOnly applies to createTopics, createPartitions, alterConfigs, incrementalAlterConfigs");
        }
        if (options.includeAuthorizedOperations() && (allowed & OPT_AUTHORIZED_OPS) != 0) {
            require(Admin.Feature.AUTHORIZED_OPERATIONS, operation + " with includeAuthorizedOperations");
        }
    }

    /** {@link Admin.Feature#require}, after the closed check: a closed client says so, whatever the library lacks. */
    void require(Admin.Feature feature, String what) {
        if (client.isClosed()) throw new IllegalStateException("the Kafka client " + client.name() + " is closed");
        feature.require(what);
    }

    private static final String MOCK_CLUSTER_ID_PREFIX = "mockCluster";

    /**
     * Sends the request unless the cluster is librdkafka's mock cluster (recognised by its cluster id), which
     * lacks the group coordinator APIs: librdkafka then aborts the process on DeleteGroups/OffsetDelete
     * (librdkafka #3663; 2.0.2 at once, 2.15 at close), and 2.0.2's DescribeConsumerGroups leaks a handle
     * reference so that closing never returns.
     */
    <T> CompletableFuture<T> unlessMockCluster(String operation, AdminOptions options,
                                                       java.util.function.Supplier<CompletableFuture<T>> send,
                                                       Function<KafkaException, T> refused) {
        Objects.requireNonNull(options, "options");
        if (options.validateOnly()) throw new IllegalArgumentException(operation + " cannot validate only: it would act");
        return byCluster(operation, options, send, () -> {
            KafkaException e = mockRefusal(operation);
            return refused == null ? CompletableFuture.failedFuture(e) : CompletableFuture.completedFuture(refused.apply(e));
        });
    }

    /**
     * Runs {@code real}, or {@code mock} when the cluster is librdkafka's mock cluster (recognised by its cluster
     * id). An unknown cluster id is looked up first on the admin thread; when no broker answers within the request
     * timeout, the operation fails with a {@link io.rdkafka.client.errors.TimeoutException} (or the authentication
     * failure that explains it).
     */
    <T> CompletableFuture<T> byCluster(String operation, AdminOptions options,
                                               java.util.function.Supplier<CompletableFuture<T>> real,
                                               java.util.function.Supplier<CompletableFuture<T>> mock) {
        String id;
        try (NativeClient.Lease call = client.lease()) {
            id = clusterId(call.rk(), 0);
        }
        Function<String, CompletableFuture<T>> decide = cid -> {
            if (client.isClosed()) return CompletableFuture.failedFuture(closedException(operation));
            try {
                return cid.startsWith(MOCK_CLUSTER_ID_PREFIX) ? mock.get() : real.get();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
        if (id != null) return decide.apply(id);
        return blocking(operation, options, (rk, budget) -> {
            String cid = clusterId(rk, budget);
            // no broker answered within the request timeout: fail now (explained, e.g. by an authentication
            // failure) rather than send the request for another timeout
            if (cid == null) throw Errors.noBroker(operation, budget.totalMs(), RD_KAFKA_RESP_ERR__TIMED_OUT);
            return cid;
        }).thenCompose(decide);
    }

    private static final Set<Integer> COORDINATOR_NOT_READY = Set.of(RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS,
            RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NOT_COORDINATOR);

    private static boolean coordinatorNotReady(Object resultOrFailure) {
        Throwable t = resultOrFailure instanceof Throwable x ? x : null;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) t = t.getCause();
        if (t != null) return t instanceof KafkaException k && COORDINATOR_NOT_READY.contains(k.code());
        return resultOrFailure instanceof ItemResults<?, ?> r && r.values().isEmpty() && !r.errors().isEmpty()
                && r.errors().values().stream().allMatch(e -> COORDINATOR_NOT_READY.contains(e.code()));
    }

    /**
     * Repeats a group-coordinator operation while the coordinator is not ready (NOT_COORDINATOR,
     * COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE for every item, e.g. while Kafka creates and
     * loads {@code __consumer_offsets} for the first group), with backoff, within the request timeout, as
     * Kafka's Java admin client does; librdkafka reports these per partition without retrying.
     */
    <T> CompletableFuture<T> coordinatorRetry(AdminOptions options, java.util.function.Supplier<CompletableFuture<T>> attempt) {
        Duration timeout = options.requestTimeout() != null ? options.requestTimeout() : Duration.ofSeconds(60);
        long deadline = Timeouts.deadline(timeout);
        CompletableFuture<T> first = attempt.get(); // argument errors and a closed client throw here
        CompletableFuture<T> result = new CompletableFuture<>();
        retryWhenNotReady(first, attempt, deadline, 50, result);
        return result;
    }

    private <T> void retryWhenNotReady(CompletableFuture<T> f, java.util.function.Supplier<CompletableFuture<T>> attempt,
                                       long deadline, long backoffMs, CompletableFuture<T> result) {
        f.whenComplete((v, t) -> {
            boolean again = coordinatorNotReady(t != null ? t : v) && !client.isClosed()
                    && deadline - System.nanoTime() > TimeUnit.MILLISECONDS.toNanos(backoffMs);
            if (!again) {
                if (t != null) result.completeExceptionally(t instanceof java.util.concurrent.CompletionException
                        && t.getCause() != null ? t.getCause() : t);
                else result.complete(v);
                return;
            }
            CompletableFuture.delayedExecutor(backoffMs, TimeUnit.MILLISECONDS).execute(() -> {
                CompletableFuture<T> next;
                try {
                    next = client.isClosed() ? CompletableFuture.failedFuture(closedException("retry")) : attempt.get();
                } catch (IllegalStateException closed) {
                    next = CompletableFuture.failedFuture(closedException("retry"));
                } catch (RuntimeException e) {
                    next = CompletableFuture.failedFuture(e);
                }
                retryWhenNotReady(next, attempt, deadline, Math.min(1000, backoffMs * 2), result);
            });
        });
    }

    /** An ItemResults where every item failed with {@code e}. */
    static <K, V> ItemResults<K, V> allFailed(List<K> items, KafkaException e) {
        Map<K, KafkaException> errors = new LinkedHashMap<>();
        for (K k : items) errors.put(k, e);
        return new ItemResults<>(Map.of(), errors, items);
    }

    private static KafkaException mockRefusal(String operation) {
        return Errors.exception(RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE, operation + " is not implemented by librdkafka's "
                + "mock cluster, and librdkafka mishandles a coordinator that lacks it (abort, librdkafka #3663, or a "
                + "close that never returns): not sent");
    }

    /** {@code rd_kafka_clusterid} within the budget; null when still unknown. */
    static String clusterId(MemorySegment rk, Budget budget) {
        String id;
        do {
            id = clusterId(rk, budget.slice());
        } while (id == null && !budget.exhausted());
        return id;
    }

    /** {@code rd_kafka_clusterid}, freed; null when unknown within {@code timeoutMs}. */
    static String clusterId(MemorySegment rk, int timeoutMs) {
        MemorySegment cid = RdKafka.rd_kafka_clusterid(rk, timeoutMs);
        if (cid.equals(MemorySegment.NULL)) return null;
        try {
            return CStrings.toJava(cid);
        } finally {
            RdKafka.rd_kafka_mem_free(rk, cid);
        }
    }

    private static void applyOptions(MemorySegment opts, AdminOptions o, int allowed, String operation, Arena a) {
        MemorySegment errstr = CStrings.errstr(a);
        if (o.requestTimeout() != null) {
            int err = RdKafka.rd_kafka_AdminOptions_set_request_timeout(opts, Timeouts.millis(o.requestTimeout()),
                    errstr, CStrings.ERRSTR_SIZE);
            if (err != 0) throw new IllegalArgumentException("requestTimeout: " + CStrings.fromBuffer(errstr));
        }
        if (o.operationTimeout() != null && (allowed & OPT_OPERATION_TIMEOUT) != 0) {
            int err = RdKafka.rd_kafka_AdminOptions_set_operation_timeout(opts, Timeouts.millis(o.operationTimeout()),
                    errstr, CStrings.ERRSTR_SIZE);
            if (err != 0) throw new IllegalArgumentException("operationTimeout: " + CStrings.fromBuffer(errstr));
        }
        if (o.validateOnly()) {
            int err = RdKafka.rd_kafka_AdminOptions_set_validate_only(opts, 1, errstr, CStrings.ERRSTR_SIZE);
            if (err != 0) throw new IllegalArgumentException("validateOnly: " + CStrings.fromBuffer(errstr));
        }
        if (o.requireStableOffsets() && (allowed & OPT_REQUIRE_STABLE) != 0) {
            KafkaError err = Errors.readAndDestroy(RdKafka.rd_kafka_AdminOptions_set_require_stable_offsets(opts, 1));
            if (err != null) throw new IllegalArgumentException("requireStableOffsets: " + err.message());
        }
        if (o.includeAuthorizedOperations() && (allowed & OPT_AUTHORIZED_OPS) != 0) {
            KafkaError err = Errors.readAndDestroy(
                    RdKafka.rd_kafka_AdminOptions_set_include_authorized_operations(opts, 1));
            if (err != null) throw new IllegalArgumentException("includeAuthorizedOperations: " + err.message());
        }
        if (o.isolationLevel() != null && (allowed & OPT_ISOLATION) != 0) {
            KafkaError err = Errors.readAndDestroy(RdKafka.rd_kafka_AdminOptions_set_isolation_level(opts,
                    o.isolationLevel().code));
            if (err != null) throw new IllegalArgumentException("isolationLevel: " + err.message());
        }
    }

    static void checkFallbackOptions(String operation, AdminOptions options, Admin.Feature feature, boolean mock) {
        Objects.requireNonNull(options, "options");
        if (options.validateOnly()) throw new IllegalArgumentException(operation + " cannot validate only");
        if (options.includeAuthorizedOperations()) {
            if (mock) {
                throw new UnsupportedOperationException(operation + " with includeAuthorizedOperations needs a real "
                        + "cluster: librdkafka's mock brokers have no controller to ask");
            }
            throw feature.unsupported(operation + " with includeAuthorizedOperations");
        }
    }

    /** Runs a fallback operation on the admin thread; the future is registered like a native one. */
    <T> CompletableFuture<T> blocking(String operation, AdminOptions options, BlockingCall<T> body) {
        Objects.requireNonNull(options, "options");
        if (options.validateOnly()) throw new IllegalArgumentException(operation + " cannot validate only");
        if (client.isClosed()) throw new IllegalStateException("the Kafka client " + client.name() + " is closed");
        Duration timeout = options.requestTimeout() != null ? options.requestTimeout() : DEFAULT_BLOCKING_TIMEOUT;
        CompletableFuture<T> future = new CompletableFuture<>();
        long id = nextId.incrementAndGet();
        Pending<T> p = new Pending<>(operation, future, null);
        pending.put(id, p);
        try {
            executor().execute(() -> runBlocking(id, p, timeout, body));
        } catch (RejectedExecutionException e) {
            if (pending.remove(id) != null) p.fail(closedException(operation));
        }
        return future;
    }

    private <T> void runBlocking(long id, Pending<T> p, Duration timeout, BlockingCall<T> body) {
        if (!pending.containsKey(id)) return;
        NativeClient.Lease call;
        try {
            call = client.lease();
        } catch (IllegalStateException closed) {
            if (pending.remove(id) != null) p.fail(closedException(p.operation));
            return;
        }
        T value = null;
        Throwable failure = null;
        long started = System.nanoTime();
        try (call) {
            value = body.run(call.rk(), new Budget(Timeouts.deadline(timeout), () -> closing));
        } catch (KafkaException e) {
            failure = client.explain(e, started); // "transport failure" when the real cause is authentication
        } catch (Throwable t) {
            failure = t;
        }
        if (pending.remove(id) == null) return;
        if (closing) p.fail(closedException(p.operation)); // stopped early: the value may be incomplete
        else if (failure != null) p.fail(failure);
        else p.future.complete(value);
    }

    private ExecutorService executor() {
        synchronized (blockingLock) {
            if (blocking == null) {
                String n = client.name();
                blocking = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
                        .name("rdkafka-" + n + "-admin").unstarted(r));
            }
            return blocking;
        }
    }

    private boolean onEvent(int type, MemorySegment ev) {
        if (type == RD_KAFKA_EVENT_ERROR) return true; // a fatal error, already recorded by the client
        long id = RdKafka.rd_kafka_event_opaque(ev).address();
        Pending<?> p = pending.remove(id);
        if (p == null) return false;
        p.completeFrom(ev, client);
        return true;
    }

    private static KafkaException closedException(String operation) {
        return Errors.exception(KafkaError.of(RD_KAFKA_RESP_ERR__DESTROY,
                operation + " did not complete: the admin client was closed"));
    }

    private void failPending() {
        for (Long id : List.copyOf(pending.keySet())) {
            Pending<?> p = pending.remove(id);
            if (p != null) p.fail(closedException(p.operation));
        }
    }

    int pendingCount() {
        return pending.size();
    }

    /** Waits up to {@code deadline} for operations in flight, fails the rest, frees the native handle; once. */
    void close(long deadline) {
        if (!client.beginClose()) return;
        if (!client.onEventThread()) awaitPending(deadline);
        closing = true;
        client.destroy(Duration.ofMillis(Budget.SLICE_MS).plusSeconds(5), 0, () -> {
            client.drainMainQueue();
            failPending();
            RdKafka.rd_kafka_queue_destroy(queue);
        });
        failPending(); // also when the handle had to be leaked or is destroyed on another thread
        synchronized (blockingLock) {
            if (blocking != null) blocking.shutdownNow();
        }
    }

    private void awaitPending(long deadline) {
        CompletableFuture<?>[] fs = pending.values().stream().map(p -> p.future).toArray(CompletableFuture[]::new);
        if (fs.length == 0) return;
        try {
            CompletableFuture.allOf(fs).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception ignored) {
            // timed out or some failed: the rest are failed by close
        }
    }
}

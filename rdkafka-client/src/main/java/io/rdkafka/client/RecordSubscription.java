package io.rdkafka.client;

import io.rdkafka.client.errors.KafkaException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscription of a {@link RecordPublisher}: the thread that owns its {@link Consumer} and signals the
 * subscriber, the demand, the bounded buffer and the acknowledgement bookkeeping behind the commits. Only that
 * thread touches the consumer, the buffer and the per-partition state; {@link #request}, {@link #cancel} and
 * acknowledgements from other threads go through atomics and a queue.
 */
final class RecordSubscription<K, V> implements Flow.Subscription {
    private static final System.Logger LOG = System.getLogger("io.rdkafka.client.RecordPublisher");
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long IDLE_WAIT_MS = 100;

    private final RecordPublisher<K, V> publisher;
    /** Dropped when the subscription ends, so a cancelled subscriber can be collected (rule 3.13). */
    private volatile Flow.Subscriber<? super AcknowledgeableRecord<K, V>> subscriber;
    private final RecordPublisher.Settings settings;
    private final AtomicLong demand = new AtomicLong();
    private volatile boolean cancelled;
    private volatile Throwable badRequest;
    private volatile boolean done;
    /** Counted down once this subscription's consumer is closed: the next subscription starts after it. */
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object wake = new Object();
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();

    // publisher thread only
    private final ArrayDeque<ConsumerRecord<K, V>> buffer = new ArrayDeque<>();
    private final Map<TopicPartition, Track> tracks = new HashMap<>();
    private final Map<TopicPartition, Long> generations = new HashMap<>();
    private long nextGeneration = 1;
    private Consumer<K, V> consumer;
    private boolean paused;
    private long remaining;
    private long lastCommitNanos = System.nanoTime();

    // metrics: written by the publisher thread, read by anyone
    private volatile int buffered;
    private volatile int maxBuffered;
    private volatile long delivered;
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile int unacknowledged;
    private volatile long polls;
    private volatile long pausedPolls;

    private record Ack(TopicPartition partition, long offset, long generation, int leaderEpoch) {
    }

    /** Delivered offsets of one partition, in order, and which of them were acknowledged. */
    private static final class Track {
        final long generation;
        final ArrayDeque<Long> delivered = new ArrayDeque<>();
        final Set<Long> acked = new HashSet<>();
        long committable = -1;
        int committableEpoch = -1;
        long committed = -1;

        Track(long generation) {
            this.generation = generation;
        }
    }

    RecordSubscription(RecordPublisher<K, V> publisher, Flow.Subscriber<? super AcknowledgeableRecord<K, V>> subscriber) {
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.settings = publisher.settings();
        this.remaining = settings.limit();
    }

    /** Refuses a subscriber: onSubscribe with a subscription that does nothing, then onError (rule 1.9). */
    static void reject(Flow.Subscriber<?> subscriber, Throwable why) {
        try {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
        } finally {
            subscriber.onError(why);
        }
    }

    /** Starts the publisher thread; it creates the consumer once {@code previous} (if any) has closed its own. */
    void start(RecordSubscription<?, ?> previous) {
        Thread.ofPlatform().daemon().name("rdkafka-publisher-" + THREADS.incrementAndGet()).start(() -> {
            if (previous != null) {
                try {
                    previous.finished.await();
                } catch (InterruptedException e) {
                    endBeforeStart(e);
                    return;
                }
            }
            run();
        });
    }

    /** Ends a subscription that never got a consumer: the subscriber gets onSubscribe and onError(cause). */
    private void endBeforeStart(Throwable cause) {
        var s = subscriber;
        subscriber = null;
        done = true;
        finished.countDown();
        reject(s, cause);
    }

    /** Whether this subscription has ended or is ending (cancelled, refused a request): another may follow it. */
    boolean isEnding() {
        return done || cancelled || badRequest != null;
    }

    RecordPublisher.Metrics metrics() {
        return new RecordPublisher.Metrics(buffered, maxBuffered, delivered, acknowledged.get(), unacknowledged,
                polls, pausedPolls);
    }

    // ---- Flow.Subscription: any thread ------------------------------------------------------------------

    @Override
    public void request(long n) {
        if (n <= 0) {
            if (badRequest == null) {
                badRequest = new IllegalArgumentException("request(" + n + "): the number of records requested must "
                        + "be positive (Reactive Streams rule 3.9)");
            }
        } else {
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b); // saturating (rule 3.17)
        }
        signal();
    }

    @Override
    public void cancel() {
        cancelled = true;
        signal();
    }

    void acknowledged(ConsumerRecord<?, ?> r, long generation) {
        acks.add(new Ack(r.topicPartition(), r.offset(), generation, r.leaderEpoch().orElse(-1)));
        acknowledged.incrementAndGet();
        signal();
    }

    private void signal() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    // ---- the publisher thread ---------------------------------------------------------------------------

    private void run() {
        Throwable failure = null;
        boolean completed = false;
        try {
            consumer = Consumer.create(publisher.consumerConfig(), publisher.keyDeserializer(),
                    publisher.valueDeserializer(), publisher.listeners(),
                    Consumer.Options.defaults().withMaxPollRecords(settings.bufferSize()));
        } catch (Throwable t) {
            endBeforeStart(t);
            return;
        }
        try {
            subscriber.onSubscribe(this);
            if (publisher.topics() != null) consumer.subscribe(publisher.topics(), new Rebalance());
            else {
                consumer.assign(publisher.partitions());
                for (TopicPartition tp : publisher.partitions()) generations.put(tp, nextGeneration++);
            }
            while (!cancelled && badRequest == null) {
                applyAcks();
                maybeCommit(false);
                if (remaining == 0) {
                    completed = true;
                    break;
                }
                deliver();
                if (cancelled || badRequest != null || remaining == 0) continue;
                if (wantRecords()) {
                    if (paused) setPaused(false);
                    polls++;
                    take(consumer.poll(POLL));
                } else {
                    if (!paused) setPaused(true);
                    idleWait();
                    pausedPolls++;
                    take(consumer.poll(Duration.ZERO)); // serves the group; paused partitions return nothing
                }
            }
            if (badRequest != null) failure = badRequest;
        } catch (OnNextFailure f) {
            // rule 2.13: the subscription counts as cancelled; the subscriber gets no further signal
            LOG.log(System.Logger.Level.ERROR, "the subscriber's onNext threw; subscription cancelled", f.getCause());
            cancelled = true;
        } catch (Throwable t) {
            failure = t;
        }
        finish(failure, completed);
    }

    /** Wraps what onNext threw: the subscriber broke rule 2.13; the subscription is cancelled. */
    private static final class OnNextFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OnNextFailure(Throwable cause) {
            super(cause);
        }
    }

    private boolean wantRecords() {
        return demand.get() > 0 && buffer.isEmpty() && unacknowledged < settings.maxUnacknowledged();
    }

    private void idleWait() {
        synchronized (wake) {
            if (!cancelled && badRequest == null && acks.isEmpty() && !wantRecords()) {
                try {
                    wake.wait(IDLE_WAIT_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled = true;
                }
            }
        }
    }

    private void setPaused(boolean pause) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (pause) consumer.pause(assigned);
        else consumer.resume(consumer.paused());
        paused = pause;
    }

    private void take(ConsumerRecords<K, V> records) {
        for (ConsumerRecord<K, V> r : records) {
            // a record of a partition revoked in the same poll is not ours to deliver
            if (generations.containsKey(r.topicPartition())) buffer.add(r);
        }
        updateBuffered();
    }

    private void updateBuffered() {
        int n = buffer.size();
        buffered = n;
        if (n > maxBuffered) maxBuffered = n;
    }

    private void deliver() {
        while (!buffer.isEmpty() && !cancelled && badRequest == null && remaining > 0 && demand.get() > 0) {
            ConsumerRecord<K, V> r = buffer.poll();
            TopicPartition tp = r.topicPartition();
            Long gen = generations.get(tp);
            if (gen == null) continue; // revoked meanwhile
            Track t = tracks.computeIfAbsent(tp, k -> new Track(gen));
            t.delivered.add(r.offset());
            unacknowledged++;
            if (demand.get() != Long.MAX_VALUE) demand.decrementAndGet();
            if (remaining != Long.MAX_VALUE) remaining--;
            delivered++;
            updateBuffered();
            try {
                subscriber.onNext(new AcknowledgeableRecord<>(r, this, gen));
            } catch (Throwable thrown) {
                throw new OnNextFailure(thrown);
            }
        }
        updateBuffered();
    }

    /** Moves acknowledged offsets into the per-partition commit frontier. */
    private void applyAcks() {
        Ack a;
        Set<Track> touched = null;
        while ((a = acks.poll()) != null) {
            Track t = tracks.get(a.partition());
            if (t == null || t.generation != a.generation()) continue; // a partition lost meanwhile: no effect
            t.acked.add(a.offset());
            if (touched == null) touched = new HashSet<>();
            touched.add(t);
        }
        if (touched == null) return;
        for (Track t : touched) {
            while (!t.delivered.isEmpty() && t.acked.remove(t.delivered.peekFirst())) {
                t.committable = t.delivered.pollFirst() + 1;
                unacknowledged--;
            }
        }
        // a record acknowledged out of order stays counted until the ones before it are acknowledged
    }

    private Map<TopicPartition, OffsetAndMetadata> commitsDue(Collection<TopicPartition> only) {
        Map<TopicPartition, OffsetAndMetadata> m = new LinkedHashMap<>();
        for (var e : tracks.entrySet()) {
            Track t = e.getValue();
            if (only != null && !only.contains(e.getKey())) continue;
            if (t.committable > t.committed) m.put(e.getKey(), new OffsetAndMetadata(t.committable));
        }
        return m;
    }

    private void markCommitted(Map<TopicPartition, OffsetAndMetadata> m) {
        for (var e : m.entrySet()) {
            Track t = tracks.get(e.getKey());
            if (t != null) t.committed = Math.max(t.committed, e.getValue().offset());
        }
    }

    private void maybeCommit(boolean now) {
        if (!now && System.nanoTime() - lastCommitNanos < settings.commitInterval().toNanos()) return;
        lastCommitNanos = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> m = commitsDue(null);
        if (m.isEmpty()) return;
        markCommitted(m); // a failed async commit is retried by the next one only if more is acknowledged
        consumer.commitAsync(m, (offsets, error) -> {
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "commit of acknowledged offsets failed: " + error.getMessage());
                for (var e : offsets.entrySet()) { // commit them again next time
                    Track t = tracks.get(e.getKey());
                    if (t != null && t.committed == e.getValue().offset()) t.committed = -1;
                }
            }
        });
    }

    private void commitSync(Collection<TopicPartition> only) {
        applyAcks();
        Map<TopicPartition, OffsetAndMetadata> m = commitsDue(only);
        if (m.isEmpty()) return;
        try {
            consumer.commitSync(m, Duration.ofSeconds(10));
            markCommitted(m);
        } catch (KafkaException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "commit of acknowledged offsets failed: " + e.getMessage());
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            Track t = tracks.remove(tp);
            if (t != null) unacknowledged -= t.delivered.size();
            generations.remove(tp);
        }
        for (Iterator<ConsumerRecord<K, V>> it = buffer.iterator(); it.hasNext(); ) {
            if (partitions.contains(it.next().topicPartition())) it.remove(); // the new owner reads them
        }
        updateBuffered();
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitSync(partitions);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions); // another member owns them already: committing would be refused
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) generations.put(tp, nextGeneration++);
            // no demand: the new partitions stay paused like the others (no records buffered for them)
            if (paused && !partitions.isEmpty()) {
                try {
                    consumer.pause(partitions);
                } catch (IllegalStateException notYet) {
                    paused = false; // pauses the whole assignment right after this poll
                }
            }
        }
    }

    private void finish(Throwable failure, boolean completed) {
        try {
            if (!(failure instanceof KafkaException k && k.isFatal())) commitSync(null);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "final commit failed", t);
        }
        try {
            consumer.close();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "closing the publisher's consumer failed", t);
        }
        buffer.clear();
        updateBuffered();
        var s = subscriber;
        subscriber = null;
        done = true;
        finished.countDown();
        if (cancelled && failure == null) return; // after cancel: no further signals (rule 1.8)
        try {
            if (failure != null) s.onError(failure);
            else if (completed) s.onComplete();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "the subscriber's terminal signal threw (rule 2.13)", t);
        }
    }
}

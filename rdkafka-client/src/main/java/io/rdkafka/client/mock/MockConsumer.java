package io.rdkafka.client.mock;

import io.rdkafka.client.ClusterMetadata;
import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerGroupMetadata;
import io.rdkafka.client.ConsumerRebalanceListener;
import io.rdkafka.client.ConsumerRecord;
import io.rdkafka.client.ConsumerRecords;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.OffsetAndTimestamp;
import io.rdkafka.client.OffsetCommitCallback;
import io.rdkafka.client.PartitionInfo;
import io.rdkafka.client.RebalanceProtocol;
import io.rdkafka.client.RecordBatch;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.FatalException;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.UnknownTopicOrPartitionException;
import io.rdkafka.client.errors.WakeupException;
import io.rdkafka.client.internal.TopicNames;
import io.rdkafka.ffm.RdKafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A {@link Consumer} for unit tests of application code, without librdkafka or a broker, in the manner of Apache
 * Kafka's {@code MockConsumer}: the test feeds records ({@link #addRecord}), moves the group's assignment
 * ({@link #rebalance}), and makes polls fail ({@link #setPollException}, {@link #triggerFatalError},
 * {@link #wakeup()}); commits are kept and read back through {@link #committed} and {@link #commits()}.
 *
 * <pre>{@code
 * MockConsumer<String, String> consumer = new MockConsumer<>(MockConsumer.OffsetReset.EARLIEST);
 * consumer.subscribe(List.of("orders"));                 // done by the code under test
 * consumer.rebalance(List.of(new TopicPartition("orders", 0)));
 * consumer.addRecord(new ConsumerRecord<>("orders", 0, 0, "k", "v"));
 * app.pollOnce(consumer);                                // its poll runs the listener, then returns the record
 * assertEquals(1, consumer.committed(Set.of(new TopicPartition("orders", 0))).get(...).offset());
 * }</pre>
 *
 * <p>The records of each partition form its log: a poll returns those of the assigned, unpaused partitions from
 * each one's position on (at most {@link Consumer.Options#maxPollRecords()}), and moves the positions past them; a
 * {@link #seek} goes back or forth in the log. A partition without a position starts at its committed offset, else
 * where the {@link OffsetReset} given to the constructor points.
 *
 * <p>What a test would notice is the real consumer's: a {@link #poll} waits up to its timeout for records (a record
 * added, a rebalance, a wakeup or a close from another thread ends the wait); rebalance listeners and commit
 * callbacks run inside {@code poll} (and {@code commitSync}, {@code unsubscribe}, {@code close}) on the polling
 * thread; {@link #wakeup()} makes the current or next {@code poll} or {@code commitSync} throw
 * {@link WakeupException}; a second thread calling while another is inside a call gets
 * {@link ConcurrentModificationException}; after {@link #close()} every method but {@link #name()}, {@code close}
 * and the test's own methods throws {@link IllegalStateException}; a partition that
 * is not assigned is refused by {@code position}, {@code seek}, {@code pause} and the like with
 * {@link IllegalStateException}; a topic name Kafka refuses, with {@link io.rdkafka.client.errors.InvalidTopicException}.
 * {@link #pollBatch} is not supported: its zero-copy views point into librdkafka's buffers. One difference: a
 * negative partition is refused at once ({@link IllegalArgumentException}), where the real consumer's
 * {@code assign} accepts it and a later {@code position} or commit fails with
 * {@link UnknownTopicOrPartitionException}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class MockConsumer<K, V> implements Consumer<K, V> {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final System.Logger LOG = System.getLogger(MockConsumer.class.getName());

    /** Where a partition without a position and without a committed offset starts ({@code auto.offset.reset}). */
    public enum OffsetReset {
        /** At its beginning offset ({@code auto.offset.reset=earliest}). */
        EARLIEST,
        /** At its end offset: only records added later are read ({@code auto.offset.reset=latest}). */
        LATEST
    }

    private final String name = "mock-consumer-" + COUNT.incrementAndGet();
    private final OffsetReset reset;
    private final String groupId;
    private final Options options;
    private final RebalanceProtocol protocol;

    // guarded by this
    private final Map<TopicPartition, List<ConsumerRecord<K, V>>> logs = new HashMap<>();
    private final Map<TopicPartition, Long> beginning = new HashMap<>();
    private final Map<TopicPartition, Long> end = new HashMap<>();
    private final Map<String, Integer> topics = new HashMap<>();
    private final Set<TopicPartition> assignment = new LinkedHashSet<>();
    private final Set<TopicPartition> paused = new LinkedHashSet<>();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** What a commit of "the positions consumed so far" commits: what poll returned, or storeOffsets stored. */
    private final Map<TopicPartition, OffsetAndMetadata> consumed = new LinkedHashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    private final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
    private final ArrayDeque<Runnable> commitCallbacks = new ArrayDeque<>();
    private Set<String> subscription = Set.of();
    private boolean subscribed;
    private ConsumerRebalanceListener listener = ConsumerRebalanceListener.noop();
    private List<TopicPartition> pendingRebalance;
    private RebalanceProtocol currentProtocol = RebalanceProtocol.NONE;
    private int generation;
    private KafkaException pollException;
    private KafkaException commitException;
    private KafkaException fatal;
    private boolean wakeup;
    private boolean closed;
    private boolean inCallback;
    private Thread owner;
    private int depth;
    /** The thread inside {@link #close}: its listener may call the consumer while another thread's poll waits. */
    private Thread closingThread;
    private int closingDepth;

    /**
     * A consumer of group {@code mock-group} with default {@link Consumer.Options} and the eager protocol.
     *
     * @param reset where partitions without a position or committed offset start
     * @throws NullPointerException when {@code reset} is {@code null}
     */
    public MockConsumer(OffsetReset reset) {
        this(reset, "mock-group", Options.defaults(), RebalanceProtocol.EAGER);
    }

    /**
     * A consumer.
     *
     * @param reset    where partitions without a position or committed offset start
     * @param groupId  the group; {@code null} for a consumer without {@code group.id}, whose commit and group
     *                 methods (and {@code subscribe}) throw {@link IllegalStateException} as the real one's do
     * @param options  the most records a poll returns, and the default timeout (not waited for by the mock)
     * @param protocol {@link RebalanceProtocol#EAGER} (a rebalance revokes the whole assignment, then assigns the
     *                 new one) or {@link RebalanceProtocol#COOPERATIVE} (it revokes and assigns only what changes)
     * @throws NullPointerException     when {@code reset}, {@code options} or {@code protocol} is {@code null}
     * @throws IllegalArgumentException when {@code protocol} is {@link RebalanceProtocol#NONE}
     */
    public MockConsumer(OffsetReset reset, String groupId, Options options, RebalanceProtocol protocol) {
        this.reset = Objects.requireNonNull(reset, "reset");
        this.groupId = groupId;
        this.options = Objects.requireNonNull(options, "options");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        if (protocol == RebalanceProtocol.NONE) {
            throw new IllegalArgumentException("protocol must be EAGER or COOPERATIVE: NONE is no rebalance protocol");
        }
    }

    // ---- the test's controls (any thread, any time) --------------------------------------------------------------

    /**
     * Appends a record to its partition's log, where a poll finds it once the partition is assigned and its
     * position reaches it; the partition's end offset moves past it. Wakes a waiting poll.
     *
     * @param record the record; its offset must be above the offsets of the partition's records added before
     * @throws IllegalArgumentException for a negative partition or offset, or an offset not above the last one
     * @throws io.rdkafka.client.errors.InvalidTopicException for a name Kafka does not accept
     */
    public synchronized void addRecord(ConsumerRecord<K, V> record) {
        Objects.requireNonNull(record, "record");
        TopicPartition tp = checkPartition(record.topicPartition());
        if (record.offset() < 0) throw new IllegalArgumentException("offset must be >= 0: " + record);
        List<ConsumerRecord<K, V>> log = logs.computeIfAbsent(tp, k -> new ArrayList<>());
        if (!log.isEmpty() && log.getLast().offset() >= record.offset()) {
            throw new IllegalArgumentException("offset " + record.offset() + " of " + tp + " is not above the last one "
                    + "added, " + log.getLast().offset());
        }
        log.add(record);
        end.merge(tp, record.offset() + 1, Math::max);
        notifyAll();
    }

    /**
     * Appends a record with the next offset of its partition (its end offset), no timestamp and no headers.
     *
     * @param topic     the topic
     * @param partition the partition
     * @param key       the key
     * @param value     the value
     * @return the record added
     * @throws IllegalArgumentException for a negative partition
     */
    public synchronized ConsumerRecord<K, V> addRecord(String topic, int partition, K key, V value) {
        TopicPartition tp = checkPartition(new TopicPartition(topic, partition));
        ConsumerRecord<K, V> r = new ConsumerRecord<>(topic, partition, end.getOrDefault(tp, 0L), key, value);
        addRecord(r);
        return r;
    }

    /**
     * Sets partitions' beginning offsets (0 otherwise), for {@link #beginningOffsets}, {@link #seekToBeginning}
     * and {@link OffsetReset#EARLIEST}.
     *
     * @param offsets the beginning offset per partition
     * @throws IllegalArgumentException for a negative partition or offset
     */
    public synchronized void updateBeginningOffsets(Map<TopicPartition, Long> offsets) {
        Objects.requireNonNull(offsets, "offsets");
        offsets.forEach((tp, o) -> beginning.put(checkPartition(tp), requireOffset(o)));
    }

    /**
     * Sets partitions' end offsets (otherwise one past the last record added, or 0), for {@link #endOffsets},
     * {@link #seekToEnd}, {@link #currentLag} and {@link OffsetReset#LATEST}.
     *
     * @param offsets the end offset per partition
     * @throws IllegalArgumentException for a negative partition or offset
     */
    public synchronized void updateEndOffsets(Map<TopicPartition, Long> offsets) {
        Objects.requireNonNull(offsets, "offsets");
        offsets.forEach((tp, o) -> end.put(checkPartition(tp), requireOffset(o)));
    }

    /**
     * Gives a topic its partitions, for {@link #partitionsFor} and {@link #metadata}.
     *
     * @param topic      the topic
     * @param partitions its partition count
     * @throws IllegalArgumentException when {@code partitions} is below 1
     */
    public synchronized void addTopic(String topic, int partitions) {
        TopicNames.validate(Objects.requireNonNull(topic, "topic"));
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        topics.put(topic, partitions);
    }

    /**
     * Makes the group move this member's assignment to {@code newAssignment}: the next {@link #poll} (the one
     * waiting now, or the next one) runs the rebalance listener, {@code onPartitionsRevoked} and then
     * {@code onPartitionsAssigned}, with the whole old and new assignments under the eager protocol or with what
     * changed under the cooperative one, as librdkafka calls it; revoked partitions lose their positions and
     * pauses.
     *
     * @param newAssignment the partitions assigned after the rebalance, perhaps none
     * @throws IllegalStateException when the consumer is not subscribed (the group assigns only subscribers)
     * @throws IllegalArgumentException for a negative partition
     */
    public synchronized void rebalance(Collection<TopicPartition> newAssignment) {
        Objects.requireNonNull(newAssignment, "newAssignment");
        if (!subscribed) throw new IllegalStateException("rebalance needs a subscribed consumer: call subscribe() first");
        List<TopicPartition> next = new ArrayList<>(new LinkedHashSet<>(newAssignment));
        next.forEach(MockConsumer::checkPartition);
        pendingRebalance = next;
        notifyAll();
    }

    /**
     * Makes the next {@link #poll} (or the one waiting now) throw {@code exception}, once, as the real consumer
     * throws an error that came with a fetch (an authorization failure, an offset reset failure).
     *
     * @param exception what the poll throws, or {@code null} to take back one not thrown yet
     */
    public synchronized void setPollException(KafkaException exception) {
        pollException = exception;
        notifyAll();
    }

    /**
     * Makes the next {@code commitSync} or {@code commitAsync} fail with {@code exception}, once (e.g.
     * {@link io.rdkafka.client.errors.CommitFailedException} after the group moved on); nothing is committed.
     *
     * @param exception what the commit fails with, or {@code null} to take back one not used yet
     */
    public synchronized void setCommitException(KafkaException exception) {
        commitException = exception;
    }

    /**
     * Puts the consumer in the state a fatal error leaves the real one in (e.g. a static member fenced by another
     * instance with its {@code group.instance.id}): every later poll and commit throws {@link FatalException}.
     *
     * @param code   the error's code, one of librdkafka's {@code RD_KAFKA_RESP_ERR_*}, e.g.
     *               {@link RdKafka#RD_KAFKA_RESP_ERR_FENCED_INSTANCE_ID}
     * @param reason what the error says
     */
    public synchronized void triggerFatalError(int code, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (fatal == null) {
            fatal = new FatalException(KafkaError.of(code, "the consumer hit a fatal error and must be closed: "
                    + reason).withFlags(true, false, false));
        }
        notifyAll();
    }

    /** {@return every commit made, in order, each with the offsets it committed} */
    public synchronized List<Map<TopicPartition, OffsetAndMetadata>> commits() {
        return List.copyOf(commits);
    }

    /** {@return whether {@link #close()} was called} */
    public synchronized boolean closed() {
        return closed;
    }

    // ---- Consumer: membership ------------------------------------------------------------------------------------

    /** {@return a name unique in this JVM, {@code mock-consumer-<n>}} */
    @Override
    public String name() {
        return name;
    }

    @Override
    public void subscribe(Collection<String> topics) {
        subscribe(topics, null);
    }

    @Override
    public void subscribe(Collection<String> topicNames, ConsumerRebalanceListener listener) {
        Objects.requireNonNull(topicNames, "topics");
        Set<String> set = new LinkedHashSet<>(topicNames);
        for (String t : set) {
            if (t == null || t.isBlank()) throw new IllegalArgumentException("topic names must not be null or blank");
            TopicNames.validate(t);
        }
        if (set.isEmpty()) {
            unsubscribe();
            return;
        }
        join(Collections.unmodifiableSet(set), listener);
    }

    @Override
    public void subscribe(Pattern pattern) {
        subscribe(pattern, null);
    }

    /** Subscribes to the pattern; {@link #subscription()} then holds it, anchored with {@code ^} as librdkafka wants. */
    @Override
    public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
        Objects.requireNonNull(pattern, "pattern");
        String p = pattern.pattern();
        join(Set.of(p.startsWith("^") ? p : "^" + p), listener);
    }

    private synchronized void join(Set<String> set, ConsumerRebalanceListener l) {
        enter();
        try {
            requireGroup("subscribe");
            if (!subscribed && !assignment.isEmpty()) {
                throw new IllegalStateException("subscribe() and assign() are mutually exclusive: call "
                        + "unsubscribe() (or assign(empty)) first");
            }
            subscription = set;
            listener = l == null ? ConsumerRebalanceListener.noop() : l;
            subscribed = true;
        } finally {
            exit();
        }
    }

    @Override
    public synchronized Set<String> subscription() {
        enter();
        try {
            return subscription;
        } finally {
            exit();
        }
    }

    /** Leaves the group, running the listener's {@code onPartitionsRevoked} for the assignment, or drops a manual one. */
    @Override
    public synchronized void unsubscribe() {
        enter();
        try {
            if (inCallback) throw new IllegalStateException("unsubscribe() cannot be called from a rebalance listener");
            if (subscribed && !assignment.isEmpty()) {
                KafkaException thrown = callListener("onPartitionsRevoked", List.copyOf(assignment), true);
                forget(List.copyOf(assignment));
                if (thrown != null) LOG.log(System.Logger.Level.WARNING, thrown.getMessage(), thrown);
            }
            subscribed = false;
            subscription = Set.of();
            listener = ConsumerRebalanceListener.noop();
            pendingRebalance = null;
            assignment.clear();
            paused.clear();
            positions.clear();
            consumed.clear();
        } finally {
            exit();
        }
    }

    @Override
    public synchronized void assign(Collection<TopicPartition> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        if (partitions.isEmpty()) {
            unsubscribe();
            return;
        }
        enter();
        try {
            if (subscribed) {
                throw new IllegalStateException("subscribe() and assign() are mutually exclusive: call unsubscribe() first");
            }
            Set<TopicPartition> set = new LinkedHashSet<>(partitions);
            set.forEach(MockConsumer::checkPartition);
            List<TopicPartition> gone = new ArrayList<>(assignment);
            gone.removeAll(set);
            forget(gone);
            assignment.clear();
            assignment.addAll(set);
        } finally {
            exit();
        }
    }

    @Override
    public synchronized Set<TopicPartition> assignment() {
        enter();
        try {
            return Collections.unmodifiableSet(new LinkedHashSet<>(assignment));
        } finally {
            exit();
        }
    }

    /** {@return NONE until the first {@link #rebalance} took effect (and for a manual assignment), then the protocol} */
    @Override
    public synchronized RebalanceProtocol rebalanceProtocol() {
        enter();
        try {
            return currentProtocol;
        } finally {
            exit();
        }
    }

    // ---- poll ------------------------------------------------------------------------------------------------

    /**
     * Runs pending commit callbacks and a pending {@link #rebalance}, throws what the test set up, else returns the
     * records available, waiting up to {@code timeout} for some.
     *
     * @throws WakeupException       after {@link #wakeup()}
     * @throws FatalException        after {@link #triggerFatalError}
     * @throws KafkaException        the exception given to {@link #setPollException}, or what a rebalance listener threw
     * @throws IllegalStateException after close, when the consumer is closed meanwhile, or from a listener or callback
     */
    @Override
    public synchronized ConsumerRecords<K, V> poll(Duration timeout) {
        long deadline = System.nanoTime() + Objects.requireNonNull(timeout, "timeout").toNanos();
        enter();
        try {
            if (inCallback) throw new IllegalStateException("poll cannot be called from a rebalance listener or commit callback");
            runCommitCallbacks();
            while (true) {
                checkInterrupts();
                if (fatal != null) throw new FatalException(fatal.error(), fatal);
                if (pollException != null) {
                    KafkaException e = pollException;
                    pollException = null;
                    throw e;
                }
                if (pendingRebalance != null) {
                    KafkaException thrown = applyRebalance();
                    if (thrown != null) throw thrown;
                }
                ConsumerRecords<K, V> records = fetch();
                long left = deadline - System.nanoTime();
                if (!records.isEmpty() || left <= 0) return records;
                try {
                    // at most the real consumer's slice: a close or wakeup is noticed within it even without notify
                    wait(Math.max(1, Math.min(left / 1_000_000, 100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WakeupException(KafkaError.of(KafkaError.UNKNOWN_CODE, "the polling thread was interrupted"), e);
                }
            }
        } finally {
            exit();
        }
    }

    /**
     * Not supported: a {@link RecordBatch} is a zero-copy view of librdkafka's fetch buffers, which the mock does
     * not have.
     *
     * @throws UnsupportedOperationException always, once open
     * @throws IllegalStateException after close
     */
    @Override
    public synchronized RecordBatch pollBatch(Duration timeout) {
        checkOpen();
        throw new UnsupportedOperationException("MockConsumer cannot make RecordBatch views (they point into "
                + "librdkafka's fetch buffers): test the code with poll, or against MockCluster");
    }

    private ConsumerRecords<K, V> fetch() {
        Map<TopicPartition, List<ConsumerRecord<K, V>>> out = new LinkedHashMap<>();
        int room = options.maxPollRecords();
        for (TopicPartition tp : assignment) {
            if (room == 0) break;
            if (paused.contains(tp)) continue;
            List<ConsumerRecord<K, V>> log = logs.get(tp);
            if (log == null) continue;
            long pos = positionNow(tp);
            List<ConsumerRecord<K, V>> taken = new ArrayList<>();
            for (ConsumerRecord<K, V> r : log) {
                if (r.offset() < pos) continue;
                if (room == 0) break;
                taken.add(r);
                room--;
            }
            if (!taken.isEmpty()) {
                long next = taken.getLast().offset() + 1;
                positions.put(tp, next);
                consumed.put(tp, new OffsetAndMetadata(next));
                out.put(tp, taken);
            }
        }
        return out.isEmpty() ? ConsumerRecords.empty() : ConsumerRecords.of(out);
    }

    /** Runs the pending rebalance's listener calls; returns what the listener threw, to throw after it is done. */
    private KafkaException applyRebalance() {
        List<TopicPartition> next = pendingRebalance;
        pendingRebalance = null;
        List<TopicPartition> revoked = new ArrayList<>(assignment);
        List<TopicPartition> added = new ArrayList<>(next);
        if (protocol == RebalanceProtocol.COOPERATIVE) {
            revoked.removeAll(next);
            added.removeAll(assignment);
        }
        KafkaException thrown = null;
        if (protocol == RebalanceProtocol.EAGER || !revoked.isEmpty()) {
            thrown = callListener("onPartitionsRevoked", revoked, true);
        }
        forget(revoked);
        assignment.removeAll(revoked);
        assignment.addAll(added);
        generation++;
        currentProtocol = protocol;
        KafkaException second = callListener("onPartitionsAssigned", added, false);
        return thrown != null ? thrown : second;
    }

    private KafkaException callListener(String what, List<TopicPartition> partitions, boolean revoke) {
        Collection<TopicPartition> view = Collections.unmodifiableList(partitions);
        inCallback = true;
        try {
            if (revoke) listener.onPartitionsRevoked(view);
            else listener.onPartitionsAssigned(view);
            return null;
        } catch (RuntimeException e) {
            return e instanceof KafkaException ke ? ke : new KafkaException(KafkaError.of(KafkaError.UNKNOWN_CODE,
                    "the rebalance listener's " + what + " threw " + e), e);
        } finally {
            inCallback = false;
        }
    }

    /** Revoked partitions lose their positions, what was consumed of them and their pauses, as in Kafka. */
    private void forget(Collection<TopicPartition> tps) {
        for (TopicPartition tp : tps) {
            positions.remove(tp);
            consumed.remove(tp);
            paused.remove(tp);
        }
    }

    /** Throws {@link #wakeup()}'s exception, or for a close by another thread. */
    private void checkInterrupts() {
        if (wakeup) {
            wakeup = false;
            throw new WakeupException(KafkaError.of(KafkaError.UNKNOWN_CODE, "the consumer was woken up (wakeup())"));
        }
        if (closed) throw new IllegalStateException("the consumer " + name + " was closed during the call");
    }

    // ---- misc ------------------------------------------------------------------------------------------------

    /**
     * Checks the credentials as the real consumer does; they have no other effect.
     *
     * @throws NullPointerException     when either is {@code null}
     * @throws IllegalArgumentException when either is empty
     * @throws IllegalStateException    after close
     */
    @Override
    public synchronized void setSaslCredentials(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty()) throw new IllegalArgumentException("username must not be empty");
        if (password.isEmpty()) throw new IllegalArgumentException("password must not be empty");
        checkOpen();
    }

    /**
     * Makes the poll waiting now, or the next {@code poll} or {@code commitSync}, throw {@link WakeupException}.
     *
     * @throws IllegalStateException after close
     */
    @Override
    public synchronized void wakeup() {
        checkOpen();
        wakeup = true;
        notifyAll();
    }

    // ---- offsets ------------------------------------------------------------------------------------------------

    @Override
    public void commitSync() {
        commitSync(null, options.defaultApiTimeout());
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        commitSync(offsets, options.defaultApiTimeout());
    }

    /**
     * Commits at once: {@link #committed} and {@link #commits()} show it, unless {@link #setCommitException} made it
     * fail. Pending {@link #commitAsync} callbacks run first.
     *
     * @throws WakeupException       after {@link #wakeup()}
     * @throws IllegalStateException without a group, or after close
     */
    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        enter();
        try {
            requireGroup("commitSync");
            runCommitCallbacks();
            if (wakeup) checkInterrupts();
            if (offsets != null && offsets.isEmpty()) return;
            if (fatal != null) throw new FatalException(fatal.error(), fatal);
            commit(offsets);
        } finally {
            exit();
        }
    }

    /**
     * Commits at once as {@link #commitSync} does; the callback hears the outcome inside the next {@code poll},
     * {@code commitSync} or {@code close}, as the real consumer's does.
     *
     * @throws IllegalStateException without a group, or after close
     */
    @Override
    public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        enter();
        try {
            requireGroup("commitAsync");
            Map<TopicPartition, OffsetAndMetadata> done = Map.of();
            KafkaException error = null;
            if (offsets == null || !offsets.isEmpty()) {
                try {
                    if (fatal != null) throw new FatalException(fatal.error(), fatal);
                    done = commit(offsets);
                } catch (KafkaException e) {
                    error = e;
                    done = offsets == null ? Map.of() : Map.copyOf(offsets);
                }
            }
            if (callback != null) {
                Map<TopicPartition, OffsetAndMetadata> o = done;
                KafkaException e = error;
                commitCallbacks.add(() -> callback.onComplete(o, e));
            } else if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "commitAsync failed: " + error.getMessage());
            }
        } finally {
            exit();
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> what = new LinkedHashMap<>(offsets == null ? consumed : offsets);
        for (TopicPartition tp : what.keySet()) {
            checkPartition(tp);
            Objects.requireNonNull(what.get(tp), "offset of " + tp);
        }
        if (commitException != null) {
            KafkaException e = commitException;
            commitException = null;
            throw e;
        }
        if (what.isEmpty()) return Map.of();
        Map<TopicPartition, OffsetAndMetadata> copy = Collections.unmodifiableMap(what);
        committed.putAll(copy);
        commits.add(copy);
        return copy;
    }

    private void runCommitCallbacks() {
        Runnable r;
        while ((r = commitCallbacks.poll()) != null) {
            inCallback = true;
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a commit callback threw", e);
            } finally {
                inCallback = false;
            }
        }
    }

    /**
     * Stores the offsets as what the next {@link #commitSync()} or {@link #commitAsync()} commits, in place of the
     * positions poll returned (the real consumer needs {@code enable.auto.offset.store=false} for this).
     *
     * @throws IllegalStateException without a group, or after close
     */
    @Override
    public synchronized void storeOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Objects.requireNonNull(offsets, "offsets");
        if (offsets.isEmpty()) return;
        enter();
        try {
            requireGroup("storeOffsets");
            offsets.keySet().forEach(MockConsumer::checkPartition);
            consumed.putAll(offsets);
        } finally {
            exit();
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        return committed(partitions, options.defaultApiTimeout());
    }

    @Override
    public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout) {
        Objects.requireNonNull(partitions, "partitions");
        enter();
        try {
            requireGroup("committed");
            Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata o = committed.get(checkPartition(tp));
                if (o != null) out.put(tp, o);
            }
            return Collections.unmodifiableMap(out);
        } finally {
            exit();
        }
    }

    // ---- positions --------------------------------------------------------------------------------------------

    @Override
    public long position(TopicPartition partition) {
        return position(partition, options.defaultApiTimeout());
    }

    @Override
    public synchronized long position(TopicPartition partition, Duration timeout) {
        Objects.requireNonNull(partition, "partition");
        enter();
        try {
            requireAssigned(List.of(partition), "position");
            return positionNow(partition);
        } finally {
            exit();
        }
    }

    /** The position, resolved (and kept) from the committed offset or the reset policy when there is none. */
    private long positionNow(TopicPartition tp) {
        Long p = positions.get(tp);
        if (p != null) return p;
        OffsetAndMetadata c = committed.get(tp);
        long resolved = c != null ? c.offset() : reset == OffsetReset.EARLIEST ? beginning.getOrDefault(tp, 0L)
                : endOffset(tp);
        positions.put(tp, resolved);
        return resolved;
    }

    private long endOffset(TopicPartition tp) {
        return end.getOrDefault(tp, 0L);
    }

    @Override
    public synchronized void seek(TopicPartition partition, long offset) {
        Objects.requireNonNull(partition, "partition");
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0: " + offset);
        enter();
        try {
            requireAssigned(List.of(partition), "seek");
            positions.put(partition, offset);
        } finally {
            exit();
        }
    }

    /** As {@link #seek(TopicPartition, long)}: the mock has no leader epochs to validate. */
    @Override
    public void seek(TopicPartition partition, OffsetAndMetadata position) {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(position, "position");
        seek(partition, position.offset());
    }

    @Override
    public synchronized void seekToBeginning(Collection<TopicPartition> partitions) {
        seekLogical(partitions, "seekToBeginning", true);
    }

    @Override
    public synchronized void seekToEnd(Collection<TopicPartition> partitions) {
        seekLogical(partitions, "seekToEnd", false);
    }

    private void seekLogical(Collection<TopicPartition> partitions, String call, boolean toBeginning) {
        Objects.requireNonNull(partitions, "partitions");
        enter();
        try {
            Collection<TopicPartition> tps = partitions.isEmpty() ? List.copyOf(assignment) : partitions;
            requireAssigned(tps, call);
            for (TopicPartition tp : tps) positions.put(tp, toBeginning ? beginning.getOrDefault(tp, 0L) : endOffset(tp));
        } finally {
            exit();
        }
    }

    /** The earliest added record at or after each timestamp, by the records' timestamps. */
    @Override
    public Map<TopicPartition, Long> offsetsForTimes(Map<TopicPartition, Long> timestamps, Duration timeout) {
        Map<TopicPartition, Long> out = new HashMap<>();
        offsetsForTimesWithMetadata(timestamps, timeout).forEach((tp, o) -> out.put(tp, o.offset()));
        return Collections.unmodifiableMap(out);
    }

    /** The earliest added record at or after each timestamp, with its timestamp and no leader epoch (-1). */
    @Override
    public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimesWithMetadata(
            Map<TopicPartition, Long> timestamps, Duration timeout) {
        Objects.requireNonNull(timestamps, "timestamps");
        enter();
        try {
            Map<TopicPartition, OffsetAndTimestamp> out = new HashMap<>();
            for (var e : timestamps.entrySet()) {
                TopicPartition tp = checkPartition(Objects.requireNonNull(e.getKey(), "partition"));
                if (e.getValue() == null || e.getValue() < 0) {
                    throw new IllegalArgumentException("timestamp for " + tp + " must be >= 0: " + e.getValue());
                }
                for (ConsumerRecord<K, V> r : logs.getOrDefault(tp, List.of())) {
                    if (r.timestamp() >= e.getValue()) {
                        out.put(tp, new OffsetAndTimestamp(r.offset(), r.timestamp(), -1));
                        break;
                    }
                }
            }
            return Collections.unmodifiableMap(out);
        } finally {
            exit();
        }
    }

    /** {@return the end offset minus the position} */
    @Override
    public synchronized OptionalLong currentLag(TopicPartition partition) {
        Objects.requireNonNull(partition, "partition");
        enter();
        try {
            requireAssigned(List.of(partition), "currentLag");
            return OptionalLong.of(Math.max(0, endOffset(partition) - positionNow(partition)));
        } finally {
            exit();
        }
    }

    @Override
    public synchronized Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return offsets(partitions, true);
    }

    @Override
    public synchronized Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return offsets(partitions, false);
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, boolean first) {
        Objects.requireNonNull(partitions, "partitions");
        enter();
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            for (TopicPartition tp : partitions) {
                checkPartition(tp);
                out.put(tp, first ? beginning.getOrDefault(tp, 0L) : endOffset(tp));
            }
            return Collections.unmodifiableMap(out);
        } finally {
            exit();
        }
    }

    // ---- flow control -------------------------------------------------------------------------------------------

    @Override
    public synchronized void pause(Collection<TopicPartition> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        enter();
        try {
            requireAssigned(partitions, "pause");
            paused.addAll(partitions);
        } finally {
            exit();
        }
    }

    @Override
    public synchronized void resume(Collection<TopicPartition> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        enter();
        try {
            requireAssigned(partitions, "resume");
            partitions.forEach(paused::remove);
            notifyAll();
        } finally {
            exit();
        }
    }

    @Override
    public synchronized Set<TopicPartition> paused() {
        enter();
        try {
            return Collections.unmodifiableSet(new LinkedHashSet<>(paused));
        } finally {
            exit();
        }
    }

    // ---- group and metadata ---------------------------------------------------------------------------------

    /**
     * {@return the group's metadata, its generation counting the rebalances; opaque bytes that only a
     * {@link MockProducer} accepts}
     *
     * @throws IllegalStateException without a group, or after close
     */
    @Override
    public synchronized ConsumerGroupMetadata groupMetadata() {
        enter();
        try {
            requireGroup("groupMetadata");
            return new ConsumerGroupMetadata(groupId,
                    ("mock:" + groupId + ":" + generation + ":" + name).getBytes(StandardCharsets.UTF_8));
        } finally {
            exit();
        }
    }

    /** One broker (id 1) and the topics given to {@link #addTopic}; an unknown topic asked for is a topic error. */
    @Override
    public synchronized ClusterMetadata metadata(String topic, Duration timeout) {
        enter();
        try {
            Map<String, List<PartitionInfo>> found = new HashMap<>();
            Map<String, String> errors = new HashMap<>();
            if (topic == null) topics.forEach((t, n) -> found.put(t, partitionInfos(t, n)));
            else if (topics.containsKey(topic)) found.put(topic, partitionInfos(topic, topics.get(topic)));
            else errors.put(topic, "Broker: Unknown topic or partition");
            return new ClusterMetadata("mock", 1, List.of(new ClusterMetadata.Node(1, "localhost", 9092)), found,
                    errors, 1, "localhost:9092/1");
        } finally {
            exit();
        }
    }

    /**
     * The partitions of a topic given to {@link #addTopic}.
     *
     * @throws UnknownTopicOrPartitionException for another topic
     */
    @Override
    public synchronized List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        TopicNames.validate(Objects.requireNonNull(topic, "topic"));
        enter();
        try {
            Integer n = topics.get(topic);
            if (n == null) {
                throw new UnknownTopicOrPartitionException(KafkaError.of(
                        RdKafka.RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
                        "no metadata for topic " + topic + ": the mock consumer has no such topic (addTopic)"));
            }
            return partitionInfos(topic, n);
        } finally {
            exit();
        }
    }

    private static List<PartitionInfo> partitionInfos(String topic, int n) {
        List<PartitionInfo> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(new PartitionInfo(topic, i, 1, List.of(1), List.of(1), null));
        return list;
    }

    // ---- close ------------------------------------------------------------------------------------------------

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /**
     * Runs pending commit callbacks and, when subscribed, the listener's {@code onPartitionsRevoked} for the
     * assignment (what the real consumer does leaving the group), then closes; a poll waiting in another thread
     * throws {@link IllegalStateException}. Idempotent.
     *
     * @throws IllegalStateException when called from a rebalance listener or commit callback
     */
    @Override
    public synchronized void close(Duration timeout) {
        if (closed) return;
        if (inCallback && owner == Thread.currentThread()) {
            throw new IllegalStateException("close() cannot be called from a rebalance listener or commit callback");
        }
        closingThread = Thread.currentThread();
        try {
            runCommitCallbacks();
            if (subscribed && !assignment.isEmpty()) {
                KafkaException thrown = callListener("onPartitionsRevoked", List.copyOf(assignment), true);
                if (thrown != null) LOG.log(System.Logger.Level.ERROR, "rebalance listener threw during close", thrown);
            }
        } finally {
            closingThread = null;
        }
        closed = true;
        assignment.clear();
        notifyAll();
    }

    @Override
    public String toString() {
        return "MockConsumer[" + name + "]";
    }

    // ---- checks -----------------------------------------------------------------------------------------------

    /** Enters a call on the consumer: one thread at a time, as the real consumer allows; the caller holds the lock. */
    private void enter() {
        checkOpen();
        Thread t = Thread.currentThread();
        if (t == closingThread) {
            closingDepth++;
            return;
        }
        if (owner != null && owner != t) {
            throw new ConcurrentModificationException("Consumer is not safe for multi-threaded access: another "
                    + "thread is using it (only wakeup() and close() may be called concurrently)");
        }
        owner = t;
        depth++;
    }

    private void exit() {
        if (Thread.currentThread() == closingThread && closingDepth > 0) {
            closingDepth--;
            return;
        }
        if (--depth == 0) owner = null;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the Kafka client " + name + " is closed");
    }

    private void requireGroup(String call) {
        if (groupId == null) {
            throw new IllegalStateException(call + " needs a consumer group: set group.id in the configuration");
        }
    }

    private void requireAssigned(Collection<TopicPartition> tps, String call) {
        for (TopicPartition tp : tps) {
            if (!assignment.contains(Objects.requireNonNull(tp, "partition"))) {
                throw new IllegalStateException(call + ": partition " + tp + " is not assigned to this consumer");
            }
        }
    }

    private static TopicPartition checkPartition(TopicPartition tp) {
        Objects.requireNonNull(tp, "partition");
        TopicNames.validate(tp.topic());
        if (tp.partition() < 0) throw new IllegalArgumentException("partition must be >= 0: " + tp);
        return tp;
    }

    private static long requireOffset(Long offset) {
        if (offset == null || offset < 0) throw new IllegalArgumentException("offset must be >= 0: " + offset);
        return offset;
    }
}

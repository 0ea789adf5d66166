package io.rdkafka.client;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The records of a subscription (or of assigned partitions) as a {@link java.util.concurrent.Flow.Publisher}, so
 * Reactor, RxJava, Mutiny or plain JDK subscribers consume through the JDK's own interface, with back-pressure and
 * commits of what the subscriber processed.
 *
 * <p>Each {@link #subscribe subscription} gets a {@link Consumer} of its own, created and owned by one platform
 * thread ({@code rdkafka-publisher-<n>}), which also delivers every signal ({@code onSubscribe}, {@code onNext},
 * {@code onError}, {@code onComplete}): never two at once. That thread polls only while the subscriber has
 * outstanding demand and the buffer is empty; with no demand it pauses every assigned partition (partitions
 * assigned by a rebalance meanwhile included) and only serves the group (rebalances, heartbeats), so at most
 * {@link Settings#bufferSize()} records wait in the publisher, whatever the subscriber's pace; {@code request(n)}
 * resumes them.
 *
 * <p>Commits: every element is an {@link AcknowledgeableRecord}; the publisher commits, per partition, the offset
 * after the last record that is acknowledged together with all records before it ({@code commitAsync} every
 * {@link Settings#commitInterval()}, {@code commitSync} before partitions are revoked and when the subscription
 * ends). A record that is never acknowledged is never committed: after a restart or a rebalance it is read again
 * (at-least-once). At most {@link Settings#maxUnacknowledged()} records are out unacknowledged; the publisher
 * stops polling at that bound as if demand were zero. {@code enable.auto.commit} is turned off; {@code group.id}
 * is required.
 *
 * <p>Reactive Streams rules: {@code request(n)} with {@code n <= 0} ends the subscription with
 * {@link IllegalArgumentException} through {@code onError}; {@code cancel()} stops delivery, commits what was
 * acknowledged and closes the consumer; an exception from {@code poll} (e.g. a deserialization failure, a fatal
 * error) ends it with that exception through {@code onError}; with {@link Settings#limit()} the subscription
 * completes ({@code onComplete}) after that many records. An exception thrown by {@code onNext} (which rule 2.13
 * forbids) cancels the subscription and is logged, with no further signal. One subscription at a time: a second,
 * concurrent subscriber gets {@code onError(IllegalStateException)}; once one ended or was cancelled, another may
 * subscribe (a new consumer, reading from the committed offsets, created after the previous one has closed).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RecordPublisher<K, V> implements Flow.Publisher<AcknowledgeableRecord<K, V>> {
    /**
     * How a subscription buffers, commits and ends.
     *
     * @param bufferSize        the most records polled but not yet delivered (the consumer's maxPollRecords), default
     *                          500
     * @param maxUnacknowledged the most records delivered and not yet acknowledged, default 10 000
     * @param commitInterval    how often acknowledged offsets are committed (asynchronously), default 1 s
     * @param limit             deliver this many records, then commit and complete; {@link Long#MAX_VALUE} (the
     *                          default) for no end
     */
    public record Settings(int bufferSize, int maxUnacknowledged, Duration commitInterval, long limit) {
        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException for a bound below 1, a negative or zero interval, a negative limit
         */
        public Settings {
            if (bufferSize < 1) throw new IllegalArgumentException("bufferSize must be >= 1: " + bufferSize);
            if (maxUnacknowledged < 1) {
                throw new IllegalArgumentException("maxUnacknowledged must be >= 1: " + maxUnacknowledged);
            }
            Objects.requireNonNull(commitInterval, "commitInterval");
            if (commitInterval.isNegative() || commitInterval.isZero()) {
                throw new IllegalArgumentException("commitInterval must be positive: " + commitInterval);
            }
            if (limit < 0) throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }

        /** {@return the defaults: 500 buffered, 10 000 unacknowledged, commits every second, no limit} */
        public static Settings defaults() {
            return new Settings(500, 10_000, Duration.ofSeconds(1), Long.MAX_VALUE);
        }

        /**
         * {@return these settings with another buffer bound}
         *
         * @param n the most records polled but not yet delivered
         */
        public Settings withBufferSize(int n) {
            return new Settings(n, maxUnacknowledged, commitInterval, limit);
        }

        /**
         * {@return these settings with another bound on unacknowledged records}
         *
         * @param n the most records delivered and not acknowledged
         */
        public Settings withMaxUnacknowledged(int n) {
            return new Settings(bufferSize, n, commitInterval, limit);
        }

        /**
         * {@return these settings with another commit interval}
         *
         * @param d how often acknowledged offsets are committed
         */
        public Settings withCommitInterval(Duration d) {
            return new Settings(bufferSize, maxUnacknowledged, d, limit);
        }

        /**
         * {@return these settings with a number of records after which the subscription completes}
         *
         * @param n the number of records; {@link Long#MAX_VALUE} for no end
         */
        public Settings withLimit(long n) {
            return new Settings(bufferSize, maxUnacknowledged, commitInterval, n);
        }
    }

    /**
     * What the current (or last) subscription did, for monitoring and tests.
     *
     * @param buffered          records polled and not yet delivered, now
     * @param maxBuffered       the most records that were ever buffered at once
     * @param delivered         records delivered through {@code onNext}
     * @param acknowledged      records acknowledged
     * @param unacknowledged    records delivered and not yet acknowledged (of partitions still assigned), now
     * @param polls             {@code poll} calls that asked for records (partitions resumed)
     * @param pausedPolls       {@code poll} calls with every partition paused (no demand or buffer full)
     */
    public record Metrics(int buffered, int maxBuffered, long delivered, long acknowledged, int unacknowledged,
                          long polls, long pausedPolls) {
    }

    private final KafkaConfig config;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final Collection<String> topics;
    private final Collection<TopicPartition> partitions;
    private final ClientListeners listeners;
    private final Settings settings;
    private final AtomicReference<RecordSubscription<K, V>> current = new AtomicReference<>();
    private volatile RecordSubscription<K, V> last;

    private RecordPublisher(KafkaConfig config, Deserializer<K> kd, Deserializer<V> vd, Collection<String> topics,
                            Collection<TopicPartition> partitions, ClientListeners listeners, Settings settings) {
        this.config = Objects.requireNonNull(config, "config");
        this.keyDeserializer = Objects.requireNonNull(kd, "key deserializer");
        this.valueDeserializer = Objects.requireNonNull(vd, "value deserializer");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.settings = Objects.requireNonNull(settings, "settings");
        String group = config.get("group.id");
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("a RecordPublisher commits what its subscriber acknowledged: set group.id");
        }
        this.topics = topics;
        this.partitions = partitions;
    }

    /**
     * A publisher of the records of {@code topics}, read by a consumer of the configured group that subscribes to
     * them ({@link Consumer#subscribe(Collection, ConsumerRebalanceListener)}).
     *
     * @param config            the consumer's configuration; needs {@code group.id}
     * @param keyDeserializer   turns key bytes into keys
     * @param valueDeserializer turns value bytes into values
     * @param topics            the topics, at least one
     * @param listeners         the consumer's listeners
     * @param settings          buffering, commits and limit
     * @param <K>               the key type
     * @param <V>               the value type
     * @return the publisher; nothing is created until a subscriber subscribes
     * @throws IllegalArgumentException without {@code group.id} or without topics
     */
    public static <K, V> RecordPublisher<K, V> ofSubscription(KafkaConfig config, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer, Collection<String> topics, ClientListeners listeners, Settings settings) {
        Objects.requireNonNull(topics, "topics");
        if (topics.isEmpty()) throw new IllegalArgumentException("topics must not be empty");
        for (String t : topics) Objects.requireNonNull(t, "topic");
        return new RecordPublisher<>(config, keyDeserializer, valueDeserializer, List.copyOf(topics), null, listeners,
                settings);
    }

    /**
     * A publisher of the records of fixed partitions ({@link Consumer#assign}), committing to the configured group.
     *
     * @param config            the consumer's configuration; needs {@code group.id}
     * @param keyDeserializer   turns key bytes into keys
     * @param valueDeserializer turns value bytes into values
     * @param partitions        the partitions, at least one
     * @param listeners         the consumer's listeners
     * @param settings          buffering, commits and limit
     * @param <K>               the key type
     * @param <V>               the value type
     * @return the publisher; nothing is created until a subscriber subscribes
     * @throws IllegalArgumentException without {@code group.id} or without partitions
     */
    public static <K, V> RecordPublisher<K, V> ofAssignment(KafkaConfig config, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer, Collection<TopicPartition> partitions, ClientListeners listeners,
            Settings settings) {
        Objects.requireNonNull(partitions, "partitions");
        if (partitions.isEmpty()) throw new IllegalArgumentException("partitions must not be empty");
        for (TopicPartition tp : partitions) Objects.requireNonNull(tp, "partition");
        return new RecordPublisher<>(config, keyDeserializer, valueDeserializer, null, Set.copyOf(partitions),
                listeners, settings);
    }

    /**
     * Starts a subscription: a new thread creates the consumer, calls {@code onSubscribe}, and delivers records as
     * the subscriber requests them. A second subscriber while one is active gets {@code onSubscribe} and
     * {@code onError(IllegalStateException)} at once; a subscriber that follows a cancelled subscription is accepted
     * and starts once that subscription's consumer has committed and closed.
     *
     * @param subscriber the subscriber
     * @throws NullPointerException when {@code subscriber} is null (rule 1.9)
     */
    @Override
    public void subscribe(Flow.Subscriber<? super AcknowledgeableRecord<K, V>> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        RecordSubscription<K, V> s = new RecordSubscription<>(this, subscriber);
        RecordSubscription<K, V> active = current.get();
        if ((active != null && !active.isEnding()) || !current.compareAndSet(active, s)) {
            RecordSubscription.reject(subscriber, new IllegalStateException(
                    "this RecordPublisher already has a subscriber; one at a time"));
            return;
        }
        last = s;
        s.start(active);
    }

    /** {@return what the current (or last) subscription did; all zero before the first} */
    public Metrics metrics() {
        RecordSubscription<K, V> s = last;
        return s == null ? new Metrics(0, 0, 0, 0, 0, 0, 0) : s.metrics();
    }

    KafkaConfig consumerConfig() {
        return config.toBuilder().set("enable.auto.commit", "false").build();
    }

    Deserializer<K> keyDeserializer() {
        return keyDeserializer;
    }

    Deserializer<V> valueDeserializer() {
        return valueDeserializer;
    }

    Collection<String> topics() {
        return topics;
    }

    Collection<TopicPartition> partitions() {
        return partitions;
    }

    ClientListeners listeners() {
        return listeners;
    }

    Settings settings() {
        return settings;
    }
}

package io.rdkafka.client;

import io.rdkafka.client.errors.CommitFailedException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.RecordDeserializationException;
import io.rdkafka.client.errors.TimeoutException;
import io.rdkafka.client.errors.WakeupException;

import java.time.Duration;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Kafka consumer over librdkafka, shaped like Apache Kafka's {@code KafkaConsumer}: group membership
 * through {@link #subscribe} (or manual {@link #assign}), batched {@link #poll}, offset commits, seeks,
 * pause/resume, and a zero-copy {@link #pollBatch} for byte-level consumers.
 *
 * <h2>Threads</h2>
 * Like Kafka's consumer it is not thread-safe: one thread at a time uses it; a second thread calling any method
 * while another is inside one gets {@link ConcurrentModificationException}. The exceptions are {@link #wakeup()}
 * (any thread: a blocked or the next {@code poll}/{@code commitSync} throws {@link WakeupException}) and
 * {@link #close()} (any thread, also while another thread is blocked in {@code poll}: that poll throws
 * {@link IllegalStateException} within about 100 ms). Rebalance listeners and commit callbacks run on the
 * thread calling {@code poll} (or {@code commitSync}, {@code unsubscribe}, {@code close}) and may call the
 * consumer back, except {@code poll} and {@code close}. After {@code close} every method throws
 * {@link IllegalStateException}.
 *
 * <h2>Errors</h2>
 * {@code poll} returns the good records of a batch first; an error that came with them is thrown by the next
 * {@code poll}. Thrown: fatal errors ({@link io.rdkafka.client.errors.FatalException}), group protocol
 * mismatches ({@link io.rdkafka.client.errors.InconsistentGroupProtocolException}), authorization failures,
 * offset-reset failures, deserialization failures ({@link RecordDeserializationException}; the partition is
 * rewound to the failing record) and exceptions from the rebalance listener. Transient conditions librdkafka
 * recovers from by itself (unknown topic, leader changes, coordinator moves, broker down, max poll interval
 * exceeded) are not thrown: they go to {@link ClientListeners#onError()} on the polling thread, or to the log.
 * Client-level errors (all brokers down, authentication) reach the error listener on the event thread.
 *
 * <h2>Offsets</h2>
 * As with Kafka's consumer, commits of the current position (auto commit, {@link #commitSync()},
 * {@link #commitAsync()}, the last commit of {@link #close()}) cover what {@code poll} returned: unless
 * {@code enable.auto.offset.store=false} is configured, the binding stores those positions itself (at the next
 * poll, commit, unsubscribe or close) instead of letting librdkafka store every message it hands out.
 *
 * <h2>Native resources</h2>
 * poll reads the consumer queue with {@code rd_kafka_consume_batch_queue} into a preallocated pointer array
 * (up to {@link Options#maxPollRecords()} messages), converts each message to a {@link ConsumerRecord} and
 * destroys it before returning. Without {@code group.id} the consumer still works with {@link #assign} (a
 * private random group id is used internally, auto commit is off, and commit/group methods throw
 * {@link IllegalStateException}).
 *
 * <h2>Tests</h2>
 * Application code that takes a {@code Consumer} can be unit-tested with {@link io.rdkafka.client.mock.MockConsumer}:
 * records fed by the test, rebalances, wakeups and errors on demand, commits recorded, without librdkafka.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Consumer<K, V> extends AutoCloseable {
    /**
     * Settings of the Java layer.
     *
     * @param maxPollRecords    the most records one {@code poll} returns (the native batch size), default 500
     * @param defaultApiTimeout the bound of blocking calls without a timeout argument (commitSync(), committed,
     *                          position, ...), default 60 s
     */
    record Options(int maxPollRecords, Duration defaultApiTimeout) {
        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException for fewer than 1 record or a negative timeout
         */
        public Options {
            if (maxPollRecords < 1) throw new IllegalArgumentException("maxPollRecords must be >= 1: " + maxPollRecords);
            Objects.requireNonNull(defaultApiTimeout, "defaultApiTimeout");
            if (defaultApiTimeout.isNegative()) throw new IllegalArgumentException("defaultApiTimeout must not be negative");
        }

        /** {@return the defaults: 500 records, 60 s} */
        public static Options defaults() {
            return new Options(500, Duration.ofSeconds(60));
        }

        /**
         * {@return these options with another batch size}
         *
         * @param n the most records one poll returns
         */
        public Options withMaxPollRecords(int n) {
            return new Options(n, defaultApiTimeout);
        }

        /**
         * {@return these options with another default timeout}
         *
         * @param d the bound of blocking calls without a timeout argument
         */
        public Options withDefaultApiTimeout(Duration d) {
            return new Options(maxPollRecords, d);
        }
    }

    /**
     * A consumer with default {@link Options} and no listeners. Creates the librdkafka handle
     * ({@code rd_kafka_new} with {@code RD_KAFKA_CONSUMER}); does not contact the cluster yet.
     *
     * @param config            the configuration; see {@link KafkaConfig}
     * @param keyDeserializer   turns key bytes into keys
     * @param valueDeserializer turns value bytes into values
     * @param <K>               the key type
     * @param <V>               the value type
     * @return the consumer; close it
     * @throws io.rdkafka.client.errors.ConfigException when librdkafka refuses the configuration
     */
    static <K, V> Consumer<K, V> create(KafkaConfig config, Deserializer<K> keyDeserializer,
                                        Deserializer<V> valueDeserializer) {
        return create(config, keyDeserializer, valueDeserializer, ClientListeners.none(), Options.defaults());
    }

    /**
     * A consumer with default {@link Options} and listeners (errors, statistics, throttling, OAUTHBEARER
     * tokens).
     *
     * @param config            the configuration; see {@link KafkaConfig}
     * @param keyDeserializer   turns key bytes into keys
     * @param valueDeserializer turns value bytes into values
     * @param listeners         the listeners
     * @param <K>               the key type
     * @param <V>               the value type
     * @return the consumer; close it
     * @throws io.rdkafka.client.errors.ConfigException when librdkafka refuses the configuration
     */
    static <K, V> Consumer<K, V> create(KafkaConfig config, Deserializer<K> keyDeserializer,
                                        Deserializer<V> valueDeserializer, ClientListeners listeners) {
        return create(config, keyDeserializer, valueDeserializer, listeners, Options.defaults());
    }

    /**
     * A consumer with these {@link Options} and no listeners.
     *
     * @param config            the configuration; see {@link KafkaConfig}
     * @param keyDeserializer   turns key bytes into keys
     * @param valueDeserializer turns value bytes into values
     * @param options           settings of the Java layer
     * @param <K>               the key type
     * @param <V>               the value type
     * @return the consumer; close it
     * @throws io.rdkafka.client.errors.ConfigException when librdkafka refuses the configuration
     */
    static <K, V> Consumer<K, V> create(KafkaConfig config, Deserializer<K> keyDeserializer,
                                        Deserializer<V> valueDeserializer, Options options) {
        return create(config, keyDeserializer, valueDeserializer, ClientListeners.none(), options);
    }

    /**
     * A consumer with these listeners and {@link Options}.
     *
     * @param config            the configuration; see {@link KafkaConfig}
     * @param keyDeserializer   turns key bytes into keys
     * @param valueDeserializer turns value bytes into values
     * @param listeners         the listeners
     * @param options           settings of the Java layer
     * @param <K>               the key type
     * @param <V>               the value type
     * @return the consumer; close it
     * @throws io.rdkafka.client.errors.ConfigException when librdkafka refuses the configuration
     */
    static <K, V> Consumer<K, V> create(KafkaConfig config, Deserializer<K> keyDeserializer,
                                        Deserializer<V> valueDeserializer, ClientListeners listeners,
                                        Options options) {
        return new LibrdkafkaConsumer<>(config, keyDeserializer, valueDeserializer, listeners, options);
    }

    /**
     * librdkafka's name for this client, e.g. {@code rdkafka#consumer-1}.
     *
     * @return the name ({@code rd_kafka_name})
     */
    String name();

    // ---- subscription and assignment ----------------------------------------------------------------

    /**
     * Joins the group for {@code topics}; as {@link #subscribe(Collection, ConsumerRebalanceListener)} without
     * a listener.
     *
     * @param topics the topics
     */
    default void subscribe(Collection<String> topics) {
        subscribe(topics, ConsumerRebalanceListener.noop());
    }

    /**
     * Joins the group for {@code topics} (replacing any earlier subscription); partitions arrive during
     * {@link #poll}. An empty collection is {@link #unsubscribe()}.
     *
     * @param topics   the topics
     * @param listener hears about partitions assigned and revoked, on the polling thread
     * @throws IllegalStateException when partitions were assigned manually with {@link #assign}
     */
    void subscribe(Collection<String> topics, ConsumerRebalanceListener listener);

    /**
     * Subscribes to the topics matching {@code pattern}; as {@link #subscribe(Pattern, ConsumerRebalanceListener)}
     * without a listener.
     *
     * @param pattern the topic name pattern
     */
    default void subscribe(Pattern pattern) {
        subscribe(pattern, ConsumerRebalanceListener.noop());
    }

    /**
     * Subscribes to every topic whose name matches {@code pattern}, now and as topics appear (librdkafka
     * regex subscription, re-evaluated with each metadata refresh, {@code topic.metadata.refresh.interval.ms}).
     * The pattern is handed to librdkafka's POSIX-like regex engine anchored with {@code ^}: keep to
     * portable syntax (character classes, {@code .*}, alternation).
     *
     * @param pattern  the topic name pattern
     * @param listener hears about partitions assigned and revoked, on the polling thread
     */
    void subscribe(Pattern pattern, ConsumerRebalanceListener listener);

    /**
     * The topics (or {@code ^pattern}s) subscribed to; empty when not subscribed.
     *
     * @return the subscription
     */
    Set<String> subscription();

    /**
     * Leaves the group (or drops the manual assignment). The rebalance listener hears about the revoked
     * partitions before this returns.
     */
    void unsubscribe();

    /**
     * Assigns exactly these partitions (manual assignment, no group rebalancing); reading starts at the
     * committed offset, else per {@code auto.offset.reset}, unless you {@link #seek}. An empty collection
     * is {@link #unsubscribe()}.
     *
     * @param partitions the partitions to read
     * @throws IllegalStateException when subscribed
     */
    void assign(Collection<TopicPartition> partitions);

    /**
     * The partitions currently assigned to this consumer.
     *
     * @return the assignment ({@code rd_kafka_assignment})
     */
    Set<TopicPartition> assignment();

    /**
     * The group's rebalance protocol as librdkafka reports it: NONE until the first join (and for manual
     * assignment), then EAGER or COOPERATIVE.
     *
     * @return the protocol ({@code rd_kafka_rebalance_protocol})
     */
    RebalanceProtocol rebalanceProtocol();

    // ---- poll ---------------------------------------------------------------------------------------

    /**
     * Returns the records available now, or waits up to {@code timeout} for the first to arrive; at most
     * {@link Options#maxPollRecords()}. Rebalance listeners and commit callbacks run inside this call. A
     * virtual thread waits parked in Java, its carrier free; a platform thread waits inside librdkafka
     * (docs/consumer.md, "Virtual threads").
     *
     * @param timeout how long to wait for a first record
     * @return the records, perhaps none
     * @throws WakeupException         when {@link #wakeup()} was called
     * @throws IllegalStateException   when the consumer is (or is being) closed
     * @throws KafkaException          (typed) for errors the application must handle; see the class comment
     */
    ConsumerRecords<K, V> poll(Duration timeout);

    /**
     * As {@link #poll}, but without copying: the returned batch exposes keys and values as read-only native
     * segments and must be closed (the next poll or close closes it otherwise). Deserializers are not used.
     *
     * @param timeout how long to wait for a first record
     * @return the batch, perhaps empty; close it
     */
    RecordBatch pollBatch(Duration timeout);

    /**
     * Replaces the SASL user name and password this client authenticates with (SASL PLAIN and SCRAM,
     * {@code rd_kafka_sasl_set_credentials}), e.g. after a password rotation or when the configured ones were
     * refused: the next connection or reconnection to a broker uses them; connections already authenticated
     * stay. Any thread may call it.
     *
     * @param username the SASL user name
     * @param password the SASL password (kept by librdkafka only, never shown)
     * @throws NullPointerException     when either is {@code null}
     * @throws IllegalArgumentException when either is empty
     * @throws IllegalStateException    when the configuration does not use SASL PLAIN or SCRAM (the credentials
     *                                  would have no effect), or after close
     */
    void setSaslCredentials(String username, String password);

    /**
     * Makes a blocked {@link #poll} (or {@link #commitSync}) in another thread throw {@link WakeupException}
     * promptly; if none is blocked, the next one throws. Thread-safe.
     */
    void wakeup();

    // ---- offsets --------------------------------------------------------------------------------------

    /** Commits the positions of everything consumed so far (librdkafka's stored offsets), waiting for the result. */
    void commitSync();

    /**
     * Commits the positions of everything consumed so far, waiting up to {@code timeout}.
     *
     * @param timeout how long to wait at most
     */
    default void commitSync(Duration timeout) {
        commitSync(null, timeout);
    }

    /**
     * Commits {@code offsets}, waiting up to {@link Options#defaultApiTimeout()}.
     *
     * @param offsets the next offset to read, per partition
     */
    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets);

    /**
     * Commits {@code offsets} (the next offset to read, per partition; all positions consumed so far when
     * null) and waits up to {@code timeout} for the coordinator's answer. Pending {@link #commitAsync}
     * callbacks run in here too. A virtual thread waits parked in Java, as in {@link #poll}.
     *
     * @param offsets the offsets to commit, or {@code null} for the positions consumed so far
     * @param timeout how long to wait at most
     * @throws CommitFailedException after a rebalance took the partitions away
     * @throws TimeoutException      when the answer did not come in time
     * @throws WakeupException       when {@link #wakeup()} was called
     */
    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout);

    /** Commits the positions of everything consumed so far without waiting and without a callback. */
    default void commitAsync() {
        commitAsync(null, null);
    }

    /**
     * Commits the positions of everything consumed so far without waiting.
     *
     * @param callback told the outcome on the polling thread, inside a later call
     */
    default void commitAsync(OffsetCommitCallback callback) {
        commitAsync(null, callback);
    }

    /**
     * Starts a commit and returns at once. The callback (if any) runs on the polling thread, inside a later
     * {@link #poll}, {@link #commitSync} or {@link #close}.
     *
     * @param offsets  the offsets to commit, or {@code null} for the positions consumed so far
     * @param callback told the outcome; may be {@code null}
     */
    void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback);

    /**
     * For {@code enable.auto.offset.store=false}: marks these offsets (the next offset to read) to be
     * committed by the next auto or {@link #commitSync()} commit.
     *
     * @param offsets the next offset to read, per partition
     */
    void storeOffsets(Map<TopicPartition, OffsetAndMetadata> offsets);

    /**
     * The group's committed offsets for these partitions, waiting up to {@link Options#defaultApiTimeout()}.
     *
     * @param partitions the partitions
     * @return the committed offsets; partitions without one are absent
     */
    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions);

    /**
     * The group's committed offsets for these partitions; partitions without a committed offset are absent.
     *
     * @param partitions the partitions
     * @param timeout how long to wait at most
     * @return the committed offsets
     */
    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout);

    // ---- positions ----------------------------------------------------------------------------------

    /**
     * The offset of the next record poll would return, waiting up to {@link Options#defaultApiTimeout()}.
     *
     * @param partition an assigned partition
     * @return the offset
     */
    long position(TopicPartition partition);

    /**
     * The offset of the next record poll would return for an assigned partition: after the last consumed
     * record, else where a seek put it, else the committed offset, else where {@code auto.offset.reset}
     * points (asking the broker; up to {@code timeout}).
     *
     * @param partition the partition
     * @param timeout how long to wait at most
     * @return the offset of the next record
     * @throws IllegalStateException when the partition is not assigned
     */
    long position(TopicPartition partition, Duration timeout);

    /**
     * Makes the next poll return records of {@code partition} starting at {@code offset}. Records of the
     * partition fetched before are dropped.
     *
     * @param partition the partition
     * @param offset    the offset of the next record to return
     * @throws IllegalStateException when the partition is not assigned
     */
    void seek(TopicPartition partition, long offset);

    /**
     * Makes the next poll return records of {@code partition} from {@code position.offset()}, as
     * {@link #seek(TopicPartition, long)}, with the leader epoch of the record before it (as
     * {@link #committed} returns it): librdkafka 2.1.0 and newer then validate the position against the
     * partition's leader epoch (KIP-320), so a log truncated by an unclean leader election is detected instead of
     * read past. Older libraries ignore the epoch. The position's metadata is not used.
     *
     * @param partition an assigned partition
     * @param position  the offset of the next record to return, with the leader epoch (-1: none)
     * @throws IllegalStateException when the partition is not assigned
     */
    void seek(TopicPartition partition, OffsetAndMetadata position);

    /**
     * Seeks to the first available offset; an empty collection means every assigned partition.
     *
     * @param partitions the partitions, or none for all assigned ones
     */
    void seekToBeginning(Collection<TopicPartition> partitions);

    /**
     * Seeks to the end (the next record produced); an empty collection means every assigned partition.
     *
     * @param partitions the partitions, or none for all assigned ones
     */
    void seekToEnd(Collection<TopicPartition> partitions);

    /**
     * The earliest offset whose timestamp is at or after the given one, per partition; partitions with no
     * such record (timestamp after the last record) are absent.
     *
     * @param timestamps the timestamp per partition, milliseconds since the epoch
     * @param timeout how long to wait at most
     * @return the offsets ({@code rd_kafka_offsets_for_times})
     */
    Map<TopicPartition, Long> offsetsForTimes(Map<TopicPartition, Long> timestamps, Duration timeout);

    /**
     * As Apache Kafka's {@code offsetsForTimes}: for each partition the earliest record whose timestamp is at or
     * after the given one, with that record's offset, timestamp and leader epoch; partitions without such a record
     * (the timestamp is after the last record) are absent. Through librdkafka's ListOffsets request (2.3.0 and
     * newer) with this consumer's {@code isolation.level}; {@link #offsetsForTimes} returns the offsets alone on
     * every version.
     *
     * @param timestamps the timestamp per partition, milliseconds since the epoch
     * @param timeout    how long to wait at most
     * @return offset, timestamp and leader epoch per partition found
     * @throws IllegalArgumentException for a negative timestamp, naming the partition
     * @throws io.rdkafka.client.errors.UnsupportedVersionException with librdkafka before 2.3.0
     * @throws io.rdkafka.client.errors.LeaderNotAvailableException when a partition has no leader (or does not
     *         exist)
     * @throws io.rdkafka.client.errors.TimeoutException when the answer did not come within the timeout
     */
    Map<TopicPartition, OffsetAndTimestamp> offsetsForTimesWithMetadata(Map<TopicPartition, Long> timestamps,
                                                                        Duration timeout);

    /**
     * How many records this consumer is behind on an assigned partition, as Apache Kafka's {@code currentLag}:
     * the partition's high watermark minus its {@link #position}, from what librdkafka has cached (the last fetch
     * response, {@code rd_kafka_get_watermark_offsets}, and the position, {@code rd_kafka_position}), without a
     * request to the broker. Empty until both are known (nothing fetched for the partition yet). Under
     * {@code isolation.level=read_committed} the lag is still counted to the high watermark (librdkafka caches no
     * last stable offset), where Kafka's consumer counts to the last stable offset.
     *
     * @param partition an assigned partition
     * @return the lag in records, or empty when not known
     * @throws IllegalStateException when the partition is not assigned
     */
    java.util.OptionalLong currentLag(TopicPartition partition);

    /**
     * The first offset of each partition (its low watermark), asking the leaders.
     *
     * @param partitions the partitions
     * @param timeout how long to wait at most
     * @return the low watermark per partition ({@code rd_kafka_query_watermark_offsets})
     */
    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout);

    /**
     * The offset after the last record of each partition (its high watermark), asking the leaders.
     *
     * @param partitions the partitions
     * @param timeout how long to wait at most
     * @return the high watermark per partition ({@code rd_kafka_query_watermark_offsets})
     */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout);

    // ---- flow control -------------------------------------------------------------------------------

    /**
     * Stops fetching these (assigned) partitions until {@link #resume}; poll returns none of their records.
     *
     * @param partitions the partitions ({@code rd_kafka_pause_partitions})
     */
    void pause(Collection<TopicPartition> partitions);

    /**
     * Fetches these paused partitions again ({@code rd_kafka_resume_partitions}).
     *
     * @param partitions the partitions
     */
    void resume(Collection<TopicPartition> partitions);

    /**
     * The partitions paused with {@link #pause} (and still assigned).
     *
     * @return the paused partitions
     */
    Set<TopicPartition> paused();

    // ---- group and metadata -------------------------------------------------------------------------

    /**
     * This member's group metadata, for {@link Producer#sendOffsetsToTransaction}.
     *
     * @return the metadata ({@code rd_kafka_consumer_group_metadata})
     */
    ConsumerGroupMetadata groupMetadata();

    /**
     * Cluster metadata for one topic, or all topics when {@code topic} is null.
     *
     * @param topic   the topic, or {@code null} for all topics
     * @param timeout how long to wait at most
     * @return the metadata ({@code rd_kafka_metadata})
     */
    ClusterMetadata metadata(String topic, Duration timeout);

    /**
     * The partitions of a topic, from a metadata request.
     *
     * @param topic   the topic
     * @param timeout how long to wait at most
     * @return the partitions
     */
    List<PartitionInfo> partitionsFor(String topic, Duration timeout);

    /**
     * Closes as {@link #close(Duration)} does, within about the configuration's {@link KafkaConfig#closeTimeout()}.
     */
    @Override
    void close();

    /**
     * Leaves the group and frees everything, within about {@code timeout}: waits for a poll in another thread
     * to return (it throws {@link IllegalStateException}), runs pending async-commit callbacks, then
     * {@code rd_kafka_consumer_close} (the final revoke runs the rebalance listener on this thread; auto commit
     * makes its last commit), then destroys the handle. After a fatal error, or when the group could not be
     * left in time, the handle is destroyed without leaving (the group notices after {@code session.timeout.ms}).
     * Idempotent.
     *
     * @param timeout about how long closing may take
     * @throws IllegalStateException when called from a rebalance listener or commit callback
     */
    void close(Duration timeout);
}

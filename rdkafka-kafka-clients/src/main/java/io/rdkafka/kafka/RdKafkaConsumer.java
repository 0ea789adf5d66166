package io.rdkafka.kafka;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Serdes;
import io.rdkafka.kafka.config.ConfigTranslator;
import io.rdkafka.kafka.config.Translation;
import io.rdkafka.kafka.errors.ErrorMapping;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.clients.consumer.SubscriptionPattern;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Apache Kafka's {@link Consumer} over librdkafka: a drop-in for {@code KafkaConsumer} that takes the same
 * configuration (translated by {@link ConfigTranslator}), the same {@link Deserializer}s (called with the record's
 * headers), interceptors and rebalance listeners, and throws the same exception types ({@link ErrorMapping}).
 *
 * <pre>{@code
 * Consumer<String, String> consumer = new RdKafkaConsumer<>(props);   // was: new KafkaConsumer<>(props)
 * }</pre>
 *
 * <p>As KafkaConsumer it is for one thread at a time ({@link java.util.ConcurrentModificationException}
 * otherwise), except {@link #wakeup()}; rebalance listeners and commit callbacks run inside {@link #poll}. A record
 * that cannot be deserialized stops its partition at that record: poll returns the records before it, and the next
 * poll throws {@link RecordDeserializationException} until the application seeks past it. Differences from
 * KafkaConsumer are listed in docs/kafka-clients.md.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RdKafkaConsumer<K, V> implements Consumer<K, V> {
    private static final System.Logger LOG = System.getLogger(RdKafkaConsumer.class.getName());
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final io.rdkafka.client.Consumer<byte[], byte[]> consumer;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final ConsumerInterceptorChain<K, V> interceptors;
    private final Translation translation;
    private final String clientId;
    private final String groupId;
    private final boolean readCommitted;
    private final Duration defaultApiTimeout;
    private final StatisticsMetrics metrics;
    private boolean subscribed;
    private boolean assigned;
    private RebalanceAdapter rebalance;
    /** The next offsets of what poll returned, for interceptors' onCommit after commitSync(). */
    private final Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
    private volatile boolean closed;

    /**
     * A consumer configured as {@code new KafkaConsumer<>(configs)} would be; deserializers from
     * {@code key.deserializer} and {@code value.deserializer}.
     *
     * @param configs kafka-clients' consumer configuration (librdkafka's own property names are accepted too)
     * @throws ConfigException naming a property that is invalid or cannot be translated
     * @throws KafkaException  when the consumer cannot be created
     */
    public RdKafkaConsumer(Map<String, Object> configs) {
        this(configs, null, null);
    }

    /**
     * A consumer configured as {@code new KafkaConsumer<>(properties)} would be.
     *
     * @param properties kafka-clients' consumer configuration
     */
    public RdKafkaConsumer(Properties properties) {
        this(Utils.propsToMap(properties), null, null);
    }

    /**
     * A consumer with these deserializers, used as given (their {@code configure} is not called, as with
     * KafkaConsumer).
     *
     * @param properties        kafka-clients' consumer configuration
     * @param keyDeserializer   the key deserializer, or {@code null} for {@code key.deserializer}
     * @param valueDeserializer the value deserializer, or {@code null} for {@code value.deserializer}
     */
    public RdKafkaConsumer(Properties properties, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this(Utils.propsToMap(properties), keyDeserializer, valueDeserializer);
    }

    /**
     * A consumer with these deserializers, used as given (their {@code configure} is not called, as with
     * KafkaConsumer).
     *
     * @param configs           kafka-clients' consumer configuration
     * @param keyDeserializer   the key deserializer, or {@code null} for {@code key.deserializer}
     * @param valueDeserializer the value deserializer, or {@code null} for {@code value.deserializer}
     */
    @SuppressWarnings("unchecked")
    public RdKafkaConsumer(Map<String, Object> configs, Deserializer<K> keyDeserializer,
                           Deserializer<V> valueDeserializer) {
        ConsumerConfig config = new ConsumerConfig(ConsumerConfig.appendDeserializerToConfig(
                new HashMap<>(Objects.requireNonNull(configs, "configs")), keyDeserializer, valueDeserializer));
        this.clientId = config.getString(ConsumerConfig.CLIENT_ID_CONFIG);
        String gid = config.getString(ConsumerConfig.GROUP_ID_CONFIG);
        this.groupId = gid == null || gid.isEmpty() ? null : gid;
        this.translation = ConfigTranslator.consumer(config);
        for (String note : translation.notes()) LOG.log(System.Logger.Level.INFO, "[" + clientId + "] " + note);
        this.readCommitted = "read_committed".equals(translation.librdkafka().get("isolation.level"));
        this.defaultApiTimeout = translation.defaultApiTimeout();
        Map<String, Object> withClientId = config.originals(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId));
        Deserializer<K> kd = null;
        Deserializer<V> vd = null;
        List<ConsumerInterceptor<K, V>> chain = List.of();
        try {
            if (keyDeserializer == null) {
                kd = config.getConfiguredInstance(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, Deserializer.class);
                kd.configure(withClientId, true);
            } else {
                kd = keyDeserializer;
            }
            if (valueDeserializer == null) {
                vd = config.getConfiguredInstance(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, Deserializer.class);
                vd.configure(withClientId, false);
            } else {
                vd = valueDeserializer;
            }
            chain = (List<ConsumerInterceptor<K, V>>) (List<?>) config.getConfiguredInstances(
                    ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, ConsumerInterceptor.class,
                    Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId));
            this.keyDeserializer = kd;
            this.valueDeserializer = vd;
            this.interceptors = new ConsumerInterceptorChain<>(chain);
            this.metrics = StatisticsMetrics.consumer(clientId);
            KafkaConfig kc = KafkaConfig.builder().setAll(translation.librdkafka()).closeTimeout(DEFAULT_CLOSE_TIMEOUT)
                    .build();
            ClientListeners listeners = ClientListeners.builder().onStatistics(metrics)
                    .onError(e -> LOG.log(System.Logger.Level.DEBUG, "[" + clientId + "] " + e.getMessage()))
                    .build();
            this.consumer = io.rdkafka.client.Consumer.create(kc, Serdes.byteArrayDeserializer(),
                    Serdes.byteArrayDeserializer(), listeners,
                    new io.rdkafka.client.Consumer.Options(translation.maxPollRecords(), defaultApiTimeout));
        } catch (RuntimeException e) {
            if (keyDeserializer == null) Utils.closeQuietly(kd, "key deserializer");
            if (valueDeserializer == null) Utils.closeQuietly(vd, "value deserializer");
            for (ConsumerInterceptor<K, V> i : chain) Utils.closeQuietly(i, "consumer interceptor");
            translation.deleteFiles();
            if (e instanceof ConfigException || e instanceof KafkaException) throw e;
            throw new KafkaException("Failed to construct kafka consumer", ErrorMapping.toKafka(e));
        }
        config.logUnused();
    }

    private static RuntimeException map(RuntimeException e) {
        return ErrorMapping.toKafka(e);
    }

    private void requireGroup() {
        if (groupId == null) throw ErrorMapping.noGroupId();
    }

    // ---- subscription -------------------------------------------------------------------------------------

    @Override
    public Set<TopicPartition> assignment() {
        try {
            return Collections.unmodifiableSet(Conversions.kafka(consumer.assignment()));
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    @Override
    public Set<String> subscription() {
        try {
            return consumer.subscription();
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    @Override
    public void subscribe(Collection<String> topics) {
        subscribe(topics, new NoOpListener());
    }

    @Override
    public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
        if (topics == null) throw new IllegalArgumentException("Topic collection to subscribe to cannot be null");
        if (listener == null) throw new IllegalArgumentException("RebalanceListener cannot be null");
        if (topics.isEmpty()) {
            unsubscribe();
            return;
        }
        for (String t : topics) {
            if (t == null || t.trim().isEmpty()) {
                throw new IllegalArgumentException("Topic collection to subscribe to cannot contain null or empty topic");
            }
        }
        requireGroup();
        exclusive();
        RebalanceAdapter a = new RebalanceAdapter(listener);
        try {
            consumer.subscribe(topics, a);
        } catch (RuntimeException e) {
            throw map(e);
        }
        rebalance = a;
        subscribed = true;
    }

    @Override
    public void subscribe(Pattern pattern) {
        subscribe(pattern, new NoOpListener());
    }

    /**
     * Subscribes to every topic whose whole name matches {@code pattern}, as KafkaConsumer, through librdkafka's
     * regular expressions (re-evaluated at each metadata refresh): the pattern is anchored at both ends and Java's
     * {@code \Q...\E} quoting is translated; keep to portable syntax (character classes, {@code .*}, alternation).
     *
     * @param pattern  the topic name pattern, without flags
     * @param listener hears about partitions assigned and revoked
     * @throws IllegalArgumentException for a pattern with flags
     */
    @Override
    public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
        if (pattern == null || pattern.toString().isEmpty()) {
            throw new IllegalArgumentException("Topic pattern to subscribe to cannot be " + (pattern == null ? "null" : "empty"));
        }
        if (listener == null) throw new IllegalArgumentException("RebalanceListener cannot be null");
        requireGroup();
        exclusive();
        RebalanceAdapter a = new RebalanceAdapter(listener);
        try {
            consumer.subscribe(TopicPatterns.toLibrdkafka(pattern), a);
        } catch (RuntimeException e) {
            throw map(e);
        }
        rebalance = a;
        subscribed = true;
    }

    private void exclusive() {
        if (assigned) {
            throw new IllegalStateException("Subscription to topics, partitions and pattern are mutually exclusive");
        }
    }

    /**
     * Not available: RE2/J subscription patterns belong to the consumer group protocol of KIP-848, which this
     * consumer does not offer through kafka-clients' API; use {@link #subscribe(Pattern, ConsumerRebalanceListener)}.
     *
     * @param pattern  ignored
     * @param listener ignored
     * @throws UnsupportedOperationException always
     */
    @Override
    public void subscribe(SubscriptionPattern pattern, ConsumerRebalanceListener listener) {
        throw new UnsupportedOperationException("subscribe(SubscriptionPattern): RE2/J patterns need the KIP-848 "
                + "consumer protocol; use subscribe(java.util.regex.Pattern)");
    }

    /**
     * Not available, as {@link #subscribe(SubscriptionPattern, ConsumerRebalanceListener)}.
     *
     * @param pattern ignored
     * @throws UnsupportedOperationException always
     */
    @Override
    public void subscribe(SubscriptionPattern pattern) {
        subscribe(pattern, null);
    }

    @Override
    public void unsubscribe() {
        try {
            consumer.unsubscribe();
        } catch (RuntimeException e) {
            throw map(e);
        } finally {
            subscribed = false;
            assigned = false;
            consumed.clear();
        }
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        if (partitions == null) throw new IllegalArgumentException("Topic partition collection to assign to cannot be null");
        if (partitions.isEmpty()) {
            unsubscribe();
            return;
        }
        for (TopicPartition tp : partitions) {
            String t = tp != null ? tp.topic() : null;
            if (t == null || t.trim().isEmpty()) {
                throw new IllegalArgumentException("Topic partitions to assign to cannot have null or empty topic");
            }
        }
        if (subscribed) {
            throw new IllegalStateException("Subscription to topics, partitions and pattern are mutually exclusive");
        }
        try {
            consumer.assign(Conversions.rd(partitions));
        } catch (RuntimeException e) {
            throw map(e);
        }
        consumed.keySet().retainAll(partitions);
        assigned = true;
    }

    // ---- poll -----------------------------------------------------------------------------------------------

    /**
     * Returns the records available now, or waits up to {@code timeout} for some; rebalance listeners and commit
     * callbacks run in here.
     *
     * @param timeout how long to wait for records
     * @return the records, perhaps none
     * @throws IllegalStateException           when neither subscribed nor assigned, or after close
     * @throws RecordDeserializationException  when a record could not be deserialized (seek past it)
     * @throws org.apache.kafka.common.errors.WakeupException after {@link #wakeup()}
     */
    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        if (timeout.isNegative()) throw new IllegalArgumentException("Timeout must not be negative");
        if (closed) throw new IllegalStateException("This consumer has already been closed.");
        if (!subscribed && !assigned) {
            throw new IllegalStateException("Consumer is not subscribed to any topics or assigned any partitions");
        }
        io.rdkafka.client.ConsumerRecords<byte[], byte[]> raw;
        try {
            raw = consumer.poll(timeout);
        } catch (RuntimeException e) {
            throw pollFailure(e);
        }
        if (raw.isEmpty()) return ConsumerRecords.empty();
        Map<TopicPartition, List<ConsumerRecord<K, V>>> out = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
        RecordDeserializationException failure = null;
        for (io.rdkafka.client.TopicPartition rtp : raw.partitions()) {
            List<io.rdkafka.client.ConsumerRecord<byte[], byte[]>> in = raw.records(rtp);
            TopicPartition tp = Conversions.kafka(rtp);
            List<ConsumerRecord<K, V>> list = new java.util.ArrayList<>(in.size());
            for (io.rdkafka.client.ConsumerRecord<byte[], byte[]> r : in) {
                ConsumerRecord<K, V> converted;
                try {
                    converted = convert(tp, r);
                } catch (RecordDeserializationException e) {
                    if (failure == null) failure = e;
                    consumer.seek(rtp, r.offset()); // the partition restarts at this record, as KafkaConsumer's position
                    break;
                }
                list.add(converted);
            }
            if (!list.isEmpty()) {
                out.put(tp, list);
                ConsumerRecord<K, V> last = list.getLast();
                OffsetAndMetadata o = new OffsetAndMetadata(last.offset() + 1, last.leaderEpoch(), "");
                next.put(tp, o);
            }
        }
        if (out.isEmpty()) {
            if (failure != null) throw failure;
            return ConsumerRecords.empty();
        }
        consumed.putAll(next);
        ConsumerRecords<K, V> records = new ConsumerRecords<>(out, next);
        return interceptors.isEmpty() ? records : interceptors.onConsume(records);
    }

    private ConsumerRecord<K, V> convert(TopicPartition tp, io.rdkafka.client.ConsumerRecord<byte[], byte[]> r) {
        RecordHeaders headers = Conversions.kafka(r.headers());
        org.apache.kafka.common.record.TimestampType tt = Conversions.kafka(r.timestampType());
        byte[] kb = r.key();
        byte[] vb = r.value();
        K key;
        try {
            key = keyDeserializer.deserialize(tp.topic(), headers, kb);
        } catch (RuntimeException e) {
            throw deserializationFailure(RecordDeserializationException.DeserializationExceptionOrigin.KEY, tp, r, tt,
                    headers, e);
        }
        V value;
        try {
            value = valueDeserializer.deserialize(tp.topic(), headers, vb);
        } catch (RuntimeException e) {
            throw deserializationFailure(RecordDeserializationException.DeserializationExceptionOrigin.VALUE, tp, r, tt,
                    headers, e);
        }
        return new ConsumerRecord<>(tp.topic(), tp.partition(), r.offset(), r.timestamp(), tt,
                kb == null ? -1 : kb.length, vb == null ? -1 : vb.length, key, value, headers, r.leaderEpoch());
    }

    private static RecordDeserializationException deserializationFailure(
            RecordDeserializationException.DeserializationExceptionOrigin origin, TopicPartition tp,
            io.rdkafka.client.ConsumerRecord<byte[], byte[]> r, org.apache.kafka.common.record.TimestampType tt,
            RecordHeaders headers, RuntimeException cause) {
        String what = origin == RecordDeserializationException.DeserializationExceptionOrigin.KEY ? "key" : "value";
        return new RecordDeserializationException(origin, tp, r.offset(), r.timestamp(), tt,
                r.key() == null ? null : ByteBuffer.wrap(r.key()), r.value() == null ? null : ByteBuffer.wrap(r.value()),
                headers, "Error deserializing " + what + " for partition " + tp + " at offset " + r.offset()
                + ". If needed, please seek past the record to continue consumption.", cause);
    }

    /** An exception from poll: a rebalance listener's own, else the mapped one. */
    private RuntimeException pollFailure(RuntimeException e) {
        RebalanceAdapter a = rebalance;
        Throwable listenerError = a == null ? null : a.takeFailure();
        if (listenerError != null && (e == listenerError || e.getCause() == listenerError)) {
            if (listenerError instanceof KafkaException ke) return ke;
            if (listenerError instanceof Error err) throw err;
            return new KafkaException("User rebalance callback throws an error", listenerError);
        }
        return map(e);
    }

    // ---- commits ----------------------------------------------------------------------------------------------

    @Override
    public void commitSync() {
        commitSync(defaultApiTimeout);
    }

    @Override
    public void commitSync(Duration timeout) {
        requireGroup();
        try {
            consumer.commitSync(timeout);
        } catch (RuntimeException e) {
            throw map(e);
        }
        if (!interceptors.isEmpty() && !consumed.isEmpty()) interceptors.onCommit(Map.copyOf(consumed));
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        commitSync(offsets, defaultApiTimeout);
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        requireGroup();
        Objects.requireNonNull(offsets, "offsets");
        try {
            consumer.commitSync(Conversions.rdOffsets(offsets), timeout);
        } catch (RuntimeException e) {
            throw map(e);
        }
        if (!interceptors.isEmpty() && !offsets.isEmpty()) interceptors.onCommit(offsets);
    }

    @Override
    public void commitAsync() {
        commitAsync((OffsetCommitCallback) null);
    }

    @Override
    public void commitAsync(OffsetCommitCallback callback) {
        requireGroup();
        try {
            consumer.commitAsync(null, commitCallback(callback));
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        requireGroup();
        Objects.requireNonNull(offsets, "offsets");
        try {
            consumer.commitAsync(Conversions.rdOffsets(offsets), commitCallback(callback));
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    private io.rdkafka.client.OffsetCommitCallback commitCallback(OffsetCommitCallback callback) {
        if (callback == null && interceptors.isEmpty()) return null;
        return (offsets, exception) -> {
            Map<TopicPartition, OffsetAndMetadata> kafkaOffsets = Collections.unmodifiableMap(
                    Conversions.kafkaOffsets(offsets));
            Exception mapped = null;
            if (exception != null) {
                RuntimeException m = map(exception);
                // as KafkaConsumer: a retriable failure of an async commit is a RetriableCommitFailedException
                mapped = m instanceof RetriableException re ? new RetriableCommitFailedException(re) : m;
            } else if (!interceptors.isEmpty()) {
                interceptors.onCommit(kafkaOffsets);
            }
            if (callback != null) callback.onComplete(kafkaOffsets, mapped);
        };
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        return committed(partitions, defaultApiTimeout);
    }

    /**
     * The group's committed offsets; a partition without one maps to {@code null}, as with KafkaConsumer.
     *
     * @param partitions the partitions
     * @param timeout    how long to wait at most
     * @return the committed offset per partition
     */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout) {
        requireGroup();
        Map<io.rdkafka.client.TopicPartition, io.rdkafka.client.OffsetAndMetadata> got;
        try {
            got = consumer.committed(new java.util.LinkedHashSet<>(Conversions.rd(partitions)), timeout);
        } catch (RuntimeException e) {
            throw map(e);
        }
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        for (TopicPartition tp : partitions) {
            var o = got.get(Conversions.rd(tp));
            m.put(tp, o == null ? null : Conversions.kafka(o));
        }
        return m;
    }

    // ---- positions -----------------------------------------------------------------------------------------------

    @Override
    public void seek(TopicPartition partition, long offset) {
        if (offset < 0) throw new IllegalArgumentException("seek offset must not be a negative number");
        try {
            consumer.seek(Conversions.rd(partition), offset);
        } catch (RuntimeException e) {
            throw map(e);
        }
        consumed.remove(partition);
    }

    /**
     * Seeks to the offset; its leader epoch and metadata are not used (librdkafka validates positions itself).
     *
     * @param partition        the partition
     * @param offsetAndMetadata the offset
     */
    @Override
    public void seek(TopicPartition partition, OffsetAndMetadata offsetAndMetadata) {
        seek(partition, offsetAndMetadata.offset());
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        if (partitions == null) throw new IllegalArgumentException("Partitions collection cannot be null");
        try {
            consumer.seekToBeginning(Conversions.rd(partitions));
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        if (partitions == null) throw new IllegalArgumentException("Partitions collection cannot be null");
        try {
            consumer.seekToEnd(Conversions.rd(partitions));
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    @Override
    public long position(TopicPartition partition) {
        return position(partition, defaultApiTimeout);
    }

    @Override
    public long position(TopicPartition partition, Duration timeout) {
        try {
            return consumer.position(Conversions.rd(partition), timeout);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("You can only check the position for partitions assigned to this "
                    + "consumer.", e);
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch) {
        return offsetsForTimes(timestampsToSearch, defaultApiTimeout);
    }

    /**
     * The earliest offset whose timestamp is at or after the given one, per partition ({@code null} where there is
     * none). librdkafka returns offsets only, so the {@link OffsetAndTimestamp}'s timestamp is the one searched for
     * (the found record's is at or after it), and its leader epoch is empty.
     *
     * @param timestampsToSearch the timestamp per partition
     * @param timeout            how long to wait at most
     * @return the offsets
     */
    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch,
                                                                   Duration timeout) {
        Map<io.rdkafka.client.TopicPartition, Long> q = new LinkedHashMap<>();
        for (var e : timestampsToSearch.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("The target time for partition " + e.getKey() + " is "
                        + e.getValue() + ". The target time cannot be negative.");
            }
            q.put(Conversions.rd(e.getKey()), e.getValue());
        }
        Map<io.rdkafka.client.TopicPartition, Long> got;
        try {
            got = consumer.offsetsForTimes(q, timeout);
        } catch (RuntimeException e) {
            throw map(e);
        }
        Map<TopicPartition, OffsetAndTimestamp> m = new HashMap<>();
        for (var e : timestampsToSearch.entrySet()) {
            Long o = got.get(Conversions.rd(e.getKey()));
            m.put(e.getKey(), o == null ? null : new OffsetAndTimestamp(o, e.getValue()));
        }
        return m;
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return beginningOffsets(partitions, defaultApiTimeout);
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        try {
            return kafkaLongs(consumer.beginningOffsets(Conversions.rd(partitions), timeout));
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return endOffsets(partitions, defaultApiTimeout);
    }

    /**
     * The offset after the last record of each partition (the high watermark; librdkafka's watermark query
     * reports the high watermark under {@code read_committed} too, where KafkaConsumer reports the last stable
     * offset).
     *
     * @param partitions the partitions
     * @param timeout    how long to wait at most
     * @return the end offset per partition
     */
    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        try {
            return kafkaLongs(consumer.endOffsets(Conversions.rd(partitions), timeout));
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    private static Map<TopicPartition, Long> kafkaLongs(Map<io.rdkafka.client.TopicPartition, Long> m) {
        Map<TopicPartition, Long> out = new HashMap<>();
        m.forEach((tp, v) -> out.put(Conversions.kafka(tp), v));
        return out;
    }

    /**
     * The partition's lag from what this consumer knows locally: the high watermark (the last stable offset under
     * {@code read_committed}) of librdkafka's latest statistics minus the position; empty when either is unknown.
     * Never asks the broker, as KafkaConsumer.
     *
     * @param topicPartition an assigned partition
     * @return the lag, or empty
     */
    @Override
    public OptionalLong currentLag(TopicPartition topicPartition) {
        var ps = metrics.snapshot().now();
        if (ps == null) return OptionalLong.empty();
        var t = ps.topics().get(topicPartition.topic());
        var p = t == null ? null : t.partition(topicPartition.partition());
        if (p == null) return OptionalLong.empty();
        long end = readCommitted ? p.lsOffset() : p.hiOffset();
        long pos = p.appOffset();
        if (end < 0 || pos < 0) return OptionalLong.empty();
        return OptionalLong.of(Math.max(0, end - pos));
    }

    // ---- flow control, metadata ------------------------------------------------------------------------------

    @Override
    public Set<TopicPartition> paused() {
        try {
            return Collections.unmodifiableSet(Conversions.kafka(consumer.paused()));
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        try {
            consumer.pause(Conversions.rd(partitions));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("No current assignment for partition " + partitions, e);
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        try {
            consumer.resume(Conversions.rd(partitions));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("No current assignment for partition " + partitions, e);
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return partitionsFor(topic, defaultApiTimeout);
    }

    /**
     * The partitions of a topic; empty when the topic does not exist, as KafkaConsumer.
     *
     * @param topic   the topic
     * @param timeout how long to wait at most
     * @return the partitions, ordered by partition
     */
    @Override
    public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        try {
            io.rdkafka.client.ClusterMetadata md = consumer.metadata(topic, timeout);
            if (md.topicErrors().containsKey(topic)) return List.of();
            return Conversions.partitions(md, topic);
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    @Override
    public Map<String, List<PartitionInfo>> listTopics() {
        return listTopics(defaultApiTimeout);
    }

    @Override
    public Map<String, List<PartitionInfo>> listTopics(Duration timeout) {
        try {
            io.rdkafka.client.ClusterMetadata md = consumer.metadata(null, timeout);
            Map<String, List<PartitionInfo>> m = new HashMap<>();
            for (String t : md.topics().keySet()) {
                if (!md.topicErrors().containsKey(t)) m.put(t, Conversions.partitions(md, t));
            }
            return m;
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    /**
     * This member's group metadata, for a transactional producer's {@code sendOffsetsToTransaction}; carries
     * librdkafka's own form, which an {@link RdKafkaProducer} passes on unchanged.
     *
     * @return the metadata
     */
    @Override
    public ConsumerGroupMetadata groupMetadata() {
        requireGroup();
        io.rdkafka.client.ConsumerGroupMetadata n;
        try {
            n = consumer.groupMetadata();
        } catch (RuntimeException e) {
            throw map(e);
        }
        GroupMetadataCodec.Parts p = GroupMetadataCodec.read(n.serialized());
        return new RdKafkaGroupMetadata(groupId, p.generationId(), p.memberId(), p.groupInstanceId(), n);
    }

    /**
     * Not available: librdkafka has no call that makes a member rejoin its group on demand.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void enforceRebalance() {
        enforceRebalance(null);
    }

    /**
     * Not available: librdkafka has no call that makes a member rejoin its group on demand.
     *
     * @param reason ignored
     * @throws UnsupportedOperationException always
     */
    @Override
    public void enforceRebalance(String reason) {
        throw new UnsupportedOperationException("enforceRebalance: librdkafka has no call that makes a member rejoin "
                + "its group on demand");
    }

    /**
     * kafka-clients' consumer metrics read from librdkafka's latest statistics ({@code statistics.interval.ms},
     * 1 s unless configured): {@code records-consumed-total}, {@code records-lag-max}, per-partition
     * {@code records-lag}, ... (the list is in docs/kafka-clients.md).
     *
     * @return the metrics by name
     */
    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return Collections.unmodifiableMap(metrics.metrics());
    }

    /**
     * Not available: no client telemetry is pushed (KIP-714), as KafkaConsumer with {@code enable.metrics.push=false}.
     *
     * @param timeout ignored
     * @return never
     * @throws IllegalStateException always
     */
    @Override
    public Uuid clientInstanceId(Duration timeout) {
        throw new IllegalStateException("Telemetry is not enabled: rdkafka-kafka-clients pushes no client metrics "
                + "(KIP-714)");
    }

    /**
     * Does nothing: no metrics are pushed to the broker.
     *
     * @param metric ignored
     */
    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        Objects.requireNonNull(metric, "metric");
    }

    /**
     * Does nothing: no metrics are pushed to the broker.
     *
     * @param metric ignored
     */
    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        Objects.requireNonNull(metric, "metric");
    }

    // ---- wakeup, close ---------------------------------------------------------------------------------------

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    /** Leaves the group and closes within 30 s, as KafkaConsumer's {@code close()}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Commits (with auto commit), leaves the group (the rebalance listener hears about the revoked partitions) and
     * frees everything, within about {@code timeout}; then closes interceptors and deserializers.
     *
     * @param timeout about how long closing may take
     */
    @Override
    public void close(Duration timeout) {
        if (timeout.isNegative()) throw new IllegalArgumentException("The timeout cannot be negative.");
        if (closed) return;
        try {
            consumer.close(timeout);
        } catch (RuntimeException e) {
            throw map(e);
        } finally {
            closed = true;
            interceptors.close();
            Utils.closeQuietly(keyDeserializer, "consumer key deserializer");
            Utils.closeQuietly(valueDeserializer, "consumer value deserializer");
            translation.deleteFiles();
        }
    }

    /**
     * Closes as {@link #close(Duration)} with the options' timeout (30 s when none). librdkafka always leaves
     * the group on close (a static member, {@code group.instance.id}, is not removed by its leave), so
     * {@code REMAIN_IN_GROUP} behaves as {@code DEFAULT}.
     *
     * @param option the close options
     */
    @Override
    public void close(CloseOptions option) {
        close(option.timeout().orElse(DEFAULT_CLOSE_TIMEOUT));
    }

    @Override
    public String toString() {
        return "RdKafkaConsumer[" + clientId + (groupId == null ? "" : ", group " + groupId) + "]";
    }

    /** The listener of subscribe calls without one. */
    private static final class NoOpListener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
    }
}

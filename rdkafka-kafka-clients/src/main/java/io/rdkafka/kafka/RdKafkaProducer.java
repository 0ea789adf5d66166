package io.rdkafka.kafka;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Serdes;
import io.rdkafka.kafka.config.ConfigTranslator;
import io.rdkafka.kafka.config.Translation;
import io.rdkafka.kafka.errors.ErrorMapping;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Apache Kafka's {@link Producer} over librdkafka: a drop-in for {@code KafkaProducer} that takes the same
 * configuration ({@code Properties} or {@code Map}, kafka-clients' property names translated by
 * {@link ConfigTranslator}), the same {@link Serializer}s (called with the record's headers), interceptors and
 * partitioners, and reports outcomes with the same exception types ({@link ErrorMapping}).
 *
 * <pre>{@code
 * Producer<String, String> producer = new RdKafkaProducer<>(props);   // was: new KafkaProducer<>(props)
 * }</pre>
 *
 * <p>Keyed records land on the partition KafkaProducer picks (librdkafka's {@code murmur2_random} partitioner is the
 * same murmur2 hash of the key bytes). Records without a key are spread by librdkafka's sticky random partitioner
 * instead of KafkaProducer's adaptive sticky one. A custom {@code partitioner.class} is called in Java with a
 * {@code Cluster} built from librdkafka's metadata. Callbacks and interceptors' {@code onAcknowledgement} run on the
 * producer's delivery thread, as KafkaProducer runs them on its I/O thread.
 *
 * <p>Thread-safe, like KafkaProducer. Differences are listed in docs/kafka-clients.md.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RdKafkaProducer<K, V> implements Producer<K, V> {
    private static final System.Logger LOG = System.getLogger(RdKafkaProducer.class.getName());
    private static final AtomicInteger CLOSER_THREADS = new AtomicInteger();
    /** Set while this module runs a user's callback (on the delivery thread), where close must not wait. */
    private static final ThreadLocal<Boolean> IN_CALLBACK = new ThreadLocal<>();

    private enum TxnState { UNINITIALIZED, READY, IN_TRANSACTION }

    private final io.rdkafka.client.Producer<byte[], byte[]> producer;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final ProducerInterceptorChain<K, V> interceptors;
    private final Partitioner partitioner;
    private final ClusterCache clusters;
    private final Translation translation;
    private final String clientId;
    private final String transactionalId;
    private final Duration maxBlock;
    private final StatisticsMetrics metrics;
    private final LongAdder errors = new LongAdder();
    private volatile TxnState txnState = TxnState.UNINITIALIZED;
    private volatile boolean closed;

    /**
     * A producer configured as {@code new KafkaProducer<>(configs)} would be; serializers from
     * {@code key.serializer} and {@code value.serializer}.
     *
     * @param configs kafka-clients' producer configuration (librdkafka's own property names are accepted too)
     * @throws ConfigException naming a property that is invalid or cannot be translated
     * @throws KafkaException  when the producer cannot be created
     */
    public RdKafkaProducer(Map<String, Object> configs) {
        this(configs, null, null);
    }

    /**
     * A producer configured as {@code new KafkaProducer<>(properties)} would be.
     *
     * @param properties kafka-clients' producer configuration
     */
    public RdKafkaProducer(Properties properties) {
        this(propsToMap(properties), null, null);
    }

    /**
     * A producer with these serializers, which are used as given (their {@code configure} is not called, as
     * with KafkaProducer).
     *
     * @param properties      kafka-clients' producer configuration
     * @param keySerializer   the key serializer, or {@code null} for {@code key.serializer}
     * @param valueSerializer the value serializer, or {@code null} for {@code value.serializer}
     */
    public RdKafkaProducer(Properties properties, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(propsToMap(properties), keySerializer, valueSerializer);
    }

    /**
     * A producer with these serializers, which are used as given (their {@code configure} is not called, as
     * with KafkaProducer).
     *
     * @param configs         kafka-clients' producer configuration
     * @param keySerializer   the key serializer, or {@code null} for {@code key.serializer}
     * @param valueSerializer the value serializer, or {@code null} for {@code value.serializer}
     */
    @SuppressWarnings("unchecked")
    public RdKafkaProducer(Map<String, Object> configs, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        Map<String, Object> map = new HashMap<>(Objects.requireNonNull(configs, "configs"));
        if (keySerializer != null) map.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, keySerializer.getClass());
        if (valueSerializer != null) map.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer.getClass());
        String builtIn = builtInPartitioner(map.get(ProducerConfig.PARTITIONER_CLASS_CONFIG));
        if (builtIn != null) {
            map.remove(ProducerConfig.PARTITIONER_CLASS_CONFIG);
            if (!map.containsKey("partitioner")) map.put("partitioner", builtIn);
        }
        ProducerConfig config = new ProducerConfig(map);
        this.clientId = config.getString(ProducerConfig.CLIENT_ID_CONFIG);
        this.transactionalId = config.getString(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.translation = ConfigTranslator.producer(config);
        for (String note : translation.notes()) LOG.log(System.Logger.Level.INFO, "[" + clientId + "] " + note);
        this.maxBlock = translation.maxBlock();
        Map<String, Object> withClientId = config.originals(Map.of(ProducerConfig.CLIENT_ID_CONFIG, clientId));
        Serializer<K> ks = null;
        Serializer<V> vs = null;
        List<ProducerInterceptor<K, V>> chain = List.of();
        Partitioner part = null;
        try {
            if (keySerializer == null) {
                ks = config.getConfiguredInstance(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, Serializer.class);
                ks.configure(withClientId, true);
            } else {
                ks = keySerializer;
            }
            if (valueSerializer == null) {
                vs = config.getConfiguredInstance(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, Serializer.class);
                vs.configure(withClientId, false);
            } else {
                vs = valueSerializer;
            }
            List<ProducerInterceptor<K, V>> list = (List<ProducerInterceptor<K, V>>) (List<?>) config.getConfiguredInstances(
                    ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, ProducerInterceptor.class,
                    Map.of(ProducerConfig.CLIENT_ID_CONFIG, clientId));
            chain = list;
            if (config.getClass(ProducerConfig.PARTITIONER_CLASS_CONFIG) != null) {
                part = config.getConfiguredInstance(ProducerConfig.PARTITIONER_CLASS_CONFIG, Partitioner.class,
                        Map.of(ProducerConfig.CLIENT_ID_CONFIG, clientId));
            }
            this.keySerializer = ks;
            this.valueSerializer = vs;
            this.interceptors = new ProducerInterceptorChain<>(chain);
            this.partitioner = part;
            this.metrics = StatisticsMetrics.producer(clientId, errors::sum);
            KafkaConfig kc = KafkaConfig.builder().setAll(translation.librdkafka()).queueFullTimeout(maxBlock)
                    .closeTimeout(Duration.ofMillis(Long.MAX_VALUE)).build();
            ClientListeners listeners = ClientListeners.builder().onStatistics(metrics)
                    .onError(e -> LOG.log(System.Logger.Level.WARNING, "[" + clientId + "] " + e.getMessage()))
                    .build();
            this.producer = io.rdkafka.client.Producer.create(kc, Serdes.byteArraySerializer(),
                    Serdes.byteArraySerializer(), listeners);
            this.clusters = new ClusterCache(producer::metadata,
                    Duration.ofMillis(config.getLong(ProducerConfig.METADATA_MAX_AGE_CONFIG)));
        } catch (RuntimeException e) {
            if (keySerializer == null) Utils.closeQuietly(ks, "key serializer");
            if (valueSerializer == null) Utils.closeQuietly(vs, "value serializer");
            for (ProducerInterceptor<K, V> i : chain) Utils.closeQuietly(i, "producer interceptor");
            Utils.closeQuietly(part, "partitioner");
            translation.deleteFiles();
            if (e instanceof ConfigException || e instanceof KafkaException) throw e;
            throw new KafkaException("Failed to construct kafka producer", ErrorMapping.toKafka(e));
        }
        config.logUnused();
    }

    /** The removed kafka-clients partitioners as librdkafka's, or null for a class to call in Java. */
    private static String builtInPartitioner(Object value) {
        if (!(value instanceof String s)) return null;
        return switch (s.trim()) {
            case "org.apache.kafka.clients.producer.internals.DefaultPartitioner" -> "murmur2_random";
            case "org.apache.kafka.clients.producer.UniformStickyPartitioner" -> "random";
            default -> null;
        };
    }

    private static Map<String, Object> propsToMap(Properties properties) {
        Map<String, Object> m = new HashMap<>();
        for (String name : properties.stringPropertyNames()) m.put(name, properties.getProperty(name));
        properties.forEach((k, v) -> {
            if (k instanceof String s && !(v instanceof String)) m.put(s, v);
        });
        return m;
    }

    // ---- send -----------------------------------------------------------------------------------------

    @Override
    public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    /**
     * Sends a record as KafkaProducer does: interceptors' {@code onSend}, serialization with the record's
     * headers, then librdkafka's queue. Failures KafkaProducer reports through the future and callback (an
     * {@link ApiException}: record too large, timeout, authorization, ...) are reported that way; others are
     * thrown (closed producer, serialization, a transactional producer outside a transaction).
     *
     * <p>A record with timestamp 0 fails with {@link InvalidTimestampException}: librdkafka takes 0 as "now"
     * ({@code rd_kafka_produceva}), so it cannot send the timestamp 0 itself.
     *
     * @param record   the record
     * @param callback called once on the delivery thread with where the record was stored or why it failed
     *                 (metadata with -1 offset then, as KafkaProducer); may be {@code null}
     * @return the record's future
     */
    @Override
    public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        ProducerRecord<K, V> intercepted = interceptors.isEmpty() ? record : interceptors.onSend(record);
        return doSend(intercepted, callback);
    }

    private Future<RecordMetadata> doSend(ProducerRecord<K, V> record, Callback callback) {
        if (closed) throw new IllegalStateException("Cannot perform operation after producer has been closed");
        if (record == null) throw new NullPointerException("record");
        if (transactionalId != null) checkSendAllowed();
        String topic = record.topic();
        Headers headers = record.headers();
        Integer partition = record.partition();
        try {
            byte[] key;
            try {
                key = keySerializer.serialize(topic, headers, record.key());
            } catch (ClassCastException cce) {
                throw new SerializationException("Can't convert key of class " + record.key().getClass().getName()
                        + " to class " + keySerializer.getClass().getName() + " specified in key.serializer", cce);
            }
            byte[] value;
            try {
                value = valueSerializer.serialize(topic, headers, record.value());
            } catch (ClassCastException cce) {
                throw new SerializationException("Can't convert value of class " + record.value().getClass().getName()
                        + " to class " + valueSerializer.getClass().getName() + " specified in value.serializer", cce);
            }
            if (headers instanceof RecordHeaders rh) rh.setReadOnly();
            Long timestamp = record.timestamp();
            if (timestamp != null && timestamp == 0L) {
                throw new InvalidTimestampException("Cannot send a record with timestamp 0 to " + topic + ": librdkafka "
                        + "takes timestamp 0 as 'now' (rd_kafka_produceva); use 1 or later");
            }
            if (partition == null && partitioner != null) {
                partition = partitioner.partition(topic, record.key(), key, record.value(), value,
                        clusters.cluster(topic, maxBlock));
            }
            DeliveryFuture future = new DeliveryFuture(this, topic, partition, callback, headers);
            producer.send(new io.rdkafka.client.ProducerRecord<>(topic, partition, timestamp, key, value,
                    Conversions.rd(headers)), future);
            return future;
        } catch (ApiException e) {
            return failed(topic, partition, callback, headers, e);
        } catch (io.rdkafka.client.errors.KafkaException e) {
            RuntimeException mapped = ErrorMapping.toKafka(e, topic);
            if (mapped instanceof ApiException api) return failed(topic, partition, callback, headers, api);
            errors.increment();
            throw mapped;
        } catch (RuntimeException e) {
            errors.increment();
            throw e;
        }
    }

    private void checkSendAllowed() {
        TxnState s = txnState;
        if (s == TxnState.UNINITIALIZED) {
            throw new IllegalStateException("Cannot perform a 'send' before completing a call to initTransactions "
                    + "when transactions are enabled.");
        }
        if (s != TxnState.IN_TRANSACTION) {
            throw new IllegalStateException("Cannot call send in state " + s + ": call beginTransaction() first "
                    + "(transactional.id " + transactionalId + ")");
        }
    }

    private Future<RecordMetadata> failed(String topic, Integer partition, Callback callback, Headers headers,
                                          ApiException e) {
        errors.increment();
        RecordMetadata md = new RecordMetadata(new TopicPartition(topic, partition == null ? -1 : partition), -1, -1,
                RecordBatch.NO_TIMESTAMP, -1, -1);
        if (!interceptors.isEmpty()) interceptors.onAcknowledgement(md, e, headers);
        if (callback != null) callback.onCompletion(md, e);
        CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
        f.completeExceptionally(e);
        return f;
    }

    /**
     * One send's outcome: completed by librdkafka's delivery report (rdkafka-client's callback) with kafka-clients'
     * metadata or exception, after interceptors and the user's callback ran. Cannot be cancelled, as
     * KafkaProducer's futures.
     */
    private static final class DeliveryFuture extends CompletableFuture<RecordMetadata>
            implements io.rdkafka.client.Callback {
        private final RdKafkaProducer<?, ?> owner;
        private final String topic;
        private final Integer partition;
        private final Callback callback;
        private final Headers headers;

        DeliveryFuture(RdKafkaProducer<?, ?> owner, String topic, Integer partition, Callback callback, Headers headers) {
            this.owner = owner;
            this.topic = topic;
            this.partition = partition;
            this.callback = callback;
            this.headers = headers;
        }

        @Override
        public void onCompletion(io.rdkafka.client.RecordMetadata md, Exception exception) {
            RecordMetadata kmd;
            RuntimeException error = null;
            if (exception == null) {
                kmd = new RecordMetadata(new TopicPartition(md.topic(), md.partition()), md.offset(), 0,
                        md.timestamp(), md.serializedKeySize(), md.serializedValueSize());
            } else {
                owner.errors.increment();
                error = exception instanceof io.rdkafka.client.errors.PurgedException
                        ? ErrorMapping.purged(owner.transactionalId != null, exception)
                        : ErrorMapping.toKafka(exception, topic);
                kmd = new RecordMetadata(new TopicPartition(topic, partition == null ? -1 : partition), -1, -1,
                        RecordBatch.NO_TIMESTAMP, -1, -1);
            }
            IN_CALLBACK.set(Boolean.TRUE);
            try {
                if (!owner.interceptors.isEmpty()) owner.interceptors.onAcknowledgement(kmd, error, headers);
                if (callback != null) {
                    try {
                        callback.onCompletion(kmd, error);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "Error executing user-provided callback on message for "
                                + "topic-partition '" + kmd.topic() + "-" + kmd.partition() + "'", e);
                    }
                }
            } finally {
                IN_CALLBACK.remove();
            }
            if (error == null) complete(kmd);
            else completeExceptionally(error);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }
    }

    // ---- flush, metadata, metrics -----------------------------------------------------------------------

    /**
     * Waits until every record sent before has been reported (callbacks run, futures completed), with no time
     * limit, as KafkaProducer.
     */
    @Override
    public void flush() {
        checkOpen();
        try {
            producer.flush();
        } catch (io.rdkafka.client.errors.KafkaException e) {
            throw ErrorMapping.toKafka(e);
        }
    }

    /**
     * The partitions of a topic; waits up to {@code max.block.ms} for its metadata.
     *
     * @param topic the topic
     * @return the partitions, ordered by partition
     * @throws org.apache.kafka.common.errors.TimeoutException when the topic's metadata did not arrive in time
     */
    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        Objects.requireNonNull(topic, "topic cannot be null");
        checkOpen();
        return Conversions.partitions(clusters.metadata(topic, maxBlock), topic);
    }

    /**
     * kafka-clients' producer metrics read from librdkafka's latest statistics ({@code statistics.interval.ms},
     * 1 s unless configured): {@code producer-metrics} {@code record-send-total}, {@code record-send-rate},
     * {@code request-latency-avg}, {@code outgoing-byte-total}, ... (the list is in docs/kafka-clients.md).
     *
     * @return the metrics by name
     */
    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return Collections.unmodifiableMap(metrics.metrics());
    }

    /**
     * Not available: librdkafka pushes no client telemetry through this module, as KafkaProducer with
     * {@code enable.metrics.push=false}.
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
     * Does nothing: no metrics are pushed to the broker (see {@link #clientInstanceId}).
     *
     * @param metric ignored
     */
    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        Objects.requireNonNull(metric, "metric");
    }

    /**
     * Does nothing: no metrics are pushed to the broker (see {@link #clientInstanceId}).
     *
     * @param metric ignored
     */
    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        Objects.requireNonNull(metric, "metric");
    }

    // ---- transactions -------------------------------------------------------------------------------------

    private void requireTransactional() {
        if (transactionalId == null) {
            throw new IllegalStateException("Transactional method invoked on a non-transactional producer.");
        }
    }

    /**
     * Registers {@code transactional.id} with the cluster, fencing older producers with it; waits up to
     * {@code max.block.ms}.
     */
    @Override
    public void initTransactions() {
        checkOpen();
        requireTransactional();
        txnCall(() -> producer.initTransactions(maxBlock));
        txnState = TxnState.READY;
    }

    /**
     * Starts a transaction.
     *
     * @throws ProducerFencedException when another producer with the same transactional id took over
     */
    @Override
    public void beginTransaction() throws ProducerFencedException {
        checkOpen();
        requireTransactional();
        if (txnState == TxnState.UNINITIALIZED) {
            throw new IllegalStateException("Cannot call beginTransaction before initTransactions");
        }
        txnCall(producer::beginTransaction);
        txnState = TxnState.IN_TRANSACTION;
    }

    /**
     * Adds consumed offsets to the transaction; waits up to {@code max.block.ms}. Group metadata from a
     * {@link RdKafkaConsumer} is passed to librdkafka as is; other group metadata is rebuilt from its group id,
     * generation and member id.
     *
     * @param offsets       the next offset to read per partition
     * @param groupMetadata the consumer's {@code groupMetadata()}
     */
    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                         ConsumerGroupMetadata groupMetadata) throws ProducerFencedException {
        checkOpen();
        requireTransactional();
        Objects.requireNonNull(groupMetadata, "groupMetadata");
        if (offsets.isEmpty()) return;
        var nativeOffsets = Conversions.rdOffsets(offsets);
        var nativeGroup = RdKafkaGroupMetadata.toNative(groupMetadata);
        txnCall(() -> producer.sendOffsetsToTransaction(nativeOffsets, nativeGroup, maxBlock));
    }

    /** Flushes and commits the transaction; waits up to {@code max.block.ms}. */
    @Override
    public void commitTransaction() throws ProducerFencedException {
        checkOpen();
        requireTransactional();
        txnCall(() -> producer.commitTransaction(maxBlock));
        txnState = TxnState.READY;
    }

    /** Aborts the transaction; its records' futures fail with {@code TransactionAbortedException}. */
    @Override
    public void abortTransaction() throws ProducerFencedException {
        checkOpen();
        requireTransactional();
        txnCall(() -> producer.abortTransaction(maxBlock));
        txnState = TxnState.READY;
    }

    private void txnCall(Runnable r) {
        try {
            r.run();
        } catch (io.rdkafka.client.errors.KafkaException e) {
            throw ErrorMapping.toKafka(e);
        }
    }

    // ---- close --------------------------------------------------------------------------------------------

    private void checkOpen() {
        if (closed) throw new IllegalStateException("Cannot perform operation after producer has been closed");
    }

    /** Closes as {@code close(Duration.ofMillis(Long.MAX_VALUE))}: waits for every record to be reported. */
    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    /**
     * Waits up to {@code timeout} for the records sent so far, fails the rest (their futures and callbacks get a
     * {@link KafkaException}), then frees librdkafka's handle and closes interceptors and serializers. Called from
     * a callback it does not wait (as KafkaProducer, which closes with timeout 0 then): the close finishes on a
     * thread of its own after the callback returns. Idempotent.
     *
     * @param timeout how long to wait for outstanding records
     */
    @Override
    public void close(Duration timeout) {
        if (timeout.isNegative()) throw new IllegalArgumentException("The timeout cannot be negative.");
        if (closed) return;
        closed = true;
        if (Boolean.TRUE.equals(IN_CALLBACK.get())) {
            LOG.log(System.Logger.Level.WARNING, "Overriding close timeout " + timeout.toMillis() + " ms to 0 ms in "
                    + "order to prevent useless blocking due to self-join. This means you have incorrectly invoked "
                    + "close with a non-zero timeout from the producer call-back.");
            Thread.ofPlatform().daemon().name("rdkafka-" + clientId + "-close-" + CLOSER_THREADS.incrementAndGet())
                    .start(() -> closeNow(Duration.ZERO));
            return;
        }
        closeNow(timeout);
    }

    private void closeNow(Duration timeout) {
        try {
            producer.close(timeout);
        } finally {
            interceptors.close();
            Utils.closeQuietly(keySerializer, "producer keySerializer");
            Utils.closeQuietly(valueSerializer, "producer valueSerializer");
            Utils.closeQuietly(partitioner, "producer partitioner");
            translation.deleteFiles();
        }
    }

    @Override
    public String toString() {
        return "RdKafkaProducer[" + clientId + "]";
    }
}

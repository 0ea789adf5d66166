package io.rdkafka.client.mock;

import io.rdkafka.client.Callback;
import io.rdkafka.client.ClusterMetadata;
import io.rdkafka.client.ConsumerGroupMetadata;
import io.rdkafka.client.DeliveryHandler;
import io.rdkafka.client.Headers;
import io.rdkafka.client.MutableHeaders;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.PartitionInfo;
import io.rdkafka.client.Partitioner;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.RecordMetadata;
import io.rdkafka.client.Serializer;
import io.rdkafka.client.TimestampType;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.FatalException;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.PartitionerException;
import io.rdkafka.client.errors.PurgedException;
import io.rdkafka.client.errors.SerializationException;
import io.rdkafka.client.errors.TransactionAbortableException;
import io.rdkafka.client.errors.TransactionException;
import io.rdkafka.client.errors.TransactionFatalException;
import io.rdkafka.client.errors.UnknownTopicOrPartitionException;
import io.rdkafka.client.internal.TopicNames;
import io.rdkafka.ffm.RdKafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Producer} for unit tests of application code, without librdkafka or a broker, in the manner of Apache
 * Kafka's {@code MockProducer}: it records every record sent, with its serialized key and value, and completes
 * each send at once ({@code autoComplete}) or when the test says ({@link #completeNext()},
 * {@link #errorNext(RuntimeException)}).
 *
 * <pre>{@code
 * MockProducer<String, String> producer = new MockProducer<>(false, Serdes.stringSerializer(), Serdes.stringSerializer());
 * CompletableFuture<RecordMetadata> f = app.publish(producer);    // the code under test sends
 * producer.errorNext(new TimeoutException(...));                  // and sees its send fail
 * assertEquals("orders", producer.history().get(0).topic());
 * }</pre>
 *
 * <p>Behaviour a test would notice is the real producer's: a topic name Kafka refuses throws
 * {@link io.rdkafka.client.errors.InvalidTopicException}; a serializer's failure throws
 * {@link SerializationException}; after {@link #close()} every call but {@link #name()} and the inspection methods
 * throws {@link IllegalStateException}; after {@link #triggerFatalError} sends throw {@link FatalException};
 * transactional calls on a producer made without {@code transactional} throw {@link IllegalStateException}, and
 * out of order they throw {@link TransactionException}. The real producer runs callbacks on its event thread; this one
 * runs them on the thread that completes the send ({@code send} itself with {@code autoComplete}, else the thread
 * calling {@link #completeNext()}, {@link #errorNext}, {@link #flush} or {@link #close}).
 *
 * <p>Partitions: a record's own partition is used; otherwise the {@link Partitioner} given to the constructor
 * chooses, else a record with a key goes where {@code KafkaProducer} (and the real producer's default
 * partitioner) puts it, murmur2 of the serialized key modulo the partition count, and a record without a key to
 * partition 0. A topic has the partitions given to {@link #addTopic}, or one. Offsets count from 0 per partition,
 * in the order of the sends.
 *
 * <p>Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class MockProducer<K, V> implements Producer<K, V> {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final System.Logger LOG = System.getLogger(MockProducer.class.getName());

    /**
     * A record as the producer sent it: the record, the partition it went to, its offset there, and the key, value
     * and headers as the serializers left them.
     *
     * @param record    the record given to {@code send}
     * @param partition the partition it went to
     * @param offset    its offset in that partition
     * @param key       the serialized key, {@code null} for none
     * @param value     the serialized value, {@code null} for a tombstone
     * @param headers   the headers sent (the serializers may have changed the record's)
     * @param <K>       the key type
     * @param <V>       the value type
     */
    public record SentRecord<K, V>(ProducerRecord<K, V> record, int partition, long offset, byte[] key, byte[] value,
                                   Headers headers) {
        /** {@return the topic and partition the record went to} */
        public TopicPartition topicPartition() {
            return new TopicPartition(record.topic(), partition);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SentRecord<?, ?> s && s.record.equals(record) && s.partition == partition
                    && s.offset == offset && Arrays.equals(s.key, key) && Arrays.equals(s.value, value)
                    && s.headers.equals(headers);
        }

        @Override
        public int hashCode() {
            return Objects.hash(record, partition, offset, Arrays.hashCode(key), Arrays.hashCode(value), headers);
        }

        @Override
        public String toString() {
            return "SentRecord[" + record.topic() + "-" + partition + "@" + offset + ", " + record + "]";
        }
    }

    /** A send not completed yet. */
    private record Pending<K, V>(String topic, int partition, SentRecord<K, V> sent, RecordMetadata metadata,
                                 CompletableFuture<RecordMetadata> future, Callback callback, long context,
                                 DeliveryHandler handler, boolean inTransaction) {
    }

    private final String name = "mock-producer-" + COUNT.incrementAndGet();
    private final boolean autoComplete;
    private final boolean transactional;
    private final Partitioner partitioner;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;

    // all guarded by this
    private final Map<String, Integer> partitionCounts = new HashMap<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private final ArrayDeque<Pending<K, V>> pending = new ArrayDeque<>();
    private final List<SentRecord<K, V>> history = new ArrayList<>();
    private final List<SentRecord<K, V>> uncommitted = new ArrayList<>();
    private final Map<TopicPartition, OffsetAndMetadata> uncommittedOffsets = new LinkedHashMap<>();
    private final List<Map<TopicPartition, OffsetAndMetadata>> transactionOffsets = new ArrayList<>();
    private KafkaException fatal;
    private boolean closed;
    private int flushes;
    private boolean initialized;
    private boolean inTransaction;
    private boolean transactionFailed;
    private int committedTransactions;
    private int abortedTransactions;
    private String saslUsername;

    /**
     * A producer that is not transactional and places records as the class comment says.
     *
     * @param autoComplete    whether each send completes successfully at once; otherwise sends wait for
     *                        {@link #completeNext()}, {@link #errorNext}, {@link #flush} or {@link #close}
     * @param keySerializer   turns keys into bytes
     * @param valueSerializer turns values into bytes
     * @throws NullPointerException when a serializer is {@code null}
     */
    public MockProducer(boolean autoComplete, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(autoComplete, false, null, keySerializer, valueSerializer);
    }

    /**
     * A producer, transactional or not, with a partitioner or not.
     *
     * @param autoComplete    whether each send completes successfully at once
     * @param transactional   whether it acts as a producer with {@code transactional.id} set: transactions
     *                        allowed, and required for every send
     * @param partitioner     chooses the partition of records sent without one; {@code null} for the default
     * @param keySerializer   turns keys into bytes
     * @param valueSerializer turns values into bytes
     * @throws NullPointerException when a serializer is {@code null}
     */
    public MockProducer(boolean autoComplete, boolean transactional, Partitioner partitioner,
                        Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this.autoComplete = autoComplete;
        this.transactional = transactional;
        this.partitioner = partitioner;
        this.keySerializer = Objects.requireNonNull(keySerializer, "key serializer");
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "value serializer");
    }

    // ---- set-up and inspection (any time, also after close) --------------------------------------------------

    /**
     * Gives a topic its partitions: {@link #partitionsFor} and {@link #metadata} then report it, records are
     * placed among its partitions, and a send to a partition beyond them fails as the real producer's does, with
     * {@link UnknownTopicOrPartitionException}.
     *
     * @param topic      the topic
     * @param partitions its partition count
     * @return this producer
     * @throws io.rdkafka.client.errors.InvalidTopicException for a name Kafka does not accept
     * @throws IllegalArgumentException when {@code partitions} is below 1
     */
    public synchronized MockProducer<K, V> addTopic(String topic, int partitions) {
        TopicNames.validate(Objects.requireNonNull(topic, "topic"));
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        partitionCounts.put(topic, partitions);
        return this;
    }

    /**
     * {@return the records sent, in the order of the sends, failed ones included; a transactional producer's
     * records appear once their transaction committed}
     */
    public synchronized List<ProducerRecord<K, V>> history() {
        return history.stream().map(SentRecord::record).toList();
    }

    /** {@return as {@link #history()}, with each record's partition, offset and serialized key and value} */
    public synchronized List<SentRecord<K, V>> sentRecords() {
        return List.copyOf(history);
    }

    /** {@return the records sent in the open transaction, not yet committed or aborted} */
    public synchronized List<ProducerRecord<K, V>> uncommittedRecords() {
        return uncommitted.stream().map(SentRecord::record).toList();
    }

    /** Forgets the {@link #history()}, e.g. between the steps of a test. */
    public synchronized void clear() {
        history.clear();
        transactionOffsets.clear();
    }

    /**
     * Completes the oldest pending send successfully: its future completes with its {@link RecordMetadata}, its
     * callback or handler runs on this thread.
     *
     * @return whether a send was pending
     */
    public boolean completeNext() {
        Pending<K, V> p;
        synchronized (this) {
            p = pending.poll();
        }
        if (p == null) return false;
        succeed(p);
        return true;
    }

    /**
     * Fails the oldest pending send with {@code exception}: its future fails with it, its callback gets it, and a
     * {@link DeliveryHandler} gets it as a {@link KafkaException} (wrapped when it is none). In a transaction the
     * transaction can then only be aborted: {@link #commitTransaction} throws {@link TransactionAbortableException}.
     *
     * @param exception what the send fails with, e.g. a {@link io.rdkafka.client.errors.TimeoutException}
     * @return whether a send was pending
     * @throws NullPointerException when {@code exception} is {@code null}
     */
    public boolean errorNext(RuntimeException exception) {
        Objects.requireNonNull(exception, "exception");
        Pending<K, V> p;
        synchronized (this) {
            p = pending.poll();
            if (p != null && p.inTransaction() && inTransaction) transactionFailed = true;
        }
        if (p == null) return false;
        fail(p, exception);
        return true;
    }

    /**
     * Puts the producer in the state a fatal error leaves the real one in (e.g. an idempotent producer's
     * {@code OUT_OF_ORDER_SEQUENCE_NUMBER}, a transactional producer fenced by a newer one): pending sends fail with
     * {@link FatalException}, and every later send throws it, as do the transactional calls (as
     * {@link TransactionFatalException}). Only {@link #close()} is left to do.
     *
     * @param code   the error's code, one of librdkafka's {@code RD_KAFKA_RESP_ERR_*}, e.g.
     *               {@link RdKafka#RD_KAFKA_RESP_ERR_PRODUCER_FENCED}
     * @param reason what the error says
     * @throws NullPointerException when {@code reason} is {@code null}
     * @throws IllegalStateException after close
     */
    public void triggerFatalError(int code, String reason) {
        Objects.requireNonNull(reason, "reason");
        List<Pending<K, V>> failed;
        KafkaException e;
        synchronized (this) {
            checkOpen();
            if (fatal == null) fatal = new FatalException(KafkaError.of(code, reason).withFlags(true, false, false));
            e = fatal;
            failed = drain();
        }
        for (Pending<K, V> p : failed) fail(p, new FatalException(e.error(), e));
    }

    /** {@return whether {@link #close()} was called} */
    public synchronized boolean closed() {
        return closed;
    }

    /** {@return how many times {@link #flush} was called} */
    public synchronized int flushCount() {
        return flushes;
    }

    /** {@return whether {@link #initTransactions} was called} */
    public synchronized boolean transactionInitialized() {
        return initialized;
    }

    /** {@return whether a transaction is open} */
    public synchronized boolean transactionInFlight() {
        return inTransaction;
    }

    /** {@return how many transactions committed} */
    public synchronized int committedTransactions() {
        return committedTransactions;
    }

    /** {@return how many transactions were aborted} */
    public synchronized int abortedTransactions() {
        return abortedTransactions;
    }

    /** {@return the consumer offsets each committed transaction committed, one map per transaction that sent some} */
    public synchronized List<Map<TopicPartition, OffsetAndMetadata>> transactionOffsets() {
        return List.copyOf(transactionOffsets);
    }

    /** {@return the user name last given to {@link #setSaslCredentials}, or {@code null}} */
    public synchronized String saslUsername() {
        return saslUsername;
    }

    // ---- Producer ----------------------------------------------------------------------------------------------

    /** {@return a name unique in this JVM, {@code mock-producer-<n>}} */
    @Override
    public String name() {
        return name;
    }

    /**
     * Checks the credentials as the real producer does and keeps the user name for {@link #saslUsername()}.
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
        saslUsername = username;
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        send(record, future, callback, 0, null);
        return future;
    }

    @Override
    public void send(ProducerRecord<K, V> record, long context, DeliveryHandler handler) {
        send(record, null, null, context, Objects.requireNonNull(handler, "handler"));
    }

    private void send(ProducerRecord<K, V> record, CompletableFuture<RecordMetadata> future, Callback callback,
                      long context, DeliveryHandler handler) {
        Objects.requireNonNull(record, "record");
        String topic = record.topic();
        TopicNames.validate(topic);
        MutableHeaders headers = new MutableHeaders(record.headers());
        byte[] key = serialize(keySerializer, topic, headers, record.key(), "key");
        byte[] value = serialize(valueSerializer, topic, headers, record.value(), "value");
        Pending<K, V> p;
        KafkaException refused = null;
        synchronized (this) {
            checkOpen();
            if (fatal != null) throw new FatalException(fatal.error(), fatal);
            int count = partitionCounts.getOrDefault(topic, 1);
            int partition;
            if (record.partition() != null) {
                partition = record.partition();
                if (partition >= count) {
                    refused = new UnknownTopicOrPartitionException(KafkaError.of(
                            RdKafka.RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION, "send to " + topic + " [" + partition
                                    + "] failed: the topic has partitions 0.." + (count - 1)));
                }
            } else {
                try {
                    partition = choosePartition(topic, key, count);
                } catch (PartitionerException e) {
                    refused = e;
                    partition = -1;
                }
            }
            if (refused == null && transactional && !inTransaction) {
                refused = new KafkaException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__STATE, "send to " + topic
                        + " failed: a transactional producer sends only within a transaction (beginTransaction)"));
            }
            if (refused != null) {
                p = new Pending<>(topic, partition, null, null, future, callback, context, handler, false);
            } else {
                TopicPartition tp = new TopicPartition(topic, partition);
                long offset = nextOffsets.merge(tp, 1L, Long::sum) - 1;
                SentRecord<K, V> sent = new SentRecord<>(record, partition, offset, key, value, headers.toHeaders());
                RecordMetadata md = new RecordMetadata(topic, partition, offset,
                        record.timestamp() != null ? record.timestamp() : System.currentTimeMillis(),
                        TimestampType.CREATE_TIME, key == null ? -1 : key.length, value == null ? -1 : value.length,
                        RecordMetadata.PersistenceStatus.PERSISTED);
                p = new Pending<>(topic, partition, sent, md, future, callback, context, handler, transactional);
                (transactional ? uncommitted : history).add(sent);
                if (!autoComplete) {
                    pending.add(p);
                    return;
                }
            }
        }
        // a refused record fails its future, not the call, as librdkafka's refusals do in the real producer
        if (refused != null) fail(p, refused);
        else succeed(p);
    }

    /** The partition for a record without one, chosen as the class comment says. */
    private int choosePartition(String topic, byte[] key, int count) {
        if (partitioner == null) return key == null ? 0 : (Murmur2.hash(key) & 0x7fffffff) % count;
        String who = "the partitioner " + partitioner.getClass().getName();
        int p;
        try {
            p = partitioner.partition(topic, key == null ? null : key.clone(), count, partition -> true);
        } catch (RuntimeException e) {
            throw new PartitionerException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION,
                    who + " threw for a record of topic " + topic + ": " + e), e);
        }
        if (p < 0 || p >= count) {
            throw new PartitionerException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION,
                    who + " returned partition " + p + " for topic " + topic + ", which has partitions 0.."
                            + (count - 1)), null);
        }
        return p;
    }

    private static <T> byte[] serialize(Serializer<T> s, String topic, MutableHeaders headers, T data, String what) {
        try {
            return s.serialize(topic, headers, data);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException(KafkaError.of(KafkaError.UNKNOWN_CODE,
                    "could not serialize the " + what + " for topic " + topic + ": " + e), e);
        }
    }

    /** {@return the sends not completed yet} */
    @Override
    public synchronized int pendingCount() {
        return pending.size();
    }

    /**
     * {@return as {@link #pendingCount()}: the mock has no queue of its own}
     *
     * @throws IllegalStateException after close
     */
    @Override
    public synchronized int queueLength() {
        checkOpen();
        return pending.size();
    }

    /**
     * Completes every pending send successfully, as a flush on a healthy cluster does, and counts the flush.
     *
     * @param timeout not used: the mock never waits
     * @throws NullPointerException  when {@code timeout} is {@code null}
     * @throws IllegalStateException after close
     */
    @Override
    public void flush(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        List<Pending<K, V>> done;
        synchronized (this) {
            checkOpen();
            flushes++;
            done = drain();
        }
        done.forEach(this::succeed);
    }

    /**
     * Fails the pending sends with {@link PurgedException} when {@code queued} or {@code inFlight} is set (the mock
     * does not tell queued from in-flight sends).
     *
     * @throws IllegalStateException after close
     */
    @Override
    public void purge(boolean queued, boolean inFlight) {
        List<Pending<K, V>> purged;
        synchronized (this) {
            checkOpen();
            purged = queued || inFlight ? drain() : List.of();
        }
        for (Pending<K, V> p : purged) {
            fail(p, new PurgedException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__PURGE_QUEUE,
                    "send to " + p.topic() + " purged")));
        }
    }

    /**
     * The partitions of a topic given to {@link #addTopic}, each led by broker 1.
     *
     * @throws UnknownTopicOrPartitionException for a topic not added
     * @throws io.rdkafka.client.errors.InvalidTopicException for a name Kafka does not accept
     * @throws IllegalStateException after close
     */
    @Override
    public synchronized List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        TopicNames.validate(Objects.requireNonNull(topic, "topic"));
        checkOpen();
        Integer n = partitionCounts.get(topic);
        if (n == null) {
            throw new UnknownTopicOrPartitionException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
                    "no metadata for topic " + topic + ": the mock producer has no such topic (addTopic)"));
        }
        return partitions(topic, n);
    }

    /**
     * One broker (id 1, {@code localhost:9092}) and the topics given to {@link #addTopic}; an unknown topic asked
     * for is listed among the topic errors, as the real metadata lists it.
     *
     * @throws IllegalStateException after close
     */
    @Override
    public synchronized ClusterMetadata metadata(String topic, Duration timeout) {
        checkOpen();
        Map<String, List<PartitionInfo>> topics = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        if (topic == null) {
            partitionCounts.forEach((t, n) -> topics.put(t, partitions(t, n)));
        } else if (partitionCounts.containsKey(topic)) {
            topics.put(topic, partitions(topic, partitionCounts.get(topic)));
        } else {
            errors.put(topic, "Broker: Unknown topic or partition");
        }
        return new ClusterMetadata("mock", 1, List.of(new ClusterMetadata.Node(1, "localhost", 9092)), topics, errors,
                1, "localhost:9092/1");
    }

    private static List<PartitionInfo> partitions(String topic, int n) {
        List<PartitionInfo> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(new PartitionInfo(topic, i, 1, List.of(1), List.of(1), null));
        return list;
    }

    // ---- transactions ------------------------------------------------------------------------------------------

    /** Checks what every transactional call checks; the caller holds the lock. */
    private void txnCheck(String call) {
        if (!transactional) {
            throw new IllegalStateException(call + " needs a transactional producer: set transactional.id");
        }
        checkOpen();
        if (fatal != null) throw new TransactionFatalException(fatal.error());
    }

    private static TransactionException stateError(String message) {
        return new TransactionException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__STATE, message));
    }

    /**
     * Registers the (imagined) transactional id; calling it again is allowed.
     *
     * @throws IllegalStateException when the producer is not transactional, or after close
     * @throws TransactionFatalException after {@link #triggerFatalError}
     */
    @Override
    public synchronized void initTransactions(Duration timeout) {
        txnCheck("initTransactions");
        initialized = true;
    }

    /**
     * Opens a transaction.
     *
     * @throws TransactionException before {@link #initTransactions} or within a transaction
     */
    @Override
    public synchronized void beginTransaction() {
        txnCheck("beginTransaction");
        if (!initialized) throw stateError("beginTransaction: the transactional producer is not initialized (initTransactions)");
        if (inTransaction) throw stateError("beginTransaction: a transaction is already open");
        inTransaction = true;
        transactionFailed = false;
    }

    /**
     * Adds the offsets to the open transaction: {@link #transactionOffsets()} shows them once it commits.
     *
     * @throws TransactionException outside a transaction
     */
    @Override
    public synchronized void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                                      ConsumerGroupMetadata group, Duration timeout) {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(group, "group metadata");
        txnCheck("sendOffsetsToTransaction");
        if (!inTransaction) throw stateError("sendOffsetsToTransaction: no transaction is open (beginTransaction)");
        for (TopicPartition tp : offsets.keySet()) TopicNames.validate(tp.topic());
        uncommittedOffsets.putAll(offsets);
    }

    /**
     * Completes the transaction's pending sends successfully (as the flush before a commit does), then commits:
     * its records join {@link #history()}, its offsets {@link #transactionOffsets()}.
     *
     * @throws TransactionAbortableException when a send of the transaction failed ({@link #errorNext}): abort it
     * @throws TransactionException outside a transaction
     */
    @Override
    public void commitTransaction(Duration timeout) {
        List<Pending<K, V>> done;
        synchronized (this) {
            txnCheck("commitTransaction");
            if (!inTransaction) throw stateError("commitTransaction: no transaction is open (beginTransaction)");
            if (transactionFailed) {
                throw new TransactionAbortableException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__INCONSISTENT,
                        "commitTransaction: a record of the transaction could not be delivered: abort the transaction")
                        .withFlags(false, false, true));
            }
            done = drain();
            history.addAll(uncommitted);
            uncommitted.clear();
            if (!uncommittedOffsets.isEmpty()) transactionOffsets.add(Map.copyOf(uncommittedOffsets));
            uncommittedOffsets.clear();
            inTransaction = false;
            committedTransactions++;
        }
        done.forEach(this::succeed);
    }

    /**
     * Completes the transaction's pending sends (as the flush before an abort does), then drops its records and
     * offsets.
     *
     * @throws TransactionException outside a transaction
     */
    @Override
    public void abortTransaction(Duration timeout) {
        List<Pending<K, V>> done;
        synchronized (this) {
            txnCheck("abortTransaction");
            if (!inTransaction) throw stateError("abortTransaction: no transaction is open (beginTransaction)");
            done = drain();
            uncommitted.clear();
            uncommittedOffsets.clear();
            inTransaction = false;
            transactionFailed = false;
            abortedTransactions++;
        }
        done.forEach(this::succeed);
    }

    /** As {@link #commitTransaction(Duration)}. */
    @Override
    public void commitTransaction() {
        commitTransaction(Duration.ZERO);
    }

    /** As {@link #abortTransaction(Duration)}. */
    @Override
    public void abortTransaction() {
        abortTransaction(Duration.ZERO);
    }

    /** Closes as {@link #close(Duration)} with a timeout that is not zero: pending sends complete successfully. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /**
     * Completes the pending sends successfully (a flush), or with a zero timeout fails them with
     * {@link PurgedException}, as the real producer does when it has no time to flush; then every call but the
     * inspection methods throws {@link IllegalStateException}. Idempotent.
     *
     * @param timeout zero to purge instead of flushing
     */
    @Override
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        List<Pending<K, V>> left;
        synchronized (this) {
            if (closed) return;
            closed = true;
            left = drain();
        }
        for (Pending<K, V> p : left) {
            if (timeout.isZero()) {
                fail(p, new PurgedException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__PURGE_QUEUE,
                        "send to " + p.topic() + " purged at close")));
            } else {
                succeed(p);
            }
        }
    }

    @Override
    public String toString() {
        return "MockProducer[" + name + "]";
    }

    // ---- completing sends --------------------------------------------------------------------------------------

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the Kafka client " + name + " is closed");
    }

    private List<Pending<K, V>> drain() {
        List<Pending<K, V>> all = new ArrayList<>(pending);
        pending.clear();
        return all;
    }

    private void succeed(Pending<K, V> p) {
        RecordMetadata md = p.metadata();
        if (p.future() != null) p.future().complete(md);
        safely(() -> {
            if (p.handler() != null) {
                p.handler().onDelivery(p.context(), md.topic(), md.partition(), md.offset(), null);
            } else if (p.callback() != null) {
                p.callback().onCompletion(md, null);
            }
        });
    }

    private void fail(Pending<K, V> p, RuntimeException e) {
        if (p.future() != null) p.future().completeExceptionally(e);
        safely(() -> {
            if (p.handler() != null) {
                KafkaException k = e instanceof KafkaException ke ? ke
                        : new KafkaException(KafkaError.of(KafkaError.UNKNOWN_CODE, e.toString()), e);
                p.handler().onDelivery(p.context(), p.topic(), p.partition(), -1, k);
            } else if (p.callback() != null) {
                p.callback().onCompletion(null, e);
            }
        });
    }

    /** A callback's exception is logged, as the real producer's event thread logs it, and does not reach the test. */
    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a delivery callback threw", e);
        }
    }
}

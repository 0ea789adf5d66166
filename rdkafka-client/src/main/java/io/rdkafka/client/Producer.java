package io.rdkafka.client;

import io.rdkafka.client.errors.InvalidTopicException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.PurgedException;
import io.rdkafka.client.errors.SerializationException;
import io.rdkafka.client.errors.TimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A Kafka producer over librdkafka, shaped like Apache Kafka's {@code KafkaProducer}: thread-safe,
 * asynchronous {@link #send}, {@link #flush}, transactions.
 *
 * <p>Threads: {@code send} may be called from any thread; it copies the record into librdkafka's queue
 * and returns. Delivery reports are read in batches by the producer's event thread
 * ({@code rdkafka-<name>-events}), which completes the futures and runs {@link Callback}s and dependent
 * stages: keep those short. {@link #close()} flushes (bounded), then fails whatever is left with
 * {@link PurgedException}: no future is ever left incomplete.
 *
 * <p>Partitions and timestamps, as Apache Kafka's Java client: unless the configuration sets {@code partitioner},
 * the producer uses {@value KafkaConfig#DEFAULT_PARTITIONER}, which puts a record with a key (the empty key
 * included) on the partition {@code KafkaProducer} chooses for the same serialized key; records without a key go
 * to a sticky random partition, not placed as {@code KafkaProducer} places them. {@code partitioner=consistent_random}
 * restores librdkafka's own default. A timestamp of 0 cannot be sent (librdkafka reads it as "now"):
 * {@link ProducerRecord} refuses it. See {@link KafkaConfig} for the details.
 *
 * <p>Ownership: the producer {@link #create} makes owns one librdkafka handle ({@code rd_kafka_new} with
 * {@code RD_KAFKA_PRODUCER}) and its native memory until {@link #close()}; close it (try-with-resources) or the
 * handle and its threads stay alive.
 *
 * <p>Tests: application code that takes a {@code Producer} can be unit-tested with
 * {@link io.rdkafka.client.mock.MockProducer}, which records what is sent and completes or fails each send when the
 * test says, without librdkafka.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Producer<K, V> extends AutoCloseable {

    /**
     * A producer with the given configuration and no listeners. Creates the librdkafka handle
     * ({@code rd_kafka_new}) and starts the event thread; does not wait for the cluster.
     *
     * @param config          the configuration; see {@link KafkaConfig}
     * @param keySerializer   turns keys into bytes
     * @param valueSerializer turns values into bytes
     * @param <K>             the key type
     * @param <V>             the value type
     * @return the producer; close it
     * @throws io.rdkafka.client.errors.ConfigException when librdkafka refuses the configuration
     */
    static <K, V> Producer<K, V> create(KafkaConfig config, Serializer<K> keySerializer,
                                        Serializer<V> valueSerializer) {
        return create(config, keySerializer, valueSerializer, ClientListeners.none());
    }

    /**
     * A producer with the given configuration and listeners (errors, statistics, throttling, OAUTHBEARER
     * tokens), which run on the producer's event thread.
     *
     * @param config          the configuration; see {@link KafkaConfig}
     * @param keySerializer   turns keys into bytes
     * @param valueSerializer turns values into bytes
     * @param listeners       the listeners
     * @param <K>             the key type
     * @param <V>             the value type
     * @return the producer; close it
     * @throws io.rdkafka.client.errors.ConfigException when librdkafka refuses the configuration
     */
    static <K, V> Producer<K, V> create(KafkaConfig config, Serializer<K> keySerializer,
                                        Serializer<V> valueSerializer, ClientListeners listeners) {
        return new LibrdkafkaProducer<>(config, keySerializer, valueSerializer, listeners);
    }

    /** {@return librdkafka's name for this client, e.g. {@code rdkafka#producer-1} ({@code rd_kafka_name})} */
    String name();

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
     * Queues a record for sending; as {@link #send(ProducerRecord, Callback)} without a callback.
     *
     * @param record the record
     * @return a future of where the record was stored
     */
    default CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    /**
     * Queues a record for sending ({@code rd_kafka_produceva}, the record copied into librdkafka's queue) and
     * returns at once, unless librdkafka's local queue is full: then it waits up to
     * {@link KafkaConfig#queueFullTimeout()} for room. The future completes with where the record was stored, or
     * fails with a typed {@link KafkaException} (e.g. {@link io.rdkafka.client.errors.RecordTooLargeException},
     * {@link io.rdkafka.client.errors.TimeoutException} after {@code message.timeout.ms},
     * {@link io.rdkafka.client.errors.QueueFullException} when the local queue stayed full for
     * {@link KafkaConfig#queueFullTimeout()}). Any thread may call it.
     *
     * @param record   the record
     * @param callback called on the event thread when the record was delivered or failed; may be {@code null}
     * @return a future of where the record was stored, completed on the event thread
     * @throws IllegalStateException after close
     * @throws io.rdkafka.client.errors.FatalException after a fatal error
     * @throws SerializationException when a serializer fails
     * @throws InvalidTopicException for a name Kafka does not accept
     */
    CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback);

    /**
     * Queues a record for sending as {@link #send(ProducerRecord, Callback)} does, without a future: the outcome
     * goes to {@code handler} as plain values with {@code context}, so nothing is allocated per record beyond the
     * record itself (one handler can serve every send). For senders of many small records, where a future and a
     * {@link RecordMetadata} per record cost more than the send.
     *
     * @param record  the record
     * @param context any number, handed back to the handler with this record's outcome (e.g. a send time)
     * @param handler called once with the outcome, on the event thread (on this thread, before this method
     *                returns, when librdkafka refused the record)
     * @throws IllegalStateException after close
     * @throws io.rdkafka.client.errors.FatalException after a fatal error
     * @throws SerializationException when a serializer fails
     * @throws InvalidTopicException for a name Kafka does not accept
     */
    void send(ProducerRecord<K, V> record, long context, DeliveryHandler handler);

    /** {@return how many records are queued or in flight, not yet reported} */
    int pendingCount();

    /** {@return what {@code rd_kafka_outq_len} counts: messages, requests and events librdkafka still has queued} */
    int queueLength();

    /**
     * Waits until every record sent before this call has been reported (callbacks and handlers returned, futures
     * completed), calling {@code rd_kafka_flush}, which also makes librdkafka send batches at once instead of
     * lingering. Blocks the calling thread; any thread may call it. A virtual thread waits in Java instead, its
     * carrier free: {@code rd_kafka_flush} with timeout 0, which does not cut {@code linger.ms} short, then a wait
     * for the delivery reports (docs/consumer.md, "Virtual threads"). The transaction calls still wait inside
     * librdkafka.
     *
     * @param timeout how long to wait at most
     * @throws TimeoutException when records are still pending after {@code timeout}
     */
    void flush(Duration timeout);

    /** Flushes with no time limit, as Kafka's {@code flush()}. */
    default void flush() {
        flush(Duration.ofMillis(Integer.MAX_VALUE));
    }

    /**
     * Drops records ({@code rd_kafka_purge}, non-blocking); their futures fail with {@link PurgedException}.
     * Does not wait for in-flight requests to finish.
     *
     * @param queued   drop the records still in librdkafka's queues
     * @param inFlight drop the records in requests sent but not answered (their outcome is then unknown)
     */
    void purge(boolean queued, boolean inFlight);

    /**
     * The partitions of a topic, from a metadata request ({@code rd_kafka_metadata}). Blocks up to
     * {@code timeout}.
     *
     * @param topic   the topic
     * @param timeout how long to wait at most
     * @return the partitions
     * @throws io.rdkafka.client.errors.UnknownTopicOrPartitionException when the cluster has no such topic
     */
    List<PartitionInfo> partitionsFor(String topic, Duration timeout);

    /**
     * Cluster metadata for one topic, or all topics ({@code rd_kafka_metadata}). Blocks up to {@code timeout}.
     *
     * @param topic   the topic, or {@code null} for all topics
     * @param timeout how long to wait at most
     * @return the metadata
     */
    ClusterMetadata metadata(String topic, Duration timeout);

    /**
     * Registers the transactional id with the cluster ({@code rd_kafka_init_transactions}), fencing an older
     * producer with the same id and aborting what it left open; call once before the first transaction. Blocks
     * up to {@code timeout} inside librdkafka, also on a virtual thread (its carrier stays held).
     *
     * @param timeout how long to wait at most
     * @throws IllegalStateException when {@code transactional.id} is not set
     * @throws io.rdkafka.client.errors.TransactionException (typed by librdkafka's flags) when it fails
     */
    void initTransactions(Duration timeout);

    /**
     * Starts a transaction ({@code rd_kafka_begin_transaction}); does not block.
     *
     * @throws IllegalStateException when {@code transactional.id} is not set
     * @throws io.rdkafka.client.errors.TransactionException e.g. before {@link #initTransactions} or within a
     *         transaction
     */
    void beginTransaction();

    /**
     * Adds the consumer's offsets to the transaction ({@code rd_kafka_send_offsets_to_transaction}): they are
     * committed for the group only if the transaction commits. Blocks up to {@code timeout} inside librdkafka, also
     * on a virtual thread (its carrier stays held).
     *
     * @param offsets the next offset to read per partition (the last processed record's offset + 1)
     * @param group   the consuming member's {@link Consumer#groupMetadata()}, which lets the coordinator fence
     *                zombie members
     * @param timeout how long to wait at most
     * @throws io.rdkafka.client.errors.TransactionException (typed by librdkafka's flags) when it fails; an
     *         abortable one requires {@link #abortTransaction}
     */
    void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group,
                                  Duration timeout);

    /**
     * Flushes and commits the transaction ({@code rd_kafka_commit_transaction}). Blocks up to {@code timeout}
     * inside librdkafka, also on a virtual thread (its carrier stays held).
     *
     * @param timeout how long to wait at most
     * @throws io.rdkafka.client.errors.TransactionException (typed by librdkafka's flags) when it fails, e.g.
     *         abortable when a record of the transaction could not be delivered
     */
    void commitTransaction(Duration timeout);

    /**
     * Aborts the transaction ({@code rd_kafka_abort_transaction}). Records of the transaction still queued are
     * flushed first (bounded by the timeout): aborting while they are unsent has been seen to fail fatally with
     * librdkafka 2.0.2. Blocks up to {@code timeout} inside librdkafka, also on a virtual thread (its carrier
     * stays held).
     *
     * @param timeout how long to wait at most
     * @throws io.rdkafka.client.errors.TransactionException (typed by librdkafka's flags) when it fails
     */
    void abortTransaction(Duration timeout);

    /**
     * Flushes and commits the transaction as {@link #commitTransaction(Duration)} does, waiting at most what is left
     * of the transaction's {@code transaction.timeout.ms} (librdkafka's timeout {@code -1}), like Kafka's
     * {@code commitTransaction()}.
     *
     * @throws io.rdkafka.client.errors.TransactionException (typed by librdkafka's flags) when it fails
     */
    void commitTransaction();

    /**
     * Aborts the transaction as {@link #abortTransaction(Duration)} does, the abort waiting at most what is left of
     * the transaction's {@code transaction.timeout.ms} (librdkafka's timeout {@code -1}) and the flush before it at
     * most {@code transaction.timeout.ms}, like Kafka's {@code abortTransaction()}.
     *
     * @throws io.rdkafka.client.errors.TransactionException (typed by librdkafka's flags) when it fails
     */
    void abortTransaction();

    /**
     * Closes as {@link #close(Duration)} does, waiting up to the configuration's {@link KafkaConfig#closeTimeout()}.
     */
    @Override
    void close();

    /**
     * Flushes for at most {@code timeout}, fails what is still pending with {@link PurgedException},
     * and frees the native handle ({@code rd_kafka_destroy}). Idempotent; safe while other threads send (they get
     * {@link IllegalStateException}). Blocks the calling thread. Avoid calling it from a callback: on the event
     * thread no delivery report can be served while it waits, so it waits out the timeout.
     *
     * @param timeout how long to wait for outstanding records
     */
    void close(Duration timeout);
}

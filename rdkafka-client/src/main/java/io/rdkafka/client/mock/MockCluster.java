package io.rdkafka.client.mock;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.NativeClient;
import io.rdkafka.client.internal.Timeouts;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaMock;
import io.rdkafka.ffm.Varargs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * librdkafka's built-in mock Kafka cluster ({@code rdkafka_mock.h}) for fast tests without a broker: N
 * in-process brokers on localhost that clients reach through {@link #bootstrapServers()}, with knobs to inject
 * request errors, latency, broker outages and leader changes.
 *
 * <pre>{@code
 * try (MockCluster mock = MockCluster.start(3)) {
 *     mock.createTopic("orders", 4, 3);
 *     mock.pushRequestErrors(MockCluster.ApiKey.PRODUCE, RdKafka.RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION);
 *     try (var p = Producer.create(mock.clientConfig().build(), ...)) { ... }
 * }
 * }</pre>
 *
 * <p>The mock implements the protocol subset librdkafka's own tests need (produce, fetch, offsets, metadata,
 * groups, transactions); admin requests such as CreateTopics are not among them, so create topics with
 * {@link #createTopic} (or let producers auto-create them with the mock's defaults). Brokers are numbered
 * 1..N. Thread-safe; {@link #close()} destroys the cluster, then the private client handle that owns it.
 */
public final class MockCluster implements AutoCloseable {

    /** Kafka protocol API keys, for {@link #pushRequestErrors}. */
    public enum ApiKey {
        /** Produce (API key 0). */
        PRODUCE(0),
        /** Fetch (API key 1). */
        FETCH(1),
        /** ListOffsets (API key 2). */
        LIST_OFFSETS(2),
        /** Metadata (API key 3). */
        METADATA(3),
        /** OffsetCommit (API key 8). */
        OFFSET_COMMIT(8),
        /** OffsetFetch (API key 9). */
        OFFSET_FETCH(9),
        /** FindCoordinator (API key 10). */
        FIND_COORDINATOR(10),
        /** JoinGroup (API key 11). */
        JOIN_GROUP(11),
        /** Heartbeat (API key 12). */
        HEARTBEAT(12),
        /** LeaveGroup (API key 13). */
        LEAVE_GROUP(13),
        /** SyncGroup (API key 14). */
        SYNC_GROUP(14),
        /** DescribeGroups (API key 15). */
        DESCRIBE_GROUPS(15),
        /** ListGroups (API key 16). */
        LIST_GROUPS(16),
        /** SaslHandshake (API key 17). */
        SASL_HANDSHAKE(17),
        /** ApiVersions (API key 18). */
        API_VERSIONS(18),
        /** CreateTopics (API key 19). */
        CREATE_TOPICS(19),
        /** DeleteTopics (API key 20). */
        DELETE_TOPICS(20),
        /** DeleteRecords (API key 21). */
        DELETE_RECORDS(21),
        /** InitProducerId (API key 22). */
        INIT_PRODUCER_ID(22),
        /** OffsetForLeaderEpoch (API key 23). */
        OFFSET_FOR_LEADER_EPOCH(23),
        /** AddPartitionsToTxn (API key 24). */
        ADD_PARTITIONS_TO_TXN(24),
        /** AddOffsetsToTxn (API key 25). */
        ADD_OFFSETS_TO_TXN(25),
        /** EndTxn (API key 26). */
        END_TXN(26),
        /** TxnOffsetCommit (API key 28). */
        TXN_OFFSET_COMMIT(28),
        /** DescribeConfigs (API key 32). */
        DESCRIBE_CONFIGS(32),
        /** AlterConfigs (API key 33). */
        ALTER_CONFIGS(33),
        /** CreatePartitions (API key 37). */
        CREATE_PARTITIONS(37),
        /** DeleteGroups (API key 42). */
        DELETE_GROUPS(42),
        /** ConsumerGroupHeartbeat (API key 68). */
        CONSUMER_GROUP_HEARTBEAT(68);

        private final short code;

        ApiKey(int code) {
            this.code = (short) code;
        }

        /** {@return the Kafka protocol API key} */
        public short code() {
            return code;
        }
    }

    private final NativeClient owner;
    private final MemorySegment mcluster;
    private final String bootstrapServers;
    private final int brokerCount;

    private MockCluster(int brokers) {
        if (brokers < 1) throw new IllegalArgumentException("a mock cluster needs at least one broker, got " + brokers);
        // rd_kafka_mock_cluster_new needs a client handle: a private producer handle that talks to nothing
        this.owner = NativeClient.open(RdKafka.RD_KAFKA_PRODUCER, KafkaConfig.builder().build(),
                // log_level 4: no "no bootstrap.servers" notice for this handle, which talks to no cluster
                Map.of("client.id", "rdkafka-mock-cluster", "log_level", "4"), 0, ClientListeners.none());
        owner.start((type, ev) -> type == RdKafka.RD_KAFKA_EVENT_ERROR);
        MemorySegment mc;
        try (NativeClient.Lease call = owner.lease()) {
            mc = RdKafkaMock.rd_kafka_mock_cluster_new(call.rk(), brokers);
        }
        if (mc.equals(MemorySegment.NULL)) {
            owner.destroy(Duration.ofSeconds(5), 0, null);
            throw new IllegalStateException("librdkafka could not create a mock cluster of " + brokers + " brokers");
        }
        this.mcluster = mc;
        this.brokerCount = brokers;
        this.bootstrapServers = CStrings.toJava(RdKafkaMock.rd_kafka_mock_cluster_bootstraps(mc));
    }

    /**
     * Starts a mock cluster of {@code brokers} brokers (ids 1..brokers).
     *
     * @param brokers how many brokers
     * @return the running cluster; close it to stop it
     */
    public static MockCluster start(int brokers) {
        return new MockCluster(brokers);
    }

    /** {@return {@code host:port,...} of the mock brokers, for {@code bootstrap.servers}} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@return how many brokers the cluster has} */
    public int brokerCount() {
        return brokerCount;
    }

    /** {@return a client configuration builder with {@code bootstrap.servers} set to this cluster} */
    public KafkaConfig.Builder clientConfig() {
        return KafkaConfig.builder().bootstrapServers(bootstrapServers);
    }

    @FunctionalInterface
    private interface MockCall {
        int call(MemorySegment mcluster, Arena arena);
    }

    /** Runs a mock function returning {@code rd_kafka_resp_err_t}; an error becomes the typed exception. */
    private void call(String what, MockCall c) {
        try (var _ = owner.lease(); Arena a = Arena.ofConfined()) {
            int err = c.call(mcluster, a);
            if (err != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) {
                throw Errors.exception(err, "mock cluster: " + what + " failed: " + KafkaError.describe(err));
            }
        }
    }

    /**
     * Creates a topic ({@code rd_kafka_mock_topic_create}).
     *
     * @param name              the topic
     * @param partitions        its partition count
     * @param replicationFactor its replication factor, at most the broker count
     */
    public void createTopic(String name, int partitions, int replicationFactor) {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1");
        if (replicationFactor < 1 || replicationFactor > brokerCount) {
            throw new IllegalArgumentException("replicationFactor must be 1.." + brokerCount + ", got " + replicationFactor);
        }
        call("createTopic " + name, (mc, a) -> RdKafkaMock.rd_kafka_mock_topic_create(mc, a.allocateFrom(name), partitions,
                replicationFactor));
    }

    /**
     * Makes the topic's metadata report an error. With librdkafka 2.8.0, a client that then asks for this topic's
     * metadata alone (a producer sending to it, {@code partitionsFor}) crashes the process in librdkafka's main
     * thread; a request for all topics does not. 2.0.2 and 2.14 are not affected.
     *
     * @param topic     the topic
     * @param errorCode an {@code RD_KAFKA_RESP_ERR_*} code; 0 clears it
     */
    public void setTopicError(String topic, int errorCode) {
        call("setTopicError " + topic, (mc, a) -> {
            RdKafkaMock.rd_kafka_mock_topic_set_error(mc, a.allocateFrom(topic), errorCode);
            return 0;
        });
    }

    /**
     * Disconnects a broker and refuses new connections; leadership does not move.
     *
     * @param brokerId the broker
     */
    public void brokerDown(int brokerId) {
        call("brokerDown " + brokerId, (mc, a) -> RdKafkaMock.rd_kafka_mock_broker_set_down(mc, brokerId));
    }

    /**
     * Lets a broker accept connections again.
     *
     * @param brokerId the broker
     */
    public void brokerUp(int brokerId) {
        call("brokerUp " + brokerId, (mc, a) -> RdKafkaMock.rd_kafka_mock_broker_set_up(mc, brokerId));
    }

    /**
     * Delays every response of a broker.
     *
     * @param brokerId the broker
     * @param rtt      the delay; zero for none
     */
    public void setRtt(int brokerId, Duration rtt) {
        int ms = Timeouts.millis(rtt);
        call("setRtt " + brokerId, (mc, a) -> RdKafkaMock.rd_kafka_mock_broker_set_rtt(mc, brokerId, ms));
    }

    /**
     * Sets the rack a broker reports in metadata.
     *
     * @param brokerId the broker
     * @param rack     the rack, or {@code null} for none
     */
    public void setBrokerRack(int brokerId, String rack) {
        call("setBrokerRack " + brokerId, (mc, a) -> RdKafkaMock.rd_kafka_mock_broker_set_rack(mc, brokerId,
                CStrings.toC(a, rack)));
    }

    /**
     * Makes the next requests of {@code apiKey}, to any broker, fail with {@code errorCodes} in order (one
     * error per request).
     *
     * @param apiKey     the request type
     * @param errorCodes {@code RD_KAFKA_RESP_ERR_*} codes, 0 for success
     */
    public void pushRequestErrors(ApiKey apiKey, int... errorCodes) {
        pushRequestErrors(apiKey.code(), errorCodes);
    }

    /**
     * As {@link #pushRequestErrors(ApiKey, int...)}, with a numeric API key.
     *
     * @param apiKey     the Kafka protocol API key
     * @param errorCodes {@code RD_KAFKA_RESP_ERR_*} codes, 0 for success
     */
    public void pushRequestErrors(int apiKey, int... errorCodes) {
        if (errorCodes.length == 0) return;
        Varargs errs = Varargs.create();
        for (int e : errorCodes) errs.i32(e);
        call("pushRequestErrors " + apiKey, (mc, a) -> {
            RdKafkaMock.rd_kafka_mock_push_request_errors(mc, (short) apiKey, errorCodes.length, errs);
            return 0;
        });
    }

    /**
     * Makes the next {@code apiKey} requests to one broker fail with {@code errorCodes}, each answered after
     * {@code rtt}.
     *
     * @param brokerId   the broker
     * @param apiKey     the request type
     * @param rtt        how long each answer is delayed
     * @param errorCodes {@code RD_KAFKA_RESP_ERR_*} codes, 0 for success
     */
    public void pushBrokerRequestErrors(int brokerId, ApiKey apiKey, Duration rtt, int... errorCodes) {
        if (errorCodes.length == 0) return;
        int ms = Timeouts.millis(rtt);
        Varargs args = Varargs.create();
        for (int e : errorCodes) args.i32(e).i32(ms);
        call("pushBrokerRequestErrors " + brokerId, (mc, a) -> RdKafkaMock.rd_kafka_mock_broker_push_request_error_rtts(mc,
                brokerId, apiKey.code(), errorCodes.length, args));
    }

    /**
     * How many of the errors pushed with {@link #pushBrokerRequestErrors} for a broker and request type no
     * request has consumed yet.
     *
     * @param brokerId the broker
     * @param apiKey   the request type
     * @return the count
     */
    public int pendingBrokerRequestErrors(int brokerId, ApiKey apiKey) {
        long[] n = new long[1];
        call("pendingBrokerRequestErrors " + brokerId, (mc, a) -> {
            MemorySegment cnt = Pointers.outLong(a);
            int err = RdKafkaMock.rd_kafka_mock_broker_error_stack_cnt(mc, brokerId, apiKey.code(), cnt);
            n[0] = Pointers.longValue(cnt);
            return err;
        });
        return (int) n[0];
    }

    /**
     * Drops the errors pushed for {@code apiKey} that requests have not consumed yet.
     *
     * @param apiKey the request type
     */
    public void clearRequestErrors(ApiKey apiKey) {
        call("clearRequestErrors " + apiKey, (mc, a) -> {
            RdKafkaMock.rd_kafka_mock_clear_request_errors(mc, apiKey.code());
            return 0;
        });
    }

    /**
     * Moves the leadership of a partition.
     *
     * @param topic     the topic
     * @param partition the partition
     * @param brokerId  the new leader; -1 for no leader
     */
    public void setPartitionLeader(String topic, int partition, int brokerId) {
        call("setPartitionLeader " + topic + "-" + partition, (mc, a) ->
                RdKafkaMock.rd_kafka_mock_partition_set_leader(mc, a.allocateFrom(topic), partition, brokerId));
    }

    /**
     * Sets the replica consumers are told to fetch from (KIP-392 follower fetching).
     *
     * @param topic     the topic
     * @param partition the partition
     * @param brokerId  the follower
     */
    public void setPartitionFollower(String topic, int partition, int brokerId) {
        call("setPartitionFollower " + topic + "-" + partition, (mc, a) ->
                RdKafkaMock.rd_kafka_mock_partition_set_follower(mc, a.allocateFrom(topic), partition, brokerId));
    }

    /**
     * Sets the follower's low and high watermarks.
     *
     * @param topic     the topic
     * @param partition the partition
     * @param low       the low watermark; -1 (with {@code high} -1) to track the leader's again
     * @param high      the high watermark; -1 (with {@code low} -1) to track the leader's again
     */
    public void setPartitionFollowerWatermarks(String topic, int partition, long low, long high) {
        call("setPartitionFollowerWatermarks " + topic + "-" + partition, (mc, a) ->
                RdKafkaMock.rd_kafka_mock_partition_set_follower_wmarks(mc, a.allocateFrom(topic), partition, low, high));
    }

    /**
     * Makes a broker the coordinator of a group or transactional id.
     *
     * @param keyType  "group" or "transaction"
     * @param key      the group id or transactional id
     * @param brokerId the coordinator
     */
    public void setCoordinator(String keyType, String key, int brokerId) {
        call("setCoordinator " + keyType + " " + key, (mc, a) -> RdKafkaMock.rd_kafka_mock_coordinator_set(mc,
                a.allocateFrom(keyType), a.allocateFrom(key), brokerId));
    }

    /**
     * Limits the versions of a request type the mock brokers advertise.
     *
     * @param apiKey     the request type
     * @param minVersion the lowest version; -1 (with {@code maxVersion} -1) for unsupported
     * @param maxVersion the highest version
     */
    public void setApiVersion(ApiKey apiKey, int minVersion, int maxVersion) {
        call("setApiVersion " + apiKey, (mc, a) -> RdKafkaMock.rd_kafka_mock_set_apiversion(mc, apiKey.code(),
                (short) minVersion, (short) maxVersion));
    }

    /** Destroys the mock cluster (its brokers close their connections), then the handle owning it. Idempotent. */
    @Override
    public void close() {
        if (!owner.beginClose()) return;
        owner.destroy(Duration.ofSeconds(10), 0, () -> RdKafkaMock.rd_kafka_mock_cluster_destroy(mcluster));
    }

    @Override
    public String toString() {
        return "MockCluster[" + brokerCount + " brokers, " + bootstrapServers + (owner.isClosed() ? ", closed]" : "]");
    }
}

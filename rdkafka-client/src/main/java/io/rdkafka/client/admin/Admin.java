package io.rdkafka.client.admin;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.ffm.RdKafkaLibrary;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Kafka's admin operations over librdkafka's Admin API: topics, configurations, records, consumer groups,
 * ACLs, the cluster, offsets, SCRAM users and leader elections.
 *
 * <p>Every operation is asynchronous and returns a {@link CompletableFuture}. The future fails with a typed
 * {@link KafkaException} when the request as a whole failed (e.g. {@link io.rdkafka.client.errors.TimeoutException}
 * when no broker answered within the request timeout); otherwise it completes with the result, which for
 * operations on several items is an {@link ItemResults} holding each item's value or typed error (e.g.
 * {@link io.rdkafka.client.errors.TopicExistsException} for one topic of a {@link #createTopics}). Invalid
 * arguments throw {@link IllegalArgumentException} at once.
 *
 * <p>Library versions: operations the loaded librdkafka lacks throw {@link UnsupportedOperationException}
 * naming the release that added them (see {@link Feature}); {@link #describeTopics}, {@link #describeCluster}
 * and {@link #listOffsets} fall back to metadata and offset queries before 2.3.0.
 *
 * <p>Threads: results are read on the client's event thread ({@code rdkafka-<name>-events}), which then
 * completes the futures, so non-async dependent stages run there: keep them short and never block in them
 * on another admin future (use {@code thenCompose} or the {@code *Async} variants). Fallback operations run
 * on a thread of their own ({@code rdkafka-<name>-admin}).
 *
 * <p>{@link #close()} waits (bounded) for operations in flight, then fails the rest; afterwards every
 * method throws {@link IllegalStateException}.
 *
 * <p>Tests: this interface is the seam for application code's unit tests. The binding ships no in-memory double of
 * it (as it does {@link io.rdkafka.client.mock.MockProducer} and {@link io.rdkafka.client.mock.MockConsumer}): a
 * test implements the few operations its code calls, or runs the real client against a broker (librdkafka's
 * {@link io.rdkafka.client.mock.MockCluster} answers few admin requests).
 */
public interface Admin extends AutoCloseable {

    /** Admin capabilities that depend on the loaded librdkafka. */
    enum Feature {
        /** Native DescribeTopics (topic ids, authorized operations); before it, described from metadata. */
        DESCRIBE_TOPICS("rd_kafka_DescribeTopics"),
        /** Native DescribeCluster (racks, authorized operations); before it, described from metadata. */
        DESCRIBE_CLUSTER("rd_kafka_DescribeCluster"),
        /** Native ListOffsets (max timestamp, isolation level, timestamps); before it, watermark queries. */
        LIST_OFFSETS("rd_kafka_ListOffsets"),
        /** {@link #incrementalAlterConfigs}. */
        INCREMENTAL_ALTER_CONFIGS("rd_kafka_IncrementalAlterConfigs"),
        /** {@link #describeUserScramCredentials} and {@link #alterUserScramCredentials}. */
        USER_SCRAM_CREDENTIALS("rd_kafka_DescribeUserScramCredentials"),
        /** {@link #electLeaders}. */
        ELECT_LEADERS("rd_kafka_ElectLeaders"),
        /** {@link AdminOptions#withIncludeAuthorizedOperations}. */
        AUTHORIZED_OPERATIONS("rd_kafka_AdminOptions_set_include_authorized_operations");

        private final String symbol;

        Feature(String symbol) {
            this.symbol = symbol;
        }

        /** {@return whether the loaded librdkafka has it} */
        public boolean isAvailable() {
            return RdKafkaLibrary.hasSymbol(symbol);
        }

        /** {@return the first librdkafka release that has it, e.g. {@code 2.3.0}} */
        public String sinceVersion() {
            String v = RdKafkaLibrary.sinceVersion(symbol);
            return v == null ? io.rdkafka.ffm.RdKafkaSymbols.MINIMUM : v;
        }

        UnsupportedOperationException unsupported(String what) {
            return new UnsupportedOperationException(what + " needs librdkafka " + sinceVersion()
                    + " or newer; the loaded librdkafka is " + RdKafkaLibrary.versionString());
        }

        void require(String what) {
            if (!isAvailable()) throw unsupported(what);
        }
    }

    /**
     * An admin client for the cluster {@code bootstrap.servers} names. Creates a librdkafka producer handle
     * ({@code rd_kafka_new}) and its event thread; does not contact the cluster yet.
     *
     * @param config the configuration; see {@link KafkaConfig}
     * @return the admin client; close it
     */
    static Admin create(KafkaConfig config) {
        return new LibrdkafkaAdmin(config, ClientListeners.none());
    }

    /**
     * An admin client with listeners (errors, statistics, throttling, OAUTHBEARER tokens). Creates a librdkafka
     * producer handle ({@code rd_kafka_new}) and its event thread.
     *
     * @param config    the configuration; see {@link KafkaConfig}
     * @param listeners the listeners
     * @return the admin client; close it
     */
    static Admin create(KafkaConfig config, ClientListeners listeners) {
        return new LibrdkafkaAdmin(config, listeners);
    }

    /** {@return librdkafka's name for this client, e.g. {@code rdkafka#producer-3}} */
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

    // ---- topics -------------------------------------------------------------------------------------

    /**
     * As {@link #createTopics(Collection, AdminOptions)}, with default options.
     *
     * @param topics the topics to create
     * @return a future of the outcome per item: success or its typed error
     */
    default CompletableFuture<ItemResults<String, Void>> createTopics(Collection<NewTopic> topics) {
        return createTopics(topics, AdminOptions.DEFAULTS);
    }

    /**
     * Creates topics. Per topic: e.g. {@link io.rdkafka.client.errors.TopicExistsException},
     * {@link io.rdkafka.client.errors.InvalidReplicationFactorException},
     * {@link io.rdkafka.client.errors.InvalidConfigurationException}. With
     * {@link AdminOptions#withValidateOnly} the broker only checks the request.
     *
     * @param topics  the topics to create
     * @param options timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: success or its typed error
     */
    CompletableFuture<ItemResults<String, Void>> createTopics(Collection<NewTopic> topics, AdminOptions options);

    /**
     * As {@link #deleteTopics(Collection, AdminOptions)}, with default options.
     *
     * @param topics the topics to delete
     * @return a future of the outcome per item: success or its typed error
     */
    default CompletableFuture<ItemResults<String, Void>> deleteTopics(Collection<String> topics) {
        return deleteTopics(topics, AdminOptions.DEFAULTS);
    }

    /**
     * Deletes topics; per topic e.g. {@link io.rdkafka.client.errors.UnknownTopicOrPartitionException}.
     *
     * @param topics  the topics to delete
     * @param options timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: success or its typed error
     */
    CompletableFuture<ItemResults<String, Void>> deleteTopics(Collection<String> topics, AdminOptions options);

    /**
     * As {@link #createPartitions(Map, AdminOptions)}, with default options.
     *
     * @param partitions the new partition count (and placement of the new partitions) per topic
     * @return a future of the outcome per item: success or its typed error
     */
    default CompletableFuture<ItemResults<String, Void>> createPartitions(Map<String, NewPartitions> partitions) {
        return createPartitions(partitions, AdminOptions.DEFAULTS);
    }

    /**
     * Adds partitions to topics; per topic e.g. {@link io.rdkafka.client.errors.InvalidPartitionsException}
     * when the new count is not larger.
     *
     * @param partitions the new partition count (and placement of the new partitions) per topic
     * @param options    timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: success or its typed error
     */
    CompletableFuture<ItemResults<String, Void>> createPartitions(Map<String, NewPartitions> partitions,
                                                                        AdminOptions options);

    /**
     * As {@link #describeTopics(Collection, AdminOptions)}, with default options.
     *
     * @param topics the topics to describe
     * @return a future of the outcome per item: its value or its typed error
     */
    default CompletableFuture<ItemResults<String, TopicDescription>> describeTopics(Collection<String> topics) {
        return describeTopics(topics, AdminOptions.DEFAULTS);
    }

    /**
     * Describes topics: partitions with leader, replicas and ISR. Per topic e.g.
     * {@link io.rdkafka.client.errors.UnknownTopicOrPartitionException}. Before librdkafka 2.3.0 the
     * description comes from a metadata request per topic (no topic id; {@code internal} by name).
     *
     * @param topics  the topics to describe
     * @param options timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: its value or its typed error
     */
    CompletableFuture<ItemResults<String, TopicDescription>> describeTopics(Collection<String> topics,
                                                                                  AdminOptions options);

    /**
     * As {@link #listTopics(boolean, AdminOptions)} without internal topics, with default options.
     *
     * @return a future of the topics
     */
    default CompletableFuture<List<TopicListing>> listTopics() {
        return listTopics(false, AdminOptions.DEFAULTS);
    }

    /**
     * Lists the cluster's topics, by name, from a metadata request; internal topics only if asked for.
     *
     * @param includeInternal whether to list internal topics (e.g. {@code __consumer_offsets}) too
     * @param options         timeouts and flags; see {@link AdminOptions}
     * @return a future of the topics
     */
    CompletableFuture<List<TopicListing>> listTopics(boolean includeInternal, AdminOptions options);

    // ---- configurations -----------------------------------------------------------------------------

    /**
     * As {@link #describeConfigs(Collection, AdminOptions)}, with default options.
     *
     * @param resources the resources
     * @return a future of the outcome per item: its value or its typed error
     */
    default CompletableFuture<ItemResults<ConfigResource, Config>> describeConfigs(Collection<ConfigResource> resources) {
        return describeConfigs(resources, AdminOptions.DEFAULTS);
    }

    /**
     * Describes every configuration of each resource, with source, flags and synonyms.
     *
     * @param resources the resources
     * @param options   timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: its value or its typed error
     */
    CompletableFuture<ItemResults<ConfigResource, Config>> describeConfigs(Collection<ConfigResource> resources,
                                                                                AdminOptions options);

    /**
     * As {@link #alterConfigs(Map, AdminOptions)}, with default options.
     *
     * @param configs per resource, the complete set of its dynamic configurations (the others revert to their defaults)
     * @return a future of the outcome per item: success or its typed error
     */
    default CompletableFuture<ItemResults<ConfigResource, Void>> alterConfigs(Map<ConfigResource, Map<String, String>> configs) {
        return alterConfigs(configs, AdminOptions.DEFAULTS);
    }

    /**
     * Replaces the dynamic configurations of each resource with {@code configs}: dynamic values not named
     * here revert to their defaults (Kafka's non-incremental AlterConfigs). Prefer
     * {@link #incrementalAlterConfigs} where available.
     *
     * @param configs per resource, the complete set of its dynamic configurations (the others revert to their defaults)
     * @param options timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: success or its typed error
     */
    CompletableFuture<ItemResults<ConfigResource, Void>> alterConfigs(Map<ConfigResource, Map<String, String>> configs,
                                                                            AdminOptions options);

    /**
     * As {@link #incrementalAlterConfigs(Map, AdminOptions)}, with default options.
     *
     * @param changes the changes per resource
     * @return a future of the outcome per item: success or its typed error
     */
    default CompletableFuture<ItemResults<ConfigResource, Void>> incrementalAlterConfigs(
            Map<ConfigResource, ? extends Collection<AlterConfigOp>> changes) {
        return incrementalAlterConfigs(changes, AdminOptions.DEFAULTS);
    }

    /**
     * Changes single configurations of each resource, leaving the others as they are.
     *
     * @param changes the changes per resource
     * @param options timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: success or its typed error
     * @throws UnsupportedOperationException before librdkafka 2.2.0
     */
    CompletableFuture<ItemResults<ConfigResource, Void>> incrementalAlterConfigs(
            Map<ConfigResource, ? extends Collection<AlterConfigOp>> changes, AdminOptions options);

    // ---- records ------------------------------------------------------------------------------------

    /**
     * As {@link #deleteRecords(Map, AdminOptions)}, with default options.
     *
     * @param beforeOffsets per partition, the offset before which records are deleted
     * @return a future of the outcome per item: its value or its typed error
     */
    default CompletableFuture<ItemResults<TopicPartition, Long>> deleteRecords(Map<TopicPartition, Long> beforeOffsets) {
        return deleteRecords(beforeOffsets, AdminOptions.DEFAULTS);
    }

    /**
     * Deletes the records of each partition before the given offset ({@code -1}: all records, up to the
     * high watermark). The value per partition is its new low watermark (first remaining offset).
     *
     * @param beforeOffsets per partition, the offset before which records are deleted
     * @param options       timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: its value or its typed error
     */
    CompletableFuture<ItemResults<TopicPartition, Long>> deleteRecords(Map<TopicPartition, Long> beforeOffsets,
                                                                             AdminOptions options);

    // ---- consumer groups ----------------------------------------------------------------------------

    /**
     * As {@link #listConsumerGroups(Set, AdminOptions)} in any state, with default options.
     *
     * @return a future of the groups (and of the brokers that failed to list theirs)
     */
    default CompletableFuture<ConsumerGroupListings> listConsumerGroups() {
        return listConsumerGroups(Set.of(), AdminOptions.DEFAULTS);
    }

    /**
     * Lists the consumer groups of all brokers, only those in {@code states} unless it is empty.
     *
     * @param states  the states to list, or none for all
     * @param options timeouts and flags; see {@link AdminOptions}
     * @return a future of the groups (and of the brokers that failed to list theirs)
     */
    CompletableFuture<ConsumerGroupListings> listConsumerGroups(Set<ConsumerGroupState> states,
                                                                AdminOptions options);

    /**
     * As {@link #describeConsumerGroups(Collection, AdminOptions)}, with default options.
     *
     * @param groupIds the groups
     * @return a future of the outcome per item: its value or its typed error
     */
    default CompletableFuture<ItemResults<String, ConsumerGroupDescription>> describeConsumerGroups(Collection<String> groupIds) {
        return describeConsumerGroups(groupIds, AdminOptions.DEFAULTS);
    }

    /**
     * Describes groups: state, assignor, coordinator, members and their assignments. On librdkafka's mock
     * cluster every group fails with {@link io.rdkafka.client.errors.UnsupportedVersionException} (not sent, see
     * {@link #deleteConsumerGroups}).
     *
     * @param groupIds the groups
     * @param options  timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: its value or its typed error
     */
    CompletableFuture<ItemResults<String, ConsumerGroupDescription>> describeConsumerGroups(
            Collection<String> groupIds, AdminOptions options);

    /**
     * As {@link #deleteConsumerGroups(Collection, AdminOptions)}, with default options.
     *
     * @param groupIds the groups to delete
     * @return a future of the outcome per item: success or its typed error
     */
    default CompletableFuture<ItemResults<String, Void>> deleteConsumerGroups(Collection<String> groupIds) {
        return deleteConsumerGroups(groupIds, AdminOptions.DEFAULTS);
    }

    /**
     * Deletes groups and their committed offsets; per group e.g.
     * {@link io.rdkafka.client.errors.GroupNotEmptyException} or
     * {@link io.rdkafka.client.errors.GroupIdNotFoundException}. On librdkafka's mock cluster the future fails
     * with {@link io.rdkafka.client.errors.UnsupportedVersionException} for every group: librdkafka aborts the
     * process when the coordinator does not implement DeleteGroups (librdkafka issue #3663), so the request is
     * not sent there.
     *
     * @param groupIds the groups to delete
     * @param options  timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: success or its typed error
     */
    CompletableFuture<ItemResults<String, Void>> deleteConsumerGroups(Collection<String> groupIds,
                                                                            AdminOptions options);

    /**
     * As {@link #listConsumerGroupOffsets(String, Collection, AdminOptions)} for all of the group's partitions, with default options.
     *
     * @param groupId the group
     * @return a future of the outcome per item: its value or its typed error
     */
    default CompletableFuture<ItemResults<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(String groupId) {
        return listConsumerGroupOffsets(groupId, null, AdminOptions.DEFAULTS);
    }

    /**
     * The group's committed offsets for {@code partitions} ({@code null} or empty: every partition with a
     * committed offset). A partition without a committed offset has a {@code null} value. A group-level
     * error (e.g. {@link io.rdkafka.client.errors.GroupAuthorizationException}) fails the future.
     *
     * @param groupId    the group
     * @param partitions the partitions, or {@code null} for all of the group's
     * @param options    timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: its value or its typed error
     */
    CompletableFuture<ItemResults<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(
            String groupId, Collection<TopicPartition> partitions, AdminOptions options);

    /**
     * As {@link #alterConsumerGroupOffsets(String, Map, AdminOptions)}, with default options.
     *
     * @param groupId the group (it must have no active members)
     * @param offsets the new committed offsets (the next offset to read) per partition
     * @return a future of the outcome per item: success or its typed error
     */
    default CompletableFuture<ItemResults<TopicPartition, Void>> alterConsumerGroupOffsets(
            String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
        return alterConsumerGroupOffsets(groupId, offsets, AdminOptions.DEFAULTS);
    }

    /**
     * Commits offsets for a group that has no active members (Kafka refuses it for an active group:
     * UNKNOWN_MEMBER_ID per partition). A group-level error fails the future.
     *
     * @param groupId the group (it must have no active members)
     * @param offsets the new committed offsets (the next offset to read) per partition
     * @param options timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: success or its typed error
     */
    CompletableFuture<ItemResults<TopicPartition, Void>> alterConsumerGroupOffsets(
            String groupId, Map<TopicPartition, OffsetAndMetadata> offsets, AdminOptions options);

    /**
     * As {@link #deleteConsumerGroupOffsets(String, Collection, AdminOptions)}, with default options.
     *
     * @param groupId    the group
     * @param partitions the partitions whose committed offsets are deleted
     * @return a future of the outcome per item: success or its typed error
     */
    default CompletableFuture<ItemResults<TopicPartition, Void>> deleteConsumerGroupOffsets(
            String groupId, Collection<TopicPartition> partitions) {
        return deleteConsumerGroupOffsets(groupId, partitions, AdminOptions.DEFAULTS);
    }

    /**
     * Deletes the group's committed offsets of the partitions (Kafka 2.4+); a group-level error fails the
     * future. Not sent to librdkafka's mock cluster, see {@link #deleteConsumerGroups}.
     *
     * @param groupId    the group
     * @param partitions the partitions whose committed offsets are deleted
     * @param options    timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: success or its typed error
     */
    CompletableFuture<ItemResults<TopicPartition, Void>> deleteConsumerGroupOffsets(
            String groupId, Collection<TopicPartition> partitions, AdminOptions options);

    // ---- ACLs ---------------------------------------------------------------------------------------

    /**
     * As {@link #createAcls(Collection, AdminOptions)}, with default options.
     *
     * @param acls the ACLs to create
     * @return a future of the outcome per item: success or its typed error
     */
    default CompletableFuture<ItemResults<AclBinding, Void>> createAcls(Collection<AclBinding> acls) {
        return createAcls(acls, AdminOptions.DEFAULTS);
    }

    /**
     * Creates ACLs. Needs an authorizer on the brokers: without one each item fails with
     * {@link io.rdkafka.client.errors.SecurityDisabledException}.
     *
     * @param acls    the ACLs to create
     * @param options timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: success or its typed error
     */
    CompletableFuture<ItemResults<AclBinding, Void>> createAcls(Collection<AclBinding> acls, AdminOptions options);

    /**
     * As {@link #describeAcls(AclBindingFilter, AdminOptions)}, with default options.
     *
     * @param filter which ACLs
     * @return a future of the matching ACLs
     */
    default CompletableFuture<List<AclBinding>> describeAcls(AclBindingFilter filter) {
        return describeAcls(filter, AdminOptions.DEFAULTS);
    }

    /**
     * The ACLs matching {@code filter}. Note: librdkafka (2.0 through at least 2.15) drops the broker's error
     * of a DescribeAcls response, so without an authorizer (SECURITY_DISABLED) or without permission the
     * result is an empty list rather than a failure; {@link #createAcls} and {@link #deleteAcls} do report
     * {@link io.rdkafka.client.errors.SecurityDisabledException}.
     *
     * @param filter  which ACLs
     * @param options timeouts and flags; see {@link AdminOptions}
     * @return a future of the matching ACLs
     */
    CompletableFuture<List<AclBinding>> describeAcls(AclBindingFilter filter, AdminOptions options);

    /**
     * As {@link #deleteAcls(Collection, AdminOptions)}, with default options.
     *
     * @param filters which ACLs to delete
     * @return a future of the outcome per item: its value or its typed error
     */
    default CompletableFuture<ItemResults<AclBindingFilter, List<AclBinding>>> deleteAcls(Collection<AclBindingFilter> filters) {
        return deleteAcls(filters, AdminOptions.DEFAULTS);
    }

    /**
     * Deletes the ACLs matching each filter.
     *
     * @param filters which ACLs to delete
     * @param options timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per filter: the ACLs it deleted, or its typed error
     */
    CompletableFuture<ItemResults<AclBindingFilter, List<AclBinding>>> deleteAcls(Collection<AclBindingFilter> filters,
                                                                                  AdminOptions options);

    // ---- cluster ------------------------------------------------------------------------------------

    /**
     * As {@link #describeCluster(AdminOptions)}, with default options.
     *
     * @return a future of the cluster's description
     */
    default CompletableFuture<ClusterDescription> describeCluster() {
        return describeCluster(AdminOptions.DEFAULTS);
    }

    /**
     * The cluster id, controller and brokers. Before librdkafka 2.3.0 from a metadata request plus
     * {@code rd_kafka_clusterid}/{@code rd_kafka_controllerid} (no racks).
     *
     * @param options timeouts and flags; see {@link AdminOptions}
     * @return a future of the cluster's description
     */
    CompletableFuture<ClusterDescription> describeCluster(AdminOptions options);

    /**
     * As {@link #listOffsets(Map, AdminOptions)}, with default options.
     *
     * @param specs which offset to look up, per partition
     * @return a future of the outcome per item: its value or its typed error
     */
    default CompletableFuture<ItemResults<TopicPartition, ListOffsetsResultInfo>> listOffsets(
            Map<TopicPartition, OffsetSpec> specs) {
        return listOffsets(specs, AdminOptions.DEFAULTS);
    }

    /**
     * The earliest, latest or by-timestamp offset of each partition. Before librdkafka 2.3.0 through
     * {@code rd_kafka_query_watermark_offsets} and {@code rd_kafka_offsets_for_times} (timestamps and leader
     * epochs then -1; {@link OffsetSpec#maxTimestamp()} and {@link IsolationLevel#READ_COMMITTED} throw
     * {@link UnsupportedOperationException}; the latest offset is the high watermark, as with
     * {@link IsolationLevel#READ_UNCOMMITTED}, unless the client's {@code isolation.level} is set to
     * {@code read_committed}).
     *
     * @param specs   which offset to look up, per partition
     * @param options timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: its value or its typed error
     */
    CompletableFuture<ItemResults<TopicPartition, ListOffsetsResultInfo>> listOffsets(
            Map<TopicPartition, OffsetSpec> specs, AdminOptions options);

    // ---- SCRAM credentials --------------------------------------------------------------------------

    /**
     * As {@link #describeUserScramCredentials(Collection, AdminOptions)}, with default options.
     *
     * @param users the users, or none for all
     * @return a future of the outcome per item: its value or its typed error
     */
    default CompletableFuture<ItemResults<String, List<ScramCredentialInfo>>> describeUserScramCredentials(
            Collection<String> users) {
        return describeUserScramCredentials(users, AdminOptions.DEFAULTS);
    }

    /**
     * The SCRAM credentials of {@code users} (empty: of every user that has one). Per user e.g. an error
     * RESOURCE_NOT_FOUND when it has none.
     *
     * @param users   the users, or none for all
     * @param options timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: its value or its typed error
     * @throws UnsupportedOperationException before librdkafka 2.2.0
     */
    CompletableFuture<ItemResults<String, List<ScramCredentialInfo>>> describeUserScramCredentials(
            Collection<String> users, AdminOptions options);

    /**
     * Adds, replaces or deletes SCRAM credentials. The value is per user (several alterations of one user
     * share its outcome).
     *
     * @param alterations the changes
     * @return a future of the outcome per item: success or its typed error
     * @throws UnsupportedOperationException before librdkafka 2.2.0
     */
    default CompletableFuture<ItemResults<String, Void>> alterUserScramCredentials(
            List<UserScramCredentialAlteration> alterations) {
        return alterUserScramCredentials(alterations, AdminOptions.DEFAULTS);
    }

    /**
     * As {@link #alterUserScramCredentials(List, AdminOptions)}, with default options.
     *
     * @param alterations the changes
     * @param options     timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: success or its typed error
     */
    CompletableFuture<ItemResults<String, Void>> alterUserScramCredentials(
            List<UserScramCredentialAlteration> alterations, AdminOptions options);

    // ---- leader election ----------------------------------------------------------------------------

    /**
     * As {@link #electLeaders(ElectionType, Collection, AdminOptions)}, with default options.
     *
     * @param type       preferred or unclean election
     * @param partitions the partitions, or {@code null} for all
     * @return a future of the outcome per item: success or its typed error
     */
    default CompletableFuture<ItemResults<TopicPartition, Void>> electLeaders(ElectionType type,
                                                                            Collection<TopicPartition> partitions) {
        return electLeaders(type, partitions, AdminOptions.DEFAULTS);
    }

    /**
     * Runs a leader election for {@code partitions} ({@code null}: all partitions; the result then lists only
     * those where an election ran or failed). A partition whose preferred replica already leads fails with
     * ELECTION_NOT_NEEDED.
     *
     * @param type       preferred or unclean election
     * @param partitions the partitions, or {@code null} for all
     * @param options    timeouts and flags; see {@link AdminOptions}
     * @return a future of the outcome per item: success or its typed error
     * @throws UnsupportedOperationException before librdkafka 2.6.0
     */
    CompletableFuture<ItemResults<TopicPartition, Void>> electLeaders(ElectionType type,
                                                                            Collection<TopicPartition> partitions,
                                                                            AdminOptions options);

    /** {@return how many operations are in flight (results not yet received)} */
    int pendingCount();

    /**
     * Closes as {@link #close(Duration)} does, waiting up to the configuration's {@link KafkaConfig#closeTimeout()}.
     */
    @Override
    void close();

    /**
     * Waits up to {@code timeout} for operations in flight, fails the rest with a {@link KafkaException}
     * ({@code _DESTROY}), and frees the native handle. Idempotent. A metadata-based fallback call in
     * progress stops within half a second.
     *
     * @param timeout how long to wait for operations in flight
     */
    void close(Duration timeout);
}

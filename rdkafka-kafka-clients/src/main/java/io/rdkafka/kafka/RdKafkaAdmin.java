package io.rdkafka.kafka;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.admin.AdminOptions;
import io.rdkafka.client.admin.ItemResults;
import io.rdkafka.kafka.config.ConfigTranslator;
import io.rdkafka.kafka.config.Translation;
import io.rdkafka.kafka.errors.ErrorMapping;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionReplica;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaFilter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Apache Kafka's {@link Admin} over librdkafka's Admin API: a drop-in for {@code AdminClient.create(props)} for
 * every operation librdkafka has (topics, partitions, configurations, records, consumer groups and their offsets,
 * ACLs, the cluster, offsets, SCRAM users, leader elections). The others throw
 * {@link UnsupportedOperationException} naming the operation and why. Results are kafka-clients' result objects,
 * whose futures fail with kafka-clients' exceptions ({@link ErrorMapping}), e.g. {@code TopicExistsException} for
 * one topic of a {@code createTopics}. The configuration is {@code AdminClient}'s, translated by
 * {@link ConfigTranslator}.
 */
public final class RdKafkaAdmin implements Admin {
    private static final System.Logger LOG = System.getLogger(RdKafkaAdmin.class.getName());

    private final io.rdkafka.client.admin.Admin admin;
    private final Translation translation;
    private final Duration defaultApiTimeout;

    /**
     * An admin client configured as {@code AdminClient.create(properties)} would be.
     *
     * @param properties kafka-clients' admin configuration
     */
    public RdKafkaAdmin(Properties properties) {
        this(org.apache.kafka.common.utils.Utils.propsToMap(properties));
    }

    /**
     * An admin client configured as {@code AdminClient.create(configs)} would be.
     *
     * @param configs kafka-clients' admin configuration (librdkafka's own names are accepted too)
     * @throws org.apache.kafka.common.config.ConfigException naming a property that cannot be translated
     */
    public RdKafkaAdmin(Map<String, Object> configs) {
        AdminClientConfig config = new AdminClientConfig(new HashMap<>(Objects.requireNonNull(configs, "configs")));
        this.translation = ConfigTranslator.admin(config);
        String clientId = translation.librdkafka().getOrDefault("client.id", "adminclient");
        for (String note : translation.notes()) LOG.log(System.Logger.Level.INFO, "[" + clientId + "] " + note);
        this.defaultApiTimeout = translation.defaultApiTimeout();
        try {
            KafkaConfig kc = KafkaConfig.builder().setAll(translation.librdkafka()).build();
            this.admin = io.rdkafka.client.admin.Admin.create(kc, ClientListeners.builder()
                    .onError(e -> LOG.log(System.Logger.Level.DEBUG, "[" + clientId + "] " + e.getMessage())).build());
        } catch (RuntimeException e) {
            translation.deleteFiles();
            throw new KafkaException("Failed to create new KafkaAdminClient", ErrorMapping.toKafka(e));
        }
    }

    // ---- plumbing --------------------------------------------------------------------------------------------

    private AdminOptions options(AbstractOptions<?> o) {
        Integer t = o == null ? null : o.timeoutMs();
        return AdminOptions.defaults().withRequestTimeout(Duration.ofMillis(t == null ? defaultApiTimeout.toMillis() : t));
    }

    private static <T> CompletableFuture<T> call(java.util.function.Supplier<CompletableFuture<T>> c) {
        try {
            return c.get();
        } catch (io.rdkafka.client.errors.KafkaException e) {
            return CompletableFuture.failedFuture(e);
        } catch (IllegalArgumentException e) {
            throw e;
        }
    }

    /** A future per item from rdkafka-client's item results, keys converted with {@code key}. */
    private static <K, RK, V, RV> Map<K, KafkaFuture<V>> perItem(CompletableFuture<ItemResults<RK, RV>> f,
                                                                Collection<K> keys, Function<K, RK> key,
                                                                Function<RV, V> value) {
        Map<K, KafkaFutureImpl<V>> futures = new LinkedHashMap<>();
        for (K k : keys) futures.put(k, new KafkaFutureImpl<>());
        f.whenComplete((res, ex) -> {
            for (var e : futures.entrySet()) {
                if (ex != null) {
                    e.getValue().completeExceptionally(ErrorMapping.toKafka(ex));
                    continue;
                }
                RK rk = key.apply(e.getKey());
                io.rdkafka.client.errors.KafkaException err = res.error(rk);
                if (err != null) e.getValue().completeExceptionally(ErrorMapping.toKafka(err));
                else if (res.values().containsKey(rk)) {
                    try {
                        e.getValue().complete(value.apply(res.values().get(rk)));
                    } catch (RuntimeException conv) {
                        e.getValue().completeExceptionally(conv);
                    }
                } else {
                    e.getValue().completeExceptionally(new KafkaException("no result for " + e.getKey()));
                }
            }
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(futures));
    }

    /** One kafka-clients future for rdkafka-client's whole result. */
    private static <T, R> KafkaFuture<R> whole(CompletableFuture<T> f, Function<T, R> value) {
        KafkaFutureImpl<R> k = new KafkaFutureImpl<>();
        f.whenComplete((res, ex) -> {
            if (ex != null) {
                k.completeExceptionally(ErrorMapping.toKafka(ex));
                return;
            }
            try {
                k.complete(value.apply(res));
            } catch (RuntimeException e) {
                k.completeExceptionally(e);
            }
        });
        return k;
    }

    /** The per-partition error map of the group offset results (NONE for success). */
    private static KafkaFuture<Map<TopicPartition, Errors>> partitionErrors(
            CompletableFuture<ItemResults<io.rdkafka.client.TopicPartition, Void>> f) {
        return whole(f, res -> {
            Map<TopicPartition, Errors> m = new HashMap<>();
            for (var tp : res.items()) {
                var err = res.error(tp);
                m.put(Conversions.kafka(tp), err == null ? Errors.NONE : Errors.forException(ErrorMapping.toKafka(err)));
            }
            return m;
        });
    }

    private static UnsupportedOperationException unsupported(String operation, String why) {
        return new UnsupportedOperationException(operation + " is not supported by rdkafka-kafka-clients: " + why);
    }

    // ---- topics ------------------------------------------------------------------------------------------------

    @Override
    public CreateTopicsResult createTopics(Collection<NewTopic> newTopics, CreateTopicsOptions options) {
        List<io.rdkafka.client.admin.NewTopic> topics = new ArrayList<>();
        for (NewTopic t : newTopics) {
            Map<Integer, List<Integer>> assignment = t.replicasAssignments() == null ? Map.of() : t.replicasAssignments();
            topics.add(new io.rdkafka.client.admin.NewTopic(t.name(), t.numPartitions() <= 0 && !assignment.isEmpty()
                    ? assignment.size() : t.numPartitions(), assignment.isEmpty() ? t.replicationFactor() : -1,
                    assignment, t.configs() == null ? Map.of() : t.configs()));
        }
        AdminOptions o = options(options).withValidateOnly(options.shouldValidateOnly());
        var f = call(() -> admin.createTopics(topics, o));
        List<String> names = newTopics.stream().map(NewTopic::name).toList();
        // librdkafka reports no topic id, partition count or configuration for a created topic
        return RdKafkaAdminResults.createTopics(perItem(f, names, n -> n,
                v -> new CreateTopicsResult.TopicMetadataAndConfig(
                        new org.apache.kafka.common.errors.UnsupportedVersionException(
                                "librdkafka reports no metadata for a created topic; use describeTopics"))));
    }

    @Override
    public DeleteTopicsResult deleteTopics(TopicCollection topics, DeleteTopicsOptions options) {
        if (!(topics instanceof TopicCollection.TopicNameCollection names)) {
            throw unsupported("deleteTopics by topic id", "librdkafka deletes topics by name");
        }
        var f = call(() -> admin.deleteTopics(names.topicNames(), options(options)));
        return RdKafkaAdminResults.deleteTopics(perItem(f, names.topicNames(), n -> n, v -> null));
    }

    @Override
    public ListTopicsResult listTopics(ListTopicsOptions options) {
        var f = call(() -> admin.listTopics(options.shouldListInternal(), options(options)));
        return RdKafkaAdminResults.listTopics(whole(f, list -> {
            Map<String, TopicListing> m = new LinkedHashMap<>();
            for (var t : list) m.put(t.name(), new TopicListing(t.name(), Uuid.ZERO_UUID, t.internal()));
            return m;
        }));
    }

    @Override
    public DescribeTopicsResult describeTopics(TopicCollection topics, DescribeTopicsOptions options) {
        if (!(topics instanceof TopicCollection.TopicNameCollection names)) {
            throw unsupported("describeTopics by topic id", "librdkafka describes topics by name");
        }
        AdminOptions o = options(options).withIncludeAuthorizedOperations(options.includeAuthorizedOperations());
        var f = call(() -> admin.describeTopics(names.topicNames(), o));
        return RdKafkaAdminResults.describeTopics(perItem(f, names.topicNames(), n -> n, AdminConversions::topic));
    }

    @Override
    public CreatePartitionsResult createPartitions(Map<String, NewPartitions> newPartitions,
                                                   CreatePartitionsOptions options) {
        Map<String, io.rdkafka.client.admin.NewPartitions> m = new LinkedHashMap<>();
        newPartitions.forEach((t, p) -> m.put(t, p.assignments() == null
                ? io.rdkafka.client.admin.NewPartitions.increaseTo(p.totalCount())
                : io.rdkafka.client.admin.NewPartitions.increaseTo(p.totalCount(), p.assignments())));
        AdminOptions o = options(options).withValidateOnly(options.validateOnly());
        var f = call(() -> admin.createPartitions(m, o));
        return RdKafkaAdminResults.createPartitions(perItem(f, newPartitions.keySet(), n -> n, v -> null));
    }

    @Override
    public DeleteRecordsResult deleteRecords(Map<TopicPartition, RecordsToDelete> recordsToDelete,
                                             DeleteRecordsOptions options) {
        Map<io.rdkafka.client.TopicPartition, Long> m = new LinkedHashMap<>();
        recordsToDelete.forEach((tp, r) -> m.put(Conversions.rd(tp), r.beforeOffset()));
        var f = call(() -> admin.deleteRecords(m, options(options)));
        return new DeleteRecordsResult(perItem(f, recordsToDelete.keySet(), Conversions::rd, DeletedRecords::new));
    }

    // ---- cluster, configs, ACLs ----------------------------------------------------------------------------------

    @Override
    public DescribeClusterResult describeCluster(DescribeClusterOptions options) {
        AdminOptions o = options(options).withIncludeAuthorizedOperations(options.includeAuthorizedOperations());
        var f = call(() -> admin.describeCluster(o));
        return RdKafkaAdminResults.describeCluster(
                whole(f, d -> (Collection<Node>) AdminConversions.nodes(d.nodes())),
                whole(f, d -> AdminConversions.node(d.controller())),
                whole(f, io.rdkafka.client.admin.ClusterDescription::clusterId),
                whole(f, d -> options.includeAuthorizedOperations() ? AdminConversions.operations(d.authorizedOperations())
                        : (Set<AclOperation>) null));
    }

    @Override
    public DescribeConfigsResult describeConfigs(Collection<ConfigResource> resources, DescribeConfigsOptions options) {
        Map<ConfigResource, io.rdkafka.client.admin.ConfigResource> keys = new LinkedHashMap<>();
        for (ConfigResource r : resources) keys.put(r, AdminConversions.resource(r));
        var f = call(() -> admin.describeConfigs(keys.values(), options(options)));
        return RdKafkaAdminResults.describeConfigs(perItem(f, resources, keys::get, AdminConversions::config));
    }

    /**
     * Changes configurations entry by entry. librdkafka before 2.2.0 has no IncrementalAlterConfigs: there the
     * change is made as kafka-clients' tools did before it, by reading the resource's dynamic configuration
     * ({@code describeConfigs}), applying the operations to it and writing it back whole ({@code alterConfigs}),
     * which is not atomic against concurrent changes of the same resource, and refused when the resource has a
     * sensitive dynamic entry that the change does not set (its value cannot be read back).
     *
     * @param configs the operations per resource
     * @param options the options
     * @return the result per resource
     */
    @Override
    public AlterConfigsResult incrementalAlterConfigs(Map<ConfigResource, Collection<AlterConfigOp>> configs,
                                                      AlterConfigsOptions options) {
        if (!io.rdkafka.client.admin.Admin.Feature.INCREMENTAL_ALTER_CONFIGS.isAvailable()) {
            return readModifyWrite(configs, options);
        }
        Map<ConfigResource, io.rdkafka.client.admin.ConfigResource> keys = new LinkedHashMap<>();
        Map<io.rdkafka.client.admin.ConfigResource, List<io.rdkafka.client.admin.AlterConfigOp>> m = new LinkedHashMap<>();
        configs.forEach((r, ops) -> {
            var rr = AdminConversions.resource(r);
            keys.put(r, rr);
            m.put(rr, ops.stream().map(AdminConversions::op).toList());
        });
        AdminOptions o = options(options).withValidateOnly(options.shouldValidateOnly());
        var f = call(() -> admin.incrementalAlterConfigs(m, o));
        return RdKafkaAdminResults.alterConfigs(perItem(f, configs.keySet(), keys::get, v -> null));
    }

    private AlterConfigsResult readModifyWrite(Map<ConfigResource, Collection<AlterConfigOp>> configs,
                                               AlterConfigsOptions options) {
        Map<ConfigResource, io.rdkafka.client.admin.ConfigResource> keys = new LinkedHashMap<>();
        for (ConfigResource r : configs.keySet()) keys.put(r, AdminConversions.resource(r));
        AdminOptions o = options(options);
        AdminOptions write = o.withValidateOnly(options.shouldValidateOnly());
        CompletableFuture<ItemResults<io.rdkafka.client.admin.ConfigResource, io.rdkafka.client.admin.Config>> described =
                call(() -> admin.describeConfigs(keys.values(), o));
        Map<ConfigResource, KafkaFuture<Void>> out = new LinkedHashMap<>();
        for (var e : configs.entrySet()) {
            io.rdkafka.client.admin.ConfigResource rr = keys.get(e.getKey());
            KafkaFutureImpl<Void> f = new KafkaFutureImpl<>();
            out.put(e.getKey(), f);
            described.thenCompose(res -> {
                var err = res.error(rr);
                if (err != null) throw err;
                Map<String, String> full = AdminConversions.applyIncrementally(rr, res.get(rr), e.getValue());
                return admin.alterConfigs(Map.of(rr, full), write);
            }).whenComplete((res, ex) -> {
                if (ex != null) f.completeExceptionally(ErrorMapping.toKafka(ex));
                else if (res.error(rr) != null) f.completeExceptionally(ErrorMapping.toKafka(res.error(rr)));
                else f.complete(null);
            });
        }
        return RdKafkaAdminResults.alterConfigs(out);
    }

    @Override
    public DescribeAclsResult describeAcls(AclBindingFilter filter, DescribeAclsOptions options) {
        var f = call(() -> admin.describeAcls(AdminConversions.acl(filter), options(options)));
        return RdKafkaAdminResults.describeAcls(whole(f, l -> (Collection<AclBinding>) l.stream()
                .map(AdminConversions::acl).toList()));
    }

    @Override
    public CreateAclsResult createAcls(Collection<AclBinding> acls, CreateAclsOptions options) {
        Map<AclBinding, io.rdkafka.client.admin.AclBinding> keys = new LinkedHashMap<>();
        for (AclBinding b : acls) keys.put(b, AdminConversions.acl(b));
        var f = call(() -> admin.createAcls(keys.values(), options(options)));
        return RdKafkaAdminResults.createAcls(perItem(f, acls, keys::get, v -> null));
    }

    @Override
    public DeleteAclsResult deleteAcls(Collection<AclBindingFilter> filters, DeleteAclsOptions options) {
        Map<AclBindingFilter, io.rdkafka.client.admin.AclBindingFilter> keys = new LinkedHashMap<>();
        for (AclBindingFilter b : filters) keys.put(b, AdminConversions.acl(b));
        var f = call(() -> admin.deleteAcls(keys.values(), options(options)));
        return RdKafkaAdminResults.deleteAcls(perItem(f, filters, keys::get,
                l -> RdKafkaAdminResults.filterResults(l.stream().map(AdminConversions::acl).toList())));
    }

    // ---- consumer groups ------------------------------------------------------------------------------------------

    @Override
    public DescribeConsumerGroupsResult describeConsumerGroups(Collection<String> groupIds,
                                                               DescribeConsumerGroupsOptions options) {
        AdminOptions o = options(options).withIncludeAuthorizedOperations(options.includeAuthorizedOperations());
        var f = call(() -> admin.describeConsumerGroups(groupIds, o));
        return new DescribeConsumerGroupsResult(perItem(f, groupIds, g -> g, AdminConversions::group));
    }

    @Override
    @SuppressWarnings("deprecation")
    public ListConsumerGroupsResult listConsumerGroups(ListConsumerGroupsOptions options) {
        Set<io.rdkafka.client.admin.ConsumerGroupState> states = new java.util.HashSet<>();
        for (GroupState s : options.groupStates()) {
            states.add(AdminConversions.byName(io.rdkafka.client.admin.ConsumerGroupState.class, s,
                    io.rdkafka.client.admin.ConsumerGroupState.UNKNOWN));
        }
        var f = call(() -> admin.listConsumerGroups(states, options(options)));
        return RdKafkaAdminResults.listConsumerGroups(whole(f, l -> {
            List<Object> out = new ArrayList<>();
            for (var g : l.groups()) {
                out.add(new ConsumerGroupListing(g.groupId(),
                        Optional.of(AdminConversions.byName(GroupState.class, g.state(), GroupState.UNKNOWN)),
                        Optional.of(GroupType.CLASSIC), g.simple()));
            }
            for (var e : l.errors()) out.add(ErrorMapping.toKafka(e));
            return out;
        }));
    }

    @Override
    public ListGroupsResult listGroups(ListGroupsOptions options) {
        var f = call(() -> admin.listConsumerGroups(Set.of(), options(options)));
        return RdKafkaAdminResults.listGroups(whole(f, l -> {
            List<Object> out = new ArrayList<>();
            for (var g : l.groups()) {
                out.add(new GroupListing(g.groupId(), Optional.of(GroupType.CLASSIC), g.simple() ? "" : "consumer",
                        Optional.of(AdminConversions.byName(GroupState.class, g.state(), GroupState.UNKNOWN))));
            }
            for (var e : l.errors()) out.add(ErrorMapping.toKafka(e));
            return out;
        }));
    }

    @Override
    public ListConsumerGroupOffsetsResult listConsumerGroupOffsets(Map<String, ListConsumerGroupOffsetsSpec> groupSpecs,
                                                                   ListConsumerGroupOffsetsOptions options) {
        AdminOptions o = options(options).withRequireStableOffsets(options.requireStable());
        Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> m = new LinkedHashMap<>();
        groupSpecs.forEach((group, spec) -> {
            Collection<TopicPartition> parts = spec.topicPartitions();
            var f = call(() -> admin.listConsumerGroupOffsets(group, parts == null ? null : Conversions.rd(parts), o));
            m.put(group, whole(f, res -> {
                Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
                for (var tp : res.items()) {
                    var err = res.error(tp);
                    if (err != null) throw ErrorMapping.toKafka(err);
                    var v = res.values().get(tp);
                    out.put(Conversions.kafka(tp), v == null ? null : Conversions.kafka(v));
                }
                return out;
            }));
        });
        return RdKafkaAdminResults.listConsumerGroupOffsets(m);
    }

    @Override
    public DeleteConsumerGroupsResult deleteConsumerGroups(Collection<String> groupIds,
                                                           DeleteConsumerGroupsOptions options) {
        var f = call(() -> admin.deleteConsumerGroups(groupIds, options(options)));
        return RdKafkaAdminResults.deleteConsumerGroups(perItem(f, groupIds, g -> g, v -> null));
    }

    @Override
    public DeleteConsumerGroupOffsetsResult deleteConsumerGroupOffsets(String groupId, Set<TopicPartition> partitions,
                                                                       DeleteConsumerGroupOffsetsOptions options) {
        var f = call(() -> admin.deleteConsumerGroupOffsets(groupId, Conversions.rd(partitions), options(options)));
        return RdKafkaAdminResults.deleteConsumerGroupOffsets(partitionErrors(f), partitions);
    }

    @Override
    public AlterConsumerGroupOffsetsResult alterConsumerGroupOffsets(String groupId,
                                                                     Map<TopicPartition, OffsetAndMetadata> offsets,
                                                                     AlterConsumerGroupOffsetsOptions options) {
        var f = call(() -> admin.alterConsumerGroupOffsets(groupId, Conversions.rdOffsets(offsets), options(options)));
        return RdKafkaAdminResults.alterConsumerGroupOffsets(partitionErrors(f));
    }

    // ---- offsets, elections, SCRAM ----------------------------------------------------------------------------------

    @Override
    public ListOffsetsResult listOffsets(Map<TopicPartition, OffsetSpec> topicPartitionOffsets, ListOffsetsOptions options) {
        Map<io.rdkafka.client.TopicPartition, io.rdkafka.client.admin.OffsetSpec> m = new LinkedHashMap<>();
        topicPartitionOffsets.forEach((tp, spec) -> m.put(Conversions.rd(tp), switch (spec) {
            case OffsetSpec.EarliestSpec e -> io.rdkafka.client.admin.OffsetSpec.earliest();
            case OffsetSpec.LatestSpec l -> io.rdkafka.client.admin.OffsetSpec.latest();
            case OffsetSpec.MaxTimestampSpec x -> io.rdkafka.client.admin.OffsetSpec.maxTimestamp();
            case OffsetSpec.TimestampSpec t -> io.rdkafka.client.admin.OffsetSpec.forTimestamp(
                    RdKafkaAdminResults.timestampOf(t));
            default -> throw unsupported("listOffsets with " + spec.getClass().getSimpleName(),
                    "librdkafka lists earliest, latest, max-timestamp and by-timestamp offsets");
        }));
        AdminOptions o = options(options).withIsolationLevel(options.isolationLevel() == IsolationLevel.READ_COMMITTED
                ? io.rdkafka.client.admin.IsolationLevel.READ_COMMITTED : io.rdkafka.client.admin.IsolationLevel.READ_UNCOMMITTED);
        var f = call(() -> admin.listOffsets(m, o));
        return new ListOffsetsResult(perItem(f, topicPartitionOffsets.keySet(), Conversions::rd,
                i -> new ListOffsetsResult.ListOffsetsResultInfo(i.offset(), i.timestamp(),
                        i.leaderEpoch() < 0 ? Optional.empty() : Optional.of(i.leaderEpoch()))));
    }

    @Override
    public ElectLeadersResult electLeaders(ElectionType electionType, Set<TopicPartition> partitions,
                                           ElectLeadersOptions options) {
        var type = electionType == ElectionType.UNCLEAN ? io.rdkafka.client.admin.ElectionType.UNCLEAN
                : io.rdkafka.client.admin.ElectionType.PREFERRED;
        var f = call(() -> admin.electLeaders(type, partitions == null ? null : Conversions.rd(partitions), options(options)));
        return RdKafkaAdminResults.electLeaders(whole(f, res -> {
            Map<TopicPartition, Optional<Throwable>> m = new HashMap<>();
            for (var tp : res.items()) {
                var err = res.error(tp);
                m.put(Conversions.kafka(tp), err == null ? Optional.empty() : Optional.of(ErrorMapping.toKafka(err)));
            }
            return m;
        }));
    }

    @Override
    public DescribeUserScramCredentialsResult describeUserScramCredentials(List<String> users,
                                                                           DescribeUserScramCredentialsOptions options) {
        List<String> asked = users == null ? List.of() : users;
        var f = call(() -> admin.describeUserScramCredentials(asked, options(options)));
        return RdKafkaAdminResults.describeUserScramCredentials(whole(f, res -> {
            var data = new DescribeUserScramCredentialsResponseData();
            List<DescribeUserScramCredentialsResponseData.DescribeUserScramCredentialsResult> results = new ArrayList<>();
            for (String user : res.items()) {
                var r = new DescribeUserScramCredentialsResponseData.DescribeUserScramCredentialsResult().setUser(user);
                var err = res.error(user);
                if (err != null) {
                    Errors e = Errors.forException(ErrorMapping.toKafka(err));
                    r.setErrorCode(e.code()).setErrorMessage(err.error().message());
                } else {
                    List<DescribeUserScramCredentialsResponseData.CredentialInfo> infos = new ArrayList<>();
                    for (var info : res.values().get(user)) {
                        org.apache.kafka.clients.admin.ScramMechanism mech = AdminConversions.byName(
                                org.apache.kafka.clients.admin.ScramMechanism.class, info.mechanism(),
                                org.apache.kafka.clients.admin.ScramMechanism.UNKNOWN);
                        infos.add(new DescribeUserScramCredentialsResponseData.CredentialInfo()
                                .setMechanism(mech.type()).setIterations(info.iterations()));
                    }
                    r.setCredentialInfos(infos);
                }
                results.add(r);
            }
            return data.setResults(results);
        }));
    }

    @Override
    public AlterUserScramCredentialsResult alterUserScramCredentials(
            List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> alterations,
            AlterUserScramCredentialsOptions options) {
        List<io.rdkafka.client.admin.UserScramCredentialAlteration> l = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (var a : alterations) {
            users.add(a.user());
            if (a instanceof UserScramCredentialUpsertion u) {
                var mech = AdminConversions.byName(io.rdkafka.client.admin.ScramMechanism.class,
                        u.credentialInfo().mechanism(), io.rdkafka.client.admin.ScramMechanism.UNKNOWN);
                l.add(new io.rdkafka.client.admin.UserScramCredentialAlteration.Upsertion(u.user(), mech, u.credentialInfo().iterations(),
                        u.password(), u.salt()));
            } else if (a instanceof UserScramCredentialDeletion d) {
                l.add(io.rdkafka.client.admin.UserScramCredentialAlteration.delete(d.user(), AdminConversions.byName(
                        io.rdkafka.client.admin.ScramMechanism.class, d.mechanism(),
                        io.rdkafka.client.admin.ScramMechanism.UNKNOWN)));
            }
        }
        var f = call(() -> admin.alterUserScramCredentials(l, options(options)));
        return new AlterUserScramCredentialsResult(perItem(f, new java.util.LinkedHashSet<>(users), u -> u, v -> null));
    }

    // ---- metrics, telemetry, close ----------------------------------------------------------------------------------

    /**
     * {@return no metrics: librdkafka's statistics of an admin client carry no admin-level counters}
     */
    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return Map.of();
    }

    /**
     * Not available: no client telemetry is pushed (KIP-714).
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
     * Does nothing: no metrics are pushed.
     *
     * @param metric ignored
     */
    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        Objects.requireNonNull(metric, "metric");
    }

    /**
     * Does nothing: no metrics are pushed.
     *
     * @param metric ignored
     */
    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        Objects.requireNonNull(metric, "metric");
    }

    /**
     * Waits up to {@code timeout} for operations in flight, fails the rest, and frees librdkafka's handle.
     *
     * @param timeout how long to wait
     */
    @Override
    public void close(Duration timeout) {
        try {
            admin.close(timeout);
        } finally {
            translation.deleteFiles();
        }
    }

    // ---- operations librdkafka does not have --------------------------------------------------------------------------

    private static final String NO_API = "librdkafka has no Admin API for it";

    @Override
    public AlterReplicaLogDirsResult alterReplicaLogDirs(Map<TopicPartitionReplica, String> replicaAssignment,
                                                         AlterReplicaLogDirsOptions options) {
        throw unsupported("alterReplicaLogDirs", NO_API);
    }

    @Override
    public DescribeLogDirsResult describeLogDirs(Collection<Integer> brokers, DescribeLogDirsOptions options) {
        throw unsupported("describeLogDirs", NO_API);
    }

    @Override
    public DescribeReplicaLogDirsResult describeReplicaLogDirs(Collection<TopicPartitionReplica> replicas,
                                                               DescribeReplicaLogDirsOptions options) {
        throw unsupported("describeReplicaLogDirs", NO_API);
    }

    @Override
    public CreateDelegationTokenResult createDelegationToken(CreateDelegationTokenOptions options) {
        throw unsupported("createDelegationToken", NO_API);
    }

    @Override
    public RenewDelegationTokenResult renewDelegationToken(byte[] hmac, RenewDelegationTokenOptions options) {
        throw unsupported("renewDelegationToken", NO_API);
    }

    @Override
    public ExpireDelegationTokenResult expireDelegationToken(byte[] hmac, ExpireDelegationTokenOptions options) {
        throw unsupported("expireDelegationToken", NO_API);
    }

    @Override
    public DescribeDelegationTokenResult describeDelegationToken(DescribeDelegationTokenOptions options) {
        throw unsupported("describeDelegationToken", NO_API);
    }

    @Override
    public ListStreamsGroupOffsetsResult listStreamsGroupOffsets(Map<String, ListStreamsGroupOffsetsSpec> groupSpecs,
                                                                 ListStreamsGroupOffsetsOptions options) {
        throw unsupported("listStreamsGroupOffsets", "librdkafka has no streams groups (KIP-1071)");
    }

    @Override
    public DeleteStreamsGroupsResult deleteStreamsGroups(Collection<String> groupIds, DeleteStreamsGroupsOptions options) {
        throw unsupported("deleteStreamsGroups", "librdkafka has no streams groups (KIP-1071)");
    }

    @Override
    public DeleteStreamsGroupOffsetsResult deleteStreamsGroupOffsets(String groupId, Set<TopicPartition> partitions,
                                                                     DeleteStreamsGroupOffsetsOptions options) {
        throw unsupported("deleteStreamsGroupOffsets", "librdkafka has no streams groups (KIP-1071)");
    }

    @Override
    public AlterStreamsGroupOffsetsResult alterStreamsGroupOffsets(String groupId,
                                                                   Map<TopicPartition, OffsetAndMetadata> offsets,
                                                                   AlterStreamsGroupOffsetsOptions options) {
        throw unsupported("alterStreamsGroupOffsets", "librdkafka has no streams groups (KIP-1071)");
    }

    @Override
    public DescribeStreamsGroupsResult describeStreamsGroups(Collection<String> groupIds,
                                                             DescribeStreamsGroupsOptions options) {
        throw unsupported("describeStreamsGroups", "librdkafka has no streams groups (KIP-1071)");
    }

    @Override
    public AlterPartitionReassignmentsResult alterPartitionReassignments(
            Map<TopicPartition, Optional<NewPartitionReassignment>> reassignments,
            AlterPartitionReassignmentsOptions options) {
        throw unsupported("alterPartitionReassignments", NO_API);
    }

    @Override
    public ListPartitionReassignmentsResult listPartitionReassignments(Optional<Set<TopicPartition>> partitions,
                                                                       ListPartitionReassignmentsOptions options) {
        throw unsupported("listPartitionReassignments", NO_API);
    }

    @Override
    public RemoveMembersFromConsumerGroupResult removeMembersFromConsumerGroup(
            String groupId, RemoveMembersFromConsumerGroupOptions options) {
        throw unsupported("removeMembersFromConsumerGroup", NO_API);
    }

    @Override
    public DescribeClientQuotasResult describeClientQuotas(ClientQuotaFilter filter, DescribeClientQuotasOptions options) {
        throw unsupported("describeClientQuotas", NO_API);
    }

    @Override
    public AlterClientQuotasResult alterClientQuotas(Collection<ClientQuotaAlteration> entries,
                                                     AlterClientQuotasOptions options) {
        throw unsupported("alterClientQuotas", NO_API);
    }

    @Override
    public DescribeFeaturesResult describeFeatures(DescribeFeaturesOptions options) {
        throw unsupported("describeFeatures", NO_API);
    }

    @Override
    public UpdateFeaturesResult updateFeatures(Map<String, FeatureUpdate> featureUpdates, UpdateFeaturesOptions options) {
        throw unsupported("updateFeatures", NO_API);
    }

    @Override
    public DescribeMetadataQuorumResult describeMetadataQuorum(DescribeMetadataQuorumOptions options) {
        throw unsupported("describeMetadataQuorum", NO_API);
    }

    @Override
    public UnregisterBrokerResult unregisterBroker(int brokerId, UnregisterBrokerOptions options) {
        throw unsupported("unregisterBroker", NO_API);
    }

    @Override
    public DescribeProducersResult describeProducers(Collection<TopicPartition> partitions,
                                                     DescribeProducersOptions options) {
        throw unsupported("describeProducers", NO_API);
    }

    @Override
    public DescribeTransactionsResult describeTransactions(Collection<String> transactionalIds,
                                                           DescribeTransactionsOptions options) {
        throw unsupported("describeTransactions", NO_API);
    }

    @Override
    public AbortTransactionResult abortTransaction(AbortTransactionSpec spec, AbortTransactionOptions options) {
        throw unsupported("abortTransaction", NO_API);
    }

    @Override
    public ListTransactionsResult listTransactions(ListTransactionsOptions options) {
        throw unsupported("listTransactions", NO_API);
    }

    @Override
    public FenceProducersResult fenceProducers(Collection<String> transactionalIds, FenceProducersOptions options) {
        throw unsupported("fenceProducers", NO_API);
    }

    @Override
    public ListConfigResourcesResult listConfigResources(Set<ConfigResource.Type> configResourceTypes,
                                                         ListConfigResourcesOptions options) {
        throw unsupported("listConfigResources", NO_API);
    }

    @Override
    @SuppressWarnings("deprecation")
    public ListClientMetricsResourcesResult listClientMetricsResources(ListClientMetricsResourcesOptions options) {
        throw unsupported("listClientMetricsResources", NO_API);
    }

    @Override
    public AddRaftVoterResult addRaftVoter(int voterId, Uuid voterDirectoryId, Set<RaftVoterEndpoint> endpoints,
                                           AddRaftVoterOptions options) {
        throw unsupported("addRaftVoter", NO_API);
    }

    @Override
    public RemoveRaftVoterResult removeRaftVoter(int voterId, Uuid voterDirectoryId, RemoveRaftVoterOptions options) {
        throw unsupported("removeRaftVoter", NO_API);
    }

    @Override
    public DescribeShareGroupsResult describeShareGroups(Collection<String> groupIds, DescribeShareGroupsOptions options) {
        throw unsupported("describeShareGroups", "librdkafka has no share groups (KIP-932)");
    }

    @Override
    public AlterShareGroupOffsetsResult alterShareGroupOffsets(String groupId, Map<TopicPartition, Long> offsets,
                                                               AlterShareGroupOffsetsOptions options) {
        throw unsupported("alterShareGroupOffsets", "librdkafka has no share groups (KIP-932)");
    }

    @Override
    public ListShareGroupOffsetsResult listShareGroupOffsets(Map<String, ListShareGroupOffsetsSpec> groupSpecs,
                                                             ListShareGroupOffsetsOptions options) {
        throw unsupported("listShareGroupOffsets", "librdkafka has no share groups (KIP-932)");
    }

    @Override
    public DeleteShareGroupOffsetsResult deleteShareGroupOffsets(String groupId, Set<String> topics,
                                                                 DeleteShareGroupOffsetsOptions options) {
        throw unsupported("deleteShareGroupOffsets", "librdkafka has no share groups (KIP-932)");
    }

    @Override
    public DeleteShareGroupsResult deleteShareGroups(Collection<String> groupIds, DeleteShareGroupsOptions options) {
        throw unsupported("deleteShareGroups", "librdkafka has no share groups (KIP-932)");
    }

    @Override
    public DescribeClassicGroupsResult describeClassicGroups(Collection<String> groupIds,
                                                             DescribeClassicGroupsOptions options) {
        throw unsupported("describeClassicGroups", "librdkafka describes consumer groups (describeConsumerGroups) only");
    }

    @Override
    public TerminateTransactionResult forceTerminateTransaction(String transactionalId,
                                                                TerminateTransactionOptions options) {
        throw unsupported("forceTerminateTransaction", NO_API);
    }

    @Override
    public String toString() {
        return "RdKafkaAdmin[" + admin.name() + "]";
    }
}

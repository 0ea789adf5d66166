package io.rdkafka.client.admin;

import io.rdkafka.client.ClientListeners;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.NativeClient;
import io.rdkafka.client.internal.NativeObject;
import io.rdkafka.client.internal.TopicPartitionLists;
import io.rdkafka.client.internal.Timeouts;
import io.rdkafka.ffm.CArrays;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.rdkafka.client.admin.AdminRequests.OPT_AUTHORIZED_OPS;
import static io.rdkafka.client.admin.AdminRequests.OPT_ISOLATION;
import static io.rdkafka.client.admin.AdminRequests.OPT_OPERATION_TIMEOUT;
import static io.rdkafka.client.admin.AdminRequests.OPT_REQUIRE_STABLE;
import static io.rdkafka.client.admin.AdminRequests.OPT_VALIDATE_ONLY;
import static io.rdkafka.ffm.RdKafka.*;

/**
 * The {@link Admin} over librdkafka that {@link Admin#create} returns: each operation builds its native request and
 * names the parser of its result; {@link AdminRequests} sends them and matches results to futures.
 */
final class LibrdkafkaAdmin implements Admin {

    private final KafkaConfig config;
    private final AdminRequests requests;

    LibrdkafkaAdmin(KafkaConfig config, ClientListeners listeners) {
        this.config = Objects.requireNonNull(config, "config");
        this.requests = new AdminRequests(config, listeners);
    }

    @Override
    public String name() {
        return requests.client().name();
    }

    @Override
    public void setSaslCredentials(String username, String password) {
        requests.client().setSaslCredentials(config, username, password);
    }

    @Override
    public CompletableFuture<ItemResults<String, Void>> createTopics(Collection<NewTopic> topics, AdminOptions options) {
        List<NewTopic> list = List.copyOf(topics);
        List<String> names = list.stream().map(NewTopic::name).toList();
        if (list.isEmpty()) return AdminRequests.empty();
        return requests.submit("createTopics", RD_KAFKA_ADMIN_OP_CREATETOPICS, options, OPT_OPERATION_TIMEOUT | OPT_VALIDATE_ONLY,
                (rk, opts, q, a) -> {
                    List<MemorySegment> objs = new ArrayList<>();
                    try {
                        for (NewTopic t : list) {
                            MemorySegment errstr = CStrings.errstr(a);
                            MemorySegment nt = RdKafka.rd_kafka_NewTopic_new(a.allocateFrom(t.name()), t.partitions(),
                                    t.replicationFactor(), errstr, CStrings.ERRSTR_SIZE);
                            if (nt.equals(MemorySegment.NULL)) {
                                throw new IllegalArgumentException("topic " + t.name() + ": " + CStrings.fromBuffer(errstr));
                            }
                            objs.add(nt);
                            for (var e : t.replicaAssignment().entrySet()) {
                                int[] ids = e.getValue().stream().mapToInt(Integer::intValue).toArray();
                                int err = RdKafka.rd_kafka_NewTopic_set_replica_assignment(nt, e.getKey(),
                                        CArrays.ints(a, ids), ids.length, errstr, CStrings.ERRSTR_SIZE);
                                if (err != 0) throw new IllegalArgumentException("topic " + t.name() + " partition "
                                        + e.getKey() + ": " + CStrings.fromBuffer(errstr));
                            }
                            for (var e : t.configs().entrySet()) {
                                int err = RdKafka.rd_kafka_NewTopic_set_config(nt, a.allocateFrom(e.getKey()),
                                        CStrings.toC(a, e.getValue()));
                                if (err != 0) throw new IllegalArgumentException("topic " + t.name() + " config "
                                        + e.getKey() + ": " + KafkaError.describe(err));
                            }
                        }
                        RdKafka.rd_kafka_CreateTopics(rk, CArrays.pointers(a, objs), objs.size(), opts, q);
                    } finally {
                        objs.forEach(RdKafka::rd_kafka_NewTopic_destroy);
                    }
                },
                (ev, a) -> AdminResults.topicResults("createTopics",
                        AdminResults.array(a, cnt -> RdKafka.rd_kafka_CreateTopics_result_topics(
                                RdKafka.rd_kafka_event_CreateTopics_result(ev), cnt)), names));
    }

    @Override
    public CompletableFuture<ItemResults<String, Void>> deleteTopics(Collection<String> topics, AdminOptions options) {
        List<String> names = List.copyOf(topics);
        if (names.isEmpty()) return AdminRequests.empty();
        return requests.submit("deleteTopics", RD_KAFKA_ADMIN_OP_DELETETOPICS, options, OPT_OPERATION_TIMEOUT,
                (rk, opts, q, a) -> {
                    List<MemorySegment> objs = new ArrayList<>();
                    try {
                        for (String n : names) objs.add(RdKafka.rd_kafka_DeleteTopic_new(a.allocateFrom(n)));
                        RdKafka.rd_kafka_DeleteTopics(rk, CArrays.pointers(a, objs), objs.size(), opts, q);
                    } finally {
                        objs.forEach(RdKafka::rd_kafka_DeleteTopic_destroy);
                    }
                },
                (ev, a) -> AdminResults.topicResults("deleteTopics",
                        AdminResults.array(a, cnt -> RdKafka.rd_kafka_DeleteTopics_result_topics(
                                RdKafka.rd_kafka_event_DeleteTopics_result(ev), cnt)), names));
    }

    @Override
    public CompletableFuture<ItemResults<String, Void>> createPartitions(Map<String, NewPartitions> partitions,
                                                                        AdminOptions options) {
        Map<String, NewPartitions> m = new LinkedHashMap<>(partitions);
        if (m.isEmpty()) return AdminRequests.empty();
        List<String> names = List.copyOf(m.keySet());
        return requests.submit("createPartitions", RD_KAFKA_ADMIN_OP_CREATEPARTITIONS, options,
                OPT_OPERATION_TIMEOUT | OPT_VALIDATE_ONLY,
                (rk, opts, q, a) -> {
                    List<MemorySegment> objs = new ArrayList<>();
                    try {
                        for (var e : m.entrySet()) {
                            MemorySegment errstr = CStrings.errstr(a);
                            MemorySegment np = RdKafka.rd_kafka_NewPartitions_new(a.allocateFrom(e.getKey()),
                                    e.getValue().totalCount(), errstr, CStrings.ERRSTR_SIZE);
                            if (np.equals(MemorySegment.NULL)) {
                                throw new IllegalArgumentException("topic " + e.getKey() + ": " + CStrings.fromBuffer(errstr));
                            }
                            objs.add(np);
                            List<List<Integer>> as = e.getValue().newAssignments();
                            for (int i = 0; i < as.size(); i++) {
                                int[] ids = as.get(i).stream().mapToInt(Integer::intValue).toArray();
                                int err = RdKafka.rd_kafka_NewPartitions_set_replica_assignment(np, i,
                                        CArrays.ints(a, ids), ids.length, errstr, CStrings.ERRSTR_SIZE);
                                if (err != 0) throw new IllegalArgumentException("topic " + e.getKey()
                                        + " new partition " + i + ": " + CStrings.fromBuffer(errstr));
                            }
                        }
                        RdKafka.rd_kafka_CreatePartitions(rk, CArrays.pointers(a, objs), objs.size(), opts, q);
                    } finally {
                        objs.forEach(RdKafka::rd_kafka_NewPartitions_destroy);
                    }
                },
                (ev, a) -> AdminResults.topicResults("createPartitions",
                        AdminResults.array(a, cnt -> RdKafka.rd_kafka_CreatePartitions_result_topics(
                                RdKafka.rd_kafka_event_CreatePartitions_result(ev), cnt)), names));
    }

    @Override
    public CompletableFuture<ItemResults<String, TopicDescription>> describeTopics(Collection<String> topics,
                                                                                  AdminOptions options) {
        List<String> names = List.copyOf(topics);
        if (Feature.DESCRIBE_TOPICS.isAvailable()) {
            requests.checkOptions("describeTopics", options, OPT_AUTHORIZED_OPS);
            if (names.isEmpty()) return AdminRequests.empty();
            // the mock brokers name no controller, which librdkafka 2.3+ sends DescribeTopics to
            return requests.byCluster("describeTopics", options, () -> describeTopicsNatively(names, options),
                    () -> describeTopicsFromMetadata(names, options, true));
        }
        return describeTopicsFromMetadata(names, options, false);
    }

    private CompletableFuture<ItemResults<String, TopicDescription>> describeTopicsNatively(List<String> names,
                                                                                           AdminOptions options) {
        boolean withOps = options.includeAuthorizedOperations();
        return requests.submit("describeTopics", RD_KAFKA_ADMIN_OP_DESCRIBETOPICS, options, OPT_AUTHORIZED_OPS,
                (rk, opts, q, a) -> {
                    MemorySegment coll = RdKafka.rd_kafka_TopicCollection_of_topic_names(
                            CStrings.array(a, names.toArray(String[]::new)), names.size());
                    try {
                        RdKafka.rd_kafka_DescribeTopics(rk, coll, opts, q);
                    } finally {
                        RdKafka.rd_kafka_TopicCollection_destroy(coll);
                    }
                },
                (ev, a) -> AdminResults.topicDescriptions(a, RdKafka.rd_kafka_event_DescribeTopics_result(ev),
                        names, withOps));
    }

    private CompletableFuture<ItemResults<String, TopicDescription>> describeTopicsFromMetadata(List<String> names,
                                                                                               AdminOptions options,
                                                                                               boolean mock) {
        AdminRequests.checkFallbackOptions("describeTopics", options, Feature.DESCRIBE_TOPICS, mock);
        if (names.isEmpty()) return AdminRequests.empty();
        return requests.blocking("describeTopics", options, (rk, budget) -> {
            Map<String, TopicDescription> values = new LinkedHashMap<>();
            Map<String, KafkaException> errors = new LinkedHashMap<>();
            // on the mock cluster one request for every topic: librdkafka 2.8.0 crashes (SIGSEGV on its main
            // thread) on a mock's answer to a request naming a topic the mock fails with an error
            AdminMetadata all = mock ? AdminMetadata.fetch(rk, true, null, budget) : null;
            for (String name : names) {
                AdminMetadata md = all != null ? all : AdminMetadata.fetch(rk, false, name, budget);
                var t = md.topics().get(name);
                if (t == null) {
                    errors.put(name, Errors.exception(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
                            "describeTopics " + name + ": not in the metadata response"));
                } else if (t.err() != 0) {
                    errors.put(name, Errors.exception(t.err(), "describeTopics " + name + ": "
                            + KafkaError.describe(t.err())));
                } else {
                    values.put(name, md.describe(t));
                }
            }
            return new ItemResults<>(values, errors, names);
        });
    }

    @Override
    public CompletableFuture<List<TopicListing>> listTopics(boolean includeInternal, AdminOptions options) {
        return requests.blocking("listTopics", options, (rk, budget) -> {
            AdminMetadata md = AdminMetadata.fetch(rk, true, null, budget);
            return md.topics().values().stream()
                    .map(t -> new TopicListing(t.name(), t.partitions().size(), AdminMetadata.isInternal(t.name())))
                    .filter(t -> includeInternal || !t.internal())
                    .sorted(java.util.Comparator.comparing(TopicListing::name))
                    .toList();
        });
    }

    @Override
    public CompletableFuture<ItemResults<ConfigResource, Config>> describeConfigs(Collection<ConfigResource> resources,
                                                                                AdminOptions options) {
        List<ConfigResource> rs = List.copyOf(resources);
        if (rs.isEmpty()) return AdminRequests.empty();
        return requests.submit("describeConfigs", RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, options, 0,
                (rk, opts, q, a) -> {
                    List<MemorySegment> objs = new ArrayList<>();
                    try {
                        for (ConfigResource r : rs) objs.add(newConfigResource(a, r));
                        RdKafka.rd_kafka_DescribeConfigs(rk, CArrays.pointers(a, objs), objs.size(), opts, q);
                    } finally {
                        objs.forEach(RdKafka::rd_kafka_ConfigResource_destroy);
                    }
                },
                (ev, a) -> AdminResults.configResources("describeConfigs", a,
                        AdminResults.array(a, cnt -> RdKafka.rd_kafka_DescribeConfigs_result_resources(
                                RdKafka.rd_kafka_event_DescribeConfigs_result(ev), cnt)), rs, true));
    }

    @Override
    public CompletableFuture<ItemResults<ConfigResource, Void>> alterConfigs(Map<ConfigResource, Map<String, String>> configs,
                                                                            AdminOptions options) {
        Map<ConfigResource, Map<String, String>> m = new LinkedHashMap<>(configs);
        if (m.isEmpty()) return AdminRequests.empty();
        List<ConfigResource> rs = List.copyOf(m.keySet());
        return requests.submit("alterConfigs", RD_KAFKA_ADMIN_OP_ALTERCONFIGS, options, OPT_VALIDATE_ONLY,
                (rk, opts, q, a) -> {
                    List<MemorySegment> objs = new ArrayList<>();
                    try {
                        for (var e : m.entrySet()) {
                            MemorySegment r = newConfigResource(a, e.getKey());
                            objs.add(r);
                            for (var c : e.getValue().entrySet()) {
                                int err = RdKafka.rd_kafka_ConfigResource_set_config(r, a.allocateFrom(c.getKey()),
                                        CStrings.toC(a, c.getValue()));
                                if (err != 0) throw new IllegalArgumentException(e.getKey() + " config " + c.getKey()
                                        + ": " + KafkaError.describe(err));
                            }
                        }
                        RdKafka.rd_kafka_AlterConfigs(rk, CArrays.pointers(a, objs), objs.size(), opts, q);
                    } finally {
                        objs.forEach(RdKafka::rd_kafka_ConfigResource_destroy);
                    }
                },
                (ev, a) -> AdminResults.configResources("alterConfigs", a,
                        AdminResults.array(a, cnt -> RdKafka.rd_kafka_AlterConfigs_result_resources(
                                RdKafka.rd_kafka_event_AlterConfigs_result(ev), cnt)), rs, false));
    }

    @Override
    public CompletableFuture<ItemResults<ConfigResource, Void>> incrementalAlterConfigs(
            Map<ConfigResource, ? extends Collection<AlterConfigOp>> changes, AdminOptions options) {
        requests.require(Feature.INCREMENTAL_ALTER_CONFIGS, "incrementalAlterConfigs");
        Map<ConfigResource, List<AlterConfigOp>> m = new LinkedHashMap<>();
        changes.forEach((k, v) -> m.put(k, List.copyOf(v)));
        if (m.isEmpty()) return AdminRequests.empty();
        List<ConfigResource> rs = List.copyOf(m.keySet());
        return requests.submit("incrementalAlterConfigs", RD_KAFKA_ADMIN_OP_INCREMENTALALTERCONFIGS, options, OPT_VALIDATE_ONLY,
                (rk, opts, q, a) -> {
                    List<MemorySegment> objs = new ArrayList<>();
                    try {
                        for (var e : m.entrySet()) {
                            MemorySegment r = newConfigResource(a, e.getKey());
                            objs.add(r);
                            for (AlterConfigOp op : e.getValue()) {
                                KafkaError err = Errors.readAndDestroy(RdKafka.rd_kafka_ConfigResource_add_incremental_config(
                                        r, a.allocateFrom(op.name()), op.type().code, CStrings.toC(a, op.value())));
                                if (err != null) throw new IllegalArgumentException(e.getKey() + " config " + op.name()
                                        + ": " + err.message());
                            }
                        }
                        RdKafka.rd_kafka_IncrementalAlterConfigs(rk, CArrays.pointers(a, objs), objs.size(), opts, q);
                    } finally {
                        objs.forEach(RdKafka::rd_kafka_ConfigResource_destroy);
                    }
                },
                (ev, a) -> AdminResults.configResources("incrementalAlterConfigs", a,
                        AdminResults.array(a, cnt -> RdKafka.rd_kafka_IncrementalAlterConfigs_result_resources(
                                RdKafka.rd_kafka_event_IncrementalAlterConfigs_result(ev), cnt)), rs, false));
    }

    private static MemorySegment newConfigResource(Arena a, ConfigResource r) {
        if (r.type() == ResourceType.ANY || r.type() == ResourceType.UNKNOWN) {
            throw new IllegalArgumentException("a configuration resource needs a concrete type, not " + r.type());
        }
        MemorySegment res = RdKafka.rd_kafka_ConfigResource_new(r.type().code, a.allocateFrom(r.name()));
        if (res.equals(MemorySegment.NULL)) throw new IllegalArgumentException("invalid configuration resource " + r);
        return res;
    }

    @Override
    public CompletableFuture<ItemResults<TopicPartition, Long>> deleteRecords(Map<TopicPartition, Long> beforeOffsets,
                                                                             AdminOptions options) {
        Map<TopicPartition, Long> m = new LinkedHashMap<>(beforeOffsets);
        if (m.isEmpty()) return AdminRequests.empty();
        List<TopicPartition> order = List.copyOf(m.keySet());
        return requests.submit("deleteRecords", RD_KAFKA_ADMIN_OP_DELETERECORDS, options, OPT_OPERATION_TIMEOUT,
                (rk, opts, q, a) -> {
                    MemorySegment dr;
                    try (NativeObject list = TopicPartitionLists.ofPositions(m)) {
                        dr = RdKafka.rd_kafka_DeleteRecords_new(list.ptr()); // copies the list
                    }
                    try (NativeObject request = NativeObject.of("rd_kafka_DeleteRecords_t", dr,
                            RdKafka::rd_kafka_DeleteRecords_destroy)) {
                        RdKafka.rd_kafka_DeleteRecords(rk, CArrays.pointers(a, List.of(request.ptr())), 1, opts, q);
                    }
                },
                (ev, a) -> AdminResults.partitionResults("deleteRecords",
                        RdKafka.rd_kafka_DeleteRecords_result_offsets(RdKafka.rd_kafka_event_DeleteRecords_result(ev)),
                        order, e -> e.offset()));
    }

    @Override
    public CompletableFuture<ConsumerGroupListings> listConsumerGroups(Set<ConsumerGroupState> states,
                                                                       AdminOptions options) {
        int[] codes = states.stream().mapToInt(s -> s.code).toArray();
        return requests.submit("listConsumerGroups", RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, options, 0,
                (rk, opts, q, a) -> {
                    if (codes.length > 0) {
                        KafkaError err = Errors.readAndDestroy(RdKafka.rd_kafka_AdminOptions_set_match_consumer_group_states(
                                opts, CArrays.ints(a, codes), codes.length));
                        if (err != null) throw new IllegalArgumentException("states " + states + ": " + err.message());
                    }
                    RdKafka.rd_kafka_ListConsumerGroups(rk, opts, q);
                },
                (ev, a) -> AdminResults.groupListings(a, RdKafka.rd_kafka_event_ListConsumerGroups_result(ev)));
    }

    @Override
    public CompletableFuture<ItemResults<String, ConsumerGroupDescription>> describeConsumerGroups(
            Collection<String> groupIds, AdminOptions options) {
        List<String> ids = List.copyOf(groupIds);
        if (ids.isEmpty()) return AdminRequests.empty();
        boolean withOps = options.includeAuthorizedOperations();
        if (withOps) requests.require(Feature.AUTHORIZED_OPERATIONS, "describeConsumerGroups with includeAuthorizedOperations");
        return requests.unlessMockCluster("describeConsumerGroups", options, () -> requests.coordinatorRetry(options, () -> requests.submit(
                "describeConsumerGroups",
                RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, options, OPT_AUTHORIZED_OPS,
                (rk, opts, q, a) -> RdKafka.rd_kafka_DescribeConsumerGroups(rk, CStrings.array(a, ids.toArray(String[]::new)),
                        ids.size(), opts, q),
                (ev, a) -> AdminResults.groupDescriptions(a, RdKafka.rd_kafka_event_DescribeConsumerGroups_result(ev),
                        ids, withOps))),
                e -> AdminRequests.allFailed(ids, e));
    }

    @Override
    public CompletableFuture<ItemResults<String, Void>> deleteConsumerGroups(Collection<String> groupIds,
                                                                            AdminOptions options) {
        List<String> ids = List.copyOf(groupIds);
        if (ids.isEmpty()) return AdminRequests.empty();
        return requests.unlessMockCluster("deleteConsumerGroups", options, () -> requests.coordinatorRetry(options, () -> requests.submit(
                "deleteConsumerGroups",
                RD_KAFKA_ADMIN_OP_DELETEGROUPS, options, 0,
                (rk, opts, q, a) -> {
                    List<MemorySegment> objs = new ArrayList<>();
                    try {
                        for (String g : ids) objs.add(RdKafka.rd_kafka_DeleteGroup_new(a.allocateFrom(g)));
                        RdKafka.rd_kafka_DeleteGroups(rk, CArrays.pointers(a, objs), objs.size(), opts, q);
                    } finally {
                        objs.forEach(RdKafka::rd_kafka_DeleteGroup_destroy);
                    }
                },
                (ev, a) -> AdminResults.groupResults("deleteConsumerGroups",
                        AdminResults.array(a, cnt -> RdKafka.rd_kafka_DeleteGroups_result_groups(
                                RdKafka.rd_kafka_event_DeleteGroups_result(ev), cnt)), ids))),
                e -> AdminRequests.allFailed(ids, e));
    }

    @Override
    public CompletableFuture<ItemResults<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(
            String groupId, Collection<TopicPartition> partitions, AdminOptions options) {
        Objects.requireNonNull(groupId, "groupId");
        List<TopicPartition> order = partitions == null ? List.of() : List.copyOf(partitions);
        return requests.coordinatorRetry(options, () -> requests.submit("listConsumerGroupOffsets",
                RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, options, OPT_REQUIRE_STABLE,
                (rk, opts, q, a) -> {
                    MemorySegment req;
                    try (NativeObject list = order.isEmpty() ? NativeObject.list(MemorySegment.NULL)
                            : TopicPartitionLists.of(order)) {
                        req = RdKafka.rd_kafka_ListConsumerGroupOffsets_new(a.allocateFrom(groupId), list.ptr());
                    }
                    try (NativeObject request = NativeObject.of("rd_kafka_ListConsumerGroupOffsets_t", req,
                            RdKafka::rd_kafka_ListConsumerGroupOffsets_destroy)) {
                        RdKafka.rd_kafka_ListConsumerGroupOffsets(rk, CArrays.pointers(a, List.of(request.ptr())), 1,
                                opts, q);
                    }
                },
                (ev, a) -> AdminResults.groupPartitions("listConsumerGroupOffsets", groupId,
                        AdminResults.array(a, cnt -> RdKafka.rd_kafka_ListConsumerGroupOffsets_result_groups(
                                RdKafka.rd_kafka_event_ListConsumerGroupOffsets_result(ev), cnt)), order,
                        e -> e.offset() < 0 ? null : new OffsetAndMetadata(e.offset(), e.metadata(), e.leaderEpoch()))));
    }

    @Override
    public CompletableFuture<ItemResults<TopicPartition, Void>> alterConsumerGroupOffsets(
            String groupId, Map<TopicPartition, OffsetAndMetadata> offsets, AdminOptions options) {
        Objects.requireNonNull(groupId, "groupId");
        Map<TopicPartition, OffsetAndMetadata> m = new LinkedHashMap<>(offsets);
        if (m.isEmpty()) return AdminRequests.empty();
        List<TopicPartition> order = List.copyOf(m.keySet());
        return requests.coordinatorRetry(options, () -> requests.submit("alterConsumerGroupOffsets",
                RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, options, 0,
                (rk, opts, q, a) -> {
                    MemorySegment req;
                    // metadata in librdkafka's allocator (rd_kafka_mem_malloc): the list's destroy frees it
                    try (NativeObject list = TopicPartitionLists.build(order, tp -> m.get(tp).offset(), (tp, elem) -> {
                        OffsetAndMetadata om = m.get(tp);
                        TopicPartitionLists.setMetadata(rk, elem,
                                om.metadata().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        TopicPartitionLists.setLeaderEpoch(elem, om.leaderEpoch());
                    })) {
                        req = RdKafka.rd_kafka_AlterConsumerGroupOffsets_new(a.allocateFrom(groupId), list.ptr());
                    }
                    try (NativeObject request = NativeObject.of("rd_kafka_AlterConsumerGroupOffsets_t", req,
                            RdKafka::rd_kafka_AlterConsumerGroupOffsets_destroy)) {
                        RdKafka.rd_kafka_AlterConsumerGroupOffsets(rk, CArrays.pointers(a, List.of(request.ptr())), 1,
                                opts, q);
                    }
                },
                (ev, a) -> AdminResults.<Void>groupPartitions("alterConsumerGroupOffsets", groupId,
                        AdminResults.array(a, cnt -> RdKafka.rd_kafka_AlterConsumerGroupOffsets_result_groups(
                                RdKafka.rd_kafka_event_AlterConsumerGroupOffsets_result(ev), cnt)), order, e -> null)));
    }

    @Override
    public CompletableFuture<ItemResults<TopicPartition, Void>> deleteConsumerGroupOffsets(
            String groupId, Collection<TopicPartition> partitions, AdminOptions options) {
        Objects.requireNonNull(groupId, "groupId");
        List<TopicPartition> order = List.copyOf(partitions);
        if (order.isEmpty()) return AdminRequests.empty();
        return requests.unlessMockCluster("deleteConsumerGroupOffsets", options, () -> requests.coordinatorRetry(options, () -> requests.submit(
                "deleteConsumerGroupOffsets",
                RD_KAFKA_ADMIN_OP_DELETECONSUMERGROUPOFFSETS, options, 0,
                (rk, opts, q, a) -> {
                    MemorySegment req;
                    try (NativeObject list = TopicPartitionLists.of(order)) {
                        req = RdKafka.rd_kafka_DeleteConsumerGroupOffsets_new(a.allocateFrom(groupId), list.ptr());
                    }
                    try (NativeObject request = NativeObject.of("rd_kafka_DeleteConsumerGroupOffsets_t", req,
                            RdKafka::rd_kafka_DeleteConsumerGroupOffsets_destroy)) {
                        RdKafka.rd_kafka_DeleteConsumerGroupOffsets(rk, CArrays.pointers(a, List.of(request.ptr())), 1,
                                opts, q);
                    }
                },
                (ev, a) -> AdminResults.<Void>groupPartitions("deleteConsumerGroupOffsets", groupId,
                        AdminResults.array(a, cnt -> RdKafka.rd_kafka_DeleteConsumerGroupOffsets_result_groups(
                                RdKafka.rd_kafka_event_DeleteConsumerGroupOffsets_result(ev), cnt)), order, e -> null))),
                null);
    }

    @Override
    public CompletableFuture<ItemResults<AclBinding, Void>> createAcls(Collection<AclBinding> acls, AdminOptions options) {
        List<AclBinding> list = List.copyOf(acls);
        if (list.isEmpty()) return AdminRequests.empty();
        return requests.submit("createAcls", RD_KAFKA_ADMIN_OP_CREATEACLS, options, 0,
                (rk, opts, q, a) -> {
                    List<MemorySegment> objs = new ArrayList<>();
                    try {
                        for (AclBinding b : list) objs.add(AdminResults.newAcl(a, b.resourceType().code, b.resourceName(),
                                b.patternType().code, b.principal(), b.host(), b.operation().code,
                                b.permissionType().code, false, b.toString()));
                        RdKafka.rd_kafka_CreateAcls(rk, CArrays.pointers(a, objs), objs.size(), opts, q);
                    } finally {
                        objs.forEach(RdKafka::rd_kafka_AclBinding_destroy);
                    }
                },
                (ev, a) -> AdminResults.aclResults(a, RdKafka.rd_kafka_event_CreateAcls_result(ev), list));
    }

    @Override
    public CompletableFuture<List<AclBinding>> describeAcls(AclBindingFilter filter, AdminOptions options) {
        Objects.requireNonNull(filter, "filter");
        return requests.submit("describeAcls", RD_KAFKA_ADMIN_OP_DESCRIBEACLS, options, 0,
                (rk, opts, q, a) -> {
                    MemorySegment f = newFilter(a, filter);
                    try {
                        RdKafka.rd_kafka_DescribeAcls(rk, f, opts, q);
                    } finally {
                        RdKafka.rd_kafka_AclBinding_destroy(f);
                    }
                },
                (ev, a) -> AdminResults.bindings(AdminResults.array(a, cnt -> RdKafka.rd_kafka_DescribeAcls_result_acls(
                        RdKafka.rd_kafka_event_DescribeAcls_result(ev), cnt))));
    }

    @Override
    public CompletableFuture<ItemResults<AclBindingFilter, List<AclBinding>>> deleteAcls(Collection<AclBindingFilter> filters,
                                                                                         AdminOptions options) {
        List<AclBindingFilter> list = List.copyOf(filters);
        if (list.isEmpty()) return AdminRequests.empty();
        return requests.submit("deleteAcls", RD_KAFKA_ADMIN_OP_DELETEACLS, options, 0,
                (rk, opts, q, a) -> {
                    List<MemorySegment> objs = new ArrayList<>();
                    try {
                        for (AclBindingFilter f : list) objs.add(newFilter(a, f));
                        RdKafka.rd_kafka_DeleteAcls(rk, CArrays.pointers(a, objs), objs.size(), opts, q);
                    } finally {
                        objs.forEach(RdKafka::rd_kafka_AclBinding_destroy);
                    }
                },
                (ev, a) -> AdminResults.deleteAclResults(a, RdKafka.rd_kafka_event_DeleteAcls_result(ev), list));
    }

    private static MemorySegment newFilter(Arena a, AclBindingFilter f) {
        return AdminResults.newAcl(a, f.resourceType().code, f.resourceName(), f.patternType().code, f.principal(),
                f.host(), f.operation().code, f.permissionType().code, true, f.toString());
    }

    @Override
    public CompletableFuture<ClusterDescription> describeCluster(AdminOptions options) {
        if (Feature.DESCRIBE_CLUSTER.isAvailable()) {
            requests.checkOptions("describeCluster", options, OPT_AUTHORIZED_OPS);
            boolean withOps = options.includeAuthorizedOperations();
            // the mock brokers name no controller, which librdkafka 2.3+ sends DescribeCluster to
            return requests.byCluster("describeCluster", options, () -> requests.submit("describeCluster",
                    RD_KAFKA_ADMIN_OP_DESCRIBECLUSTER, options, OPT_AUTHORIZED_OPS,
                    (rk, opts, q, a) -> RdKafka.rd_kafka_DescribeCluster(rk, opts, q),
                    (ev, a) -> AdminResults.cluster(a, RdKafka.rd_kafka_event_DescribeCluster_result(ev), withOps)),
                    () -> describeClusterFromMetadata(options, true));
        }
        return describeClusterFromMetadata(options, false);
    }

    private CompletableFuture<ClusterDescription> describeClusterFromMetadata(AdminOptions options, boolean mock) {
        AdminRequests.checkFallbackOptions("describeCluster", options, Feature.DESCRIBE_CLUSTER, mock);
        return requests.blocking("describeCluster", options, (rk, budget) -> {
            AdminMetadata md = AdminMetadata.fetch(rk, false, null, budget);
            String clusterId = AdminRequests.clusterId(rk, budget);
            int controller = RdKafka.rd_kafka_controllerid(rk, budget.slice());
            // a controller id that is no broker's (librdkafka's mock cluster says 0) is not reported
            Node node = md.brokers().stream().filter(n -> n.id() == controller).findFirst().orElse(null);
            return new ClusterDescription(clusterId, node, md.brokers(), null);
        });
    }

    @Override
    public CompletableFuture<ItemResults<TopicPartition, ListOffsetsResultInfo>> listOffsets(
            Map<TopicPartition, OffsetSpec> specs, AdminOptions options) {
        Map<TopicPartition, OffsetSpec> m = new LinkedHashMap<>(specs);
        if (m.isEmpty()) return AdminRequests.empty();
        List<TopicPartition> order = List.copyOf(m.keySet());
        if (Feature.LIST_OFFSETS.isAvailable()) {
            return requests.submit("listOffsets", RD_KAFKA_ADMIN_OP_LISTOFFSETS, options, OPT_ISOLATION,
                    (rk, opts, q, a) -> {
                        try (NativeObject list = TopicPartitionLists.build(order, tp -> m.get(tp).nativeValue(), null)) {
                            RdKafka.rd_kafka_ListOffsets(rk, list.ptr(), opts, q);
                        }
                    },
                    (ev, a) -> AdminResults.listOffsets(a, RdKafka.rd_kafka_event_ListOffsets_result(ev), order));
        }
        AdminRequests.checkFallbackOptions("listOffsets", options, Feature.LIST_OFFSETS, false);
        if (m.containsValue(OffsetSpec.maxTimestamp())) {
            throw Feature.LIST_OFFSETS.unsupported("listOffsets with OffsetSpec.maxTimestamp()");
        }
        if (options.isolationLevel() == IsolationLevel.READ_COMMITTED) {
            throw Feature.LIST_OFFSETS.unsupported("listOffsets with READ_COMMITTED");
        }
        return requests.blocking("listOffsets", options, (rk, budget) -> AdminMetadata.listOffsetsFallback(rk, m, budget));
    }

    @Override
    public CompletableFuture<ItemResults<String, List<ScramCredentialInfo>>> describeUserScramCredentials(
            Collection<String> users, AdminOptions options) {
        requests.require(Feature.USER_SCRAM_CREDENTIALS, "describeUserScramCredentials");
        List<String> list = List.copyOf(users);
        return requests.submit("describeUserScramCredentials", RD_KAFKA_ADMIN_OP_DESCRIBEUSERSCRAMCREDENTIALS, options, 0,
                (rk, opts, q, a) -> RdKafka.rd_kafka_DescribeUserScramCredentials(rk,
                        list.isEmpty() ? MemorySegment.NULL : CStrings.array(a, list.toArray(String[]::new)),
                        list.size(), opts, q),
                (ev, a) -> AdminResults.scramDescriptions(a,
                        RdKafka.rd_kafka_event_DescribeUserScramCredentials_result(ev), list));
    }

    @Override
    public CompletableFuture<ItemResults<String, Void>> alterUserScramCredentials(
            List<UserScramCredentialAlteration> alterations, AdminOptions options) {
        requests.require(Feature.USER_SCRAM_CREDENTIALS, "alterUserScramCredentials");
        List<UserScramCredentialAlteration> list = List.copyOf(alterations);
        if (list.isEmpty()) return AdminRequests.empty();
        List<String> users = list.stream().map(UserScramCredentialAlteration::user).distinct().toList();
        return requests.submit("alterUserScramCredentials", RD_KAFKA_ADMIN_OP_ALTERUSERSCRAMCREDENTIALS, options, 0,
                (rk, opts, q, a) -> {
                    List<MemorySegment> objs = new ArrayList<>();
                    try {
                        for (UserScramCredentialAlteration alt : list) {
                            MemorySegment o = switch (alt) {
                                case UserScramCredentialAlteration.Upsertion u -> RdKafka.rd_kafka_UserScramCredentialUpsertion_new(
                                        a.allocateFrom(u.user()), u.mechanism().code, u.iterations(),
                                        CArrays.bytes(a, u.password()), u.password().length,
                                        u.salt() == null ? MemorySegment.NULL : CArrays.bytes(a, u.salt()),
                                        u.salt() == null ? 0 : u.salt().length);
                                case UserScramCredentialAlteration.Deletion d -> RdKafka.rd_kafka_UserScramCredentialDeletion_new(
                                        a.allocateFrom(d.user()), d.mechanism().code);
                            };
                            if (o.equals(MemorySegment.NULL)) throw new IllegalArgumentException("invalid alteration " + alt);
                            objs.add(o);
                        }
                        RdKafka.rd_kafka_AlterUserScramCredentials(rk, CArrays.pointers(a, objs), objs.size(), opts, q);
                    } finally {
                        objs.forEach(RdKafka::rd_kafka_UserScramCredentialAlteration_destroy);
                    }
                },
                (ev, a) -> AdminResults.scramAlterations(a,
                        RdKafka.rd_kafka_event_AlterUserScramCredentials_result(ev), users));
    }

    @Override
    public CompletableFuture<ItemResults<TopicPartition, Void>> electLeaders(ElectionType type,
                                                                            Collection<TopicPartition> partitions,
                                                                            AdminOptions options) {
        Objects.requireNonNull(type, "type");
        requests.require(Feature.ELECT_LEADERS, "electLeaders");
        List<TopicPartition> order = partitions == null ? null : List.copyOf(partitions);
        if (order != null && order.isEmpty()) return AdminRequests.empty();
        return requests.submit("electLeaders", RD_KAFKA_ADMIN_OP_ELECTLEADERS, options, OPT_OPERATION_TIMEOUT,
                (rk, opts, q, a) -> {
                    MemorySegment el;
                    try (NativeObject list = order == null ? NativeObject.list(MemorySegment.NULL)
                            : TopicPartitionLists.of(order)) {
                        el = RdKafka.rd_kafka_ElectLeaders_new(type.code, list.ptr());
                    }
                    try (NativeObject request = NativeObject.of("rd_kafka_ElectLeaders_t", el,
                            RdKafka::rd_kafka_ElectLeaders_destroy)) {
                        RdKafka.rd_kafka_ElectLeaders(rk, request.ptr(), opts, q);
                    }
                },
                (ev, a) -> AdminResults.electionResults(a, RdKafka.rd_kafka_event_ElectLeaders_result(ev),
                        order == null ? List.of() : order));
    }

    @Override
    public int pendingCount() {
        return requests.pendingCount();
    }

    @Override
    public void close() {
        close(config.closeTimeout());
    }

    @Override
    public void close(Duration timeout) {
        requests.close(Timeouts.deadline(timeout)); // a bad timeout throws before anything is closed
    }

    @Override
    public String toString() {
        NativeClient client = requests.client();
        return "Admin[" + client.name() + (client.isClosed() ? ", closed]" : "]");
    }
}

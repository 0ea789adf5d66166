package io.rdkafka.client.admin;

import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.TopicPartitionLists;
import io.rdkafka.ffm.CArrays;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaLibrary;
import io.rdkafka.ffm.RdKafkaStructs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the admin API's native inputs and reads its result objects into Java values. Result objects are
 * owned by their event: everything here copies, nothing is kept or freed (except where C says so).
 */
final class AdminResults {
    private AdminResults() {
    }

    static final boolean HAS_LEADER_EPOCH = RdKafkaLibrary.isAvailable()
            && RdKafkaLibrary.hasSymbol("rd_kafka_topic_partition_set_leader_epoch");
    private static final boolean HAS_NODE_RACK = RdKafkaLibrary.isAvailable()
            && RdKafkaLibrary.hasSymbol("rd_kafka_Node_rack");
    private static final boolean HAS_GROUP_AUTHORIZED_OPS = RdKafkaLibrary.isAvailable()
            && RdKafkaLibrary.hasSymbol("rd_kafka_ConsumerGroupDescription_authorized_operations");
    /** Group types in listings: librdkafka 2.6.0. */
    private static final boolean HAS_LISTING_TYPE = RdKafkaLibrary.isAvailable()
            && RdKafkaLibrary.hasSymbol("rd_kafka_ConsumerGroupListing_type");
    /** Group types in descriptions and members' target assignments: librdkafka 2.10.0. */
    private static final boolean HAS_DESCRIPTION_TYPE = RdKafkaLibrary.isAvailable()
            && RdKafkaLibrary.hasSymbol("rd_kafka_ConsumerGroupDescription_type");

    private static boolean isNull(MemorySegment p) {
        return p == null || p.equals(MemorySegment.NULL);
    }

    /** Calls a {@code T **f(..., size_t *cntp)} getter and returns its elements. */
    static List<MemorySegment> array(Arena a, Function<MemorySegment, MemorySegment> getter) {
        MemorySegment cnt = Pointers.outLong(a);
        MemorySegment arr = getter.apply(cnt);
        return CArrays.pointers(arr, Pointers.longValue(cnt));
    }

    /** The typed exception of a {@code const rd_kafka_error_t *} owned by a result (not destroyed), or null. */
    static KafkaException error(MemorySegment err, String context) {
        if (isNull(err)) return null;
        int code = RdKafka.rd_kafka_error_code(err);
        if (code == RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) return null;
        String msg = CStrings.toJava(RdKafka.rd_kafka_error_string(err));
        return Errors.exception(KafkaError.of(code, context + ": " + (msg == null || msg.isEmpty()
                        ? KafkaError.describe(code) : msg))
                .withFlags(RdKafka.rd_kafka_error_is_fatal(err) != 0, RdKafka.rd_kafka_error_is_retriable(err) != 0,
                        RdKafka.rd_kafka_error_txn_requires_abort(err) != 0));
    }

    /** The typed exception of an error code with an optional string, or null for NO_ERROR. */
    static KafkaException error(int code, String str, String context) {
        if (code == RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) return null;
        return Errors.exception(KafkaError.of(code, context + ": " + (str == null || str.isEmpty()
                ? KafkaError.describe(code) : str)));
    }

    static Node node(MemorySegment n) {
        if (isNull(n)) return null;
        return new Node(RdKafka.rd_kafka_Node_id(n), CStrings.toJava(RdKafka.rd_kafka_Node_host(n)),
                Short.toUnsignedInt(RdKafka.rd_kafka_Node_port(n)),
                HAS_NODE_RACK ? CStrings.toJava(RdKafka.rd_kafka_Node_rack(n)) : null);
    }

    private static List<Node> nodes(List<MemorySegment> ns) {
        List<Node> out = new ArrayList<>(ns.size());
        for (MemorySegment n : ns) out.add(node(n));
        return out;
    }

    private static Set<AclOperation> operations(MemorySegment arr, MemorySegment cntp) {
        int[] codes = CArrays.ints(arr, Pointers.longValue(cntp));
        Set<AclOperation> ops = EnumSet.noneOf(AclOperation.class);
        for (int c : codes) ops.add(AclOperation.fromCode(c));
        return ops;
    }

    // ---- topics -------------------------------------------------------------------------------------

    static ItemResults<String, Void> topicResults(String op, List<MemorySegment> results, List<String> order) {
        Map<String, Void> values = new LinkedHashMap<>();
        Map<String, KafkaException> errors = new LinkedHashMap<>();
        for (MemorySegment r : results) {
            String name = CStrings.toJava(RdKafka.rd_kafka_topic_result_name(r));
            KafkaException e = error(RdKafka.rd_kafka_topic_result_error(r),
                    CStrings.toJava(RdKafka.rd_kafka_topic_result_error_string(r)), op + " " + name);
            if (e != null) errors.put(name, e);
            else values.put(name, null);
        }
        return new ItemResults<>(values, errors, order);
    }

    static ItemResults<String, TopicDescription> topicDescriptions(Arena a, MemorySegment result, List<String> order,
                                                                  boolean withOps) {
        Map<String, TopicDescription> values = new LinkedHashMap<>();
        Map<String, KafkaException> errors = new LinkedHashMap<>();
        for (MemorySegment d : array(a, cnt -> RdKafka.rd_kafka_DescribeTopics_result_topics(result, cnt))) {
            String name = CStrings.toJava(RdKafka.rd_kafka_TopicDescription_name(d));
            KafkaException e = error(RdKafka.rd_kafka_TopicDescription_error(d), "describeTopics " + name);
            if (e != null) {
                errors.put(name, e);
                continue;
            }
            List<TopicPartitionInfo> parts = new ArrayList<>();
            for (MemorySegment p : array(a, cnt -> RdKafka.rd_kafka_TopicDescription_partitions(d, cnt))) {
                parts.add(new TopicPartitionInfo(RdKafka.rd_kafka_TopicPartitionInfo_partition(p),
                        node(RdKafka.rd_kafka_TopicPartitionInfo_leader(p)),
                        nodes(array(a, cnt -> RdKafka.rd_kafka_TopicPartitionInfo_replicas(p, cnt))),
                        nodes(array(a, cnt -> RdKafka.rd_kafka_TopicPartitionInfo_isr(p, cnt)))));
            }
            parts.sort(java.util.Comparator.comparingInt(TopicPartitionInfo::partition));
            MemorySegment uuid = RdKafka.rd_kafka_TopicDescription_topic_id(d);
            // librdkafka writes standard base64, Kafka (Uuid.toString, its tools) the URL-safe alphabet
            String id = isNull(uuid) ? null : CStrings.toJava(RdKafka.rd_kafka_Uuid_base64str(uuid))
                    .replace('+', '-').replace('/', '_');
            Set<AclOperation> ops = null;
            if (withOps) {
                MemorySegment cnt = Pointers.outLong(a);
                ops = operations(RdKafka.rd_kafka_TopicDescription_authorized_operations(d, cnt), cnt);
            }
            values.put(name, new TopicDescription(name, id, RdKafka.rd_kafka_TopicDescription_is_internal(d) != 0,
                    parts, ops));
        }
        return new ItemResults<>(values, errors, order);
    }

    // ---- configurations -----------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static <T> ItemResults<ConfigResource, T> configResources(String op, Arena a, List<MemorySegment> results,
                                                              List<ConfigResource> order, boolean withConfigs) {
        Map<ConfigResource, T> values = new LinkedHashMap<>();
        Map<ConfigResource, KafkaException> errors = new LinkedHashMap<>();
        for (MemorySegment r : results) {
            ConfigResource key = new ConfigResource(ResourceType.fromCode(RdKafka.rd_kafka_ConfigResource_type(r)),
                    CStrings.toJava(RdKafka.rd_kafka_ConfigResource_name(r)));
            KafkaException e = error(RdKafka.rd_kafka_ConfigResource_error(r),
                    CStrings.toJava(RdKafka.rd_kafka_ConfigResource_error_string(r)), op + " " + key);
            if (e != null) {
                errors.put(key, e);
            } else if (withConfigs) {
                List<ConfigEntry> entries = new ArrayList<>();
                for (MemorySegment c : array(a, cnt -> RdKafka.rd_kafka_ConfigResource_configs(r, cnt))) {
                    entries.add(configEntry(a, c));
                }
                values.put(key, (T) new Config(entries));
            } else {
                values.put(key, null);
            }
        }
        return new ItemResults<>(values, errors, order);
    }

    private static ConfigEntry configEntry(Arena a, MemorySegment c) {
        List<ConfigEntry.Synonym> synonyms = new ArrayList<>();
        for (MemorySegment s : array(a, cnt -> RdKafka.rd_kafka_ConfigEntry_synonyms(c, cnt))) {
            synonyms.add(new ConfigEntry.Synonym(CStrings.toJava(RdKafka.rd_kafka_ConfigEntry_name(s)),
                    CStrings.toJava(RdKafka.rd_kafka_ConfigEntry_value(s)),
                    ConfigSource.fromCode(RdKafka.rd_kafka_ConfigEntry_source(s))));
        }
        return new ConfigEntry(CStrings.toJava(RdKafka.rd_kafka_ConfigEntry_name(c)),
                CStrings.toJava(RdKafka.rd_kafka_ConfigEntry_value(c)),
                ConfigSource.fromCode(RdKafka.rd_kafka_ConfigEntry_source(c)),
                RdKafka.rd_kafka_ConfigEntry_is_read_only(c) == 1, RdKafka.rd_kafka_ConfigEntry_is_default(c) == 1,
                RdKafka.rd_kafka_ConfigEntry_is_sensitive(c) == 1, synonyms);
    }

    // ---- partitions ---------------------------------------------------------------------------------

    /** Per-partition results of a native partition list (owned by the result). */
    static <V> ItemResults<TopicPartition, V> partitionResults(String op, MemorySegment list, List<TopicPartition> order,
                                                              Function<TopicPartitionLists.Entry, V> value) {
        Map<TopicPartition, V> values = new LinkedHashMap<>();
        Map<TopicPartition, KafkaException> errors = new LinkedHashMap<>();
        if (!isNull(list)) {
            for (TopicPartitionLists.Entry e : TopicPartitionLists.read(list)) {
                KafkaException ex = error(e.err(), null, op + " " + e.partition());
                if (ex != null) errors.put(e.partition(), ex);
                else values.put(e.partition(), value.apply(e));
            }
        }
        return new ItemResults<>(values, errors, order);
    }

    static ItemResults<TopicPartition, ListOffsetsResultInfo> listOffsets(Arena a, MemorySegment result,
                                                                          List<TopicPartition> order) {
        Map<TopicPartition, ListOffsetsResultInfo> values = new LinkedHashMap<>();
        Map<TopicPartition, KafkaException> errors = new LinkedHashMap<>();
        for (MemorySegment info : array(a, cnt -> RdKafka.rd_kafka_ListOffsets_result_infos(result, cnt))) {
            MemorySegment tp = RdKafkaStructs.TopicPartition.of(RdKafka.rd_kafka_ListOffsetsResultInfo_topic_partition(info));
            TopicPartition key = new TopicPartition(RdKafkaStructs.TopicPartition.topic(tp),
                    RdKafkaStructs.TopicPartition.partition(tp));
            KafkaException e = error(RdKafkaStructs.TopicPartition.err(tp), null, "listOffsets " + key);
            if (e != null) {
                errors.put(key, e);
                continue;
            }
            values.put(key, new ListOffsetsResultInfo(RdKafkaStructs.TopicPartition.offset(tp),
                    RdKafka.rd_kafka_ListOffsetsResultInfo_timestamp(info),
                    HAS_LEADER_EPOCH ? RdKafka.rd_kafka_topic_partition_get_leader_epoch(tp) : -1));
        }
        return new ItemResults<>(values, errors, order);
    }

    static ItemResults<TopicPartition, Void> electionResults(Arena a, MemorySegment result, List<TopicPartition> order) {
        Map<TopicPartition, Void> values = new LinkedHashMap<>();
        Map<TopicPartition, KafkaException> errors = new LinkedHashMap<>();
        for (MemorySegment r : array(a, cnt -> RdKafka.rd_kafka_ElectLeaders_result_partitions(result, cnt))) {
            MemorySegment tp = RdKafkaStructs.TopicPartition.of(RdKafka.rd_kafka_topic_partition_result_partition(r));
            TopicPartition key = new TopicPartition(RdKafkaStructs.TopicPartition.topic(tp),
                    RdKafkaStructs.TopicPartition.partition(tp));
            KafkaException e = error(RdKafka.rd_kafka_topic_partition_result_error(r), "electLeaders " + key);
            if (e != null) errors.put(key, e);
            else values.put(key, null);
        }
        return new ItemResults<>(values, errors, order);
    }

    // ---- groups -------------------------------------------------------------------------------------

    static ConsumerGroupListings groupListings(Arena a, MemorySegment result) {
        List<ConsumerGroupListing> groups = new ArrayList<>();
        for (MemorySegment g : array(a, cnt -> RdKafka.rd_kafka_ListConsumerGroups_result_valid(result, cnt))) {
            groups.add(new ConsumerGroupListing(CStrings.toJava(RdKafka.rd_kafka_ConsumerGroupListing_group_id(g)),
                    RdKafka.rd_kafka_ConsumerGroupListing_is_simple_consumer_group(g) != 0,
                    ConsumerGroupState.fromCode(RdKafka.rd_kafka_ConsumerGroupListing_state(g)),
                    HAS_LISTING_TYPE ? ConsumerGroupType.fromCode(RdKafka.rd_kafka_ConsumerGroupListing_type(g))
                            : ConsumerGroupType.UNKNOWN));
        }
        groups.sort(java.util.Comparator.comparing(ConsumerGroupListing::groupId));
        List<KafkaException> errors = new ArrayList<>();
        for (MemorySegment e : array(a, cnt -> RdKafka.rd_kafka_ListConsumerGroups_result_errors(result, cnt))) {
            KafkaException ex = error(e, "listConsumerGroups");
            if (ex != null) errors.add(ex);
        }
        return new ConsumerGroupListings(groups, errors);
    }

    static ItemResults<String, ConsumerGroupDescription> groupDescriptions(Arena a, MemorySegment result,
                                                                          List<String> order, boolean withOps) {
        Map<String, ConsumerGroupDescription> values = new LinkedHashMap<>();
        Map<String, KafkaException> errors = new LinkedHashMap<>();
        for (MemorySegment g : array(a, cnt -> RdKafka.rd_kafka_DescribeConsumerGroups_result_groups(result, cnt))) {
            String id = CStrings.toJava(RdKafka.rd_kafka_ConsumerGroupDescription_group_id(g));
            KafkaException e = error(RdKafka.rd_kafka_ConsumerGroupDescription_error(g), "describeConsumerGroups " + id);
            if (e != null) {
                errors.put(id, e);
                continue;
            }
            List<MemberDescription> members = new ArrayList<>();
            long n = RdKafka.rd_kafka_ConsumerGroupDescription_member_count(g);
            for (long i = 0; i < n; i++) {
                MemorySegment m = RdKafka.rd_kafka_ConsumerGroupDescription_member(g, i);
                MemorySegment assignment = RdKafka.rd_kafka_MemberDescription_assignment(m);
                List<TopicPartition> parts = isNull(assignment) ? List.of()
                        : TopicPartitionLists.partitions(RdKafka.rd_kafka_MemberAssignment_partitions(assignment));
                MemorySegment target = HAS_DESCRIPTION_TYPE ? RdKafka.rd_kafka_MemberDescription_target_assignment(m)
                        : MemorySegment.NULL;
                List<TopicPartition> targetParts = isNull(target) ? null
                        : TopicPartitionLists.partitions(RdKafka.rd_kafka_MemberAssignment_partitions(target));
                members.add(new MemberDescription(CStrings.toJava(RdKafka.rd_kafka_MemberDescription_consumer_id(m)),
                        CStrings.toJava(RdKafka.rd_kafka_MemberDescription_group_instance_id(m)),
                        CStrings.toJava(RdKafka.rd_kafka_MemberDescription_client_id(m)),
                        CStrings.toJava(RdKafka.rd_kafka_MemberDescription_host(m)), parts, targetParts));
            }
            Set<AclOperation> ops = null;
            if (withOps && HAS_GROUP_AUTHORIZED_OPS) {
                MemorySegment cnt = Pointers.outLong(a);
                ops = operations(RdKafka.rd_kafka_ConsumerGroupDescription_authorized_operations(g, cnt), cnt);
            }
            values.put(id, new ConsumerGroupDescription(id,
                    RdKafka.rd_kafka_ConsumerGroupDescription_is_simple_consumer_group(g) != 0,
                    CStrings.toJava(RdKafka.rd_kafka_ConsumerGroupDescription_partition_assignor(g)),
                    ConsumerGroupState.fromCode(RdKafka.rd_kafka_ConsumerGroupDescription_state(g)),
                    node(RdKafka.rd_kafka_ConsumerGroupDescription_coordinator(g)), members, ops,
                    HAS_DESCRIPTION_TYPE ? ConsumerGroupType.fromCode(RdKafka.rd_kafka_ConsumerGroupDescription_type(g))
                            : ConsumerGroupType.UNKNOWN));
        }
        return new ItemResults<>(values, errors, order);
    }

    static ItemResults<String, Void> groupResults(String op, List<MemorySegment> results, List<String> order) {
        Map<String, Void> values = new LinkedHashMap<>();
        Map<String, KafkaException> errors = new LinkedHashMap<>();
        for (MemorySegment r : results) {
            String name = CStrings.toJava(RdKafka.rd_kafka_group_result_name(r));
            KafkaException e = error(RdKafka.rd_kafka_group_result_error(r), op + " " + name);
            if (e != null) errors.put(name, e);
            else values.put(name, null);
        }
        return new ItemResults<>(values, errors, order);
    }

    /** The one group result of a group-offsets operation: its error is thrown, its partitions are the items. */
    static <V> ItemResults<TopicPartition, V> groupPartitions(String op, String groupId, List<MemorySegment> results,
                                                             List<TopicPartition> order,
                                                             Function<TopicPartitionLists.Entry, V> value) {
        if (results.isEmpty()) {
            throw Errors.exception(RdKafka.RD_KAFKA_RESP_ERR__BAD_MSG, op + " " + groupId + ": no result for the group");
        }
        MemorySegment r = results.getFirst();
        KafkaException e = error(RdKafka.rd_kafka_group_result_error(r), op + " " + groupId);
        if (e != null) throw e;
        return partitionResults(op + " " + groupId, RdKafka.rd_kafka_group_result_partitions(r), order, value);
    }

    // ---- ACLs ---------------------------------------------------------------------------------------

    /** {@code rd_kafka_AclBinding_new} or {@code rd_kafka_AclBindingFilter_new}; invalid input throws. */
    static MemorySegment newAcl(Arena a, int restype, String name, int pattern, String principal, String host,
                                int operation, int permission, boolean filter, String what) {
        MemorySegment errstr = CStrings.errstr(a);
        MemorySegment acl = filter
                ? RdKafka.rd_kafka_AclBindingFilter_new(restype, CStrings.toC(a, name), pattern,
                CStrings.toC(a, principal), CStrings.toC(a, host), operation, permission, errstr, CStrings.ERRSTR_SIZE)
                : RdKafka.rd_kafka_AclBinding_new(restype, CStrings.toC(a, name), pattern,
                CStrings.toC(a, principal), CStrings.toC(a, host), operation, permission, errstr, CStrings.ERRSTR_SIZE);
        if (isNull(acl)) throw new IllegalArgumentException(what + ": " + CStrings.fromBuffer(errstr));
        return acl;
    }

    static AclBinding binding(MemorySegment b) {
        return new AclBinding(ResourceType.fromCode(RdKafka.rd_kafka_AclBinding_restype(b)),
                CStrings.toJava(RdKafka.rd_kafka_AclBinding_name(b)),
                PatternType.fromCode(RdKafka.rd_kafka_AclBinding_resource_pattern_type(b)),
                CStrings.toJava(RdKafka.rd_kafka_AclBinding_principal(b)),
                CStrings.toJava(RdKafka.rd_kafka_AclBinding_host(b)),
                AclOperation.fromCode(RdKafka.rd_kafka_AclBinding_operation(b)),
                AclPermissionType.fromCode(RdKafka.rd_kafka_AclBinding_permission_type(b)));
    }

    static List<AclBinding> bindings(List<MemorySegment> bs) {
        List<AclBinding> out = new ArrayList<>(bs.size());
        for (MemorySegment b : bs) out.add(binding(b));
        return out;
    }

    static ItemResults<AclBinding, Void> aclResults(Arena a, MemorySegment result, List<AclBinding> order) {
        List<MemorySegment> rs = array(a, cnt -> RdKafka.rd_kafka_CreateAcls_result_acls(result, cnt));
        Map<AclBinding, Void> values = new LinkedHashMap<>();
        Map<AclBinding, KafkaException> errors = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            AclBinding b = order.get(i);
            if (i >= rs.size()) {
                errors.put(b, error(RdKafka.RD_KAFKA_RESP_ERR__BAD_MSG, "no result for this ACL", "createAcls " + b));
                continue;
            }
            KafkaException e = error(RdKafka.rd_kafka_acl_result_error(rs.get(i)), "createAcls " + b);
            if (e != null) errors.put(b, e);
            else values.put(b, null);
        }
        return new ItemResults<>(values, errors, order);
    }

    static ItemResults<AclBindingFilter, List<AclBinding>> deleteAclResults(Arena a, MemorySegment result,
                                                                           List<AclBindingFilter> order) {
        List<MemorySegment> rs = array(a, cnt -> RdKafka.rd_kafka_DeleteAcls_result_responses(result, cnt));
        Map<AclBindingFilter, List<AclBinding>> values = new LinkedHashMap<>();
        Map<AclBindingFilter, KafkaException> errors = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            AclBindingFilter f = order.get(i);
            if (i >= rs.size()) {
                errors.put(f, error(RdKafka.RD_KAFKA_RESP_ERR__BAD_MSG, "no result for this filter", "deleteAcls " + f));
                continue;
            }
            MemorySegment r = rs.get(i);
            KafkaException e = error(RdKafka.rd_kafka_DeleteAcls_result_response_error(r), "deleteAcls " + f);
            if (e != null) {
                errors.put(f, e);
                continue;
            }
            List<MemorySegment> matching = array(a, cnt -> RdKafka.rd_kafka_DeleteAcls_result_response_matching_acls(r, cnt));
            for (MemorySegment m : matching) {
                KafkaException me = error(RdKafka.rd_kafka_AclBinding_error(m), "deleteAcls " + binding(m));
                if (me != null && e == null) e = me;
            }
            if (e != null) errors.put(f, e);
            else values.put(f, bindings(matching));
        }
        return new ItemResults<>(values, errors, order);
    }

    // ---- cluster, SCRAM -----------------------------------------------------------------------------

    static ClusterDescription cluster(Arena a, MemorySegment result, boolean withOps) {
        List<Node> nodes = nodes(array(a, cnt -> RdKafka.rd_kafka_DescribeCluster_result_nodes(result, cnt)));
        Set<AclOperation> ops = null;
        if (withOps) {
            MemorySegment cnt = Pointers.outLong(a);
            ops = operations(RdKafka.rd_kafka_DescribeCluster_result_authorized_operations(result, cnt), cnt);
        }
        return new ClusterDescription(CStrings.toJava(RdKafka.rd_kafka_DescribeCluster_result_cluster_id(result)),
                node(RdKafka.rd_kafka_DescribeCluster_result_controller(result)), nodes, ops);
    }

    static ItemResults<String, List<ScramCredentialInfo>> scramDescriptions(Arena a, MemorySegment result,
                                                                           List<String> order) {
        Map<String, List<ScramCredentialInfo>> values = new LinkedHashMap<>();
        Map<String, KafkaException> errors = new LinkedHashMap<>();
        for (MemorySegment d : array(a, cnt -> RdKafka.rd_kafka_DescribeUserScramCredentials_result_descriptions(result, cnt))) {
            String user = CStrings.toJava(RdKafka.rd_kafka_UserScramCredentialsDescription_user(d));
            KafkaException e = error(RdKafka.rd_kafka_UserScramCredentialsDescription_error(d),
                    "describeUserScramCredentials " + user);
            if (e != null) {
                errors.put(user, e);
                continue;
            }
            List<ScramCredentialInfo> infos = new ArrayList<>();
            long n = RdKafka.rd_kafka_UserScramCredentialsDescription_scramcredentialinfo_count(d);
            for (long i = 0; i < n; i++) {
                MemorySegment info = RdKafka.rd_kafka_UserScramCredentialsDescription_scramcredentialinfo(d, i);
                infos.add(new ScramCredentialInfo(ScramMechanism.fromCode(RdKafka.rd_kafka_ScramCredentialInfo_mechanism(info)),
                        RdKafka.rd_kafka_ScramCredentialInfo_iterations(info)));
            }
            values.put(user, List.copyOf(infos));
        }
        return new ItemResults<>(values, errors, order);
    }

    static ItemResults<String, Void> scramAlterations(Arena a, MemorySegment result, List<String> order) {
        Map<String, Void> values = new LinkedHashMap<>();
        Map<String, KafkaException> errors = new LinkedHashMap<>();
        for (MemorySegment r : array(a, cnt -> RdKafka.rd_kafka_AlterUserScramCredentials_result_responses(result, cnt))) {
            String user = CStrings.toJava(RdKafka.rd_kafka_AlterUserScramCredentials_result_response_user(r));
            KafkaException e = error(RdKafka.rd_kafka_AlterUserScramCredentials_result_response_error(r),
                    "alterUserScramCredentials " + user);
            if (e != null) errors.put(user, e);
            else if (!errors.containsKey(user)) values.put(user, null);
        }
        return new ItemResults<>(values, errors, order);
    }
}

package io.rdkafka.cli;

import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaStructs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;

/**
 * A bare {@code rd_kafka_t} for what rdkafka-client does not offer yet: the group list of
 * {@code rd_kafka_list_groups} and the Admin API (topics, partitions, configs, consumer groups). Used from
 * one thread; admin results come back on a private queue that is polled synchronously. librdkafka's logs
 * go to its default logger (stderr), never through an upcall.
 *
 * <p>Rules kept: the conf belongs to us until {@code rd_kafka_new} succeeds; every event polled is
 * destroyed exactly once; result objects are read before their event is destroyed; the handle is
 * destroyed once, by {@link #close()}.
 */
final class RawClient implements AutoCloseable {
    private final MemorySegment rk;
    private final MemorySegment queue;
    private boolean closed;

    private RawClient(MemorySegment rk) {
        this.rk = rk;
        this.queue = RdKafka.rd_kafka_queue_new(rk);
    }

    /**
     * A handle of {@code type} (RD_KAFKA_PRODUCER or RD_KAFKA_CONSUMER) with the configuration's
     * properties, minus those in {@code drop}.
     */
    static RawClient open(int type, KafkaConfig config, String... drop) {
        Map<String, String> props = new LinkedHashMap<>(config.properties());
        for (String d : drop) props.remove(d);
        MemorySegment conf = RdKafka.rd_kafka_conf_new();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment errstr = CStrings.errstr(a);
            for (var e : props.entrySet()) {
                if (RdKafka.rd_kafka_conf_set(conf, a.allocateFrom(e.getKey()), a.allocateFrom(e.getValue()), errstr,
                        CStrings.ERRSTR_SIZE) != RdKafka.RD_KAFKA_CONF_OK) {
                    RdKafka.rd_kafka_conf_destroy(conf);
                    String msg = CStrings.fromBuffer(errstr);
                    if (KafkaConfig.isSecret(e.getKey())) msg = msg.replace(e.getValue(), KafkaConfig.REDACTED);
                    throw new CliException(msg);
                }
            }
            MemorySegment rk = RdKafka.rd_kafka_new(type, conf, errstr, CStrings.ERRSTR_SIZE);
            if (rk.equals(MemorySegment.NULL)) {
                RdKafka.rd_kafka_conf_destroy(conf); // still ours on failure
                throw new CliException("cannot create a Kafka client: " + CStrings.fromBuffer(errstr));
            }
            return new RawClient(rk);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        RdKafka.rd_kafka_queue_destroy(queue);
        RdKafka.rd_kafka_destroy(rk);
    }

    // ---- rd_kafka_list_groups (the C example's -D) ---------------------------------------------------

    record GroupMember(String memberId, String clientId, String clientHost, int metadataSize, int assignmentSize) {
    }

    record GroupInfo(String group, String state, int brokerId, String brokerHost, int brokerPort, int err,
                     String protocolType, String protocol, List<GroupMember> members) {
    }

    /** {@code rd_kafka_list_groups}: one group (or all when null), with members. */
    List<GroupInfo> listGroups(String group, Duration timeout) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = Pointers.outPointer(a);
            int err = RdKafka.rd_kafka_list_groups(rk, group == null ? MemorySegment.NULL : a.allocateFrom(group), out,
                    (int) timeout.toMillis());
            if (err != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) {
                throw new KafkaException(KafkaError.of(err, "failed to acquire the group list: " + KafkaError.describe(err)));
            }
            MemorySegment list = RdKafkaStructs.GroupList.of(Pointers.pointer(out));
            try {
                List<GroupInfo> groups = new ArrayList<>();
                for (int i = 0; i < RdKafkaStructs.GroupList.groupCnt(list); i++) {
                    MemorySegment g = RdKafkaStructs.GroupList.group(list, i);
                    MemorySegment b = RdKafkaStructs.GroupInfo.broker(g);
                    List<GroupMember> members = new ArrayList<>();
                    for (int j = 0; j < RdKafkaStructs.GroupInfo.memberCnt(g); j++) {
                        MemorySegment m = RdKafkaStructs.GroupInfo.member(g, j);
                        members.add(new GroupMember(RdKafkaStructs.GroupMemberInfo.memberId(m),
                                RdKafkaStructs.GroupMemberInfo.clientId(m), RdKafkaStructs.GroupMemberInfo.clientHost(m),
                                (int) RdKafkaStructs.GroupMemberInfo.memberMetadata(m).byteSize(),
                                (int) RdKafkaStructs.GroupMemberInfo.memberAssignment(m).byteSize()));
                    }
                    groups.add(new GroupInfo(RdKafkaStructs.GroupInfo.group(g), RdKafkaStructs.GroupInfo.state(g),
                            RdKafkaStructs.MetadataBroker.id(b), RdKafkaStructs.MetadataBroker.host(b),
                            RdKafkaStructs.MetadataBroker.port(b), RdKafkaStructs.GroupInfo.err(g),
                            RdKafkaStructs.GroupInfo.protocolType(g), RdKafkaStructs.GroupInfo.protocol(g), members));
                }
                return groups;
            } finally {
                RdKafka.rd_kafka_group_list_destroy(list);
            }
        }
    }

    // ---- Admin API -----------------------------------------------------------------------------------

    /** Per-item outcome of an admin request: name and error (null when it succeeded). */
    record Outcome(String name, String error) {
        boolean ok() {
            return error == null;
        }
    }

    private MemorySegment options(Arena a, int op, Duration timeout, boolean operationTimeout) {
        MemorySegment opts = RdKafka.rd_kafka_AdminOptions_new(rk, op);
        MemorySegment errstr = CStrings.errstr(a);
        RdKafka.rd_kafka_AdminOptions_set_request_timeout(opts, (int) timeout.toMillis(), errstr, CStrings.ERRSTR_SIZE);
        if (operationTimeout) {
            RdKafka.rd_kafka_AdminOptions_set_operation_timeout(opts, (int) timeout.toMillis(), errstr, CStrings.ERRSTR_SIZE);
        }
        return opts;
    }

    /** Polls the private queue for the result event of {@code type}; the caller destroys it. */
    private MemorySegment await(int type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.plusSeconds(5).toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) throw new CliException("no answer from the cluster within " + timeout.toSeconds() + " s");
            MemorySegment ev = RdKafka.rd_kafka_queue_poll(queue, (int) Math.min(left, 500));
            if (ev.equals(MemorySegment.NULL)) continue;
            if (RdKafka.rd_kafka_event_type(ev) == type) {
                int err = RdKafka.rd_kafka_event_error(ev);
                if (err != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) {
                    String msg = CStrings.toJava(RdKafka.rd_kafka_event_error_string(ev));
                    RdKafka.rd_kafka_event_destroy(ev);
                    throw new KafkaException(KafkaError.of(err, msg));
                }
                return ev;
            }
            RdKafka.rd_kafka_event_destroy(ev);
        }
    }

    private static List<Outcome> topicResults(MemorySegment arr, long cnt) {
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < cnt; i++) {
            MemorySegment r = Pointers.at(arr, i);
            int err = RdKafka.rd_kafka_topic_result_error(r);
            String name = CStrings.toJava(RdKafka.rd_kafka_topic_result_name(r));
            out.add(new Outcome(name, err == 0 ? null : errorText(err, CStrings.toJava(RdKafka.rd_kafka_topic_result_error_string(r)))));
        }
        return out;
    }

    private static String errorText(int err, String msg) {
        String name = KafkaError.nameOf(err);
        return (msg == null || msg.isEmpty() ? KafkaError.describe(err) : msg) + " (" + name + ")";
    }

    /** CreateTopics: one topic per entry, with partitions, replication factor (-1: broker default) and configs. */
    List<Outcome> createTopics(List<String> topics, int partitions, int replicationFactor, Map<String, String> configs,
                               Duration timeout) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment arr = Pointers.array(a, topics.size());
            MemorySegment errstr = CStrings.errstr(a);
            int made = 0;
            try {
                for (String t : topics) {
                    MemorySegment nt = RdKafka.rd_kafka_NewTopic_new(a.allocateFrom(t), partitions, replicationFactor,
                            errstr, CStrings.ERRSTR_SIZE);
                    if (nt.equals(MemorySegment.NULL)) throw new CliException("topic " + t + ": " + CStrings.fromBuffer(errstr), 2);
                    arr.setAtIndex(ADDRESS, made++, nt);
                    for (var c : configs.entrySet()) {
                        int err = RdKafka.rd_kafka_NewTopic_set_config(nt, a.allocateFrom(c.getKey()), a.allocateFrom(c.getValue()));
                        if (err != 0) throw new CliException("topic config " + c.getKey() + ": " + KafkaError.describe(err), 2);
                    }
                }
                MemorySegment opts = options(a, RdKafka.RD_KAFKA_ADMIN_OP_CREATETOPICS, timeout, true);
                try {
                    RdKafka.rd_kafka_CreateTopics(rk, arr, made, opts, queue);
                } finally {
                    RdKafka.rd_kafka_AdminOptions_destroy(opts);
                }
            } finally {
                RdKafka.rd_kafka_NewTopic_destroy_array(arr, made);
            }
            MemorySegment ev = await(RdKafka.RD_KAFKA_EVENT_CREATETOPICS_RESULT, timeout);
            try {
                MemorySegment cnt = Pointers.outLong(a);
                MemorySegment res = RdKafka.rd_kafka_CreateTopics_result_topics(RdKafka.rd_kafka_event_CreateTopics_result(ev), cnt);
                return topicResults(res, Pointers.longValue(cnt));
            } finally {
                RdKafka.rd_kafka_event_destroy(ev);
            }
        }
    }

    List<Outcome> deleteTopics(List<String> topics, Duration timeout) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment arr = Pointers.array(a, topics.size());
            for (int i = 0; i < topics.size(); i++) {
                arr.setAtIndex(ADDRESS, i, RdKafka.rd_kafka_DeleteTopic_new(a.allocateFrom(topics.get(i))));
            }
            try {
                MemorySegment opts = options(a, RdKafka.RD_KAFKA_ADMIN_OP_DELETETOPICS, timeout, true);
                try {
                    RdKafka.rd_kafka_DeleteTopics(rk, arr, topics.size(), opts, queue);
                } finally {
                    RdKafka.rd_kafka_AdminOptions_destroy(opts);
                }
            } finally {
                RdKafka.rd_kafka_DeleteTopic_destroy_array(arr, topics.size());
            }
            MemorySegment ev = await(RdKafka.RD_KAFKA_EVENT_DELETETOPICS_RESULT, timeout);
            try {
                MemorySegment cnt = Pointers.outLong(a);
                MemorySegment res = RdKafka.rd_kafka_DeleteTopics_result_topics(RdKafka.rd_kafka_event_DeleteTopics_result(ev), cnt);
                return topicResults(res, Pointers.longValue(cnt));
            } finally {
                RdKafka.rd_kafka_event_destroy(ev);
            }
        }
    }

    /** CreatePartitions: raises the topic's partition count to {@code total}. */
    List<Outcome> createPartitions(String topic, int total, Duration timeout) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment errstr = CStrings.errstr(a);
            MemorySegment np = RdKafka.rd_kafka_NewPartitions_new(a.allocateFrom(topic), total, errstr, CStrings.ERRSTR_SIZE);
            if (np.equals(MemorySegment.NULL)) throw new CliException(CStrings.fromBuffer(errstr), 2);
            MemorySegment arr = Pointers.array(a, 1);
            arr.setAtIndex(ADDRESS, 0, np);
            try {
                MemorySegment opts = options(a, RdKafka.RD_KAFKA_ADMIN_OP_CREATEPARTITIONS, timeout, true);
                try {
                    RdKafka.rd_kafka_CreatePartitions(rk, arr, 1, opts, queue);
                } finally {
                    RdKafka.rd_kafka_AdminOptions_destroy(opts);
                }
            } finally {
                RdKafka.rd_kafka_NewPartitions_destroy_array(arr, 1);
            }
            MemorySegment ev = await(RdKafka.RD_KAFKA_EVENT_CREATEPARTITIONS_RESULT, timeout);
            try {
                MemorySegment cnt = Pointers.outLong(a);
                MemorySegment res = RdKafka.rd_kafka_CreatePartitions_result_topics(
                        RdKafka.rd_kafka_event_CreatePartitions_result(ev), cnt);
                return topicResults(res, Pointers.longValue(cnt));
            } finally {
                RdKafka.rd_kafka_event_destroy(ev);
            }
        }
    }

    record ConfigEntry(String name, String value, String source, boolean readOnly, boolean isDefault,
                       boolean sensitive) {
    }

    /** DescribeConfigs of one resource ({@code RD_KAFKA_RESOURCE_TOPIC} or {@code _BROKER}). */
    List<ConfigEntry> describeConfigs(int resourceType, String name, Duration timeout) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment arr = Pointers.array(a, 1);
            arr.setAtIndex(ADDRESS, 0, RdKafka.rd_kafka_ConfigResource_new(resourceType, a.allocateFrom(name)));
            try {
                MemorySegment opts = options(a, RdKafka.RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, timeout, false);
                try {
                    RdKafka.rd_kafka_DescribeConfigs(rk, arr, 1, opts, queue);
                } finally {
                    RdKafka.rd_kafka_AdminOptions_destroy(opts);
                }
            } finally {
                RdKafka.rd_kafka_ConfigResource_destroy_array(arr, 1);
            }
            MemorySegment ev = await(RdKafka.RD_KAFKA_EVENT_DESCRIBECONFIGS_RESULT, timeout);
            try {
                MemorySegment cnt = Pointers.outLong(a);
                MemorySegment res = RdKafka.rd_kafka_DescribeConfigs_result_resources(
                        RdKafka.rd_kafka_event_DescribeConfigs_result(ev), cnt);
                List<ConfigEntry> out = new ArrayList<>();
                for (int i = 0; i < Pointers.longValue(cnt); i++) {
                    MemorySegment r = Pointers.at(res, i);
                    int err = RdKafka.rd_kafka_ConfigResource_error(r);
                    if (err != 0) {
                        throw new KafkaException(KafkaError.of(err, name + ": "
                                + CStrings.toJava(RdKafka.rd_kafka_ConfigResource_error_string(r))));
                    }
                    MemorySegment ccnt = Pointers.outLong(a);
                    MemorySegment entries = RdKafka.rd_kafka_ConfigResource_configs(r, ccnt);
                    for (int j = 0; j < Pointers.longValue(ccnt); j++) {
                        MemorySegment e = Pointers.at(entries, j);
                        boolean sensitive = RdKafka.rd_kafka_ConfigEntry_is_sensitive(e) != 0;
                        String en = CStrings.toJava(RdKafka.rd_kafka_ConfigEntry_name(e));
                        String value = CStrings.toJava(RdKafka.rd_kafka_ConfigEntry_value(e));
                        if ((sensitive || KafkaConfig.isSecret(en)) && value != null) value = KafkaConfig.REDACTED;
                        out.add(new ConfigEntry(en, value,
                                CStrings.toJava(RdKafka.rd_kafka_ConfigSource_name(RdKafka.rd_kafka_ConfigEntry_source(e))),
                                RdKafka.rd_kafka_ConfigEntry_is_read_only(e) != 0,
                                RdKafka.rd_kafka_ConfigEntry_is_default(e) != 0, sensitive));
                    }
                }
                return out;
            } finally {
                RdKafka.rd_kafka_event_destroy(ev);
            }
        }
    }

    record GroupListing(String group, boolean simple, String state) {
    }

    /** ListConsumerGroups; per-broker errors are returned in {@code errors}. */
    List<GroupListing> listConsumerGroups(Duration timeout, List<String> errors) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment opts = options(a, RdKafka.RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, timeout, false);
            try {
                RdKafka.rd_kafka_ListConsumerGroups(rk, opts, queue);
            } finally {
                RdKafka.rd_kafka_AdminOptions_destroy(opts);
            }
            MemorySegment ev = await(RdKafka.RD_KAFKA_EVENT_LISTCONSUMERGROUPS_RESULT, timeout);
            try {
                MemorySegment result = RdKafka.rd_kafka_event_ListConsumerGroups_result(ev);
                MemorySegment cnt = Pointers.outLong(a);
                MemorySegment valid = RdKafka.rd_kafka_ListConsumerGroups_result_valid(result, cnt);
                List<GroupListing> out = new ArrayList<>();
                for (int i = 0; i < Pointers.longValue(cnt); i++) {
                    MemorySegment g = Pointers.at(valid, i);
                    out.add(new GroupListing(CStrings.toJava(RdKafka.rd_kafka_ConsumerGroupListing_group_id(g)),
                            RdKafka.rd_kafka_ConsumerGroupListing_is_simple_consumer_group(g) != 0,
                            stateName(RdKafka.rd_kafka_ConsumerGroupListing_state(g))));
                }
                MemorySegment ecnt = Pointers.outLong(a);
                MemorySegment errs = RdKafka.rd_kafka_ListConsumerGroups_result_errors(result, ecnt);
                for (int i = 0; i < Pointers.longValue(ecnt); i++) {
                    errors.add(errorString(Pointers.at(errs, i)));
                }
                return out;
            } finally {
                RdKafka.rd_kafka_event_destroy(ev);
            }
        }
    }

    private static String errorString(MemorySegment error) {
        // owned by the result: read, do not destroy
        return CStrings.toJava(RdKafka.rd_kafka_error_string(error)) + " ("
                + KafkaError.nameOf(RdKafka.rd_kafka_error_code(error)) + ")";
    }

    private static String stateName(int state) {
        return CStrings.toJava(RdKafka.rd_kafka_consumer_group_state_name(state));
    }

    record PartitionRef(String topic, int partition, long offset, String error) {
    }

    record MemberDescription(String consumerId, String clientId, String host, String groupInstanceId,
                             List<PartitionRef> assignment) {
    }

    record GroupDescription(String group, String error, boolean simple, String assignor, String state,
                            String coordinator, List<MemberDescription> members) {
    }

    List<GroupDescription> describeConsumerGroups(List<String> groups, Duration timeout) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment names = CStrings.array(a, groups.toArray(String[]::new));
            MemorySegment opts = options(a, RdKafka.RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, timeout, false);
            try {
                RdKafka.rd_kafka_DescribeConsumerGroups(rk, names, groups.size(), opts, queue);
            } finally {
                RdKafka.rd_kafka_AdminOptions_destroy(opts);
            }
            MemorySegment ev = await(RdKafka.RD_KAFKA_EVENT_DESCRIBECONSUMERGROUPS_RESULT, timeout);
            try {
                MemorySegment cnt = Pointers.outLong(a);
                MemorySegment res = RdKafka.rd_kafka_DescribeConsumerGroups_result_groups(
                        RdKafka.rd_kafka_event_DescribeConsumerGroups_result(ev), cnt);
                List<GroupDescription> out = new ArrayList<>();
                for (int i = 0; i < Pointers.longValue(cnt); i++) {
                    MemorySegment d = Pointers.at(res, i);
                    MemorySegment err = RdKafka.rd_kafka_ConsumerGroupDescription_error(d);
                    MemorySegment node = RdKafka.rd_kafka_ConsumerGroupDescription_coordinator(d);
                    String coord = node.equals(MemorySegment.NULL) ? null
                            : RdKafka.rd_kafka_Node_id(node) + "@" + CStrings.toJava(RdKafka.rd_kafka_Node_host(node)) + ":"
                            + Short.toUnsignedInt(RdKafka.rd_kafka_Node_port(node));
                    List<MemberDescription> members = new ArrayList<>();
                    long mc = RdKafka.rd_kafka_ConsumerGroupDescription_member_count(d);
                    for (long j = 0; j < mc; j++) {
                        MemorySegment m = RdKafka.rd_kafka_ConsumerGroupDescription_member(d, j);
                        MemorySegment asg = RdKafka.rd_kafka_MemberDescription_assignment(m);
                        List<PartitionRef> parts = asg.equals(MemorySegment.NULL) ? List.of()
                                : partitions(RdKafka.rd_kafka_MemberAssignment_partitions(asg));
                        members.add(new MemberDescription(
                                CStrings.toJava(RdKafka.rd_kafka_MemberDescription_consumer_id(m)),
                                CStrings.toJava(RdKafka.rd_kafka_MemberDescription_client_id(m)),
                                CStrings.toJava(RdKafka.rd_kafka_MemberDescription_host(m)),
                                CStrings.toJava(RdKafka.rd_kafka_MemberDescription_group_instance_id(m)), parts));
                    }
                    out.add(new GroupDescription(CStrings.toJava(RdKafka.rd_kafka_ConsumerGroupDescription_group_id(d)),
                            err.equals(MemorySegment.NULL) ? null : errorString(err),
                            RdKafka.rd_kafka_ConsumerGroupDescription_is_simple_consumer_group(d) != 0,
                            CStrings.toJava(RdKafka.rd_kafka_ConsumerGroupDescription_partition_assignor(d)),
                            stateName(RdKafka.rd_kafka_ConsumerGroupDescription_state(d)), coord, members));
                }
                return out;
            } finally {
                RdKafka.rd_kafka_event_destroy(ev);
            }
        }
    }

    /** The entries of a {@code rd_kafka_topic_partition_list_t} (not owned: read only). */
    static List<PartitionRef> partitions(MemorySegment list) {
        if (list == null || list.equals(MemorySegment.NULL)) return List.of();
        MemorySegment l = RdKafkaStructs.TopicPartitionList.of(list);
        List<PartitionRef> out = new ArrayList<>();
        for (int i = 0; i < RdKafkaStructs.TopicPartitionList.cnt(l); i++) {
            MemorySegment tp = RdKafkaStructs.TopicPartitionList.elem(l, i);
            int err = RdKafkaStructs.TopicPartition.err(tp);
            out.add(new PartitionRef(RdKafkaStructs.TopicPartition.topic(tp), RdKafkaStructs.TopicPartition.partition(tp),
                    RdKafkaStructs.TopicPartition.offset(tp), err == 0 ? null : KafkaError.nameOf(err)));
        }
        return out;
    }

    List<Outcome> deleteGroups(List<String> groups, Duration timeout) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment arr = Pointers.array(a, groups.size());
            for (int i = 0; i < groups.size(); i++) {
                arr.setAtIndex(ADDRESS, i, RdKafka.rd_kafka_DeleteGroup_new(a.allocateFrom(groups.get(i))));
            }
            try {
                MemorySegment opts = options(a, RdKafka.RD_KAFKA_ADMIN_OP_DELETEGROUPS, timeout, false);
                try {
                    RdKafka.rd_kafka_DeleteGroups(rk, arr, groups.size(), opts, queue);
                } finally {
                    RdKafka.rd_kafka_AdminOptions_destroy(opts);
                }
            } finally {
                RdKafka.rd_kafka_DeleteGroup_destroy_array(arr, groups.size());
            }
            MemorySegment ev = await(RdKafka.RD_KAFKA_EVENT_DELETEGROUPS_RESULT, timeout);
            try {
                MemorySegment cnt = Pointers.outLong(a);
                MemorySegment res = RdKafka.rd_kafka_DeleteGroups_result_groups(RdKafka.rd_kafka_event_DeleteGroups_result(ev), cnt);
                List<Outcome> out = new ArrayList<>();
                for (int i = 0; i < Pointers.longValue(cnt); i++) {
                    MemorySegment g = Pointers.at(res, i);
                    MemorySegment err = RdKafka.rd_kafka_group_result_error(g);
                    out.add(new Outcome(CStrings.toJava(RdKafka.rd_kafka_group_result_name(g)),
                            err.equals(MemorySegment.NULL) ? null : errorString(err)));
                }
                return out;
            } finally {
                RdKafka.rd_kafka_event_destroy(ev);
            }
        }
    }

    /** ListConsumerGroupOffsets: the committed offsets of a group (all its partitions). */
    List<PartitionRef> listGroupOffsets(String group, Duration timeout) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment arr = Pointers.array(a, 1);
            arr.setAtIndex(ADDRESS, 0, RdKafka.rd_kafka_ListConsumerGroupOffsets_new(a.allocateFrom(group), MemorySegment.NULL));
            try {
                MemorySegment opts = options(a, RdKafka.RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, timeout, false);
                try {
                    RdKafka.rd_kafka_ListConsumerGroupOffsets(rk, arr, 1, opts, queue);
                } finally {
                    RdKafka.rd_kafka_AdminOptions_destroy(opts);
                }
            } finally {
                RdKafka.rd_kafka_ListConsumerGroupOffsets_destroy_array(arr, 1);
            }
            MemorySegment ev = await(RdKafka.RD_KAFKA_EVENT_LISTCONSUMERGROUPOFFSETS_RESULT, timeout);
            try {
                MemorySegment cnt = Pointers.outLong(a);
                MemorySegment res = RdKafka.rd_kafka_ListConsumerGroupOffsets_result_groups(
                        RdKafka.rd_kafka_event_ListConsumerGroupOffsets_result(ev), cnt);
                List<PartitionRef> out = new ArrayList<>();
                for (int i = 0; i < Pointers.longValue(cnt); i++) {
                    MemorySegment g = Pointers.at(res, i);
                    MemorySegment err = RdKafka.rd_kafka_group_result_error(g);
                    if (!err.equals(MemorySegment.NULL)) throw new CliException("group " + group + ": " + errorString(err));
                    out.addAll(partitions(RdKafka.rd_kafka_group_result_partitions(g)));
                }
                out.sort(java.util.Comparator.comparing(PartitionRef::topic).thenComparingInt(PartitionRef::partition));
                return out;
            } finally {
                RdKafka.rd_kafka_event_destroy(ev);
            }
        }
    }

    /** {@code rd_kafka_committed} for explicit partitions (the C example's -O), on a consumer handle with group.id. */
    List<PartitionRef> committed(List<io.rdkafka.client.TopicPartition> partitions, Duration timeout) {
        MemorySegment list = RdKafka.rd_kafka_topic_partition_list_new(partitions.size());
        try (Arena a = Arena.ofConfined()) {
            for (var tp : partitions) RdKafka.rd_kafka_topic_partition_list_add(list, a.allocateFrom(tp.topic()), tp.partition());
            int err = RdKafka.rd_kafka_committed(rk, list, (int) timeout.toMillis());
            if (err != 0) throw new KafkaException(KafkaError.of(err, "failed to fetch offsets: " + KafkaError.describe(err)));
            List<PartitionRef> out = new ArrayList<>();
            MemorySegment l = RdKafkaStructs.TopicPartitionList.of(list);
            for (int i = 0; i < RdKafkaStructs.TopicPartitionList.cnt(l); i++) {
                MemorySegment tp = RdKafkaStructs.TopicPartitionList.elem(l, i);
                int e = RdKafkaStructs.TopicPartition.err(tp);
                out.add(new PartitionRef(RdKafkaStructs.TopicPartition.topic(tp), RdKafkaStructs.TopicPartition.partition(tp),
                        RdKafkaStructs.TopicPartition.offset(tp), e == 0 ? null : KafkaError.describe(e)));
            }
            return out;
        } finally {
            RdKafka.rd_kafka_topic_partition_list_destroy(list);
        }
    }
}

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
import java.util.List;
import java.util.Map;

/**
 * {@code rd_kafka_list_groups}, for complex-consumer's {@code -D} (librdkafka's C example prints its groups,
 * protocols and member metadata sizes, which the Admin API's group descriptions do not carry). A consumer handle
 * made for the one call and destroyed after it; librdkafka's logs go to its default logger (stderr).
 */
final class GroupList {
    private GroupList() {
    }

    record Member(String memberId, String clientId, String clientHost, int metadataSize, int assignmentSize) {
    }

    record Group(String group, String state, int brokerId, String brokerHost, int brokerPort, int err,
                 String protocolType, String protocol, List<Member> members) {
    }

    /** One group (all when {@code group} is null), with members, as the cluster of {@code config} reports them. */
    static List<Group> list(KafkaConfig config, String group, Duration timeout) {
        MemorySegment rk = open(config);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = Pointers.outPointer(a);
            int err = RdKafka.rd_kafka_list_groups(rk, group == null ? MemorySegment.NULL : a.allocateFrom(group), out,
                    (int) timeout.toMillis());
            if (err != RdKafka.RD_KAFKA_RESP_ERR_NO_ERROR) {
                throw new KafkaException(KafkaError.of(err, "failed to acquire the group list: " + KafkaError.describe(err)));
            }
            MemorySegment list = RdKafkaStructs.GroupList.of(Pointers.pointer(out));
            try {
                List<Group> groups = new ArrayList<>();
                for (int i = 0; i < RdKafkaStructs.GroupList.groupCnt(list); i++) groups.add(group(RdKafkaStructs.GroupList.group(list, i)));
                return groups;
            } finally {
                RdKafka.rd_kafka_group_list_destroy(list);
            }
        } finally {
            RdKafka.rd_kafka_destroy(rk);
        }
    }

    private static Group group(MemorySegment g) {
        MemorySegment b = RdKafkaStructs.GroupInfo.broker(g);
        List<Member> members = new ArrayList<>();
        for (int j = 0; j < RdKafkaStructs.GroupInfo.memberCnt(g); j++) {
            MemorySegment m = RdKafkaStructs.GroupInfo.member(g, j);
            members.add(new Member(RdKafkaStructs.GroupMemberInfo.memberId(m), RdKafkaStructs.GroupMemberInfo.clientId(m),
                    RdKafkaStructs.GroupMemberInfo.clientHost(m),
                    (int) RdKafkaStructs.GroupMemberInfo.memberMetadata(m).byteSize(),
                    (int) RdKafkaStructs.GroupMemberInfo.memberAssignment(m).byteSize()));
        }
        return new Group(RdKafkaStructs.GroupInfo.group(g), RdKafkaStructs.GroupInfo.state(g),
                RdKafkaStructs.MetadataBroker.id(b), RdKafkaStructs.MetadataBroker.host(b),
                RdKafkaStructs.MetadataBroker.port(b), RdKafkaStructs.GroupInfo.err(g),
                RdKafkaStructs.GroupInfo.protocolType(g), RdKafkaStructs.GroupInfo.protocol(g), members);
    }

    /**
     * A consumer handle with the configuration's properties but {@code group.id} (a group that is listed, not
     * joined). KafkaConfig had librdkafka check every property when it was built, so setting them cannot fail
     * with a value to hide; the conf is ours until {@code rd_kafka_new} succeeds.
     */
    private static MemorySegment open(KafkaConfig config) {
        MemorySegment conf = RdKafka.rd_kafka_conf_new();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment errstr = CStrings.errstr(a);
            for (Map.Entry<String, String> e : config.properties().entrySet()) {
                if (e.getKey().equals("group.id")) continue;
                if (RdKafka.rd_kafka_conf_set(conf, a.allocateFrom(e.getKey()), a.allocateFrom(e.getValue()), errstr,
                        CStrings.ERRSTR_SIZE) != RdKafka.RD_KAFKA_CONF_OK) {
                    throw new CliException("librdkafka refused " + e.getKey() + ", which the configuration accepted");
                }
            }
            MemorySegment rk = RdKafka.rd_kafka_new(RdKafka.RD_KAFKA_CONSUMER, conf, errstr, CStrings.ERRSTR_SIZE);
            if (rk.equals(MemorySegment.NULL)) throw new CliException("cannot create a Kafka client: " + CStrings.fromBuffer(errstr));
            conf = MemorySegment.NULL; // the handle owns it now
            return rk;
        } finally {
            if (!conf.equals(MemorySegment.NULL)) RdKafka.rd_kafka_conf_destroy(conf);
        }
    }
}

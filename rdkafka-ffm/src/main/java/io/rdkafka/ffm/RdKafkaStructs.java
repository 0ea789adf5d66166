package io.rdkafka.ffm;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.UnionLayout;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The public C structs of {@code rdkafka.h} with their LP64 layouts (checked against gcc's
 * {@code sizeof}/{@code offsetof} by a test) and named field accessors.
 *
 * <p>Accessors read from a segment sized to the struct: wrap a pointer returned by C with the struct's
 * {@code of(pointer)} first. Array-valued fields ({@code elems}, {@code brokers}, ...) are returned as
 * segments sized to their element count. Nothing here frees memory: C's ownership rules apply.
 */
public final class RdKafkaStructs {
    private RdKafkaStructs() {
    }

    private static long off(MemoryLayout layout, String field) {
        return layout.byteOffset(groupElement(field));
    }

    private static MemorySegment array(MemorySegment p, MemoryLayout element, long count) {
        if (p.equals(MemorySegment.NULL) || count <= 0) return MemorySegment.NULL;
        return p.reinterpret(element.byteSize() * count);
    }

    /** {@code rd_kafka_message_t}: 72 bytes, padding after {@code err} and {@code partition}. */
    public static final class Message {
        private Message() {
        }

        /** The C layout (LP64). */
        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("err"), paddingLayout(4),
                ADDRESS.withName("rkt"),
                JAVA_INT.withName("partition"), paddingLayout(4),
                ADDRESS.withName("payload"),
                JAVA_LONG.withName("len"),
                ADDRESS.withName("key"),
                JAVA_LONG.withName("key_len"),
                JAVA_LONG.withName("offset"),
                ADDRESS.withName("_private")).withName("rd_kafka_message_t");
        /** Byte offset of {@code err}. */
        public static final long ERR = off(LAYOUT, "err");
        /** Byte offset of {@code rkt}. */
        public static final long RKT = off(LAYOUT, "rkt");
        /** Byte offset of {@code partition}. */
        public static final long PARTITION = off(LAYOUT, "partition");
        /** Byte offset of {@code payload}. */
        public static final long PAYLOAD = off(LAYOUT, "payload");
        /** Byte offset of {@code len}. */
        public static final long LEN = off(LAYOUT, "len");
        /** Byte offset of {@code key}. */
        public static final long KEY = off(LAYOUT, "key");
        /** Byte offset of {@code key_len}. */
        public static final long KEY_LEN = off(LAYOUT, "key_len");
        /** Byte offset of {@code offset}. */
        public static final long OFFSET = off(LAYOUT, "offset");
        /** Byte offset of {@code _private}. */
        public static final long PRIVATE = off(LAYOUT, "_private");

        /**
         * {@return {@code p} sized to the struct, so that the accessors can read it}
         *
         * @param p a pointer to the struct, e.g. returned by C
         */
        public static MemorySegment of(MemorySegment p) {
            return p.reinterpret(LAYOUT.byteSize());
        }

        /**
         * {@return the {@code err} field}
         *
         * @param m the message
         */
        public static int err(MemorySegment m) {
            return m.get(JAVA_INT, ERR);
        }

        /**
         * {@return the {@code rkt} field}
         *
         * @param m the message
         */
        public static MemorySegment rkt(MemorySegment m) {
            return m.get(ADDRESS, RKT);
        }

        /**
         * {@return the {@code partition} field}
         *
         * @param m the message
         */
        public static int partition(MemorySegment m) {
            return m.get(JAVA_INT, PARTITION);
        }

        /**
         * {@return the payload pointer as a segment of {@code len} bytes ({@code NULL} for a null value)}
         *
         * @param m the message
         */
        public static MemorySegment payload(MemorySegment m) {
            MemorySegment p = m.get(ADDRESS, PAYLOAD);
            return p.equals(MemorySegment.NULL) ? p : p.reinterpret(len(m));
        }

        /**
         * {@return the {@code len} field}
         *
         * @param m the message
         */
        public static long len(MemorySegment m) {
            return m.get(JAVA_LONG, LEN);
        }

        /**
         * {@return the key pointer as a segment of {@code key_len} bytes ({@code NULL} for a null key)}
         *
         * @param m the message
         */
        public static MemorySegment key(MemorySegment m) {
            MemorySegment p = m.get(ADDRESS, KEY);
            return p.equals(MemorySegment.NULL) ? p : p.reinterpret(keyLen(m));
        }

        /**
         * {@return the {@code key_len} field}
         *
         * @param m the message
         */
        public static long keyLen(MemorySegment m) {
            return m.get(JAVA_LONG, KEY_LEN);
        }

        /**
         * {@return the {@code offset} field}
         *
         * @param m the message
         */
        public static long offset(MemorySegment m) {
            return m.get(JAVA_LONG, OFFSET);
        }

        /**
         * {@return {@code _private}: the per-message opaque ({@code msg_opaque}) of a delivery report}
         *
         * @param m the message
         */
        public static MemorySegment opaque(MemorySegment m) {
            return m.get(ADDRESS, PRIVATE);
        }
    }

    /** {@code rd_kafka_topic_partition_t}: 64 bytes. */
    public static final class TopicPartition {
        private TopicPartition() {
        }

        /** The C layout (LP64). */
        public static final StructLayout LAYOUT = structLayout(
                ADDRESS.withName("topic"),
                JAVA_INT.withName("partition"), paddingLayout(4),
                JAVA_LONG.withName("offset"),
                ADDRESS.withName("metadata"),
                JAVA_LONG.withName("metadata_size"),
                ADDRESS.withName("opaque"),
                JAVA_INT.withName("err"), paddingLayout(4),
                ADDRESS.withName("_private")).withName("rd_kafka_topic_partition_t");
        /** Byte offset of {@code topic}. */
        public static final long TOPIC = off(LAYOUT, "topic");
        /** Byte offset of {@code partition}. */
        public static final long PARTITION = off(LAYOUT, "partition");
        /** Byte offset of {@code offset}. */
        public static final long OFFSET = off(LAYOUT, "offset");
        /** Byte offset of {@code metadata}. */
        public static final long METADATA = off(LAYOUT, "metadata");
        /** Byte offset of {@code metadata_size}. */
        public static final long METADATA_SIZE = off(LAYOUT, "metadata_size");
        /** Byte offset of {@code opaque}. */
        public static final long OPAQUE = off(LAYOUT, "opaque");
        /** Byte offset of {@code err}. */
        public static final long ERR = off(LAYOUT, "err");

        /**
         * {@return {@code p} sized to the struct, so that the accessors can read it}
         *
         * @param p a pointer to the struct, e.g. returned by C
         */
        public static MemorySegment of(MemorySegment p) {
            return p.reinterpret(LAYOUT.byteSize());
        }

        /**
         * {@return the {@code topic} string; null for {@code NULL}}
         *
         * @param tp the topic partition
         */
        public static String topic(MemorySegment tp) {
            return CStrings.toJava(tp.get(ADDRESS, TOPIC));
        }

        /**
         * {@return the {@code partition} field}
         *
         * @param tp the topic partition
         */
        public static int partition(MemorySegment tp) {
            return tp.get(JAVA_INT, PARTITION);
        }

        /**
         * {@return the {@code offset} field}
         *
         * @param tp the topic partition
         */
        public static long offset(MemorySegment tp) {
            return tp.get(JAVA_LONG, OFFSET);
        }

        /**
         * Sets the {@code offset} field.
         *
         * @param tp the topic partition
         * @param offset the new value
         */
        public static void offset(MemorySegment tp, long offset) {
            tp.set(JAVA_LONG, OFFSET, offset);
        }

        /**
         * {@return the {@code metadata} bytes as a segment of their size; {@code NULL} when there are none}
         *
         * @param tp the topic partition
         */
        public static MemorySegment metadata(MemorySegment tp) {
            return array(tp.get(ADDRESS, METADATA), java.lang.foreign.ValueLayout.JAVA_BYTE, metadataSize(tp));
        }

        /**
         * {@return the {@code metadata_size} field}
         *
         * @param tp the topic partition
         */
        public static long metadataSize(MemorySegment tp) {
            return tp.get(JAVA_LONG, METADATA_SIZE);
        }

        /**
         * {@return the {@code opaque} field}
         *
         * @param tp the topic partition
         */
        public static MemorySegment opaque(MemorySegment tp) {
            return tp.get(ADDRESS, OPAQUE);
        }

        /**
         * {@return the {@code err} field}
         *
         * @param tp the topic partition
         */
        public static int err(MemorySegment tp) {
            return tp.get(JAVA_INT, ERR);
        }

        /**
         * Sets the {@code err} field.
         *
         * @param tp the topic partition
         * @param err the new value
         */
        public static void err(MemorySegment tp, int err) {
            tp.set(JAVA_INT, ERR, err);
        }
    }

    /** {@code rd_kafka_topic_partition_list_t}: 16 bytes. */
    public static final class TopicPartitionList {
        private TopicPartitionList() {
        }

        /** The C layout (LP64). */
        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("cnt"),
                JAVA_INT.withName("size"),
                ADDRESS.withName("elems")).withName("rd_kafka_topic_partition_list_t");
        /** Byte offset of {@code cnt}. */
        public static final long CNT = off(LAYOUT, "cnt");
        /** Byte offset of {@code size}. */
        public static final long SIZE = off(LAYOUT, "size");
        /** Byte offset of {@code elems}. */
        public static final long ELEMS = off(LAYOUT, "elems");

        /**
         * {@return {@code p} sized to the struct, so that the accessors can read it}
         *
         * @param p a pointer to the struct, e.g. returned by C
         */
        public static MemorySegment of(MemorySegment p) {
            return p.reinterpret(LAYOUT.byteSize());
        }

        /**
         * {@return the {@code cnt} field}
         *
         * @param list the list
         */
        public static int cnt(MemorySegment list) {
            return list.get(JAVA_INT, CNT);
        }

        /**
         * {@return the {@code size} field}
         *
         * @param list the list
         */
        public static int size(MemorySegment list) {
            return list.get(JAVA_INT, SIZE);
        }

        /**
         * {@return element {@code i} of {@code elems} as a {@link TopicPartition} segment}
         *
         * @param list the list
         * @param i    the index, {@code 0 <= i < cnt}
         * @throws IndexOutOfBoundsException when there is no such element
         */
        public static MemorySegment elem(MemorySegment list, int i) {
            int cnt = cnt(list);
            if (i < 0 || i >= cnt) throw new IndexOutOfBoundsException("element " + i + " of a list of " + cnt);
            return list.get(ADDRESS, ELEMS).reinterpret(TopicPartition.LAYOUT.byteSize() * cnt)
                    .asSlice(TopicPartition.LAYOUT.byteSize() * i, TopicPartition.LAYOUT);
        }
    }

    /** {@code rd_kafka_metadata_broker_t} ({@code struct rd_kafka_metadata_broker}). */
    public static final class MetadataBroker {
        private MetadataBroker() {
        }

        /** The C layout (LP64). */
        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("id"), paddingLayout(4),
                ADDRESS.withName("host"),
                JAVA_INT.withName("port"), paddingLayout(4)).withName("rd_kafka_metadata_broker_t");

        /**
         * {@return the {@code id} field}
         *
         * @param b the broker
         */
        public static int id(MemorySegment b) {
            return b.get(JAVA_INT, off(LAYOUT, "id"));
        }

        /**
         * {@return the {@code host} string; null for {@code NULL}}
         *
         * @param b the broker
         */
        public static String host(MemorySegment b) {
            return CStrings.toJava(b.get(ADDRESS, off(LAYOUT, "host")));
        }

        /**
         * {@return the {@code port} field}
         *
         * @param b the broker
         */
        public static int port(MemorySegment b) {
            return b.get(JAVA_INT, off(LAYOUT, "port"));
        }
    }

    /** {@code rd_kafka_metadata_partition_t}. */
    public static final class MetadataPartition {
        private MetadataPartition() {
        }

        /** The C layout (LP64). */
        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("id"),
                JAVA_INT.withName("err"),
                JAVA_INT.withName("leader"),
                JAVA_INT.withName("replica_cnt"),
                ADDRESS.withName("replicas"),
                JAVA_INT.withName("isr_cnt"), paddingLayout(4),
                ADDRESS.withName("isrs")).withName("rd_kafka_metadata_partition_t");

        /**
         * {@return the {@code id} field}
         *
         * @param p the partition
         */
        public static int id(MemorySegment p) {
            return p.get(JAVA_INT, off(LAYOUT, "id"));
        }

        /**
         * {@return the {@code err} field}
         *
         * @param p the partition
         */
        public static int err(MemorySegment p) {
            return p.get(JAVA_INT, off(LAYOUT, "err"));
        }

        /**
         * {@return the {@code leader} field}
         *
         * @param p the partition
         */
        public static int leader(MemorySegment p) {
            return p.get(JAVA_INT, off(LAYOUT, "leader"));
        }

        /**
         * {@return a copy of the {@code replicas} array (broker ids)}
         *
         * @param p the partition
         */
        public static int[] replicas(MemorySegment p) {
            return ints(p.get(ADDRESS, off(LAYOUT, "replicas")), p.get(JAVA_INT, off(LAYOUT, "replica_cnt")));
        }

        /**
         * {@return a copy of the {@code isrs} array (ids of the in-sync replicas)}
         *
         * @param p the partition
         */
        public static int[] isrs(MemorySegment p) {
            return ints(p.get(ADDRESS, off(LAYOUT, "isrs")), p.get(JAVA_INT, off(LAYOUT, "isr_cnt")));
        }

        private static int[] ints(MemorySegment p, int cnt) {
            if (cnt <= 0 || p.equals(MemorySegment.NULL)) return new int[0];
            return p.reinterpret(4L * cnt).toArray(JAVA_INT);
        }
    }

    /** {@code rd_kafka_metadata_topic_t}. */
    public static final class MetadataTopic {
        private MetadataTopic() {
        }

        /** The C layout (LP64). */
        public static final StructLayout LAYOUT = structLayout(
                ADDRESS.withName("topic"),
                JAVA_INT.withName("partition_cnt"), paddingLayout(4),
                ADDRESS.withName("partitions"),
                JAVA_INT.withName("err"), paddingLayout(4)).withName("rd_kafka_metadata_topic_t");

        /**
         * {@return the {@code topic} string; null for {@code NULL}}
         *
         * @param t the topic
         */
        public static String topic(MemorySegment t) {
            return CStrings.toJava(t.get(ADDRESS, off(LAYOUT, "topic")));
        }

        /**
         * {@return the {@code partition_cnt} field}
         *
         * @param t the topic
         */
        public static int partitionCnt(MemorySegment t) {
            return t.get(JAVA_INT, off(LAYOUT, "partition_cnt"));
        }

        /**
         * {@return element {@code i} of the {@code partitions} array}
         *
         * @param t the topic
         * @param i the index
         * @throws IndexOutOfBoundsException when there is no such element
         */
        public static MemorySegment partition(MemorySegment t, int i) {
            return elementOf(t.get(ADDRESS, off(LAYOUT, "partitions")), MetadataPartition.LAYOUT, partitionCnt(t), i);
        }

        /**
         * {@return the {@code err} field}
         *
         * @param t the topic
         */
        public static int err(MemorySegment t) {
            return t.get(JAVA_INT, off(LAYOUT, "err"));
        }
    }

    /** {@code rd_kafka_metadata_t}, as returned by {@code rd_kafka_metadata()}. */
    public static final class Metadata {
        private Metadata() {
        }

        /** The C layout (LP64). */
        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("broker_cnt"), paddingLayout(4),
                ADDRESS.withName("brokers"),
                JAVA_INT.withName("topic_cnt"), paddingLayout(4),
                ADDRESS.withName("topics"),
                JAVA_INT.withName("orig_broker_id"), paddingLayout(4),
                ADDRESS.withName("orig_broker_name")).withName("rd_kafka_metadata_t");

        /**
         * {@return {@code p} sized to the struct, so that the accessors can read it}
         *
         * @param p a pointer to the struct, e.g. returned by C
         */
        public static MemorySegment of(MemorySegment p) {
            return p.reinterpret(LAYOUT.byteSize());
        }

        /**
         * {@return the {@code broker_cnt} field}
         *
         * @param md the metadata
         */
        public static int brokerCnt(MemorySegment md) {
            return md.get(JAVA_INT, off(LAYOUT, "broker_cnt"));
        }

        /**
         * {@return element {@code i} of the {@code brokers} array}
         *
         * @param md the metadata
         * @param i the index
         * @throws IndexOutOfBoundsException when there is no such element
         */
        public static MemorySegment broker(MemorySegment md, int i) {
            return elementOf(md.get(ADDRESS, off(LAYOUT, "brokers")), MetadataBroker.LAYOUT, brokerCnt(md), i);
        }

        /**
         * {@return the {@code topic_cnt} field}
         *
         * @param md the metadata
         */
        public static int topicCnt(MemorySegment md) {
            return md.get(JAVA_INT, off(LAYOUT, "topic_cnt"));
        }

        /**
         * {@return element {@code i} of the {@code topics} array}
         *
         * @param md the metadata
         * @param i the index
         * @throws IndexOutOfBoundsException when there is no such element
         */
        public static MemorySegment topic(MemorySegment md, int i) {
            return elementOf(md.get(ADDRESS, off(LAYOUT, "topics")), MetadataTopic.LAYOUT, topicCnt(md), i);
        }

        /**
         * {@return the {@code orig_broker_id} field}
         *
         * @param md the metadata
         */
        public static int origBrokerId(MemorySegment md) {
            return md.get(JAVA_INT, off(LAYOUT, "orig_broker_id"));
        }

        /**
         * {@return the {@code orig_broker_name} string; null for {@code NULL}}
         *
         * @param md the metadata
         */
        public static String origBrokerName(MemorySegment md) {
            return CStrings.toJava(md.get(ADDRESS, off(LAYOUT, "orig_broker_name")));
        }
    }

    /** {@code struct rd_kafka_err_desc}, the elements of {@code rd_kafka_get_err_descs()}. */
    public static final class ErrDesc {
        private ErrDesc() {
        }

        /** The C layout (LP64). */
        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("code"), paddingLayout(4),
                ADDRESS.withName("name"),
                ADDRESS.withName("desc")).withName("rd_kafka_err_desc");

        /**
         * {@return the {@code code} field}
         *
         * @param d the error description
         */
        public static int code(MemorySegment d) {
            return d.get(JAVA_INT, off(LAYOUT, "code"));
        }

        /**
         * {@return the {@code name} string; null for {@code NULL}}
         *
         * @param d the error description
         */
        public static String name(MemorySegment d) {
            return CStrings.toJava(d.get(ADDRESS, off(LAYOUT, "name")));
        }

        /**
         * {@return the {@code desc} string; null for {@code NULL}}
         *
         * @param d the error description
         */
        public static String desc(MemorySegment d) {
            return CStrings.toJava(d.get(ADDRESS, off(LAYOUT, "desc")));
        }

        /**
         * {@return element {@code i} of the array {@code rd_kafka_get_err_descs} returns}
         *
         * @param descs the array
         * @param cnt   how many entries it has
         * @param i     the index
         * @throws IndexOutOfBoundsException when there is no such element
         */
        public static MemorySegment at(MemorySegment descs, long cnt, int i) {
            return elementOf(descs, LAYOUT, cnt, i);
        }
    }

    /** {@code struct rd_kafka_group_member_info}. */
    public static final class GroupMemberInfo {
        private GroupMemberInfo() {
        }

        /** The C layout (LP64). */
        public static final StructLayout LAYOUT = structLayout(
                ADDRESS.withName("member_id"),
                ADDRESS.withName("client_id"),
                ADDRESS.withName("client_host"),
                ADDRESS.withName("member_metadata"),
                JAVA_INT.withName("member_metadata_size"), paddingLayout(4),
                ADDRESS.withName("member_assignment"),
                JAVA_INT.withName("member_assignment_size"), paddingLayout(4)).withName("rd_kafka_group_member_info");

        /**
         * {@return the {@code member_id} string; null for {@code NULL}}
         *
         * @param m the message
         */
        public static String memberId(MemorySegment m) {
            return CStrings.toJava(m.get(ADDRESS, off(LAYOUT, "member_id")));
        }

        /**
         * {@return the {@code client_id} string; null for {@code NULL}}
         *
         * @param m the message
         */
        public static String clientId(MemorySegment m) {
            return CStrings.toJava(m.get(ADDRESS, off(LAYOUT, "client_id")));
        }

        /**
         * {@return the {@code client_host} string; null for {@code NULL}}
         *
         * @param m the message
         */
        public static String clientHost(MemorySegment m) {
            return CStrings.toJava(m.get(ADDRESS, off(LAYOUT, "client_host")));
        }

        /**
         * {@return the {@code member_metadata} bytes as a segment of their size; {@code NULL} when there are none}
         *
         * @param m the message
         */
        public static MemorySegment memberMetadata(MemorySegment m) {
            return array(m.get(ADDRESS, off(LAYOUT, "member_metadata")), java.lang.foreign.ValueLayout.JAVA_BYTE,
                    m.get(JAVA_INT, off(LAYOUT, "member_metadata_size")));
        }

        /**
         * {@return the {@code member_assignment} bytes as a segment of their size; {@code NULL} when there are none}
         *
         * @param m the message
         */
        public static MemorySegment memberAssignment(MemorySegment m) {
            return array(m.get(ADDRESS, off(LAYOUT, "member_assignment")), java.lang.foreign.ValueLayout.JAVA_BYTE,
                    m.get(JAVA_INT, off(LAYOUT, "member_assignment_size")));
        }
    }

    /** {@code struct rd_kafka_group_info}. */
    public static final class GroupInfo {
        private GroupInfo() {
        }

        /** The C layout (LP64). */
        public static final StructLayout LAYOUT = structLayout(
                MetadataBroker.LAYOUT.withName("broker"),
                ADDRESS.withName("group"),
                JAVA_INT.withName("err"), paddingLayout(4),
                ADDRESS.withName("state"),
                ADDRESS.withName("protocol_type"),
                ADDRESS.withName("protocol"),
                ADDRESS.withName("members"),
                JAVA_INT.withName("member_cnt"), paddingLayout(4)).withName("rd_kafka_group_info");

        /**
         * {@return the embedded {@code broker} struct}
         *
         * @param g the group
         */
        public static MemorySegment broker(MemorySegment g) {
            return g.asSlice(off(LAYOUT, "broker"), MetadataBroker.LAYOUT);
        }

        /**
         * {@return the {@code group} string; null for {@code NULL}}
         *
         * @param g the group
         */
        public static String group(MemorySegment g) {
            return CStrings.toJava(g.get(ADDRESS, off(LAYOUT, "group")));
        }

        /**
         * {@return the {@code err} field}
         *
         * @param g the group
         */
        public static int err(MemorySegment g) {
            return g.get(JAVA_INT, off(LAYOUT, "err"));
        }

        /**
         * {@return the {@code state} string; null for {@code NULL}}
         *
         * @param g the group
         */
        public static String state(MemorySegment g) {
            return CStrings.toJava(g.get(ADDRESS, off(LAYOUT, "state")));
        }

        /**
         * {@return the {@code protocol_type} string; null for {@code NULL}}
         *
         * @param g the group
         */
        public static String protocolType(MemorySegment g) {
            return CStrings.toJava(g.get(ADDRESS, off(LAYOUT, "protocol_type")));
        }

        /**
         * {@return the {@code protocol} string; null for {@code NULL}}
         *
         * @param g the group
         */
        public static String protocol(MemorySegment g) {
            return CStrings.toJava(g.get(ADDRESS, off(LAYOUT, "protocol")));
        }

        /**
         * {@return the {@code member_cnt} field}
         *
         * @param g the group
         */
        public static int memberCnt(MemorySegment g) {
            return g.get(JAVA_INT, off(LAYOUT, "member_cnt"));
        }

        /**
         * {@return element {@code i} of the {@code members} array}
         *
         * @param g the group
         * @param i the index
         * @throws IndexOutOfBoundsException when there is no such element
         */
        public static MemorySegment member(MemorySegment g, int i) {
            return elementOf(g.get(ADDRESS, off(LAYOUT, "members")), GroupMemberInfo.LAYOUT, memberCnt(g), i);
        }
    }

    /** {@code struct rd_kafka_group_list}, as returned by {@code rd_kafka_list_groups()}. */
    public static final class GroupList {
        private GroupList() {
        }

        /** The C layout (LP64). */
        public static final StructLayout LAYOUT = structLayout(
                ADDRESS.withName("groups"),
                JAVA_INT.withName("group_cnt"), paddingLayout(4)).withName("rd_kafka_group_list");

        /**
         * {@return {@code p} sized to the struct, so that the accessors can read it}
         *
         * @param p a pointer to the struct, e.g. returned by C
         */
        public static MemorySegment of(MemorySegment p) {
            return p.reinterpret(LAYOUT.byteSize());
        }

        /**
         * {@return the {@code group_cnt} field}
         *
         * @param l the group list
         */
        public static int groupCnt(MemorySegment l) {
            return l.get(JAVA_INT, off(LAYOUT, "group_cnt"));
        }

        /**
         * {@return element {@code i} of the {@code groups} array}
         *
         * @param l the group list
         * @param i the index
         * @throws IndexOutOfBoundsException when there is no such element
         */
        public static MemorySegment group(MemorySegment l, int i) {
            return elementOf(l.get(ADDRESS, off(LAYOUT, "groups")), GroupInfo.LAYOUT, groupCnt(l), i);
        }
    }

    /**
     * {@code rd_kafka_vu_t}: one typed argument of {@code rd_kafka_produceva}: a {@code vtype} and a union
     * of the value forms. 72 bytes on LP64 (the union is padded to 64 bytes); build arrays of them with
     * {@code arena.allocate(LAYOUT, n)} and the {@code set*} methods.
     */
    public static final class Vu {
        private Vu() {
        }

        /** The layout of the union {@code u}. */
        public static final UnionLayout VALUE = MemoryLayout.unionLayout(
                ADDRESS.withName("cstr"),
                ADDRESS.withName("rkt"),
                JAVA_INT.withName("i"),
                JAVA_INT.withName("i32"),
                JAVA_LONG.withName("i64"),
                structLayout(ADDRESS.withName("ptr"), JAVA_LONG.withName("size")).withName("mem"),
                structLayout(ADDRESS.withName("name"), ADDRESS.withName("val"), JAVA_LONG.withName("size"))
                        .withName("header"),
                ADDRESS.withName("headers"),
                ADDRESS.withName("ptr"),
                // C reserves 64 bytes for the union ("future-proofness"): the array stride is 72, not 32
                MemoryLayout.sequenceLayout(64, java.lang.foreign.ValueLayout.JAVA_BYTE).withName("_pad"));
        /** The C layout (LP64). */
        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("vtype"), paddingLayout(4),
                VALUE.withName("u")).withName("rd_kafka_vu_t");
        /** Byte offset of {@code vtype}. */
        public static final long VTYPE = off(LAYOUT, "vtype");
        /** Byte offset of {@code u}. */
        public static final long U = off(LAYOUT, "u");
        private static final AddressLayout A = ADDRESS;

        /**
         * Sets element {@code i} of a {@code rd_kafka_vu_t[]} to a pointer-valued entry (RKT, OPAQUE, HEADERS).
         *
         * @param vus   the array
         * @param i     the index
         * @param vtype the {@code RD_KAFKA_VTYPE_*}
         * @param p     the pointer
         */
        public static void setPointer(MemorySegment vus, long i, int vtype, MemorySegment p) {
            long base = i * LAYOUT.byteSize();
            vus.set(JAVA_INT, base + VTYPE, vtype);
            vus.set(A, base + U, p);
        }

        /**
         * Sets element {@code i} to an {@code int}/{@code int32_t} entry (PARTITION, MSGFLAGS).
         *
         * @param vus   the array
         * @param i     the index
         * @param vtype the {@code RD_KAFKA_VTYPE_*}
         * @param v     the value
         */
        public static void setInt(MemorySegment vus, long i, int vtype, int v) {
            long base = i * LAYOUT.byteSize();
            vus.set(JAVA_INT, base + VTYPE, vtype);
            vus.set(JAVA_INT, base + U, v);
        }

        /**
         * Sets element {@code i} to an {@code int64_t} entry (TIMESTAMP).
         *
         * @param vus   the array
         * @param i     the index
         * @param vtype the {@code RD_KAFKA_VTYPE_*}
         * @param v     the value
         */
        public static void setLong(MemorySegment vus, long i, int vtype, long v) {
            long base = i * LAYOUT.byteSize();
            vus.set(JAVA_INT, base + VTYPE, vtype);
            vus.set(JAVA_LONG, base + U, v);
        }

        /**
         * Sets element {@code i} to a pointer+size entry (VALUE, KEY).
         *
         * @param vus   the array
         * @param i     the index
         * @param vtype the {@code RD_KAFKA_VTYPE_*}
         * @param ptr   the bytes
         * @param size  how many bytes
         */
        public static void setMem(MemorySegment vus, long i, int vtype, MemorySegment ptr, long size) {
            long base = i * LAYOUT.byteSize();
            vus.set(JAVA_INT, base + VTYPE, vtype);
            vus.set(A, base + U, ptr);
            vus.set(JAVA_LONG, base + U + 8, size);
        }

        /**
         * Sets element {@code i} to a HEADER entry.
         *
         * @param vus  the array
         * @param i    the index
         * @param name the header name, a C string
         * @param val  the value bytes, or {@code NULL}
         * @param size how many bytes ({@code -1} for a C string value)
         */
        public static void setHeader(MemorySegment vus, long i, MemorySegment name, MemorySegment val, long size) {
            long base = i * LAYOUT.byteSize();
            vus.set(JAVA_INT, base + VTYPE, RdKafka.RD_KAFKA_VTYPE_HEADER);
            vus.set(A, base + U, name);
            vus.set(A, base + U + 8, val);
            vus.set(JAVA_LONG, base + U + 16, size);
        }

        /**
         * {@return the {@code vtype} of element {@code i}}
         *
         * @param vus the array
         * @param i   the index
         */
        public static int vtype(MemorySegment vus, long i) {
            return vus.get(JAVA_INT, i * LAYOUT.byteSize() + VTYPE);
        }
    }

    private static MemorySegment elementOf(MemorySegment array, MemoryLayout layout, long cnt, int i) {
        if (i < 0 || i >= cnt) throw new IndexOutOfBoundsException("element " + i + " of " + cnt);
        return array.reinterpret(layout.byteSize() * cnt).asSlice(layout.byteSize() * i, layout);
    }
}

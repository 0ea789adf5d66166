package io.rdkafka.client.admin;

/**
 * The protocol a consumer group runs ({@code rd_kafka_consumer_group_type_t}): the classic one, or the consumer
 * group protocol of KIP-848 ({@code group.protocol=consumer}). Reported from librdkafka 2.6.0 (listings) and
 * 2.10.0 (descriptions); {@link #UNKNOWN} before.
 */
public enum ConsumerGroupType {
    /** Not reported: by the loaded librdkafka, or by a broker older than Kafka 4. */
    UNKNOWN(0),
    /** The consumer group protocol of KIP-848: the broker assigns the partitions. */
    CONSUMER(1),
    /** The classic group protocol: a member (the leader) assigns the partitions. */
    CLASSIC(2);

    final int code;

    ConsumerGroupType(int code) {
        this.code = code;
    }

    static ConsumerGroupType fromCode(int code) {
        for (ConsumerGroupType t : values()) if (t.code == code) return t;
        return UNKNOWN;
    }
}

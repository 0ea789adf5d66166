package io.rdkafka.kafka;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;

import java.util.Optional;

/**
 * kafka-clients' group metadata carrying librdkafka's own serialized form, so that a producer of this module can
 * hand it to {@code rd_kafka_send_offsets_to_transaction} unchanged.
 */
final class RdKafkaGroupMetadata extends ConsumerGroupMetadata {
    private final io.rdkafka.client.ConsumerGroupMetadata native_;

    RdKafkaGroupMetadata(String groupId, int generationId, String memberId, Optional<String> groupInstanceId,
                         io.rdkafka.client.ConsumerGroupMetadata nativeMetadata) {
        super(groupId, generationId, memberId, groupInstanceId);
        this.native_ = nativeMetadata;
    }

    io.rdkafka.client.ConsumerGroupMetadata nativeMetadata() {
        return native_;
    }

    /** librdkafka's form of any kafka-clients group metadata. */
    static io.rdkafka.client.ConsumerGroupMetadata toNative(ConsumerGroupMetadata m) {
        if (m instanceof RdKafkaGroupMetadata r) return r.native_;
        return io.rdkafka.client.ConsumerGroupMetadata.of(m.groupId(), m.generationId(), m.memberId(),
                m.groupInstanceId().orElse(null));
    }
}

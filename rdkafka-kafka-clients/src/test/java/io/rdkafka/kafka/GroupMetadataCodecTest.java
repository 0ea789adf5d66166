package io.rdkafka.kafka;

import io.rdkafka.client.ConsumerGroupMetadata;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** Generation, member and instance id read back from librdkafka's serialized group metadata. */
class GroupMetadataCodecTest {
    @Test
    void readsWhatLibrdkafkaWrites() {
        GroupMetadataCodec.Parts p = GroupMetadataCodec.read(ConsumerGroupMetadata.of("g", 7, "member-1", "instance-a")
                .serialized());
        assertEquals(new GroupMetadataCodec.Parts(7, "member-1", Optional.of("instance-a")), p);
        p = GroupMetadataCodec.read(ConsumerGroupMetadata.of("group", 42, "", null).serialized());
        assertEquals(new GroupMetadataCodec.Parts(42, "", Optional.empty()), p);
    }

    @Test
    void anUnknownLayoutReadsAsUnknown() {
        assertEquals(GroupMetadataCodec.Parts.UNKNOWN, GroupMetadataCodec.read(new byte[]{1, 2, 3}));
        assertEquals(GroupMetadataCodec.Parts.UNKNOWN, GroupMetadataCodec.read("CGMDv9:xxxxxxxx".getBytes()));
    }

    @Test
    void foreignGroupMetadataBecomesLibrdkafkas() {
        var kafka = new org.apache.kafka.clients.consumer.ConsumerGroupMetadata("g", 3, "m", Optional.empty());
        GroupMetadataCodec.Parts p = GroupMetadataCodec.read(RdKafkaGroupMetadata.toNative(kafka).serialized());
        assertEquals(new GroupMetadataCodec.Parts(3, "m", Optional.empty()), p);
    }
}

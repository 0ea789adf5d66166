package io.rdkafka.kafka;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads generation and member id from librdkafka's serialized group metadata
 * ({@code rd_kafka_consumer_group_metadata_write}), as librdkafka 2.x lays it out: the magic {@code CGMDv2:}, the
 * generation id (32 bits, host byte order), the group id and the member id as NUL-terminated strings, then one byte
 * that is 1 when there is no group instance id (else 0, followed by the NUL-terminated instance id). librdkafka has
 * no getters for these; when the layout is not recognized, they read as unknown (-1, "") and only the group id is
 * reported.
 */
final class GroupMetadataCodec {
    private static final byte[] MAGIC = "CGMDv2:".getBytes(StandardCharsets.US_ASCII);

    record Parts(int generationId, String memberId, Optional<String> groupInstanceId) {
        static final Parts UNKNOWN = new Parts(-1, "", Optional.empty());
    }

    private GroupMetadataCodec() {
    }

    static Parts read(byte[] b) {
        try {
            if (b.length < MAGIC.length + 4) return Parts.UNKNOWN;
            for (int i = 0; i < MAGIC.length; i++) if (b[i] != MAGIC[i]) return Parts.UNKNOWN;
            ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
            buf.position(MAGIC.length);
            int generation = buf.getInt();
            String group = cstring(buf);
            String member = cstring(buf);
            if (group == null || member == null || !buf.hasRemaining()) return Parts.UNKNOWN;
            byte noInstance = buf.get();
            String instance = noInstance == 0 ? cstring(buf) : null;
            if (noInstance == 0 && instance == null) return Parts.UNKNOWN;
            return new Parts(generation, member, Optional.ofNullable(instance));
        } catch (RuntimeException e) {
            return Parts.UNKNOWN;
        }
    }

    /** Bytes up to a NUL (consumed), or null when there is none. */
    private static String cstring(ByteBuffer buf) {
        int start = buf.position();
        for (int i = start; i < buf.limit(); i++) {
            if (buf.get(i) == 0) {
                byte[] s = new byte[i - start];
                buf.get(s);
                buf.get();
                return new String(s, StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}

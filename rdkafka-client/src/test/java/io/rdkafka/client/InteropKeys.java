package io.rdkafka.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Serialized keys of every kind a producer meets, for comparing key placement with Apache Kafka's Java client. */
final class InteropKeys {
    private InteropKeys() {
    }

    /**
     * About {@code 12 * perKind + 257} distinct keys, the same for a given {@code perKind}: the empty key, every
     * single byte value (0..255), and per kind ASCII, unicode, random binary (1..64 bytes) and long (300..1299
     * bytes) keys.
     */
    static List<byte[]> all(int perKind) {
        List<byte[]> keys = new ArrayList<>();
        keys.add(new byte[0]);
        for (int b = 0; b < 256; b++) keys.add(new byte[]{(byte) b});
        Random random = new Random(17);
        String[] unicode = {"ключ", "鍵", "clé", "🔑", "κλειδί", "مفتاح"};
        for (int i = 0; i < perKind; i++) {
            keys.add(("order-" + i).getBytes(StandardCharsets.UTF_8));
            keys.add(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            keys.add(("user:" + random.nextLong()).getBytes(StandardCharsets.UTF_8));
            keys.add((unicode[i % unicode.length] + "-" + i).getBytes(StandardCharsets.UTF_8));
            keys.add((unicode[(i + 3) % unicode.length] + unicode[i % unicode.length] + i).getBytes(StandardCharsets.UTF_8));
            for (int j = 0; j < 5; j++) {
                byte[] binary = new byte[1 + random.nextInt(64)];
                random.nextBytes(binary);
                keys.add(binary);
            }
            byte[] longKey = new byte[300 + random.nextInt(1000)];
            random.nextBytes(longKey);
            keys.add(longKey);
            keys.add(("long-" + i + "-").repeat(40).getBytes(StandardCharsets.UTF_8));
        }
        return keys;
    }

    /** A short printable form of a key for assertion messages. */
    static String show(byte[] key) {
        String hex = HexFormat.of().formatHex(key, 0, Math.min(key.length, 16));
        return key.length + " bytes [" + hex + (key.length > 16 ? "..." : "") + "]";
    }
}

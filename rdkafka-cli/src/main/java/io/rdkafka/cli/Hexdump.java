package io.rdkafka.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The hexdump of librdkafka's examples: 16 bytes a line, offset, hex, printable ASCII. */
final class Hexdump {
    private Hexdump() {
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * Writes {@code "<name> hexdump (<len> bytes):"} and the dump lines of {@code data[off, off+len)},
     * each {@code "%08x: %-48s %-16s"} as the C example prints them.
     */
    static void write(OutputStream out, String name, byte[] data, int off, int len) throws IOException {
        if (name != null) out.write((name + " hexdump (" + len + " bytes):\n").getBytes(StandardCharsets.US_ASCII));
        byte[] line = new byte[8 + 2 + 48 + 1 + 16 + 1];
        for (int of = 0; of < len; of += 16) {
            java.util.Arrays.fill(line, (byte) ' ');
            int p = 0;
            for (int s = 28; s >= 0; s -= 4) line[p++] = HEX[(of >>> s) & 0xf];
            line[p++] = ':';
            p++;
            int n = Math.min(16, len - of);
            for (int i = 0; i < n; i++) {
                int b = data[off + of + i] & 0xff;
                line[p + i * 3] = HEX[b >>> 4];
                line[p + i * 3 + 1] = HEX[b & 0xf];
            }
            int c = p + 48 + 1;
            for (int i = 0; i < n; i++) {
                int b = data[off + of + i] & 0xff;
                line[c + i] = (byte) (b >= 0x20 && b < 0x7f ? b : '.');
            }
            line[line.length - 1] = '\n';
            out.write(line);
        }
    }
}

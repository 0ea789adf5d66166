package io.rdkafka.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The producer tool's line splitting: what each line of the input becomes, whatever the buffer size. */
class LineSplitterTest {
    private static List<String> split(String input, int buffer) throws IOException {
        List<String> out = new ArrayList<>();
        for (byte[] l : splitBytes(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), buffer, 1 << 20)) {
            out.add(new String(l, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<byte[]> splitBytes(InputStream in, int buffer, int maxLine) throws IOException {
        List<byte[]> out = new ArrayList<>();
        long n = new LineSplitter(in, buffer, maxLine).forEach((b, off, len) -> out.add(Arrays.copyOfRange(b, off, off + len)));
        assertEquals(out.size(), n, "the count returned");
        return out;
    }

    @Test
    void keepsEverythingButTheNewline() throws IOException {
        for (int buffer : new int[]{1, 2, 3, 7, 1 << 20}) {
            assertEquals(List.of("a", "", "b\r", "last"), split("a\n\nb\r\nlast", buffer), "buffer " + buffer);
            assertEquals(List.of("a", "b"), split("a\nb\n", buffer), "no empty record after the final newline");
            assertEquals(List.of("", ""), split("\n\n", buffer), "empty lines are records");
            assertEquals(List.of("x\r", "y\r"), split("x\r\ny\r\n", buffer), "CRLF keeps the CR, as kcat -P");
            assertEquals(List.of(), split("", buffer));
        }
    }

    @Test
    void linesLongerThanTheBufferAndAcrossItsEdges() throws IOException {
        Random r = new Random(21);
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        List<byte[]> want = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            byte[] line = new byte[r.nextInt(5) == 0 ? r.nextInt(3000) : r.nextInt(40)];
            for (int j = 0; j < line.length; j++) {
                byte b = (byte) r.nextInt(256);
                line[j] = b == '\n' ? 0 : b; // every byte but the newline: NUL, CR, 0xff, invalid UTF-8
            }
            want.add(line);
            input.writeBytes(line);
            input.write('\n');
        }
        byte[] last = {(byte) 0xff, 0, '\r'};
        want.add(last);
        input.writeBytes(last); // no final newline
        for (int buffer : new int[]{1, 16, 100, 1024, 4096, 1 << 20}) {
            List<byte[]> got = splitBytes(new ByteArrayInputStream(input.toByteArray()), buffer, 1 << 20);
            assertEquals(want.size(), got.size(), "buffer " + buffer);
            for (int i = 0; i < want.size(); i++) assertArrayEquals(want.get(i), got.get(i), "line " + i + ", buffer " + buffer);
        }
    }

    @Test
    void shortReadsDoNotSplitLines() throws IOException {
        byte[] data = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1)); // a pipe handing over one byte at a time
            }
        };
        List<String> got = new ArrayList<>();
        for (byte[] l : splitBytes(trickle, 8, 64)) got.add(new String(l, StandardCharsets.UTF_8));
        assertEquals(List.of("one", "two", "three"), got);
    }

    @Test
    void theNewlineSearchFindsTheFirstOneWhateverSurroundsIt() {
        // every other byte value around it (0x0b, 0x8a, 0x00, 0xff...), at every position of a word and its tail
        for (int fill = 0; fill < 256; fill++) {
            if (fill == '\n') continue;
            byte[] b = new byte[37];
            Arrays.fill(b, (byte) fill);
            assertEquals(-1, LineSplitter.indexOfNewline(b, 0, b.length), "no newline, fill " + fill);
            for (int at = 0; at < b.length; at++) {
                b[at] = '\n';
                for (int from = 0; from <= at; from += 3) {
                    assertEquals(at, LineSplitter.indexOfNewline(b, from, b.length), "fill " + fill + ", at " + at + ", from " + from);
                }
                assertEquals(-1, LineSplitter.indexOfNewline(b, 0, at), "not past the end, at " + at);
                if (at + 1 < b.length) {
                    b[at + 1] = '\n';
                    assertEquals(at, LineSplitter.indexOfNewline(b, 0, b.length), "the first of two");
                    b[at + 1] = (byte) fill;
                }
                b[at] = (byte) fill;
            }
        }
    }

    @Test
    void aLineOverTheLimitIsAClearError() {
        byte[] data = ("ok\n" + "y".repeat(100) + "\n").getBytes(StandardCharsets.UTF_8);
        CliException e = assertThrows(CliException.class, () -> splitBytes(new ByteArrayInputStream(data), 8, 64));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("64 bytes"), e.getMessage());
    }

    @Test
    void aLineOfExactlyTheLimitFits() throws IOException {
        byte[] data = ("z".repeat(64) + "\n").getBytes(StandardCharsets.UTF_8);
        List<byte[]> got = splitBytes(new ByteArrayInputStream(data), 8, 64);
        assertEquals(1, got.size());
        assertEquals(64, got.getFirst().length);
    }
}

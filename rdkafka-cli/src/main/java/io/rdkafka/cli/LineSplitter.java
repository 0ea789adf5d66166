package io.rdkafka.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Splits a byte stream into lines at {@code '\n'}, reading it in large blocks: the newline is dropped, anything
 * else is kept (a {@code '\r'} before it too, as {@code kcat -P} keeps it), an empty line is a line, and a last
 * line without a newline counts unless it is empty. Each line is handed over as a range of the splitter's buffer,
 * valid only during the call. A line longer than the buffer grows it, up to {@link #MAX_LINE} bytes.
 */
final class LineSplitter {
    /** Receives each line as {@code buf[off, off + len)}. */
    @FunctionalInterface
    interface Sink {
        void line(byte[] buf, int off, int len) throws IOException;
    }

    static final int BUFFER = 1 << 20;
    static final int MAX_LINE = 1 << 24; // 16 MiB: message.max.bytes is 1 MB by default; the tools' heap is 64 MB

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final InputStream in;
    private byte[] buf;
    private final int maxLine;

    LineSplitter(InputStream in) {
        this(in, BUFFER, MAX_LINE);
    }

    /** With a given initial buffer size and line limit (tests use small ones). */
    LineSplitter(InputStream in, int bufferSize, int maxLine) {
        this.in = in;
        this.buf = new byte[bufferSize];
        this.maxLine = maxLine;
    }

    /**
     * Reads the stream to its end, calling {@code sink} for each line in order.
     *
     * @return the number of lines
     * @throws CliException when a line is longer than the limit
     */
    long forEach(Sink sink) throws IOException {
        long lines = 0;
        int start = 0; // the current line's first byte
        int scan = 0;  // where the search for its newline goes on
        int end = 0;   // the end of what was read
        while (true) {
            byte[] b = buf;
            int nl;
            while ((nl = indexOfNewline(b, scan, end)) >= 0) {
                sink.line(b, start, nl - start);
                lines++;
                start = scan = nl + 1;
            }
            if (start == end) {
                start = end = 0;
            } else if (end == b.length) {
                int pending = end - start;
                if (start > 0) {
                    System.arraycopy(b, start, b, 0, pending); // the unfinished line to the front
                } else {
                    if (b.length > maxLine) { // room for the limit and its newline, and still no newline
                        throw new CliException("input line " + (lines + 1) + " is longer than " + maxLine + " bytes");
                    }
                    byte[] bigger = new byte[(int) Math.min(maxLine + 1L, 2L * b.length)];
                    System.arraycopy(b, 0, bigger, 0, pending);
                    buf = b = bigger;
                }
                start = 0;
                end = pending;
            }
            scan = end;
            int n = in.read(b, end, b.length - end);
            if (n < 0) {
                if (end > start) {
                    sink.line(b, start, end - start);
                    lines++;
                }
                return lines;
            }
            end += n;
        }
    }

    /**
     * The index of the first {@code '\n'} in {@code b[from, to)}, or -1: eight bytes a step (a byte of the word
     * XORed with newlines is zero where a newline was; the lowest such byte is found exactly), the rest one by one.
     * A byte at a time, the search was most of the splitter's time (~1 ns a byte).
     */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i) ^ NEWLINES;
            long zeros = (w - ONES) & ~w & HIGHS;
            if (zeros != 0) return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
        }
        for (; i < to; i++) {
            if (b[i] == '\n') return i;
        }
        return -1;
    }
}

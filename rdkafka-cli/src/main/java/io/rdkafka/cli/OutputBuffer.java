package io.rdkafka.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * An unsynchronized output buffer for one thread, in native memory: what the consumer prints goes through it, a
 * write(2) per {@value #SIZE} bytes or {@link #flush()}. Payloads are copied straight from librdkafka's buffers,
 * native to native ({@link java.io.BufferedOutputStream} takes a lock per call, three calls per record printed,
 * and a copy into a heap array costs C1-compiled code a JNI call for the array's length).
 */
final class OutputBuffer extends OutputStream {
    static final int SIZE = 1 << 16;

    private final WritableByteChannel out;
    private final MemorySegment buf = Arena.ofAuto().allocate(SIZE);
    private final ByteBuffer view = buf.asByteBuffer();
    private int pos;

    OutputBuffer(WritableByteChannel out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        if (pos == SIZE) drain();
        buf.set(ValueLayout.JAVA_BYTE, pos++, (byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == SIZE) drain();
            int n = Math.min(len, SIZE - pos);
            MemorySegment.copy(b, off, buf, ValueLayout.JAVA_BYTE, pos, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Writes the {@code len} bytes of {@code src} from its start (a record's key or value). */
    void write(MemorySegment src, int len) throws IOException {
        long from = 0;
        while (len > 0) {
            if (pos == SIZE) drain();
            int n = Math.min(len, SIZE - pos);
            MemorySegment.copy(src, from, buf, pos, n);
            pos += n;
            from += n;
            len -= n;
        }
    }

    private void drain() throws IOException {
        view.clear().limit(pos);
        while (view.hasRemaining()) out.write(view);
        pos = 0;
    }

    @Override
    public void flush() throws IOException {
        drain();
    }
}

package io.rdkafka.cli;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/** The few C library calls the tools need: {@code isatty}, and a {@code FILE*} on stdout for librdkafka. */
@SuppressWarnings("restricted")
final class Libc {
    private Libc() {
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup STD = LINKER.defaultLookup();

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return STD.find(name).map(a -> LINKER.downcallHandle(a, fd)).orElse(null);
    }

    private static final class Handles {
        static final MethodHandle ISATTY = handle("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle FDOPEN = handle("fdopen", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
        static final MethodHandle FFLUSH = handle("fflush", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    /** Whether file descriptor {@code fd} is a terminal; false when that cannot be told. */
    static boolean isatty(int fd) {
        try {
            return Handles.ISATTY != null && (int) Handles.ISATTY.invokeExact(fd) == 1;
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * Runs {@code body} with a C {@code FILE*} writing to file descriptor 1 (stdout), flushed afterwards.
     * The stream is deliberately not closed: that would close the process's stdout.
     */
    static void withStdoutFile(java.util.function.Consumer<MemorySegment> body) {
        System.out.flush();
        if (Handles.FDOPEN == null || Handles.FFLUSH == null) {
            throw new CliException("this C library has no fdopen/fflush");
        }
        MemorySegment fp;
        try (Arena a = Arena.ofConfined()) {
            fp = (MemorySegment) Handles.FDOPEN.invokeExact(1, a.allocateFrom("w"));
        } catch (Throwable t) {
            throw new CliException("fdopen(1) failed: " + t);
        }
        if (fp.equals(MemorySegment.NULL)) throw new CliException("fdopen(1) failed");
        try {
            body.accept(fp);
        } finally {
            try {
                int ignored = (int) Handles.FFLUSH.invokeExact(fp);
            } catch (Throwable t) {
                // nothing more to do
            }
        }
    }
}

package io.rdkafka.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** C arrays of pointers and out-parameters, so callers above this layer do no address arithmetic. */
public final class Pointers {
    private Pointers() {
    }

    /** A {@code void *[n]} in {@code arena}, zeroed. */
    public static MemorySegment array(Arena arena, int n) {
        return arena.allocate(ADDRESS, Math.max(1, n));
    }

    /** Element {@code i} of a C array of pointers (sized or not). */
    public static MemorySegment at(MemorySegment array, int i) {
        return array.reinterpret(ADDRESS.byteSize() * (i + 1L)).getAtIndex(ADDRESS, i);
    }

    /** An out-parameter slot for a pointer ({@code T **}). */
    public static MemorySegment outPointer(Arena arena) {
        return arena.allocate(ADDRESS);
    }

    public static MemorySegment outInt(Arena arena) {
        return arena.allocate(JAVA_INT);
    }

    /** An out-parameter slot for an {@code int64_t} or {@code size_t}. */
    public static MemorySegment outLong(Arena arena) {
        return arena.allocate(JAVA_LONG);
    }

    public static MemorySegment pointer(MemorySegment out) {
        return out.get(ADDRESS, 0);
    }

    public static int intValue(MemorySegment out) {
        return out.get(JAVA_INT, 0);
    }

    public static long longValue(MemorySegment out) {
        return out.get(JAVA_LONG, 0);
    }
}

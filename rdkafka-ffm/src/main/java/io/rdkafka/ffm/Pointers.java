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

    /**
     * {@return a zeroed {@code void *[n]} in {@code arena}, at least one element long}
     *
     * @param arena where the array lives
     * @param n     how many elements
     */
    public static MemorySegment array(Arena arena, int n) {
        return arena.allocate(ADDRESS, Math.max(1, n));
    }

    /**
     * {@return element {@code i} of a C array of pointers (sized or not)}
     *
     * @param array the array's address
     * @param i     the index; not checked against the array's length
     */
    public static MemorySegment at(MemorySegment array, int i) {
        return array.reinterpret(ADDRESS.byteSize() * (i + 1L)).getAtIndex(ADDRESS, i);
    }

    /**
     * {@return an out-parameter slot for a pointer ({@code T **})}
     *
     * @param arena where the slot lives
     */
    public static MemorySegment outPointer(Arena arena) {
        return arena.allocate(ADDRESS);
    }

    /**
     * {@return an out-parameter slot for an {@code int} or {@code int32_t}}
     *
     * @param arena where the slot lives
     */
    public static MemorySegment outInt(Arena arena) {
        return arena.allocate(JAVA_INT);
    }

    /**
     * {@return an out-parameter slot for an {@code int64_t} or {@code size_t}}
     *
     * @param arena where the slot lives
     */
    public static MemorySegment outLong(Arena arena) {
        return arena.allocate(JAVA_LONG);
    }

    /**
     * {@return the pointer C wrote into an out-parameter slot}
     *
     * @param out a slot from {@link #outPointer(Arena)} (or any pointer-sized segment)
     */
    public static MemorySegment pointer(MemorySegment out) {
        return out.get(ADDRESS, 0);
    }

    /**
     * {@return the {@code int} C wrote into an out-parameter slot}
     *
     * @param out a slot from {@link #outInt(Arena)}
     */
    public static int intValue(MemorySegment out) {
        return out.get(JAVA_INT, 0);
    }

    /**
     * {@return the {@code int64_t} (or {@code size_t}) C wrote into an out-parameter slot}
     *
     * @param out a slot from {@link #outLong(Arena)}
     */
    public static long longValue(MemorySegment out) {
        return out.get(JAVA_LONG, 0);
    }
}

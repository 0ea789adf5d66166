package io.rdkafka.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/** C strings across the boundary: NUL-terminated UTF-8, {@code NULL} for Java's {@code null}. */
public final class CStrings {
    private CStrings() {
    }

    /** Default size of an {@code errstr} buffer, as librdkafka's examples use. */
    public static final int ERRSTR_SIZE = 512;

    /** Reads the NUL-terminated string at {@code p}; {@code null} for a NULL pointer. */
    public static String toJava(MemorySegment p) {
        if (p == null || p.equals(MemorySegment.NULL)) return null;
        return p.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
    }

    /** A NUL-terminated copy of {@code s} in {@code arena}; {@link MemorySegment#NULL} for null. */
    public static MemorySegment toC(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s, StandardCharsets.UTF_8);
    }

    /** A zeroed {@code char errstr[ERRSTR_SIZE]} buffer. */
    public static MemorySegment errstr(Arena arena) {
        return arena.allocate(ERRSTR_SIZE);
    }

    /** The string in an {@code errstr} buffer filled by C. */
    public static String fromBuffer(MemorySegment buffer) {
        return buffer.getString(0, StandardCharsets.UTF_8);
    }

    /** An array of {@code char*} in {@code arena} pointing at copies of {@code strings}. */
    public static MemorySegment array(Arena arena, String... strings) {
        MemorySegment arr = arena.allocate(java.lang.foreign.ValueLayout.ADDRESS, Math.max(1, strings.length));
        for (int i = 0; i < strings.length; i++) {
            arr.setAtIndex(java.lang.foreign.ValueLayout.ADDRESS, i, toC(arena, strings[i]));
        }
        return arr;
    }

    /** The strings of a C array of {@code cnt} {@code char*} (NULL entries become null). */
    public static java.util.List<String> fromArray(MemorySegment array, long cnt) {
        if (cnt <= 0 || array.equals(MemorySegment.NULL)) return java.util.List.of();
        MemorySegment items = array.reinterpret(java.lang.foreign.ValueLayout.ADDRESS.byteSize() * cnt);
        java.util.List<String> out = new java.util.ArrayList<>((int) cnt);
        for (long i = 0; i < cnt; i++) out.add(toJava(items.getAtIndex(java.lang.foreign.ValueLayout.ADDRESS, i)));
        return out;
    }
}

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

    /**
     * Reads the NUL-terminated UTF-8 string at {@code p}.
     *
     * @param p the {@code char *}
     * @return the string, or {@code null} for a {@code NULL} pointer
     */
    public static String toJava(MemorySegment p) {
        if (p == null || p.equals(MemorySegment.NULL)) return null;
        return p.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
    }

    /**
     * {@return a NUL-terminated UTF-8 copy of {@code s} in {@code arena}; {@link MemorySegment#NULL} for null}
     *
     * @param arena where the copy lives
     * @param s     the string, or {@code null}
     */
    public static MemorySegment toC(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s, StandardCharsets.UTF_8);
    }

    /**
     * {@return a zeroed {@code char errstr[ERRSTR_SIZE]} buffer}
     *
     * @param arena where the buffer lives
     */
    public static MemorySegment errstr(Arena arena) {
        return arena.allocate(ERRSTR_SIZE);
    }

    /**
     * {@return the string in an {@code errstr} buffer filled by C}
     *
     * @param buffer the buffer, e.g. from {@link #errstr(Arena)}
     */
    public static String fromBuffer(MemorySegment buffer) {
        return buffer.getString(0, StandardCharsets.UTF_8);
    }

    /**
     * {@return an array of {@code char*} in {@code arena} pointing at copies of {@code strings}}
     *
     * @param arena   where the array and the copies live
     * @param strings the strings; a {@code null} element becomes {@code NULL}
     */
    public static MemorySegment array(Arena arena, String... strings) {
        MemorySegment arr = arena.allocate(java.lang.foreign.ValueLayout.ADDRESS, Math.max(1, strings.length));
        for (int i = 0; i < strings.length; i++) {
            arr.setAtIndex(java.lang.foreign.ValueLayout.ADDRESS, i, toC(arena, strings[i]));
        }
        return arr;
    }

    /**
     * {@return the strings of a C array of {@code cnt} {@code char*} ({@code NULL} entries become null)}
     *
     * @param array the {@code char **}
     * @param cnt   how many elements it has
     */
    public static java.util.List<String> fromArray(MemorySegment array, long cnt) {
        if (cnt <= 0 || array.equals(MemorySegment.NULL)) return java.util.List.of();
        MemorySegment items = array.reinterpret(java.lang.foreign.ValueLayout.ADDRESS.byteSize() * cnt);
        java.util.List<String> out = new java.util.ArrayList<>((int) cnt);
        for (long i = 0; i < cnt; i++) out.add(toJava(items.getAtIndex(java.lang.foreign.ValueLayout.ADDRESS, i)));
        return out;
    }
}

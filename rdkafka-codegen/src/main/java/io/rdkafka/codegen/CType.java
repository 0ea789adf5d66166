package io.rdkafka.codegen;

import java.util.Map;
import java.util.Set;

/**
 * The FFM carrier of a C type on LP64 (Linux and macOS x86_64/aarch64): what a value of that type
 * crosses the boundary as. Enums are {@code int}; {@code size_t} is 8 bytes (never 4).
 */
public enum CType {
    /** {@code void}: no value. */
    VOID("void", "void", null),
    /** 8-bit integers and {@code char}. */
    BYTE("byte", "JAVA_BYTE", "(byte) 0"),
    /** 16-bit integers. */
    SHORT("short", "JAVA_SHORT", "(short) 0"),
    /** 32-bit integers and enums. */
    INT("int", "JAVA_INT", "0"),
    /** 64-bit integers, {@code long}, {@code size_t}. */
    LONG("long", "JAVA_LONG", "0L"),
    /** {@code float}. */
    FLOAT("float", "JAVA_FLOAT", "0f"),
    /** {@code double}. */
    DOUBLE("double", "JAVA_DOUBLE", "0d"),
    /** Pointers, arrays and function pointers. */
    ADDRESS("MemorySegment", "ADDRESS", "MemorySegment.NULL");

    private final String javaType;
    private final String layout;
    private final String zero;

    CType(String javaType, String layout, String zero) {
        this.javaType = javaType;
        this.layout = layout;
        this.zero = zero;
    }

    /** {@return the Java type of a value, e.g. {@code int} or {@code MemorySegment}} */
    public String javaType() {
        return javaType;
    }

    /** {@return the {@code ValueLayout} constant name, e.g. {@code JAVA_INT}} */
    public String layout() {
        return layout;
    }

    /** {@return the Java expression of a zero value; {@code null} for {@link #VOID}} */
    public String zero() {
        return zero;
    }

    private static final Map<String, CType> SCALARS = Map.ofEntries(
            Map.entry("void", VOID),
            Map.entry("char", BYTE), Map.entry("signed char", BYTE), Map.entry("unsigned char", BYTE),
            Map.entry("int8_t", BYTE), Map.entry("uint8_t", BYTE),
            Map.entry("short", SHORT), Map.entry("unsigned short", SHORT),
            Map.entry("int16_t", SHORT), Map.entry("uint16_t", SHORT),
            Map.entry("int", INT), Map.entry("unsigned int", INT), Map.entry("unsigned", INT),
            Map.entry("int32_t", INT), Map.entry("uint32_t", INT), Map.entry("mode_t", INT),
            Map.entry("socklen_t", INT), Map.entry("pid_t", INT),
            Map.entry("long", LONG), Map.entry("unsigned long", LONG), Map.entry("long long", LONG),
            Map.entry("unsigned long long", LONG), Map.entry("int64_t", LONG), Map.entry("uint64_t", LONG),
            Map.entry("size_t", LONG), Map.entry("ssize_t", LONG), Map.entry("off_t", LONG),
            Map.entry("float", FLOAT), Map.entry("double", DOUBLE));

    private static final Set<String> BUILTIN_WORDS = Set.of("void", "char", "short", "int", "long", "float",
            "double", "unsigned", "signed");

    static boolean isScalarName(String t) {
        return SCALARS.containsKey(baseName(t));
    }

    static boolean isBuiltinTypeWord(String w) {
        return BUILTIN_WORDS.contains(w);
    }

    /**
     * The carrier of a C type written as in a declaration, without the parameter name.
     * A name that is neither a known scalar nor a pointer is taken to be an enum (int); callers that
     * know the header's enums check that with {@link #isEnumLike(String)}.
     *
     * @param cType the C type
     * @return its carrier
     * @throws IllegalArgumentException for a type with no known carrier
     */
    public static CType of(String cType) {
        String t = cType.trim();
        if (t.contains("*") || t.contains("[") || t.contains("(")) return ADDRESS;
        String base = baseName(t);
        CType scalar = SCALARS.get(base);
        if (scalar != null) return scalar;
        if (isEnumLike(t)) return INT;
        throw new IllegalArgumentException("no FFM carrier known for C type '" + cType + "'");
    }

    /**
     * {@return whether the type is a non-pointer typedef name that is not a known scalar: an enum in these headers}
     *
     * @param cType the C type
     */
    public static boolean isEnumLike(String cType) {
        String base = baseName(cType);
        return !cType.contains("*") && !SCALARS.containsKey(base) && base.matches("\\w+_t|\\w+");
    }

    /**
     * {@return the type name without qualifiers: {@code const struct foo} becomes {@code foo}}
     *
     * @param cType the C type
     */
    public static String baseName(String cType) {
        return cType.replaceAll("\\b(const|volatile|struct|enum|restrict)\\b", " ").replaceAll("\\s+", " ").trim();
    }
}

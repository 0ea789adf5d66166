package io.rdkafka.codegen;

import io.rdkafka.codegen.CHeader.CEnum;
import io.rdkafka.codegen.CHeader.CEnumConstant;
import io.rdkafka.codegen.CHeader.CFunction;
import io.rdkafka.codegen.CHeader.CFunctionType;
import io.rdkafka.codegen.CHeader.CParam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Generates the {@code rdkafka-ffm} binding from librdkafka's headers.
 *
 * <p>Input: a folder with one sub-folder per librdkafka release ({@code 2.0.2/}, {@code 2.3.0/}, ...), each
 * holding that release's {@code rdkafka.h} and {@code rdkafka_mock.h}. Signatures come from the newest
 * release; a function's "since" version is the oldest release whose header declares it. The oldest
 * folder is the minimum supported release: its functions get no "since".
 *
 * <p>Usage: {@code Generator <headers-dir> <output-source-dir>} (see scripts/regen-ffm.sh).
 */
public final class Generator {

    /** Calls that never block and never call back: safe for {@code Linker.Option.critical}. */
    static final Set<String> CRITICAL = Set.of(
            "rd_kafka_version", "rd_kafka_version_str", "rd_kafka_err2str", "rd_kafka_err2name",
            "rd_kafka_message_timestamp", "rd_kafka_message_latency", "rd_kafka_message_broker_id",
            "rd_kafka_message_status", "rd_kafka_message_leader_epoch", "rd_kafka_message_errstr",
            "rd_kafka_message_produce_errstr",
            "rd_kafka_event_type", "rd_kafka_event_name", "rd_kafka_event_message_count",
            "rd_kafka_event_message_array", "rd_kafka_event_error", "rd_kafka_event_error_string",
            "rd_kafka_event_error_is_fatal", "rd_kafka_event_opaque",
            "rd_kafka_header_get_all", "rd_kafka_header_cnt", "rd_kafka_header_get_last",
            "rd_kafka_error_code", "rd_kafka_error_name", "rd_kafka_error_string", "rd_kafka_error_is_fatal",
            "rd_kafka_error_is_retriable", "rd_kafka_error_txn_requires_abort",
            "rd_kafka_topic_name");

    /**
     * Generates the binding's sources.
     *
     * @param args the headers directory (one folder per release) and the output source directory
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Generator <headers-dir with one folder per release> <output-source-dir>");
            System.exit(2);
        }
        Path headersDir = Path.of(args[0]);
        Path out = Path.of(args[1]).resolve("io/rdkafka/ffm");
        Files.createDirectories(out);

        TreeMap<Version, Path> releases = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(headersDir)) {
            dirs.filter(Files::isDirectory).forEach(d -> releases.put(Version.parse(d.getFileName().toString()), d));
        }
        if (releases.isEmpty()) throw new IllegalArgumentException("no release folders in " + headersDir);

        Map<String, Version> since = new HashMap<>();
        Version oldest = releases.firstKey();
        for (var e : releases.entrySet()) {
            CHeader h = load(e.getValue());
            for (String fn : h.functions().keySet()) since.putIfAbsent(fn, e.getKey());
            // constants share the map: C has one namespace for functions, enum values and macros
            for (CEnum en : h.enums().values()) en.constants().forEach(c -> since.putIfAbsent(c.name(), e.getKey()));
            for (String d : h.defines().keySet()) since.putIfAbsent(d, e.getKey());
        }
        CHeader main = CHeader.parse(Files.readString(releases.lastEntry().getValue().resolve("rdkafka.h")));
        CHeader mock = CHeader.parse(Files.readString(releases.lastEntry().getValue().resolve("rdkafka_mock.h")));

        Generator g = new Generator(since, oldest, releases.lastKey());
        Callbacks callbacks = new Callbacks();
        callbacks.collect(main);
        callbacks.collect(mock);

        Files.writeString(out.resolve("RdKafka.java"), g.functionsClass("RdKafka",
                "librdkafka's {@code rdkafka.h}", main, Map.of(), callbacks));
        Files.writeString(out.resolve("RdKafkaMock.java"), g.functionsClass("RdKafkaMock",
                "librdkafka's {@code rdkafka_mock.h} (the built-in mock cluster)", mock, main.enums(), callbacks));
        Files.writeString(out.resolve("RdKafkaCallbacks.java"), callbacks.render());
        Files.writeString(out.resolve("RdKafkaSymbols.java"), g.symbolsClass(main, mock));
        Files.writeString(out.resolve("RdKafkaEnums.java"), g.enumsClass(main, mock));
        System.out.printf("generated %d + %d functions, %d callback types, from %s (oldest %s)%n",
                main.functions().size(), mock.functions().size(), callbacks.byName.size(), releases.lastKey(), oldest);
    }

    private static CHeader load(Path dir) throws IOException {
        CHeader h = CHeader.parse(Files.readString(dir.resolve("rdkafka.h")));
        Path mock = dir.resolve("rdkafka_mock.h");
        if (Files.exists(mock)) h.merge(CHeader.parse(Files.readString(mock)));
        return h;
    }

    /** A release number such as 2.10.1, ordered numerically. */
    record Version(int major, int minor, int patch) implements Comparable<Version> {
        static Version parse(String s) {
            String[] p = s.replaceFirst("^v", "").split("\\.");
            return new Version(Integer.parseInt(p[0]), Integer.parseInt(p[1]), p.length > 2 ? Integer.parseInt(p[2]) : 0);
        }

        @Override
        public int compareTo(Version o) {
            return Comparator.comparingInt(Version::major).thenComparingInt(Version::minor)
                    .thenComparingInt(Version::patch).compare(this, o);
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch;
        }
    }

    private final Map<String, Version> since;
    private final Version oldest;
    private final Version newest;

    Generator(Map<String, Version> since, Version oldest, Version newest) {
        this.since = since;
        this.oldest = oldest;
        this.newest = newest;
    }

    private String sinceOf(String fn) {
        Version v = since.get(fn);
        return v == null || v.equals(oldest) ? null : v.toString();
    }

    /** A Javadoc comment of one sentence, with {@code @since} when the name is newer than the oldest release. */
    private void constantDoc(StringBuilder sb, String name, String sentence) {
        String s = sinceOf(name);
        if (s == null) {
            sb.append("    /** ").append(sentence).append(" */\n");
        } else {
            sb.append("    /**\n     * ").append(sentence).append("\n     * @since librdkafka ").append(s).append("\n     */\n");
        }
    }

    static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "var", "record", "yield");

    static String javaName(String cName) {
        return JAVA_KEYWORDS.contains(cName) ? cName + "_" : cName;
    }

    static final String HEADER = """
            // Generated by rdkafka-codegen (io.rdkafka.codegen.Generator) from librdkafka's public headers.
            // Do not edit: run scripts/regen-ffm.sh instead.
            package io.rdkafka.ffm;

            """;

    static String descriptor(String ret, List<CParam> params) {
        CType r = CType.of(ret);
        StringBuilder sb = new StringBuilder(r == CType.VOID ? "FunctionDescriptor.ofVoid(" : "FunctionDescriptor.of(" + r.layout());
        boolean first = r == CType.VOID;
        for (CParam p : params) {
            if (!first) sb.append(", ");
            sb.append(p.ctype().layout());
            first = false;
        }
        return sb.append(')').toString();
    }

    static String javadocEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
                .replace("*/", "*&#47;");
    }

    String functionsClass(String className, String what, CHeader h, Map<String, CEnum> otherEnums, Callbacks cbs) {
        StringBuilder sb = new StringBuilder(HEADER);
        sb.append("""
                import java.lang.foreign.FunctionDescriptor;
                import java.lang.foreign.MemorySegment;
                import java.lang.invoke.MethodHandle;

                import static java.lang.foreign.ValueLayout.*;

                /**
                 * %s, 1:1: every exported function under its C name with its C signature mapped to FFM
                 * carriers ({@code int} for enums and {@code int32_t}, {@code long} for {@code int64_t} and
                 * {@code size_t}, {@link MemorySegment} for every pointer), and every enum value and numeric
                 * {@code #define} as a constant. Signatures follow librdkafka %s.
                 *
                 * <p>Each function is resolved on first call. A function newer than the loaded library throws
                 * {@link UnsupportedOperationException} naming the release that added it; see
                 * {@link RdKafkaLibrary#hasSymbol(String)}. Nothing here manages memory or lifetimes: this is the
                 * C API, with C's rules.
                 */
                @SuppressWarnings({"unused", "deprecation"})
                public final class %s {
                    private %s() {
                    }

                """.formatted(what, newest, className, className));
        constants(sb, h, otherEnums);
        for (CFunction f : h.functions().values()) function(sb, f, cbs);
        sb.append("}\n");
        return sb.toString();
    }

    private void constants(StringBuilder sb, CHeader h, Map<String, CEnum> otherEnums) {
        Map<String, Long> known = new LinkedHashMap<>();
        otherEnums.values().forEach(e -> e.constants().forEach(c -> known.put(c.name(), c.value())));
        for (CEnum e : h.enums().values()) {
            sb.append("    // enum ").append(e.typeName()).append('\n');
            for (CEnumConstant c : e.constants()) {
                known.put(c.name(), c.value());
                constantDoc(sb, c.name(), "A value of {@code enum " + e.typeName() + "}.");
                sb.append("    public static final int ").append(c.name()).append(" = ").append(c.value()).append(";\n");
            }
            sb.append('\n');
        }
        sb.append("    // #define constants\n");
        for (var d : h.defines().entrySet()) {
            String name = d.getKey();
            String value = d.getValue();
            if (!name.startsWith("RD_KAFKA_") || name.equals("RD_KAFKA_VERSION") || known.containsKey(name)) continue;
            String doc = "{@code #define " + name + " " + javadocEscape(value) + "}";
            if (value.startsWith("\"")) {
                constantDoc(sb, name, doc);
                sb.append("    public static final String ").append(name).append(" = ")
                        .append(value.replaceAll("\"\\s+\"", "")).append(";\n");
                continue;
            }
            Long v = ConstExpr.tryEval(value, known);
            if (v == null) continue; // a macro over arguments or types (e.g. RD_KAFKA_V_END): not a constant
            known.put(name, v);
            boolean isLong = name.startsWith("RD_KAFKA_OFFSET_") || value.contains("int64_t")
                    || v != (int) (long) v;
            constantDoc(sb, name, doc);
            sb.append("    public static final ").append(isLong ? "long " : "int ").append(name).append(" = ")
                    .append(v).append(isLong ? "L" : "").append(";\n");
        }
        sb.append('\n');
    }

    private void function(StringBuilder sb, CFunction f, Callbacks cbs) {
        String name = f.name();
        CType ret = CType.of(f.returnType());
        String s = sinceOf(name);
        sb.append("    /**\n     * {@code ").append(javadocEscape(f.declaration())).append("}\n");
        if (f.variadic()) {
            sb.append("     * <p>Variadic: the trailing C arguments are given as {@link Varargs} (C default promotions apply).\n");
        }
        if (!f.params().isEmpty() || f.variadic() || ret != CType.VOID || s != null) sb.append("     *\n");
        for (CParam p : f.params()) {
            sb.append("     * @param ").append(javaName(p.name())).append(' ');
            if (p.functionPointer() != null) {
                sb.append("an upcall stub from {@link RdKafkaCallbacks.").append(cbs.nameFor(f, p)).append("#allocate}");
            } else {
                sb.append(paramDoc(p));
            }
            sb.append('\n');
        }
        if (f.variadic()) sb.append("     * @param varargs the C arguments in place of {@code ...}\n");
        if (ret != CType.VOID) {
            sb.append("     * @return {@code ").append(javadocEscape(f.returnType().strip())).append("}\n");
        }
        if (s != null) sb.append("     * @since librdkafka ").append(s).append('\n');
        sb.append("     */\n");
        if (f.deprecated()) sb.append("    @Deprecated\n");
        sb.append("    public static ").append(ret.javaType()).append(' ').append(name).append('(');
        List<String> args = new ArrayList<>();
        for (CParam p : f.params()) {
            if (!args.isEmpty()) sb.append(", ");
            sb.append(p.ctype().javaType()).append(' ').append(javaName(p.name()));
            args.add(javaName(p.name()));
        }
        if (f.variadic()) sb.append(args.isEmpty() ? "" : ", ").append("Varargs varargs");
        sb.append(") {\n");
        String sinceLiteral = s == null ? "null" : '"' + s + '"';
        String desc = descriptor(f.returnType(), f.params());
        if (f.variadic()) {
            sb.append("        Object r = Native.invokeVariadic(\"").append(name).append("\", ").append(sinceLiteral)
                    .append(", ").append(desc).append(", varargs");
            for (String a : args) sb.append(", ").append(a);
            sb.append(");\n");
            if (ret != CType.VOID) sb.append("        return (").append(ret.javaType()).append(") r;\n");
        } else {
            sb.append("        try {\n            ");
            if (ret != CType.VOID) sb.append("return (").append(ret.javaType()).append(") ");
            sb.append(name).append("$.MH.invokeExact(").append(String.join(", ", args)).append(");\n");
            sb.append("        } catch (Throwable t) {\n            throw Native.rethrow(t);\n        }\n");
        }
        sb.append("    }\n\n");
        if (!f.variadic()) {
            sb.append("    private static final class ").append(name).append("$ {\n")
                    .append("        static final MethodHandle MH = Native.downcall(\"").append(name).append("\", ")
                    .append(sinceLiteral).append(", ").append(desc).append(", ")
                    .append(CRITICAL.contains(name)).append(");\n    }\n\n");
        }
    }

    /** A parameter's description: its C type, or for a function pointer, that it takes an upcall stub. */
    static String paramDoc(CParam p) {
        if (p.functionPointer() != null) return "the C function pointer: an upcall stub";
        return "{@code " + javadocEscape(p.type().strip()) + "}";
    }

    String symbolsClass(CHeader main, CHeader mock) {
        StringBuilder sb = new StringBuilder(HEADER);
        sb.append("""
                import java.util.List;

                /** Every function of librdkafka's public headers that the binding declares, with its origin. */
                public final class RdKafkaSymbols {
                    private RdKafkaSymbols() {
                    }

                    /**
                     * A bound C function.
                     * @param name the C name, also the Java method name in {@link RdKafka} or {@link RdKafkaMock}
                     * @param header {@code rdkafka.h} or {@code rdkafka_mock.h}
                     * @param since the first librdkafka release that has it, or {@code null} for the minimum supported
                     * @param variadic whether the C function takes {@code ...}
                     */
                    public record Symbol(String name, String header, String since, boolean variadic) {
                    }

                    /** Newest librdkafka release whose headers the binding was generated from. */
                    public static final String GENERATED_FROM = "%s";

                    /** Oldest librdkafka release the binding supports. */
                    public static final String MINIMUM = "%s";

                    /** Every bound function: those of {@code rdkafka.h}, then those of {@code rdkafka_mock.h}. */
                    public static final List<Symbol> ALL = List.of(
                """.formatted(newest, oldest));
        List<String> rows = new ArrayList<>();
        for (CFunction f : main.functions().values()) rows.add(symbolRow(f, "rdkafka.h"));
        for (CFunction f : mock.functions().values()) rows.add(symbolRow(f, "rdkafka_mock.h"));
        sb.append(String.join(",\n", rows)).append(");\n}\n");
        return sb.toString();
    }

    private String symbolRow(CFunction f, String header) {
        String s = sinceOf(f.name());
        return "            new Symbol(\"" + f.name() + "\", \"" + header + "\", " + (s == null ? "null" : '"' + s + '"')
                + ", " + f.variadic() + ")";
    }

    String enumsClass(CHeader main, CHeader mock) {
        StringBuilder sb = new StringBuilder(HEADER);
        sb.append("""
                import java.util.Map;

                /** The C enums of librdkafka's headers, by type name: value to constant name. */
                public final class RdKafkaEnums {
                    private RdKafkaEnums() {
                    }

                    /** Enum type name (e.g. {@code rd_kafka_resp_err_t}) to its values and their C names. */
                    public static final Map<String, Map<Integer, String>> ALL = Map.ofEntries(
                """);
        List<String> entries = new ArrayList<>();
        List<String> helpers = new ArrayList<>();
        int i = 0;
        for (CHeader h : List.of(main, mock)) {
            for (CEnum e : h.enums().values()) {
                String method = "e" + (i++);
                entries.add("            Map.entry(\"" + e.typeName() + "\", " + method + "())");
                StringBuilder m = new StringBuilder("    private static Map<Integer, String> " + method
                        + "() {\n        var m = new java.util.LinkedHashMap<Integer, String>();\n");
                for (CEnumConstant c : e.constants()) {
                    m.append("        m.putIfAbsent(").append(c.value()).append(", \"").append(c.name()).append("\");\n");
                }
                m.append("        return java.util.Collections.unmodifiableMap(m);\n    }\n");
                helpers.add(m.toString());
            }
        }
        sb.append(String.join(",\n", entries)).append(");\n\n");
        sb.append("""
                    /**
                     * The C name of {@code value} in enum {@code enumType}.
                     *
                     * @param enumType the C type name, e.g. {@code rd_kafka_resp_err_t}
                     * @param value    the value
                     * @return the name of the first constant with that value, or {@code null} when none has it
                     * @throws IllegalArgumentException when there is no such enum
                     */
                    public static String nameOf(String enumType, int value) {
                        Map<Integer, String> values = ALL.get(enumType);
                        if (values == null) throw new IllegalArgumentException("no enum " + enumType);
                        return values.get(value);
                    }

                """);
        helpers.forEach(h -> sb.append(h).append('\n'));
        sb.append("}\n");
        return sb.toString();
    }

    /** The callback (function pointer) types of the headers, each an interface with an upcall-stub factory. */
    static final class Callbacks {
        final Map<String, CFunctionType> byName = new LinkedHashMap<>();
        final Map<String, String> docs = new LinkedHashMap<>();
        final Map<String, String> paramToName = new HashMap<>();

        void collect(CHeader h) {
            h.functionTypedefs().forEach((name, t) -> add(name, t, "typedef " + name));
            for (CFunction f : h.functions().values()) {
                for (CParam p : f.params()) {
                    if (p.functionPointer() == null) continue;
                    String name = p.name();
                    CFunctionType existing = byName.get(name);
                    if (existing != null && !sameCarriers(existing, p.functionPointer())) {
                        name = f.name() + "_" + p.name();
                    }
                    add(name, p.functionPointer(), "parameter {@code " + p.name() + "} of {@link RdKafka"
                            + (f.name().startsWith("rd_kafka_mock") ? "Mock" : "") + "#" + f.name() + "}");
                    paramToName.put(f.name() + "/" + p.name(), name);
                }
                // parameters typed with a function typedef (e.g. interceptors) are plain pointers to it
            }
        }

        private void add(String name, CFunctionType t, String doc) {
            if (byName.putIfAbsent(name, t) == null) docs.put(name, doc);
            else docs.computeIfPresent(name, (k, d) -> d.contains(doc) ? d : d + ", " + doc);
        }

        String nameFor(CFunction f, CParam p) {
            return paramToName.get(f.name() + "/" + p.name());
        }

        static boolean sameCarriers(CFunctionType a, CFunctionType b) {
            if (CType.of(a.returnType()) != CType.of(b.returnType()) || a.params().size() != b.params().size()) return false;
            for (int i = 0; i < a.params().size(); i++) {
                if (a.params().get(i).ctype() != b.params().get(i).ctype()) return false;
            }
            return true;
        }

        String render() {
            StringBuilder sb = new StringBuilder(HEADER);
            sb.append("""
                    import java.lang.foreign.Arena;
                    import java.lang.foreign.FunctionDescriptor;
                    import java.lang.foreign.MemorySegment;

                    import static java.lang.foreign.ValueLayout.*;

                    /**
                     * Every callback type of librdkafka's headers as a functional interface named after its C parameter
                     * or typedef, each with a factory for the upcall stub C calls.
                     *
                     * <p>A stub lives as long as the {@link Arena} it is allocated in: keep that arena open for as long
                     * as librdkafka may call it (usually until {@code rd_kafka_destroy} has returned). A Throwable thrown
                     * by the Java code is caught in the stub and handed to {@link Upcalls#setExceptionHandler}'s handler,
                     * and C gets a zero result: an exception never unwinds into native code (that would end the JVM).
                     * Prefer librdkafka's event API to callbacks where it has one: callbacks run on librdkafka's threads.
                     */
                    public final class RdKafkaCallbacks {
                        private RdKafkaCallbacks() {
                        }

                    """);
            for (var e : byName.entrySet()) {
                String name = e.getKey();
                CFunctionType t = e.getValue();
                CType ret = CType.of(t.returnType());
                sb.append("    /** {@code ").append(javadocEscape(t.render(name))).append("}: ").append(docs.get(name))
                        .append(". */\n");
                sb.append("    @FunctionalInterface\n    public interface ").append(name).append(" {\n");
                sb.append("        /** The C function type of this callback. */\n");
                sb.append("        FunctionDescriptor DESCRIPTOR = ").append(descriptor(t.returnType(), t.params())).append(";\n\n");
                sb.append("        /**\n         * Called by librdkafka through the stub.\n         *\n");
                int k = 0;
                for (CParam p : t.params()) {
                    String pn = p.name() == null || p.name().startsWith("arg") ? "arg" + k : javaName(p.name());
                    sb.append("         * @param ").append(pn).append(' ').append(paramDoc(p)).append('\n');
                    k++;
                }
                if (ret != CType.VOID) {
                    sb.append("         * @return {@code ").append(javadocEscape(t.returnType().strip())).append("}\n");
                }
                sb.append("         */\n");
                sb.append("        ").append(ret.javaType()).append(" apply(");
                int i = 0;
                for (CParam p : t.params()) {
                    if (i > 0) sb.append(", ");
                    String pn = p.name() == null || p.name().startsWith("arg") ? "arg" + i : javaName(p.name());
                    sb.append(p.ctype().javaType()).append(' ').append(pn);
                    i++;
                }
                sb.append(");\n\n");
                sb.append("""
                                /**
                                 * Allocates the upcall stub for {@code callback} in {@code arena}.
                                 *
                                 * @param callback the Java code C calls
                                 * @param arena    where the stub lives: keep it open while librdkafka may call it
                                 * @return the stub, a C function pointer
                                 */
                        """);
                sb.append("        static MemorySegment allocate(").append(name).append(" callback, Arena arena) {\n");
                sb.append("            return Upcalls.stub(").append(name).append(".class, callback, DESCRIPTOR, arena, \"")
                        .append(name).append("\");\n        }\n    }\n\n");
            }
            sb.append("}\n");
            return sb.toString();
        }
    }
}

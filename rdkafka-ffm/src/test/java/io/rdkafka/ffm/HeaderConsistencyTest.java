package io.rdkafka.ffm;

import io.rdkafka.codegen.CHeader;
import io.rdkafka.codegen.CHeader.CEnumConstant;
import io.rdkafka.codegen.CHeader.CFunction;
import io.rdkafka.codegen.CHeader.CParam;
import io.rdkafka.codegen.CType;
import io.rdkafka.codegen.ConstExpr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The generated binding against the headers and the shared library installed on this machine: every
 * declared function is there with the right carriers, every enum value agrees, and the library exports
 * exactly what the headers declare.
 */
class HeaderConsistencyTest {

    private static CHeader main;
    private static CHeader mock;
    private static long headerVersion;

    @BeforeAll
    static void parseHeaders() throws Exception {
        var header = NativeFiles.header("rdkafka.h");
        var mockHeader = NativeFiles.header("rdkafka_mock.h");
        assumeTrue(header.isPresent() && mockHeader.isPresent(),
                "librdkafka's headers are not installed; apt-get install librdkafka-dev");
        main = CHeader.parse(Files.readString(header.get()));
        mock = CHeader.parse(Files.readString(mockHeader.get()));
        headerVersion = Long.decode(main.defines().get("RD_KAFKA_VERSION"));
    }

    private static Class<?> carrier(CType t) {
        return switch (t) {
            case VOID -> void.class;
            case BYTE -> byte.class;
            case SHORT -> short.class;
            case INT -> int.class;
            case LONG -> long.class;
            case FLOAT -> float.class;
            case DOUBLE -> double.class;
            case ADDRESS -> MemorySegment.class;
        };
    }

    private static Map<String, Method> publicStatics(Class<?> c) {
        Map<String, Method> byName = new HashMap<>();
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
                assertTrue(byName.put(m.getName(), m) == null, "overloaded: " + c.getSimpleName() + "." + m.getName());
            }
        }
        return byName;
    }

    private static List<Class<?>> expectedParameters(CFunction f) {
        List<Class<?>> params = new ArrayList<>();
        for (CParam p : f.params()) params.add(carrier(p.ctype()));
        if (f.variadic()) params.add(Varargs.class);
        return params;
    }

    @Test
    void headerVersionIsTheLoadedLibrarysVersion() {
        // the other checks compare the headers with the library: they must be the same release
        assertEquals(Integer.toHexString(RdKafkaLibrary.version()), Long.toHexString(headerVersion),
                "rdkafka.h and the loaded librdkafka are from different releases");
        if (headerVersion == 0x020002ffL) {
            // librdkafka 2.0.2 (Debian 12): the counts the binding was sized against
            assertEquals(382, main.functions().size(), "functions in rdkafka.h 2.0.2");
            assertEquals(21, mock.functions().size(), "functions in rdkafka_mock.h 2.0.2");
        }
    }

    @Test
    void everyHeaderFunctionIsDeclaredWithTheCarriersOfItsCTypes() {
        List<String> problems = new ArrayList<>();
        for (var entry : Map.of(RdKafka.class, main, RdKafkaMock.class, mock).entrySet()) {
            Map<String, Method> methods = publicStatics(entry.getKey());
            for (CFunction f : entry.getValue().functions().values()) {
                Method m = methods.get(f.name());
                if (m == null) {
                    problems.add("missing " + entry.getKey().getSimpleName() + "." + f.name());
                    continue;
                }
                List<Class<?>> expected = expectedParameters(f);
                Class<?> expectedReturn = carrier(CType.of(f.returnType()));
                if (!expected.equals(List.of(m.getParameterTypes())) || expectedReturn != m.getReturnType()) {
                    problems.add(f.declaration() + " is bound as " + m);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyDowncallHandleHasTheTypeOfItsMethod() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Class<?> owner : List.of(RdKafka.class, RdKafkaMock.class)) {
            for (Method m : publicStatics(owner).values()) {
                if (!m.getName().startsWith("rd_kafka")) continue;
                boolean variadic = m.getParameterCount() > 0
                        && m.getParameterTypes()[m.getParameterCount() - 1] == Varargs.class;
                Class<?> holder;
                try {
                    holder = Class.forName(owner.getName() + "$" + m.getName() + "$");
                } catch (ClassNotFoundException e) {
                    if (!variadic) problems.add("no handle holder for " + m.getName());
                    continue;
                }
                if (variadic) {
                    problems.add("variadic " + m.getName() + " has a fixed-shape handle");
                    continue;
                }
                Field mh = holder.getDeclaredField("MH");
                mh.setAccessible(true);
                MethodType type = ((MethodHandle) mh.get(null)).type();
                MethodType expected = MethodType.methodType(m.getReturnType(), m.getParameterTypes());
                if (!type.equals(expected)) problems.add(m.getName() + ": handle " + type + ", method " + expected);
                checked++;
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked >= 399, "checked only " + checked + " handles");
    }

    /** Enum "count" sentinels grow with every release: the binding's are the newest release's. */
    private static boolean isCountSentinel(String name) {
        return name.endsWith("__CNT") || name.equals("RD_KAFKA_RESP_ERR_END_ALL");
    }

    private static Field constant(String name) {
        for (Class<?> c : List.of(RdKafka.class, RdKafkaMock.class)) {
            try {
                return c.getField(name);
            } catch (NoSuchFieldException e) {
                // try the next class
            }
        }
        return null;
    }

    @Test
    void everyEnumValueOfTheHeaderEqualsTheJavaConstant() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (CHeader h : List.of(main, mock)) {
            for (var e : h.enums().values()) {
                for (CEnumConstant c : e.constants()) {
                    Field f = constant(c.name());
                    if (f == null) {
                        problems.add("no constant " + c.name() + " (" + e.typeName() + ")");
                        continue;
                    }
                    long javaValue = ((Number) f.get(null)).longValue();
                    if (isCountSentinel(c.name())) {
                        // newer releases only add values, so their count is at least the installed one
                        if (javaValue < c.value()) problems.add(c.name() + " = " + javaValue + " < " + c.value());
                    } else if (javaValue != c.value()) {
                        problems.add(c.name() + " = " + javaValue + ", header says " + c.value());
                    }
                    // and the reverse table agrees
                    Map<Integer, String> names = RdKafkaEnums.ALL.get(e.typeName());
                    if (!isCountSentinel(c.name()) && (names == null || !names.containsKey((int) c.value()))) {
                        problems.add("RdKafkaEnums has no " + e.typeName() + " value " + c.value());
                    }
                    checked++;
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked > 250, "only " + checked + " enum values");
        assertEquals("RD_KAFKA_RESP_ERR__PARTITION_EOF",
                RdKafkaEnums.nameOf("rd_kafka_resp_err_t", RdKafka.RD_KAFKA_RESP_ERR__PARTITION_EOF));
    }

    @Test
    void everyNumericDefineOfTheHeaderEqualsTheJavaConstant() throws Exception {
        Map<String, Long> known = new LinkedHashMap<>();
        for (CHeader h : List.of(main, mock)) {
            h.enums().values().forEach(e -> e.constants().forEach(c -> known.put(c.name(), c.value())));
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (CHeader h : List.of(main, mock)) {
            for (var d : h.defines().entrySet()) {
                String name = d.getKey();
                if (!name.startsWith("RD_KAFKA_") || name.equals("RD_KAFKA_VERSION")) continue;
                Long v = ConstExpr.tryEval(d.getValue(), known);
                if (v == null) continue; // a function-like use or a string
                known.put(name, v);
                Field f = constant(name);
                if (f == null) {
                    problems.add("no constant " + name);
                } else if (((Number) f.get(null)).longValue() != v) {
                    problems.add(name + " = " + f.get(null) + ", header says " + v);
                } else if (name.startsWith("RD_KAFKA_OFFSET_") && f.getType() != long.class) {
                    problems.add(name + " is " + f.getType() + ", offsets are int64_t");
                }
                checked++;
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked >= 40, "only " + checked + " defines");
        assertEquals(-2L, RdKafka.RD_KAFKA_OFFSET_BEGINNING);
        assertEquals(1, RdKafka.RD_KAFKA_EVENT_DR);
    }

    @Test
    void theLibraryExportsExactlyTheHeaderFunctions() throws Exception {
        assumeTrue(NativeFiles.onPath("nm"), "nm (binutils) is not installed");
        Path lib = NativeFiles.loadedLibraryFile().orElse(null);
        assumeTrue(lib != null, "cannot find the loaded librdkafka file");
        String out = NativeFiles.run(List.of("nm", "-D", "--defined-only", lib.toString())).orElseThrow();
        Set<String> exported = new TreeSet<>();
        for (String line : out.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length < 3) continue;
            // functions only (T text, W weak, i ifunc); anything not rd_kafka* is no API of librdkafka
            if (!Set.of("T", "W", "i").contains(cols[1])) continue;
            String sym = cols[2].replaceFirst("@.*$", "");
            if (sym.startsWith("rd_kafka")) exported.add(sym);
        }
        Set<String> declared = new TreeSet<>(main.functions().keySet());
        declared.addAll(mock.functions().keySet());

        Set<String> exportedNotDeclared = new TreeSet<>(exported);
        exportedNotDeclared.removeAll(declared);
        Set<String> declaredNotExported = new TreeSet<>(declared);
        declaredNotExported.removeAll(exported);
        assertEquals(Set.of(), exportedNotDeclared, "exported by " + lib + " but in no header");
        assertEquals(Set.of(), declaredNotExported, "in the headers but not exported by " + lib);
        assertEquals(main.functions().size() + mock.functions().size(), exported.size());

        // and each of them resolves through the binding's loader
        List<String> unresolved = exported.stream().filter(s -> !RdKafkaLibrary.hasSymbol(s)).toList();
        assertEquals(List.of(), unresolved);
    }

    private static boolean isNewerThanLoaded(String since) {
        String[] p = since.split("\\.");
        return !RdKafkaLibrary.isAtLeast(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }

    @Test
    void symbolTableAgreesWithTheLoadedLibrary() {
        Set<String> declared = new TreeSet<>(main.functions().keySet());
        declared.addAll(mock.functions().keySet());
        List<String> problems = new ArrayList<>();
        int newer = 0;
        for (RdKafkaSymbols.Symbol s : RdKafkaSymbols.ALL) {
            boolean present = RdKafkaLibrary.hasSymbol(s.name());
            if (s.since() != null && isNewerThanLoaded(s.since())) {
                newer++;
                if (present) problems.add(s.name() + " (since " + s.since() + ") is in the loaded library");
                if (declared.contains(s.name())) problems.add(s.name() + " (since " + s.since() + ") is in the installed header");
            } else if (!present) {
                problems.add(s.name() + " (since " + s.since() + ") is missing from the loaded library");
            }
            Class<?> owner = s.header().equals("rdkafka_mock.h") ? RdKafkaMock.class : RdKafka.class;
            if (publicStatics(owner).get(s.name()) == null) problems.add(s.name() + " is not in " + owner.getSimpleName());
        }
        // every function of the installed headers is in the symbol table, with no "since" when it is the minimum
        for (String fn : declared) {
            if (RdKafkaSymbols.ALL.stream().noneMatch(s -> s.name().equals(fn))) problems.add(fn + " not in RdKafkaSymbols");
        }
        if (headerVersion == 0x020002ffL) {
            for (String fn : declared) {
                if (RdKafkaLibrary.sinceVersion(fn) != null) problems.add(fn + " has since " + RdKafkaLibrary.sinceVersion(fn));
            }
        }
        assertEquals(List.of(), problems);
        if (headerVersion == 0x020002ffL) assertTrue(newer > 100, "only " + newer + " functions newer than 2.0.2");
    }

    /** "2.15.0" as rd_kafka_version() would give it (0x020f00ff). */
    private static int versionNumber(String v) {
        String[] p = v.split("\\.");
        return Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16 | Integer.parseInt(p[2]) << 8 | 0xff;
    }

    private static Object zero(Class<?> type) {
        if (type == int.class) return 0;
        if (type == long.class) return 0L;
        if (type == short.class) return (short) 0;
        if (type == byte.class) return (byte) 0;
        if (type == double.class) return 0d;
        if (type == float.class) return 0f;
        if (type == MemorySegment.class) return MemorySegment.NULL;
        if (type == Varargs.class) return Varargs.create();
        throw new IllegalArgumentException(type.toString());
    }

    @Test
    void callingAFunctionTheLoadedLibraryLacksThrowsNamingTheRelease() throws Exception {
        RdKafkaSymbols.Symbol describeCluster = RdKafkaSymbols.ALL.stream()
                .filter(s -> s.name().equals("rd_kafka_DescribeCluster")).findFirst().orElseThrow();
        assertEquals("2.3.0", describeCluster.since());
        // a function of a release newer than the loaded library (2.0.2: DescribeCluster; 2.14: the share consumer)
        RdKafkaSymbols.Symbol newer = RdKafkaSymbols.ALL.stream()
                .filter(s -> s.since() != null && !RdKafkaLibrary.hasSymbol(s.name()) && !s.variadic())
                .findFirst().orElse(null);
        if (newer == null) {
            // a library as new as the headers the binding was generated from has every function
            assertTrue(RdKafkaLibrary.version() >>> 8 >= versionNumber(RdKafkaSymbols.GENERATED_FROM) >>> 8,
                    "librdkafka " + RdKafkaLibrary.versionString() + " lacks no function of " + RdKafkaSymbols.GENERATED_FROM);
            return;
        }
        Class<?> newerOwner = newer.header().equals("rdkafka_mock.h") ? RdKafkaMock.class : RdKafka.class;
        Method nm = publicStatics(newerOwner).get(newer.name());
        Object[] nargs = new Object[nm.getParameterCount()];
        for (int i = 0; i < nargs.length; i++) nargs[i] = zero(nm.getParameterTypes()[i]);
        InvocationTargetException ite0 = assertThrows(InvocationTargetException.class, () -> nm.invoke(null, nargs));
        UnsupportedOperationException e = assertInstanceOf(UnsupportedOperationException.class, ite0.getCause());
        assertTrue(e.getMessage().contains(newer.name()), e.getMessage());
        assertTrue(e.getMessage().contains(newer.since()), e.getMessage());
        assertTrue(e.getMessage().contains(RdKafkaLibrary.versionString()), e.getMessage());

        // the same for every missing one, variadic or not: never a crash, always the release that added it
        List<String> problems = new ArrayList<>();
        int called = 0;
        for (RdKafkaSymbols.Symbol s : RdKafkaSymbols.ALL) {
            if (RdKafkaLibrary.hasSymbol(s.name())) continue; // only calls that cannot reach C
            Class<?> owner = s.header().equals("rdkafka_mock.h") ? RdKafkaMock.class : RdKafka.class;
            Method m = publicStatics(owner).get(s.name());
            assertNotNull(m, s.name());
            Object[] args = new Object[m.getParameterCount()];
            for (int i = 0; i < args.length; i++) args[i] = zero(m.getParameterTypes()[i]);
            try {
                m.invoke(null, args);
                problems.add(s.name() + " returned");
            } catch (InvocationTargetException ite) {
                Throwable t = ite.getCause();
                if (!(t instanceof UnsupportedOperationException)
                        || !t.getMessage().contains(s.name() + " ")
                        || s.since() == null || !t.getMessage().contains(s.since())) {
                    problems.add(s.name() + ": " + t);
                }
            }
            called++;
        }
        assertEquals(List.of(), problems);
        assertTrue(called > 0);
    }

    @Test
    void variadicFunctionsAreExactlyTheHeaderOnes() {
        Set<String> variadicInHeader = new TreeSet<>();
        for (CHeader h : List.of(main, mock)) {
            h.functions().values().stream().filter(CFunction::variadic).forEach(f -> variadicInHeader.add(f.name()));
        }
        Set<String> variadicInTable = new TreeSet<>();
        RdKafkaSymbols.ALL.stream().filter(RdKafkaSymbols.Symbol::variadic)
                .filter(s -> variadicInHeader.contains(s.name()) || RdKafkaLibrary.hasSymbol(s.name()))
                .forEach(s -> variadicInTable.add(s.name()));
        assertEquals(variadicInHeader, variadicInTable);
        assertTrue(variadicInHeader.contains("rd_kafka_producev"));
        assertTrue(variadicInHeader.contains("rd_kafka_mock_push_request_errors"));
    }

    @Test
    void varargsRecordPromotedCTypes() {
        Varargs v = Varargs.create().i32(1).i64(2L).f64(3d).ptr(null);
        assertEquals(4, v.count());
        assertEquals(List.of(java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.JAVA_LONG,
                java.lang.foreign.ValueLayout.JAVA_DOUBLE, java.lang.foreign.ValueLayout.ADDRESS), v.layouts());
        assertEquals(MemorySegment.NULL, v.values()[3]);
        Varargs many = Varargs.create();
        for (int i = 0; i < 20; i++) many.i32(i);
        assertEquals(20, many.count());
        assertEquals(19, many.values()[19]);
    }

    @Test
    void missingSymbolMessageWithoutSince() {
        String msg = Native.missing("rd_kafka_nonexistent", null).getMessage();
        assertTrue(msg.contains("rd_kafka_nonexistent") && msg.contains("not exported"), msg);
        assertFalse(RdKafkaLibrary.hasSymbol("rd_kafka_nonexistent"));
        assertInstanceOf(UnsupportedOperationException.class, Native.missing("x", "9.9.9"));
    }
}

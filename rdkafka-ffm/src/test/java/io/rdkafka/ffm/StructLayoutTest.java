package io.rdkafka.ffm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Java struct layouts of {@link RdKafkaStructs} against the C compiler: a generated C program prints
 * {@code sizeof}, {@code _Alignof} and, for every named member (nested ones too), {@code offsetof} and
 * member size; gcc compiles it against the installed rdkafka.h.
 */
class StructLayoutTest {

    /** Struct classes of RdKafkaStructs (by their {@code LAYOUT}), keyed by the C type. */
    private static final Map<String, GroupLayout> LAYOUTS = new LinkedHashMap<>();
    /** "type|member-path" to "offset size"; "type" to "size align", as C sees them. */
    private static final Map<String, String> C = new LinkedHashMap<>();

    @BeforeAll
    static void compileAndRun(@TempDir Path dir) throws Exception {
        for (Class<?> c : RdKafkaStructs.class.getDeclaredClasses()) {
            try {
                Field f = c.getField("LAYOUT");
                if (Modifier.isStatic(f.getModifiers())) {
                    GroupLayout layout = (GroupLayout) f.get(null);
                    LAYOUTS.put(cType(layout.name().orElseThrow()), layout);
                }
            } catch (NoSuchFieldException notAStruct) {
                // a helper class
            }
        }
        var include = NativeFiles.includeDir();
        assumeTrue(include.isPresent(), "rdkafka.h is not installed (apt-get install librdkafka-dev)");
        assumeTrue(NativeFiles.onPath("gcc"), "gcc is not installed");

        StringBuilder src = new StringBuilder("""
                #include <stdio.h>
                #include <stddef.h>
                #include <librdkafka/rdkafka.h>
                #define M(T, F) printf("%s|%s %zu %zu\\n", #T, #F, offsetof(T, F), sizeof(((T *)0)->F))
                int main(void) {
                """);
        for (var e : LAYOUTS.entrySet()) {
            String t = e.getKey();
            src.append("    printf(\"%s %zu %zu\\n\", \"").append(t).append("\", sizeof(").append(t)
                    .append("), _Alignof(").append(t).append("));\n");
            for (String member : memberPaths(e.getValue(), "")) {
                src.append("    M(").append(t).append(", ").append(member).append(");\n");
            }
        }
        src.append("    return 0;\n}\n");
        Path c = dir.resolve("layouts.c");
        Files.writeString(c, src);
        Path exe = dir.resolve("layouts");
        NativeFiles.run(List.of("gcc", "-std=c11", "-Wall", "-Werror", "-I", include.get().toString(), "-o",
                exe.toString(), c.toString()));
        String out = NativeFiles.run(List.of(exe.toString())).orElseThrow();
        for (String line : out.split("\n")) {
            // "T|member offset size" or "T size align"; T may contain a space ("struct x")
            int bar = line.indexOf('|');
            int split = bar >= 0 ? line.indexOf(' ', bar) : line.lastIndexOf(' ', line.lastIndexOf(' ') - 1);
            String key = line.substring(0, split);
            String value = line.substring(split + 1);
            C.put(key, value);
        }
    }

    private static String cType(String layoutName) {
        return layoutName.endsWith("_t") ? layoutName : "struct " + layoutName;
    }

    /** Every named member path of a group layout, depth first: {@code u}, {@code u.mem}, {@code u.mem.ptr}, ... */
    private static List<String> memberPaths(GroupLayout g, String prefix) {
        List<String> paths = new ArrayList<>();
        for (MemoryLayout m : g.memberLayouts()) {
            if (m.name().isEmpty()) continue; // padding
            String path = prefix + m.name().get();
            paths.add(path);
            if (m instanceof GroupLayout inner) paths.addAll(memberPaths(inner, path + "."));
        }
        return paths;
    }

    private static MemoryLayout.PathElement[] elements(String path) {
        return java.util.Arrays.stream(path.split("\\.")).map(MemoryLayout.PathElement::groupElement)
                .toArray(MemoryLayout.PathElement[]::new);
    }

    @Test
    void everyPublicStructOfRdkafkaHIsModelled() {
        assertEquals(Set.of("rd_kafka_message_t", "rd_kafka_topic_partition_t", "rd_kafka_topic_partition_list_t",
                "rd_kafka_metadata_broker_t", "rd_kafka_metadata_partition_t", "rd_kafka_metadata_topic_t",
                "rd_kafka_metadata_t", "struct rd_kafka_group_member_info", "struct rd_kafka_group_info",
                "struct rd_kafka_group_list", "struct rd_kafka_err_desc", "rd_kafka_vu_t"),
                LAYOUTS.keySet());
    }

    @Test
    void sizesAndAlignmentsMatchTheCompiler() {
        List<String> problems = new ArrayList<>();
        for (var e : LAYOUTS.entrySet()) {
            String expected = C.get(e.getKey());
            String actual = e.getValue().byteSize() + " " + e.getValue().byteAlignment();
            if (!actual.equals(expected)) {
                problems.add(e.getKey() + ": Java size/align " + actual + ", C " + expected);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyMemberOffsetAndSizeMatchesTheCompiler() {
        List<String> problems = new ArrayList<>();
        int members = 0;
        for (var e : LAYOUTS.entrySet()) {
            for (String path : memberPaths(e.getValue(), "")) {
                MemoryLayout.PathElement[] el = elements(path);
                String actual = e.getValue().byteOffset(el) + " " + e.getValue().select(el).byteSize();
                String expected = C.get(e.getKey() + "|" + path);
                if (!actual.equals(expected)) {
                    problems.add(e.getKey() + "." + path + ": Java offset/size " + actual + ", C " + expected);
                }
                members++;
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(members >= 70, "only " + members + " members compared");
    }

    @Test
    void documentedSizesOfTheHotStructs() {
        // the two structs every produce/consume path reads; their padding is the classic FFI bug
        assertEquals("72 8", C.get("rd_kafka_message_t"));
        assertEquals(72, RdKafkaStructs.Message.LAYOUT.byteSize());
        assertEquals(64, RdKafkaStructs.TopicPartition.LAYOUT.byteSize());
        assertEquals(8, RdKafkaStructs.Message.RKT);
        assertEquals(24, RdKafkaStructs.Message.PAYLOAD);
        // rd_kafka_vu_t carries a 64-byte union: arrays of it for rd_kafka_produceva have a stride of 72
        assertEquals(C.get("rd_kafka_vu_t").split(" ")[0], String.valueOf(RdKafkaStructs.Vu.LAYOUT.byteSize()));
    }

    @Test
    void vuSettersWriteWhereCReads() {
        StructLayout vu = RdKafkaStructs.Vu.LAYOUT;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment vus = arena.allocate(vu, 3);
            MemorySegment name = arena.allocateFrom("h");
            MemorySegment val = arena.allocateFrom("v");
            RdKafkaStructs.Vu.setInt(vus, 0, RdKafka.RD_KAFKA_VTYPE_PARTITION, 7);
            RdKafkaStructs.Vu.setMem(vus, 1, RdKafka.RD_KAFKA_VTYPE_VALUE, val, 1);
            RdKafkaStructs.Vu.setHeader(vus, 2, name, val, -1);
            long stride = vu.byteSize();
            assertEquals(RdKafka.RD_KAFKA_VTYPE_PARTITION, RdKafkaStructs.Vu.vtype(vus, 0));
            assertEquals(7, vus.get(java.lang.foreign.ValueLayout.JAVA_INT, vu.byteOffset(groupElement("u"), groupElement("i32"))));
            assertEquals(RdKafka.RD_KAFKA_VTYPE_VALUE, RdKafkaStructs.Vu.vtype(vus, 1));
            assertEquals(val, vus.get(java.lang.foreign.ValueLayout.ADDRESS,
                    stride + vu.byteOffset(groupElement("u"), groupElement("mem"), groupElement("ptr"))));
            assertEquals(1L, vus.get(java.lang.foreign.ValueLayout.JAVA_LONG,
                    stride + vu.byteOffset(groupElement("u"), groupElement("mem"), groupElement("size"))));
            assertEquals(RdKafka.RD_KAFKA_VTYPE_HEADER, RdKafkaStructs.Vu.vtype(vus, 2));
            assertEquals(name, vus.get(java.lang.foreign.ValueLayout.ADDRESS,
                    2 * stride + vu.byteOffset(groupElement("u"), groupElement("header"), groupElement("name"))));
            assertEquals(val, vus.get(java.lang.foreign.ValueLayout.ADDRESS,
                    2 * stride + vu.byteOffset(groupElement("u"), groupElement("header"), groupElement("val"))));
            assertEquals(-1L, vus.get(java.lang.foreign.ValueLayout.JAVA_LONG,
                    2 * stride + vu.byteOffset(groupElement("u"), groupElement("header"), groupElement("size"))));
        }
    }
}

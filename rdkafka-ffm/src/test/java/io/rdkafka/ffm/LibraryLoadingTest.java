package io.rdkafka.ffm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading librdkafka, its version and features, and its error-code table against the binding's constants. */
class LibraryLoadingTest {

    @Test
    void versionComesFromTheLoadedLibrary() {
        RdKafkaLibrary.ensureLoaded();
        assertTrue(RdKafkaLibrary.isAvailable());
        int v = RdKafkaLibrary.version();
        assertEquals(RdKafka.rd_kafka_version(), v);
        String vs = RdKafkaLibrary.versionString();
        assertEquals(CStrings.toJava(RdKafka.rd_kafka_version_str()), vs);
        // hex MMmmrrxx and "M.m.r" describe the same release
        assertEquals((v >>> 24) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff), vs.replaceFirst("-.*$", ""));
        assertTrue(RdKafkaLibrary.isAtLeast(2, 0, 0));
        assertFalse(RdKafkaLibrary.isAtLeast(99, 0, 0));
        assertTrue(RdKafkaLibrary.isAtLeast(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff));
        assertFalse(RdKafkaLibrary.isAtLeast(v >>> 24, (v >>> 16) & 0xff, ((v >>> 8) & 0xff) + 1));
        assertEquals(RdKafkaSymbols.MINIMUM, "2.0.2");
    }

    @Test
    void builtinFeaturesOfTheSystemLibrary() {
        Set<String> features = new HashSet<>(Arrays.asList(RdKafkaLibrary.builtinFeatures().split(",")));
        // what Debian 12's librdkafka1 2.0.2 is built with; every distribution build has these
        for (String f : List.of("gzip", "snappy", "ssl", "sasl", "sasl_plain", "sasl_scram", "lz4", "zstd",
                "sasl_oauthbearer")) {
            assertTrue(features.contains(f), f + " missing from " + features);
        }
        assertFalse(features.contains(""), "empty feature name in " + features);
    }

    @Test
    void sinceVersionComesFromTheSymbolTable() {
        assertEquals("2.3.0", RdKafkaLibrary.sinceVersion("rd_kafka_DescribeCluster"));
        assertEquals(null, RdKafkaLibrary.sinceVersion("rd_kafka_new"));
        assertEquals(null, RdKafkaLibrary.sinceVersion("no_such_function"));
        assertTrue(RdKafkaLibrary.hasSymbol("rd_kafka_new"));
    }

    private static String runChild(Map<String, String> env, String... jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(List.of(jvmArgs));
        cmd.add(LoadLibraryMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove(RdKafkaLibrary.PATH_ENV);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void aMissingOverridePathGivesAClearMessage() throws Exception {
        String out = runChild(Map.of(), "-D" + RdKafkaLibrary.PATH_PROPERTY + "=/nonexistent/librdkafka.so.1");
        assertTrue(out.contains("available=false"), out);
        assertTrue(out.contains("LibraryLoadException: librdkafka not found"), out);
        assertTrue(out.contains("/nonexistent/librdkafka.so.1"), out);
        assertTrue(out.contains("does not exist"), out);
        assertTrue(out.contains("system property " + RdKafkaLibrary.PATH_PROPERTY), out);
        assertTrue(out.contains("unset it to use the system library"), out);
        assertTrue(out.contains("apt-get install librdkafka1"), out);
        assertTrue(out.contains(RdKafkaLibrary.INSTALL_HINT), out);
        // calling any function reports the same cause instead of an ExceptionInInitializerError
        assertTrue(out.contains("call failed: LibraryLoadException: librdkafka not found"), out);
        assertTrue(out.contains("version string (not loaded)"), out);
    }

    @Test
    void theEnvironmentVariableIsUsedWhenThePropertyIsUnset() throws Exception {
        String out = runChild(Map.of(RdKafkaLibrary.PATH_ENV, "/nonexistent/env/librdkafka.so.1"));
        assertTrue(out.contains("environment variable " + RdKafkaLibrary.PATH_ENV + " names /nonexistent/env/librdkafka.so.1"),
                out);
    }

    @Test
    void aFileThatIsNotALibraryIsRefusedWithItsPath() throws Exception {
        Path notALib = Files.createTempFile("not-librdkafka", ".so");
        try {
            Files.writeString(notALib, "not an ELF file");
            String out = runChild(Map.of(), "-D" + RdKafkaLibrary.PATH_PROPERTY + "=" + notALib);
            assertTrue(out.contains("LibraryLoadException: librdkafka could not be loaded from " + notALib), out);
            assertTrue(out.contains(RdKafkaLibrary.INSTALL_HINT), out);
        } finally {
            Files.deleteIfExists(notALib);
        }
    }

    @Test
    void aLibraryWithoutRdKafkaSymbolsIsRefused() throws Exception {
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(libc), "no " + libc);
        String out = runChild(Map.of(), "-D" + RdKafkaLibrary.PATH_PROPERTY + "=" + libc);
        assertTrue(out.contains("is not librdkafka (no rd_kafka_version symbol)"), out);
    }

    @Test
    void anExplicitPathToTheRealLibraryLoads() throws Exception {
        Path lib = NativeFiles.loadedLibraryFile().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(lib != null, "cannot find the library file");
        String out = runChild(Map.of(), "-D" + RdKafkaLibrary.PATH_PROPERTY + "=" + lib);
        assertTrue(out.contains("loaded " + RdKafkaLibrary.versionString() + " from " + lib.toAbsolutePath()), out);
        assertTrue(out.contains("rd_kafka_version ok"), out);
    }

    @Test
    void errorDescriptionsOfTheLibraryMatchTheConstantsByName() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment descsp = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment cntp = arena.allocate(ValueLayout.JAVA_LONG);
            RdKafka.rd_kafka_get_err_descs(descsp, cntp);
            long cnt = cntp.get(ValueLayout.JAVA_LONG, 0);
            MemorySegment descs = descsp.get(ValueLayout.ADDRESS, 0);
            assertTrue(cnt > 100, "only " + cnt + " error descriptions");
            List<String> problems = new ArrayList<>();
            int named = 0;
            for (int i = 0; i < cnt; i++) {
                MemorySegment d = RdKafkaStructs.ErrDesc.at(descs, cnt, i);
                String name = RdKafkaStructs.ErrDesc.name(d);
                if (name == null) continue; // a hole in the table
                int code = RdKafkaStructs.ErrDesc.code(d);
                String constant = "RD_KAFKA_RESP_ERR_" + name;
                Field f;
                try {
                    f = RdKafka.class.getField(constant);
                } catch (NoSuchFieldException e) {
                    problems.add("no constant " + constant + " for code " + code);
                    continue;
                }
                if (f.getInt(null) != code) problems.add(constant + " = " + f.getInt(null) + ", library says " + code);
                String desc = RdKafkaStructs.ErrDesc.desc(d);
                if (desc == null) {
                    // the range markers __BEGIN and __END: named, but no error the library reports
                    if (!name.equals("_BEGIN") && !name.equals("_END")) problems.add(code + " " + name + " has no description");
                    continue;
                }
                // the library's own name lookup agrees with its table
                if (!name.equals(CStrings.toJava(RdKafka.rd_kafka_err2name(code)))) {
                    problems.add(code + ": err2name " + CStrings.toJava(RdKafka.rd_kafka_err2name(code)) + ", table " + name);
                }
                if (!desc.equals(CStrings.toJava(RdKafka.rd_kafka_err2str(code)))) {
                    problems.add(code + ": desc " + desc);
                }
                // the reverse table names the code (the first C name of that value)
                String reverse = RdKafkaEnums.nameOf("rd_kafka_resp_err_t", code);
                assertNotNull(reverse, "RdKafkaEnums has no name for " + code);
                named++;
            }
            assertEquals(List.of(), problems);
            assertTrue(named > 150, "only " + named + " named codes");
            // index = code - __BEGIN: the table is laid out by code
            MemorySegment eof = RdKafkaStructs.ErrDesc.at(descs, cnt,
                    RdKafka.RD_KAFKA_RESP_ERR__PARTITION_EOF - RdKafka.RD_KAFKA_RESP_ERR__BEGIN);
            assertEquals("_PARTITION_EOF", RdKafkaStructs.ErrDesc.name(eof));
            assertEquals(RdKafka.RD_KAFKA_RESP_ERR__PARTITION_EOF, RdKafkaStructs.ErrDesc.code(eof));
        }
    }
}

package io.rdkafka.client.reliability;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs {@link StressChild} in a forked JVM: threads hammer shared producers, consumers and admin clients with
 * send, poll, commit, wakeup, close and re-creation at random for {@code rdkafka.stress.seconds} (20 s by
 * default; 300 s with {@code -Drdkafka.long=true}). The child must exit 0 (no unexpected exception, every
 * send future completed) and leave no {@code hs_err} crash file. A JVM crash — a native call on a freed
 * handle, a use-after-free of a message — is the failure this guards against, which is why it runs in a
 * child process.
 */
@Tag("once") // runs on the system's librdkafka only (bin/test): minutes of load; the safety rules it checks live in the Java layer
class NativeSafetyStressTest {

    @Test
    void concurrentCallsAndClosesNeverCrashTheJvm(@TempDir Path dir) throws Exception {
        boolean longRun = Boolean.getBoolean("rdkafka.long");
        int seconds = Integer.getInteger("rdkafka.stress.seconds", longRun ? 300 : 20);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"),
                "-cp", System.getProperty("java.class.path"), StressChild.class.getName(),
                Integer.toString(seconds), "6"));
        Path out = dir.resolve("child.out");
        long t0 = System.nanoTime();
        Process child = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        boolean exited = child.waitFor(seconds + 120L, TimeUnit.SECONDS);
        if (!exited) child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        String output = Files.readString(out, StandardCharsets.UTF_8);
        String summary = output.lines().filter(l -> l.startsWith("STRESS") || l.startsWith("UNEXPECTED"))
                .reduce("", (a, b) -> a + b + "\n");
        System.out.printf("NativeSafetyStressTest: %d s, exit %s, %s", (System.nanoTime() - t0) / 1_000_000_000,
                exited ? child.exitValue() : "none (killed)", summary);
        List<Path> crashes = crashFiles(dir);
        assertTrue(crashes.isEmpty(), "the child JVM crashed: " + crashes + "\n" + head(crashes));
        assertTrue(exited, "the child did not finish; its output:\n" + tail(output));
        assertEquals(0, child.exitValue(), "child output:\n" + tail(output));
        assertTrue(summary.contains(" unexpected=0 "), summary);
        long calls = Long.parseLong(summary.replaceAll("(?s).*calls=(\\d+).*", "$1"));
        assertTrue(calls > 1000, "too few calls to mean anything: " + summary);
    }

    private static List<Path> crashFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("hs_err")).toList();
        }
    }

    private static String head(List<Path> crashes) throws IOException {
        if (crashes.isEmpty()) return "";
        return Files.readAllLines(crashes.getFirst()).stream().limit(60).reduce("", (a, b) -> a + b + "\n");
    }

    private static String tail(String s) {
        return s.length() <= 20_000 ? s : s.substring(s.length() - 20_000);
    }
}

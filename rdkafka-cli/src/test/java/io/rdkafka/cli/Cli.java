package io.rdkafka.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the tools as a user does: child JVMs on the built executable jar ({@code rdkafka.cli.jar}, set by the
 * pom for failsafe), or the bin/ scripts of the checkout ({@code rdkafka.home}).
 */
final class Cli {
    private Cli() {
    }

    static final Path JAR = Path.of(System.getProperty("rdkafka.cli.jar", "target/rdkafka-cli-all.jar")).toAbsolutePath();
    static final Path HOME = Path.of(System.getProperty("rdkafka.home", "..")).toAbsolutePath().normalize();
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    /** A finished tool: exit status, stdout bytes, stderr text. */
    record Result(int exit, byte[] stdoutBytes, String stderr) {
        String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }

        List<String> stdoutLines() {
            return stdout().lines().toList();
        }

        /** For assertion messages. */
        String describe() {
            String out = stdout();
            if (out.length() > 3000) out = out.substring(0, 3000) + "...";
            return "exit " + exit + "\n--- stdout:\n" + out + "\n--- stderr:\n" + stderr;
        }
    }

    static List<String> javaCommand(List<String> args) {
        List<String> cmd = new ArrayList<>(signalReset());
        cmd.addAll(List.of(JAVA.toString(), "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xss512k",
                "-Xmx64m", "-XX:-UsePerfData", "-jar", JAR.toString()));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * When this JVM was started with SIGINT ignored (a background job of a script), its children would be
     * too: {@code env --default-signal=INT} gives them the default back, as a terminal user has it.
     */
    static List<String> signalReset() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    if ((mask & 0x2) != 0) return List.of("env", "--default-signal=INT");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return List.of();
    }

    static Result run(String... args) {
        return run(null, Duration.ofSeconds(60), args);
    }

    static Result run(byte[] stdin, Duration timeout, String... args) {
        return start(javaCommand(List.of(args)), Map.of(), stdin).await(timeout);
    }

    static Running start(String... args) {
        return start(javaCommand(List.of(args)), Map.of(), null);
    }

    /** Starts a command; stdin gets {@code stdin} then closes (null: closed at once). */
    static Running start(List<String> command, Map<String, String> env, byte[] stdin) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            Process p = pb.start();
            Running r = new Running(p, command);
            Thread.ofPlatform().daemon().start(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    if (stdin != null) in.write(stdin);
                } catch (IOException e) {
                    // the process did not read it all
                }
            });
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    /** A running tool whose stdout and stderr are collected as they come. */
    static final class Running {
        final Process process;
        final List<String> command;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final Thread outReader;
        private final Thread errReader;

        Running(Process p, List<String> command) {
            this.process = p;
            this.command = command;
            this.outReader = pump(p.getInputStream(), out);
            this.errReader = pump(p.getErrorStream(), err);
        }

        private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
            return Thread.ofPlatform().daemon().start(() -> {
                byte[] buf = new byte[8192];
                int n;
                try (in) {
                    while ((n = in.read(buf)) > 0) {
                        synchronized (sink) {
                            sink.write(buf, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            });
        }

        String stdoutSoFar() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        String stderrSoFar() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }

        /** Waits until stderr satisfies {@code condition}; fails the test after {@code timeout}. */
        void awaitStderr(Predicate<String> condition, Duration timeout, String what) {
            awaitOutput(() -> condition.test(stderrSoFar()), timeout, what);
        }

        void awaitStdout(Predicate<String> condition, Duration timeout, String what) {
            awaitOutput(() -> condition.test(stdoutSoFar()), timeout, what);
        }

        private void awaitOutput(java.util.function.BooleanSupplier ok, Duration timeout, String what) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!ok.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    fail("timed out after " + timeout.toSeconds() + " s waiting for " + what + "\n--- stdout:\n"
                            + tail(stdoutSoFar()) + "\n--- stderr:\n" + stderrSoFar());
                }
                if (!process.isAlive() && !ok.getAsBoolean()) {
                    try {
                        outReader.join(2000);
                        errReader.join(2000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (ok.getAsBoolean()) return;
                    fail("the process exited (" + process.exitValue() + ") before " + what + "\n--- stdout:\n"
                            + tail(stdoutSoFar()) + "\n--- stderr:\n" + stderrSoFar());
                }
                sleep(50);
            }
        }

        /** Sends a signal (INT, TERM) as kill(1) does. */
        void signal(String name) {
            try {
                Process k = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
                assertTrue(k.waitFor(10, TimeUnit.SECONDS) && k.exitValue() == 0, "kill -" + name + " failed");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for the exit; kills and fails the test after {@code timeout}. */
        Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                    fail("did not exit within " + timeout.toSeconds() + " s: " + command + "\n--- stdout:\n"
                            + tail(stdoutSoFar()) + "\n--- stderr:\n" + stderrSoFar());
                }
                outReader.join(5000);
                errReader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            byte[] o;
            synchronized (out) {
                o = out.toByteArray();
            }
            return new Result(process.exitValue(), o, stderrSoFar());
        }

        void kill() {
            process.destroyForcibly();
        }
    }

    static String tail(String s) {
        return s.length() > 3000 ? "..." + s.substring(s.length() - 3000) : s;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

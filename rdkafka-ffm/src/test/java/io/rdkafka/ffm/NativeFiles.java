package io.rdkafka.ffm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Where the system's librdkafka files are, for tests that look at them with the C toolchain. */
final class NativeFiles {
    private NativeFiles() {
    }

    static final Path HEADER = Path.of("/usr/include/librdkafka/rdkafka.h");
    static final Path MOCK_HEADER = Path.of("/usr/include/librdkafka/rdkafka_mock.h");

    /** The shared library file this JVM has mapped (after loading it), from /proc/self/maps, else ldconfig's. */
    static Optional<Path> loadedLibraryFile() throws IOException, InterruptedException {
        RdKafkaLibrary.ensureLoaded();
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) {
            for (String line : Files.readAllLines(maps)) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.contains("librdkafka.") && !line.contains("librdkafka++")) {
                    return Optional.of(Path.of(line.substring(slash).trim()));
                }
            }
        }
        Path p = Path.of(RdKafkaLibrary.path());
        if (p.isAbsolute() && Files.exists(p)) return Optional.of(p);
        Optional<String> out = run(List.of("ldconfig", "-p"));
        if (out.isPresent()) {
            for (String line : out.get().split("\n")) {
                if (line.trim().startsWith("librdkafka.so.1 ") && line.contains("=>")) {
                    return Optional.of(Path.of(line.substring(line.indexOf("=>") + 2).trim()));
                }
            }
        }
        Path fallback = Path.of("/usr/lib/x86_64-linux-gnu/librdkafka.so.1");
        return Files.exists(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    /** Runs a command; its standard output when it exits 0, empty when it cannot be started. */
    static Optional<String> run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        if (p.exitValue() != 0) throw new IOException(command + " exited " + p.exitValue() + ":\n" + out);
        return Optional.of(out);
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }
}

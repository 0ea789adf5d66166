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

    /** Overrides where the headers of the library under test are: the directory holding {@code librdkafka/}. */
    static final String INCLUDE_DIR_PROPERTY = "rdkafka.include.dir";

    private static Optional<Path> includeDir;

    /**
     * The include directory (holding {@code librdkafka/rdkafka.h}) whose headers are those of the loaded library:
     * {@code -Drdkafka.include.dir}, else the first of {@code <libdir>/../include}, {@code <libdir>/../../include},
     * /usr/include and /usr/local/include whose {@code RD_KAFKA_VERSION} is the loaded library's. Empty when no
     * headers are installed.
     *
     * @throws IllegalStateException when headers are installed but none are the loaded library's: checking the
     *         binding against another release's headers would prove nothing
     */
    static synchronized Optional<Path> includeDir() throws IOException, InterruptedException {
        if (includeDir != null) return includeDir;
        String configured = System.getProperty(INCLUDE_DIR_PROPERTY);
        java.util.LinkedHashSet<Path> candidates = new java.util.LinkedHashSet<>();
        if (configured != null) {
            candidates.add(Path.of(configured));
        } else {
            Optional<Path> lib = loadedLibraryFile();
            if (lib.isPresent()) {
                Path dir = lib.get().toAbsolutePath().getParent();
                if (dir != null && dir.getParent() != null) {
                    candidates.add(dir.getParent().resolve("include"));
                    if (dir.getParent().getParent() != null) candidates.add(dir.getParent().getParent().resolve("include"));
                }
            }
            candidates.add(Path.of("/usr/include"));
            candidates.add(Path.of("/usr/local/include"));
        }
        int loaded = RdKafkaLibrary.version() >>> 8; // MM.mm.rr, without the pre-release byte
        List<String> others = new java.util.ArrayList<>();
        for (Path c : candidates) {
            Path h = c.resolve("librdkafka/rdkafka.h");
            if (!Files.isReadable(h)) continue;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("#define\\s+RD_KAFKA_VERSION\\s+(0x[0-9a-fA-F]+)")
                    .matcher(Files.readString(h));
            if (m.find() && (Long.decode(m.group(1)) >>> 8) == loaded) return includeDir = Optional.of(c);
            others.add(h + (m.find(0) ? " (" + m.group(1) + ")" : ""));
        }
        if (!others.isEmpty()) {
            throw new IllegalStateException("the loaded librdkafka is " + RdKafkaLibrary.versionString() + " ("
                    + RdKafkaLibrary.path() + ") but the installed headers are another release's: " + others
                    + "; install its -dev package or point -D" + INCLUDE_DIR_PROPERTY + " at its include directory");
        }
        return includeDir = Optional.empty();
    }

    /** {@code librdkafka/<name>} of the loaded library's headers, or empty (see {@link #includeDir()}). */
    static Optional<Path> header(String name) throws IOException, InterruptedException {
        return includeDir().map(d -> d.resolve("librdkafka").resolve(name)).filter(Files::isReadable);
    }

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

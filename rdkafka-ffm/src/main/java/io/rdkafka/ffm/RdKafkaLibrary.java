package io.rdkafka.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Finds and loads librdkafka once per JVM.
 *
 * <p>Where it looks: the system property {@value #PATH_PROPERTY}, else the environment variable
 * {@value #PATH_ENV}, else the system's {@code librdkafka.so.1} ({@code librdkafka.dylib} on macOS, also
 * under Homebrew's prefixes). A library older than 2.0.2 (the oldest tested: Debian 12's) is refused.
 */
public final class RdKafkaLibrary {
    private RdKafkaLibrary() {
    }

    /** The system property naming the library file to load. */
    public static final String PATH_PROPERTY = "rdkafka.library.path";
    /** The environment variable naming the library file to load, when the system property is not set. */
    public static final String PATH_ENV = "RDKAFKA_LIBRARY_PATH";
    /** How to get the library, part of every "not found" message. */
    static final String INSTALL_HINT =
            "To install librdkafka: apt-get install librdkafka1 (Debian/Ubuntu), brew install librdkafka (macOS).";
    /** 2.0.2 (a release: {@code xx} = ff) in {@code rd_kafka_version()}'s hex form {@code MMmmrrxx}. */
    static final int MINIMUM_VERSION = 0x020002ff;

    private record Loaded(SymbolLookup lookup, String path, int version, String versionString) {
    }

    private static final class Holder {
        static final Object LOADED = load();
    }

    /** Thrown when librdkafka cannot be found or is too old; the message says what to do. */
    public static final class LibraryLoadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what failed and what to do
         * @param cause   the underlying failure, or {@code null}
         */
        public LibraryLoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static Object load() {
        try {
            return loadOrThrow();
        } catch (LibraryLoadException e) {
            return e;
        }
    }

    private static Loaded loadOrThrow() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean mac = os.contains("mac");
        String explicit = System.getProperty(PATH_PROPERTY);
        String source = "system property " + PATH_PROPERTY;
        if (explicit == null || explicit.isBlank()) {
            explicit = System.getenv(PATH_ENV);
            source = "environment variable " + PATH_ENV;
        }
        List<String> tried = new ArrayList<>();
        SymbolLookup lookup = null;
        String path = null;
        Throwable lastError = null;
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            tried.add(explicit + " (from " + source + ")");
            if (!Files.exists(p)) {
                throw new LibraryLoadException("librdkafka not found: " + source + " names " + explicit
                        + ", which does not exist. Point it at librdkafka.so.1 (or librdkafka.dylib), or unset it to use "
                        + "the system library. " + INSTALL_HINT, null);
            }
            try {
                lookup = SymbolLookup.libraryLookup(p, Arena.global());
                path = p.toAbsolutePath().toString();
            } catch (IllegalArgumentException e) {
                throw new LibraryLoadException("librdkafka could not be loaded from " + explicit + " (" + source
                        + "): " + e.getMessage() + ". " + INSTALL_HINT, e);
            }
        } else {
            List<String> candidates = mac
                    ? List.of("librdkafka.1.dylib", "librdkafka.dylib", "/opt/homebrew/lib/librdkafka.dylib",
                    "/usr/local/lib/librdkafka.dylib")
                    : List.of("librdkafka.so.1", "librdkafka.so");
            for (String c : candidates) {
                tried.add(c);
                try {
                    lookup = SymbolLookup.libraryLookup(c, Arena.global());
                    path = c;
                    break;
                } catch (IllegalArgumentException e) {
                    lastError = e;
                }
            }
            if (lookup == null) {
                throw new LibraryLoadException("librdkafka not found; tried " + String.join(", ", tried)
                        + " on the system library path. " + INSTALL_HINT + " Or set " + PATH_PROPERTY + " / "
                        + PATH_ENV + " to the library file.", lastError);
            }
        }
        Linker linker = Linker.nativeLinker();
        MemorySegment versionFn = lookup.find("rd_kafka_version").orElseThrow(() -> new LibraryLoadException(
                "the library at " + tried.getLast() + " is not librdkafka (no rd_kafka_version symbol)", null));
        MethodHandle version = linker.downcallHandle(versionFn, FunctionDescriptor.of(JAVA_INT));
        MethodHandle versionStr = linker.downcallHandle(lookup.find("rd_kafka_version_str").orElseThrow(),
                FunctionDescriptor.of(ADDRESS));
        int v;
        String vs;
        try {
            v = (int) version.invokeExact();
            vs = CStrings.toJava((MemorySegment) versionStr.invokeExact());
        } catch (Throwable t) {
            throw new LibraryLoadException("calling rd_kafka_version failed", t);
        }
        if (Integer.compareUnsigned(v, MINIMUM_VERSION) < 0) {
            throw new LibraryLoadException("librdkafka " + vs + " (" + path + ") is too old: rdkafka-java needs 2.0.2 or "
                    + "newer. Upgrade it (apt-get install librdkafka1 from Debian 12 or later gives 2.0.2).", null);
        }
        return new Loaded(lookup, path, v, vs);
    }

    private static Loaded loaded() {
        Object o = Holder.LOADED;
        if (o instanceof LibraryLoadException e) {
            throw new LibraryLoadException(e.getMessage(), e);
        }
        return (Loaded) o;
    }

    /**
     * Loads the library if it was not yet.
     *
     * @throws LibraryLoadException saying why it cannot be loaded
     */
    public static void ensureLoaded() {
        loaded();
    }

    /** {@return whether librdkafka could be loaded (no exception)} */
    public static boolean isAvailable() {
        return Holder.LOADED instanceof Loaded;
    }

    static SymbolLookup lookup() {
        return loaded().lookup();
    }

    /**
     * {@return the path or name the library was loaded from}
     *
     * @throws LibraryLoadException when it cannot be loaded
     */
    public static String path() {
        return loaded().path();
    }

    /**
     * {@return {@code rd_kafka_version()}: hex {@code MMmmrrxx}, e.g. {@code 0x020002ff} for 2.0.2}
     *
     * @throws LibraryLoadException when it cannot be loaded
     */
    public static int version() {
        return loaded().version();
    }

    /** {@return {@code rd_kafka_version_str()}, e.g. {@code "2.0.2"}; {@code "(not loaded)"} when not loaded} */
    public static String versionString() {
        Object o = Holder.LOADED;
        return o instanceof Loaded l ? l.versionString() : "(not loaded)";
    }

    /**
     * {@return whether the loaded library is at least {@code major.minor.patch}}
     *
     * @param major the major version
     * @param minor the minor version
     * @param patch the patch version
     * @throws LibraryLoadException when it cannot be loaded
     */
    public static boolean isAtLeast(int major, int minor, int patch) {
        int wanted = (major << 24) | (minor << 16) | (patch << 8);
        return Integer.compareUnsigned(version() & 0xffffff00, wanted) >= 0;
    }

    /**
     * {@return whether the loaded library exports the C function {@code name} (a capability query)}
     *
     * @param name the C function name, e.g. {@code rd_kafka_DescribeTopics}
     * @throws LibraryLoadException when it cannot be loaded
     */
    public static boolean hasSymbol(String name) {
        return lookup().find(name).isPresent();
    }

    /**
     * The address of the C function {@code name} in the loaded library, for a caller that links its own downcall
     * handle (e.g. one passing pointers as {@code long}s where the generated binding passes segments); the library
     * is loaded once, here, for every caller.
     *
     * @param name the C function name
     * @return its address, or empty when the library does not export it
     * @throws LibraryLoadException when it cannot be loaded
     */
    public static java.util.Optional<MemorySegment> find(String name) {
        return lookup().find(name);
    }

    /**
     * {@return the first librdkafka release that has {@code name}, from the generated symbol table; null if 2.0.2
     * has it or the binding does not declare it}
     *
     * @param name the C function name
     */
    public static String sinceVersion(String name) {
        return RdKafkaSymbols.ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .map(RdKafkaSymbols.Symbol::since).orElse(null);
    }

    /**
     * The library's {@code builtin.features} (e.g. {@code gzip,snappy,ssl,sasl,...}), read from a fresh
     * configuration object.
     *
     * @return the features, or an empty string when librdkafka does not answer
     */
    public static String builtinFeatures() {
        MemorySegment conf = RdKafka.rd_kafka_conf_new();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom("builtin.features");
            MemorySegment sizep = arena.allocate(JAVA_LONG);
            sizep.set(JAVA_LONG, 0, 0L);
            if (RdKafka.rd_kafka_conf_get(conf, name, MemorySegment.NULL, sizep) != RdKafka.RD_KAFKA_CONF_OK) {
                return "";
            }
            long size = sizep.get(JAVA_LONG, 0);
            MemorySegment buf = arena.allocate(size);
            RdKafka.rd_kafka_conf_get(conf, name, buf, sizep);
            return buf.getString(0);
        } finally {
            RdKafka.rd_kafka_conf_destroy(conf);
        }
    }
}

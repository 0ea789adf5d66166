package io.rdkafka.cli;

import io.rdkafka.ffm.RdKafkaLibrary;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code --version} of every tool: this binding's version, librdkafka's version and builtin features. */
public final class VersionInfo implements CommandLine.IVersionProvider {
    /** The provider; picocli creates it. */
    public VersionInfo() {
    }

    /** {@return the binding's version, from the build; {@code unknown} when the build did not record it} */
    public static String bindingVersion() {
        try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.startsWith("${")) return v;
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }

    @Override
    public String[] getVersion() {
        String lib;
        String features;
        try {
            RdKafkaLibrary.ensureLoaded();
            lib = RdKafkaLibrary.versionString() + " (" + String.format("0x%08x", RdKafkaLibrary.version()) + ", "
                    + RdKafkaLibrary.path() + ")";
            features = RdKafkaLibrary.builtinFeatures();
        } catch (RuntimeException e) {
            lib = "not available: " + e.getMessage();
            features = "-";
        }
        return new String[]{
                "rdkafka-java " + bindingVersion() + " (Java " + Runtime.version() + ")",
                "librdkafka " + lib,
                "builtin.features " + features,
        };
    }
}

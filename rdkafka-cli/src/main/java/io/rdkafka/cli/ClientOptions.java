package io.rdkafka.cli;

import io.rdkafka.client.KafkaConfig;
import io.rdkafka.ffm.RdKafka;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options every tool shares: brokers, librdkafka properties, debug contexts. */
final class ClientOptions {
    static final String DEFAULT_BROKERS = "localhost:9092";

    @Option(names = "-b", paramLabel = "<brokers>", defaultValue = DEFAULT_BROKERS,
            description = "Bootstrap broker address(es), comma-separated (default: ${DEFAULT-VALUE}).")
    String brokers;

    @Option(names = "-X", paramLabel = "<prop=value>",
            description = {"Set any librdkafka configuration property (repeatable).",
                    "'-X list' shows every property with its description, '-X dump' prints the effective "
                            + "configuration (secrets redacted) and exits."})
    List<String> properties = new ArrayList<>();

    @Option(names = "-d", paramLabel = "<contexts>",
            description = "Enable librdkafka debug contexts, comma-separated (repeatable): all, generic, broker, "
                    + "topic, metadata, feature, queue, msg, protocol, cgrp, security, fetch, interceptor, plugin, "
                    + "consumer, admin, eos, mock, assignor, conf.")
    List<String> debug = new ArrayList<>();

    boolean listRequested() {
        return properties.stream().anyMatch(p -> p.equals("list") || p.equals("help"));
    }

    boolean dumpRequested() {
        return properties.contains("dump");
    }

    /** The -X properties as a map, in order; dump/list excluded. */
    Map<String, String> propertyMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : properties) {
            if (p.equals("dump") || p.equals("list") || p.equals("help")) continue;
            int eq = p.indexOf('=');
            if (eq <= 0) throw new CliException("expected -X property=value, not '" + p + "'", 2);
            m.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return m;
    }

    String debugContexts() {
        return debug.isEmpty() ? null : String.join(",", debug);
    }

    /**
     * The configuration: {@code defaults} first, then {@code -b}, then the tool's {@code settings}, then
     * {@code -X} and {@code -d} (the user's word wins). Validated by librdkafka.
     */
    KafkaConfig build(Map<String, String> defaults, Map<String, String> settings) {
        KafkaConfig.Builder b = KafkaConfig.builder();
        defaults.forEach(b::set);
        b.bootstrapServers(brokers);
        settings.forEach(b::set);
        propertyMap().forEach(b::set);
        if (debugContexts() != null) b.debug(debugContexts());
        return b.build();
    }

    /**
     * Handles {@code -X list} and {@code -X dump}: prints and returns true (the tool then exits 0) when one
     * was given. The dump shows the configuration the tool would create its client with.
     */
    boolean handleInfoRequests(KafkaConfigSupplier config, PrintStream out) {
        if (listRequested()) {
            showProperties(out);
            return true;
        }
        if (dumpRequested()) {
            dump(config.get(), out);
            return true;
        }
        return false;
    }

    @FunctionalInterface
    interface KafkaConfigSupplier {
        KafkaConfig get();
    }

    /** librdkafka's table of properties (rd_kafka_conf_properties_show) on stdout. */
    static void showProperties(PrintStream out) {
        out.flush();
        Libc.withStdoutFile(RdKafka::rd_kafka_conf_properties_show);
    }

    /** Every global and topic property with its effective value, as the C examples print them. */
    static void dump(KafkaConfig config, PrintStream out) {
        KafkaConfig.EffectiveConfig ec = config.dump();
        out.println("# Global config");
        ec.global().forEach((k, v) -> {
            out.println(k + " = " + v);
            // librdkafka dumps the alias' target: show the name users set too
            if (k.equals("metadata.broker.list") && !ec.global().containsKey("bootstrap.servers")) {
                out.println("bootstrap.servers = " + v);
            }
        });
        out.println();
        out.println("# Topic config");
        ec.topic().forEach((k, v) -> out.println(k + " = " + v));
        out.println();
        out.flush();
    }
}

package io.rdkafka.client.internal;

import io.rdkafka.client.errors.ConfigException;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.RdKafka;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Creating librdkafka configuration objects ({@code rd_kafka_conf_t}) from property maps. */
public final class NativeConf {
    private NativeConf() {
    }

    /**
     * A new {@code rd_kafka_conf_t} with {@code properties} set, owned by the caller: close it, or
     * {@link NativeObject#release() release} it to {@code rd_kafka_new}, which takes it on success.
     * @throws ConfigException for the first property librdkafka refuses; the conf is destroyed then
     */
    public static NativeObject create(Map<String, String> properties) {
        NativeObject conf = NativeObject.conf(RdKafka.rd_kafka_conf_new());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errstr = CStrings.errstr(arena);
            for (var e : properties.entrySet()) {
                String name = e.getKey();
                if (name == null || name.isBlank()) throw new ConfigException(name, "empty property name");
                if (e.getValue() == null) throw new ConfigException(name, "null value");
                if (name.equals("bootstrap.servers") || name.equals("metadata.broker.list")) {
                    checkBrokerList(name, e.getValue(), properties.get("security.protocol"));
                }
                int res = RdKafka.rd_kafka_conf_set(conf.ptr(), arena.allocateFrom(name), arena.allocateFrom(e.getValue()),
                        errstr, CStrings.ERRSTR_SIZE);
                if (res != RdKafka.RD_KAFKA_CONF_OK) {
                    String msg = CStrings.fromBuffer(errstr);
                    if (PropertyRules.isSecret(name)) msg = msg.replace(e.getValue(), PropertyRules.REDACTED);
                    String hint = res == RdKafka.RD_KAFKA_CONF_UNKNOWN ? PropertyRules.hintFor(name) : null;
                    String newer = res == RdKafka.RD_KAFKA_CONF_UNKNOWN ? newerLibraryHint(name) : null;
                    if (newer != null) throw new ConfigException(name, newer + " (librdkafka said: " + msg + ")");
                    throw new ConfigException(name, msg + (hint != null ? " (a Java-client property: " + hint + ")" : ""));
                }
            }
            return conf;
        } catch (RuntimeException e) {
            conf.close();
            throw e;
        }
    }

    private static final java.util.Set<String> PROTOCOLS = java.util.Set.of("plaintext", "ssl", "sasl_plaintext",
            "sasl_ssl");

    /**
     * Checks a broker list as librdkafka 2.0.2's {@code rd_kafka_brokers_add0} parses it, refusing what it would
     * misread silently: it takes a port with {@code atoi} and truncates it to 16 bits ({@code host:99999} becomes
     * port 34463, {@code host:abc} port 0), drops a {@code proto://} entry that does not match
     * {@code security.protocol} together with every entry after it, and reports a list without any address only
     * as "No brokers configured" at run time. An empty value (no brokers) stays allowed.
     */
    static void checkBrokerList(String property, String value, String securityProtocol) {
        if (value.isBlank()) return;
        String configured = securityProtocol == null ? "plaintext" : securityProtocol.trim().toLowerCase(java.util.Locale.ROOT);
        int names = 0;
        for (String raw : value.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) continue;
            names++;
            String hostPort = entry;
            int scheme = entry.indexOf("://");
            if (scheme >= 0) {
                String proto = entry.substring(0, scheme).toLowerCase(java.util.Locale.ROOT);
                if (!PROTOCOLS.contains(proto)) {
                    throw new ConfigException(property, "'" + entry + "': unknown protocol '" + proto + "' (one of "
                            + "plaintext, ssl, sasl_plaintext, sasl_ssl)");
                }
                if (!proto.equals(configured)) {
                    throw new ConfigException(property, "'" + entry + "': protocol '" + proto + "' does not match "
                            + "security.protocol=" + configured);
                }
                hostPort = entry.substring(scheme + 3);
                int slash = hostPort.indexOf('/');
                if (slash >= 0) hostPort = hostPort.substring(0, slash);
            }
            if (hostPort.chars().anyMatch(Character::isWhitespace)) {
                throw new ConfigException(property, "'" + entry + "': addresses are separated by commas, not spaces");
            }
            int last = hostPort.lastIndexOf(':');
            boolean hasPort = last >= 0 && (hostPort.indexOf(':') == last || last > 0 && hostPort.charAt(last - 1) == ']');
            if (hasPort) {
                String port = hostPort.substring(last + 1);
                int n = port.matches("[0-9]{1,5}") ? Integer.parseInt(port) : -1;
                if (n < 1 || n > 65535) {
                    throw new ConfigException(property, "'" + entry + "': port '" + port + "' is not a number in 1..65535");
                }
            }
        }
        if (names == 0) throw new ConfigException(property, "'" + value + "' names no broker (host:port,...)");
    }

    /** Properties of newer librdkafka releases: name -> {first release, what it is}. */
    private static final Map<String, String[]> NEWER_PROPERTIES = Map.of(
            "group.protocol", new String[]{"2.4.0", "selects the KIP-848 next-generation consumer group protocol "
                    + "(group.protocol=consumer; early access in 2.4.0, production-ready since librdkafka 2.12.0)"},
            "group.remote.assignor", new String[]{"2.4.0", "the broker-side assignor of the KIP-848 consumer group "
                    + "protocol (group.protocol=consumer)"});

    /** A capability message when {@code name} exists only in librdkafka releases newer than the loaded one. */
    static String newerLibraryHint(String name) {
        String[] n = NEWER_PROPERTIES.get(name);
        if (n == null) return null;
        return "not supported by the loaded librdkafka " + io.rdkafka.ffm.RdKafkaLibrary.versionString() + ": '" + name
                + "' " + n[1] + " and needs librdkafka " + n[0] + " or newer";
    }

    /**
     * The first property of {@code properties} that librdkafka's message names in backquotes or quotes (as
     * rd_kafka_new's checks of property combinations do: "`session.timeout.ms` is not supported for
     * `group.protocol=consumer`"), or null.
     */
    static String propertyNamedIn(String message, Map<String, String> properties) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[`\"']([a-z0-9._-]+)(?:=[^`\"']*)?[`\"']")
                .matcher(message);
        while (m.find()) {
            if (properties.containsKey(m.group(1))) return m.group(1);
        }
        return null;
    }

    /** Checks properties against librdkafka without keeping anything. */
    public static void validate(Map<String, String> properties) {
        create(properties).close();
    }

    /** librdkafka's full view of a configuration: global and default-topic properties by name. */
    public record Dump(Map<String, String> global, Map<String, String> topic) {
    }

    /** librdkafka's full view of a configuration (defaults included), secrets redacted. */
    public static Dump dump(Map<String, String> properties) {
        try (NativeObject conf = create(properties)) {
            Map<String, String> global = pairs(conf.ptr(), false);
            // librdkafka dumps bootstrap.servers under its original name; show the name users set too
            if (global.containsKey("metadata.broker.list") && !global.containsKey("bootstrap.servers")) {
                global.put("bootstrap.servers", global.get("metadata.broker.list"));
            }
            MemorySegment topicConf = RdKafka.rd_kafka_conf_get_default_topic_conf(conf.ptr());
            Map<String, String> topic = topicConf.equals(MemorySegment.NULL) ? defaultTopic() : pairs(topicConf, true);
            return new Dump(global, topic);
        }
    }

    private static Map<String, String> defaultTopic() {
        try (NativeObject tc = NativeObject.of("rd_kafka_topic_conf_t", RdKafka.rd_kafka_topic_conf_new(),
                RdKafka::rd_kafka_topic_conf_destroy)) {
            return pairs(tc.ptr(), true);
        }
    }

    private static Map<String, String> pairs(MemorySegment conf, boolean topic) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cntp = arena.allocate(JAVA_LONG);
            MemorySegment arr = topic ? RdKafka.rd_kafka_topic_conf_dump(conf, cntp) : RdKafka.rd_kafka_conf_dump(conf, cntp);
            long cnt = cntp.get(JAVA_LONG, 0);
            try {
                java.util.List<String> kv = CStrings.fromArray(arr, cnt);
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i + 1 < kv.size(); i += 2) {
                    String k = kv.get(i);
                    String v = kv.get(i + 1);
                    m.put(k, PropertyRules.isSecret(k) && v != null && !v.isEmpty() ? PropertyRules.REDACTED : v);
                }
                return m;
            } finally {
                RdKafka.rd_kafka_conf_dump_free(arr, cnt);
            }
        }
    }
}

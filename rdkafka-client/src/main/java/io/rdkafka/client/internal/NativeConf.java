package io.rdkafka.client.internal;

import io.rdkafka.client.KafkaConfig;
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
     * A new {@code rd_kafka_conf_t} with {@code properties} set, owned by the caller (pass it to
     * {@code rd_kafka_new}, which takes it on success, or destroy it).
     * @throws ConfigException for the first property librdkafka refuses; the conf is destroyed then
     */
    public static MemorySegment create(Map<String, String> properties) {
        MemorySegment conf = RdKafka.rd_kafka_conf_new();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errstr = CStrings.errstr(arena);
            for (var e : properties.entrySet()) {
                String name = e.getKey();
                if (name == null || name.isBlank()) throw new ConfigException(name, "empty property name");
                if (e.getValue() == null) throw new ConfigException(name, "null value");
                int res = RdKafka.rd_kafka_conf_set(conf, arena.allocateFrom(name), arena.allocateFrom(e.getValue()),
                        errstr, CStrings.ERRSTR_SIZE);
                if (res != RdKafka.RD_KAFKA_CONF_OK) {
                    String msg = CStrings.fromBuffer(errstr);
                    if (KafkaConfig.isSecret(name)) msg = msg.replace(e.getValue(), KafkaConfig.REDACTED);
                    String hint = res == RdKafka.RD_KAFKA_CONF_UNKNOWN ? KafkaConfig.hintFor(name) : null;
                    String newer = res == RdKafka.RD_KAFKA_CONF_UNKNOWN ? newerLibraryHint(name) : null;
                    if (newer != null) throw new ConfigException(name, newer + " (librdkafka said: " + msg + ")");
                    throw new ConfigException(name, msg + (hint != null ? " (a Java-client property: " + hint + ")" : ""));
                }
            }
            return conf;
        } catch (RuntimeException e) {
            RdKafka.rd_kafka_conf_destroy(conf);
            throw e;
        }
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

    /** Checks properties against librdkafka without keeping anything. */
    public static void validate(Map<String, String> properties) {
        RdKafka.rd_kafka_conf_destroy(create(properties));
    }

    /** librdkafka's full view of a configuration (defaults included), secrets redacted. */
    public static KafkaConfig.EffectiveConfig dump(Map<String, String> properties) {
        MemorySegment conf = create(properties);
        try {
            Map<String, String> global = pairs(conf, false);
            // librdkafka dumps bootstrap.servers under its original name; show the name users set too
            if (global.containsKey("metadata.broker.list") && !global.containsKey("bootstrap.servers")) {
                global.put("bootstrap.servers", global.get("metadata.broker.list"));
            }
            MemorySegment topicConf = RdKafka.rd_kafka_conf_get_default_topic_conf(conf);
            Map<String, String> topic = topicConf.equals(MemorySegment.NULL) ? defaultTopic() : pairs(topicConf, true);
            return new KafkaConfig.EffectiveConfig(global, topic);
        } finally {
            RdKafka.rd_kafka_conf_destroy(conf);
        }
    }

    private static Map<String, String> defaultTopic() {
        MemorySegment tc = RdKafka.rd_kafka_topic_conf_new();
        try {
            return pairs(tc, true);
        } finally {
            RdKafka.rd_kafka_topic_conf_destroy(tc);
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
                    m.put(k, KafkaConfig.isSecret(k) && v != null && !v.isEmpty() ? KafkaConfig.REDACTED : v);
                }
                return m;
            } finally {
                RdKafka.rd_kafka_conf_dump_free(arr, cnt);
            }
        }
    }
}

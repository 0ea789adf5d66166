package io.rdkafka.kafka.config;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.AbstractConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.rdkafka.kafka.config.ConfigTranslator.refused;

/** Consumer properties. */
final class ConsumerRules {
    /** The Java layer reads these itself (deserializers, interceptors). */
    static final java.util.Set<String> JAVA_LAYER = java.util.Set.of(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG);

    private ConsumerRules() {
    }

    static boolean translate(String name, AbstractConfig c, Translation t) {
        if (JAVA_LAYER.contains(name)) return true;
        String text = ValueText.of(c.values().get(name));
        switch (name) {
            case ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG -> {
                if (text != null && !text.isEmpty()) t.put(name, text);
            }
            case ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                 ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                 ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                 ConsumerConfig.FETCH_MAX_BYTES_CONFIG, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                 ConsumerConfig.CLIENT_RACK_CONFIG -> {
                if (text != null && !text.isEmpty()) t.put(name, text);
            }
            case ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG -> t.put("fetch.wait.max.ms", text);
            case ConsumerConfig.MAX_POLL_RECORDS_CONFIG -> t.maxPollRecords(c.getInt(name));
            case ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                 ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, ConsumerConfig.CHECK_CRCS_CONFIG,
                 ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG -> {
                // set in defaults(): kafka-clients' defaults differ from librdkafka's
            }
            case ConsumerConfig.GROUP_PROTOCOL_CONFIG -> {
                String p = text.toLowerCase(Locale.ROOT);
                if (ConfigTranslator.knownToLibrdkafka(name, p)) t.put(name, p);
                else if (!p.equals("classic")) {
                    throw refused(name, c, "the loaded librdkafka has no group.protocol (KIP-848 needs librdkafka "
                            + "2.4 or newer): use group.protocol=classic");
                }
            }
            case ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG -> {
                if (text == null) break;
                if (ConfigTranslator.knownToLibrdkafka(name, text)) t.put(name, text);
                else throw refused(name, c, "the loaded librdkafka has no group.remote.assignor (librdkafka 2.4+)");
            }
            case ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG ->
                    t.note(name, "librdkafka's pattern subscriptions match internal topics only when named");
            case "internal.leave.group.on.close", "internal.throw.on.fetch.stable.offset.unsupported" ->
                    t.note(name, "an internal kafka-clients setting");
            case "share.acknowledgement.mode" -> t.note(name, "a share-group setting; this is a group consumer");
            default -> {
                return false;
            }
        }
        return true;
    }

    /** kafka-clients' defaults where librdkafka's differ visibly. */
    static void defaults(AbstractConfig c, Translation t) {
        // kafka-clients reads uncommitted records by default; librdkafka's default is read_committed
        t.put("isolation.level", c.getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG).toLowerCase(Locale.ROOT));
        t.put("auto.offset.reset", offsetReset(c));
        t.put("partition.assignment.strategy", assignors(c, t));
        t.put("check.crcs", Boolean.toString(c.getBoolean(ConsumerConfig.CHECK_CRCS_CONFIG)));
        t.put("allow.auto.create.topics", Boolean.toString(c.getBoolean(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG)));
        if (!c.originals().containsKey(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)) {
            t.maxPollRecords(c.getInt(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
        }
    }

    private static String offsetReset(AbstractConfig c) {
        String r = c.getString(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG).toLowerCase(Locale.ROOT);
        return switch (r) {
            case "earliest", "latest" -> r;
            case "none" -> "error"; // no committed offset: poll throws NoOffsetForPartitionException
            default -> throw refused(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, c, "librdkafka resets to earliest, "
                    + "latest or not at all (none); for a reset by time, seek to offsetsForTimes(...) in "
                    + "onPartitionsAssigned");
        };
    }

    /**
     * kafka-clients' assignor classes as librdkafka's names. A list mixing eager and cooperative assignors
     * (kafka-clients' default: RangeAssignor, CooperativeStickyAssignor) rebalances eagerly in kafka-clients, with
     * the first assignor: librdkafka cannot mix them, so the eager ones are kept.
     */
    private static String assignors(AbstractConfig c, Translation t) {
        List<String> eager = new ArrayList<>();
        List<String> cooperative = new ArrayList<>();
        String property = ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG;
        for (Object o : (List<?>) c.values().get(property)) {
            String name = o instanceof Class<?> k ? k.getName() : o.toString().trim();
            String simple = name.substring(name.lastIndexOf('.') + 1);
            switch (simple) {
                case "RangeAssignor", "range" -> eager.add("range");
                case "RoundRobinAssignor", "roundrobin" -> eager.add("roundrobin");
                case "CooperativeStickyAssignor", "cooperative-sticky" -> cooperative.add("cooperative-sticky");
                case "StickyAssignor" -> throw refused(property, c, "librdkafka has no eager sticky assignor: use "
                        + "CooperativeStickyAssignor (cooperative-sticky) or RangeAssignor");
                default -> throw refused(property, c, "assignor " + name + " cannot run inside librdkafka, which "
                        + "has range, roundrobin and cooperative-sticky (RangeAssignor, RoundRobinAssignor, "
                        + "CooperativeStickyAssignor)");
            }
        }
        if (!eager.isEmpty() && !cooperative.isEmpty()) {
            if (c.originals().containsKey(property)) {
                t.note(property, "eager and cooperative assignors mixed: kafka-clients then rebalances eagerly, so "
                        + "librdkafka gets the eager ones only (" + String.join(",", eager) + ")");
            }
            return String.join(",", eager);
        }
        return String.join(",", eager.isEmpty() ? cooperative : eager);
    }
}

package io.rdkafka.kafka.config;

import io.rdkafka.client.KafkaConfig;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Translates the configuration a {@code KafkaProducer}, {@code KafkaConsumer} or {@code AdminClient} takes into
 * librdkafka's properties. The configuration is first parsed by kafka-clients itself ({@link ProducerConfig},
 * {@link ConsumerConfig}, {@link AdminClientConfig}: same types, defaults, validation and error messages), then:
 *
 * <ul>
 *   <li>a kafka-clients name with a librdkafka counterpart is translated ({@code fetch.max.wait.ms} to
 *       {@code fetch.wait.max.ms}, {@code buffer.memory} to {@code queue.buffering.max.kbytes}, key and trust
 *       stores to PEM files, {@code sasl.jaas.config} to {@code sasl.username}/{@code sasl.password}, ...);</li>
 *   <li>a kafka-clients name without effect in librdkafka but harmless ({@code client.dns.lookup},
 *       {@code metric.reporters}, ...) is accepted with a note ({@link Translation#notes()});</li>
 *   <li>a kafka-clients name that cannot be honoured ({@code ssl.engine.factory.class}, a custom
 *       {@code partition.assignment.strategy}, ...) is refused with a {@link ConfigException} naming it and what to
 *       use instead;</li>
 *   <li>any other name that librdkafka knows passes through unchanged; the rest is left to the serializers and
 *       interceptors, which receive every property in {@code configure}, as with kafka-clients.</li>
 * </ul>
 *
 * Where kafka-clients' defaults differ from librdkafka's in a way an application notices, kafka-clients' apply
 * (e.g. {@code isolation.level=read_uncommitted}, {@code enable.idempotence=true}, {@code check.crcs=true},
 * {@code client.id} {@code producer-1}); the full list is in docs/kafka-clients.md.
 */
public final class ConfigTranslator {
    /** The statistics interval used when none is configured: {@code metrics()} reads the latest emit. */
    public static final int DEFAULT_STATISTICS_INTERVAL_MS = 1000;

    private static final Map<String, Boolean> KNOWN_TO_LIBRDKAFKA = new ConcurrentHashMap<>();

    private ConfigTranslator() {
    }

    /**
     * Translates a producer configuration.
     *
     * @param parsed the configuration as {@link ProducerConfig} parsed it
     * @return librdkafka's properties and the Java layer's settings
     * @throws ConfigException naming a property that cannot be translated, and what to use instead
     */
    public static Translation producer(ProducerConfig parsed) {
        Translation t = new Translation();
        for (String name : parsed.originals().keySet()) {
            if (!ProducerConfig.configNames().contains(name)) continue;
            if (!CommonRules.translate(name, parsed, t, Kind.PRODUCER) && !ProducerRules.translate(name, parsed, t)) {
                throw refused(name, parsed, "it has no librdkafka counterpart");
            }
        }
        ProducerRules.defaults(parsed, t);
        CommonRules.defaults(parsed, t, Kind.PRODUCER);
        passThrough(parsed, t, ProducerConfig.configNames());
        t.putIfAbsent("statistics.interval.ms", Integer.toString(DEFAULT_STATISTICS_INTERVAL_MS));
        return validated(t);
    }

    /**
     * Translates a consumer configuration.
     *
     * @param parsed the configuration as {@link ConsumerConfig} parsed it
     * @return librdkafka's properties and the Java layer's settings
     * @throws ConfigException naming a property that cannot be translated, and what to use instead
     */
    public static Translation consumer(ConsumerConfig parsed) {
        Translation t = new Translation();
        for (String name : parsed.originals().keySet()) {
            if (!ConsumerConfig.configNames().contains(name)) continue;
            if (!CommonRules.translate(name, parsed, t, Kind.CONSUMER) && !ConsumerRules.translate(name, parsed, t)) {
                throw refused(name, parsed, "it has no librdkafka counterpart");
            }
        }
        ConsumerRules.defaults(parsed, t);
        CommonRules.defaults(parsed, t, Kind.CONSUMER);
        passThrough(parsed, t, ConsumerConfig.configNames());
        t.putIfAbsent("statistics.interval.ms", Integer.toString(DEFAULT_STATISTICS_INTERVAL_MS));
        return validated(t);
    }

    /**
     * Translates an admin client configuration.
     *
     * @param parsed the configuration as {@link AdminClientConfig} parsed it
     * @return librdkafka's properties and the Java layer's settings
     * @throws ConfigException naming a property that cannot be translated, and what to use instead
     */
    public static Translation admin(AdminClientConfig parsed) {
        Translation t = new Translation();
        for (String name : parsed.originals().keySet()) {
            if (!AdminClientConfig.configNames().contains(name)) continue;
            if (!CommonRules.translate(name, parsed, t, Kind.ADMIN) && !AdminRules.translate(name, parsed, t)) {
                throw refused(name, parsed, "it has no librdkafka counterpart");
            }
        }
        CommonRules.defaults(parsed, t, Kind.ADMIN);
        passThrough(parsed, t, AdminClientConfig.configNames());
        return validated(t);
    }

    /** The client a configuration is for. */
    enum Kind { PRODUCER, CONSUMER, ADMIN }

    /**
     * Names kafka-clients does not know for this client: kafka-clients' names of the other clients are ignored (as
     * kafka-clients does, e.g. {@code group.id} given to a producer), librdkafka's names pass through, anything else
     * stays for the serializers' and interceptors' {@code configure}.
     */
    private static void passThrough(AbstractConfig parsed, Translation t, Set<String> ownNames) {
        for (var e : parsed.originals().entrySet()) {
            String name = e.getKey();
            if (ownNames.contains(name)) continue;
            if (ProducerConfig.configNames().contains(name) || ConsumerConfig.configNames().contains(name)
                    || AdminClientConfig.configNames().contains(name)) {
                continue; // another client's property: kafka-clients logs it as unused
            }
            String value = ValueText.of(e.getValue());
            if (value == null || !(e.getValue() instanceof String || e.getValue() instanceof Number
                    || e.getValue() instanceof Boolean)) {
                continue; // objects for serializers/interceptors (e.g. a schema registry client)
            }
            if (knownToLibrdkafka(name, value)) t.put(name, value);
        }
    }

    /** Whether librdkafka has a property of this name (one native configuration object per name, cached). */
    static boolean knownToLibrdkafka(String name, String value) {
        Boolean known = KNOWN_TO_LIBRDKAFKA.get(name);
        if (known != null) return known;
        try {
            KafkaConfig.builder().set(name, value).build();
            known = true;
        } catch (io.rdkafka.client.errors.ConfigException e) {
            // an invalid value still means the name is known; build() reports the value with librdkafka's message
            known = !e.getMessage().contains("No such configuration property");
        }
        KNOWN_TO_LIBRDKAFKA.put(name, known);
        return known;
    }

    private static Translation validated(Translation t) {
        try {
            KafkaConfig.builder().setAll(t.librdkafka()).build();
        } catch (io.rdkafka.client.errors.ConfigException e) {
            String p = e.property();
            String v = p == null ? null : t.librdkafka().get(p);
            if (p != null && KafkaConfig.isSecret(p)) v = "[hidden]";
            throw new ConfigException(p == null ? "(librdkafka)" : p, v, "librdkafka refused it: " + e.error().message());
        }
        return t;
    }

    /** A ConfigException for a kafka-clients property that cannot be honoured, naming what to use instead. */
    static ConfigException refused(String name, AbstractConfig parsed, String why) {
        Object v = parsed.originals().get(name);
        String shown = v == null ? null : KafkaConfig.isSecret(name) || name.contains("password") ? "[hidden]" : ValueText.of(v);
        return new ConfigException(name, shown, "not supported by rdkafka-kafka-clients: " + why);
    }

}

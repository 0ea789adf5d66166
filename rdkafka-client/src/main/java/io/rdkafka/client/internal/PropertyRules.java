package io.rdkafka.client.internal;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the binding knows about property names without asking librdkafka: which values are secrets, and which
 * names are Apache Kafka Java-client properties that librdkafka spells differently or lacks. Used wherever
 * configuration is set or shown ({@link NativeConf}, {@code KafkaConfig}).
 */
public final class PropertyRules {
    private PropertyRules() {
    }

    /** What stands in for a secret's value wherever configuration is shown. */
    public static final String REDACTED = "[redacted]";

    private static final Pattern SECRET = Pattern.compile(
            ".*(password|secret|private|\\.key\\.pem|sasl\\.oauthbearer\\.config|sasl\\.jaas|token).*");

    /** Whether a property's value is a secret and must never be shown. */
    public static boolean isSecret(String property) {
        return SECRET.matcher(property).matches();
    }

    /** Apache Kafka Java-client properties that librdkafka spells differently or does not have. */
    private static final Map<String, String> JAVA_CLIENT_HINTS = Map.ofEntries(
            Map.entry("key.serializer", "serializers are passed to Producer.create, not configured"),
            Map.entry("value.serializer", "serializers are passed to Producer.create, not configured"),
            Map.entry("key.deserializer", "deserializers are passed to Consumer.create, not configured"),
            Map.entry("value.deserializer", "deserializers are passed to Consumer.create, not configured"),
            Map.entry("max.poll.records", "use Consumer.Options maxPollRecords (the batch size of poll)"),
            Map.entry("buffer.memory", "librdkafka's equivalent is queue.buffering.max.kbytes"),
            Map.entry("max.block.ms", "use KafkaConfig.Builder.queueFullTimeout(Duration)"),
            Map.entry("fetch.max.wait.ms", "librdkafka's equivalent is fetch.wait.max.ms"),
            Map.entry("ssl.truststore.location", "librdkafka's equivalent is ssl.ca.location (PEM) "
                    + "or ssl.keystore.location (PKCS#12)"),
            Map.entry("ssl.truststore.password", "librdkafka reads PEM CA files via ssl.ca.location"),
            Map.entry("ssl.truststore.type", "librdkafka reads PEM CA files via ssl.ca.location"),
            Map.entry("sasl.jaas.config", "librdkafka's equivalent is sasl.username and sasl.password"),
            Map.entry("partitioner.class", "librdkafka's equivalent is partitioner (random, consistent, "
                    + "consistent_random, murmur2, murmur2_random, fnv1a, fnv1a_random)"),
            Map.entry("interceptor.classes", "librdkafka has no Java interceptors"),
            Map.entry("default.api.timeout.ms", "pass a Duration to each blocking call instead"),
            Map.entry("metric.reporters", "use statistics.interval.ms and a statistics listener"));

    /** A hint for a property librdkafka does not know, when it is a Java-client property; else null. */
    public static String hintFor(String property) {
        return JAVA_CLIENT_HINTS.get(property);
    }
}

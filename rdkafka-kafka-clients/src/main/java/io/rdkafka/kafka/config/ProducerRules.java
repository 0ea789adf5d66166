package io.rdkafka.kafka.config;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;

import java.time.Duration;

import static io.rdkafka.kafka.config.ConfigTranslator.refused;

/** Producer properties. */
final class ProducerRules {
    /** The Java layer reads these itself (serializers, interceptors, partitioner). */
    static final java.util.Set<String> JAVA_LAYER = java.util.Set.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
            ProducerConfig.PARTITIONER_CLASS_CONFIG);

    private ProducerRules() {
    }

    static boolean translate(String name, AbstractConfig c, Translation t) {
        if (JAVA_LAYER.contains(name)) return true;
        String text = ValueText.of(c.values().get(name));
        switch (name) {
            case ProducerConfig.ACKS_CONFIG, ProducerConfig.LINGER_MS_CONFIG, ProducerConfig.RETRIES_CONFIG,
                 ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                 ProducerConfig.TRANSACTIONAL_ID_CONFIG, ProducerConfig.TRANSACTION_TIMEOUT_CONFIG -> {
                if (text != null) t.put(name, text);
            }
            case ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG -> {
                // set in defaults(): kafka-clients' effective value
            }
            case ProducerConfig.COMPRESSION_TYPE_CONFIG -> t.put("compression.type", text);
            case ProducerConfig.BATCH_SIZE_CONFIG -> {
                int size = c.getInt(name);
                // kafka-clients' 0 turns batching off; librdkafka's batch.size is at least 1
                if (size == 0) t.put("batch.num.messages", "1");
                else t.put("batch.size", Integer.toString(size));
            }
            case ProducerConfig.BUFFER_MEMORY_CONFIG ->
                    t.put("queue.buffering.max.kbytes", Long.toString(Math.max(1, Math.min(Integer.MAX_VALUE,
                            c.getLong(name) / 1024))));
            case ProducerConfig.MAX_REQUEST_SIZE_CONFIG -> {
                // set in defaults()
            }
            case ProducerConfig.MAX_BLOCK_MS_CONFIG -> t.maxBlock(Duration.ofMillis(c.getLong(name)));
            case "compression.gzip.level", "compression.lz4.level", "compression.zstd.level" -> {
                String codec = c.getString(ProducerConfig.COMPRESSION_TYPE_CONFIG);
                if (codec != null && name.equals("compression." + codec + ".level")) t.put("compression.level", text);
                else t.note(name, "applies to another codec than compression.type=" + codec);
            }
            case ProducerConfig.METADATA_MAX_IDLE_CONFIG ->
                    t.note(name, "librdkafka keeps the metadata of every topic the producer has used");
            case ProducerConfig.PARTITIONER_ADPATIVE_PARTITIONING_ENABLE_CONFIG,
                 ProducerConfig.PARTITIONER_AVAILABILITY_TIMEOUT_MS_CONFIG ->
                    t.note(name, "records without a key go to a random partition for sticky.partitioning.linger.ms "
                            + "(librdkafka's sticky partitioning), not by broker load");
            case ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG -> {
                if (c.getBoolean(name)) t.put("partitioner", "random");
            }
            case "transaction.two.phase.commit.enable" -> {
                if (c.getBoolean(name)) {
                    throw refused(name, c, "librdkafka has no two-phase commit of transactions (KIP-939)");
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** kafka-clients' defaults where librdkafka's differ visibly. */
    static void defaults(AbstractConfig c, Translation t) {
        // the effective value after kafka-clients' checks (off when acks, retries or in-flight forbid it)
        t.put("enable.idempotence", Boolean.toString(c.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)));
        t.putIfAbsent("acks", c.getString(ProducerConfig.ACKS_CONFIG));
        // as KafkaProducer: at least linger.ms + request.timeout.ms (refused when configured lower, raised otherwise)
        long delivery = c.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        long least = (long) c.getLong(ProducerConfig.LINGER_MS_CONFIG) + c.getInt(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        if (delivery < least) {
            if (c.originals().containsKey(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)) {
                throw new org.apache.kafka.common.config.ConfigException(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        delivery, "should be equal to or larger than linger.ms + request.timeout.ms");
            }
            delivery = least;
        }
        String txnId = c.getString(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        long txnTimeout = c.getInt(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        if (txnId != null && delivery > txnTimeout) {
            // librdkafka refuses message.timeout.ms > transaction.timeout.ms (kafka-clients' defaults: 120 s > 60 s)
            if (c.originals().containsKey(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)) {
                t.note(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "lowered to transaction.timeout.ms (" + txnTimeout
                        + " ms): librdkafka needs a record's delivery timeout within its transaction's");
            }
            delivery = txnTimeout;
        }
        t.put("delivery.timeout.ms", Long.toString(Math.min(Integer.MAX_VALUE, delivery)));
        // the largest record kafka-clients accepts (1 MiB by default; librdkafka's message.max.bytes is 1,000,000)
        t.put("message.max.bytes", Integer.toString(Math.max(1000, c.getInt(ProducerConfig.MAX_REQUEST_SIZE_CONFIG))));
        // keyed records land where KafkaProducer puts them (murmur2 of the key bytes); null keys: sticky random
        t.putIfAbsent("partitioner", "murmur2_random");
        if (!c.originals().containsKey(ProducerConfig.MAX_BLOCK_MS_CONFIG)) {
            t.maxBlock(Duration.ofMillis(c.getLong(ProducerConfig.MAX_BLOCK_MS_CONFIG)));
        }
        if (!c.originals().containsKey(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)) {
            t.requestTimeout(Duration.ofMillis(c.getInt(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)));
        }
    }
}

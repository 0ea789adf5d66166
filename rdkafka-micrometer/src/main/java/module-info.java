/**
 * librdkafka's statistics as Micrometer meters: {@link io.rdkafka.micrometer.RdKafkaMetrics}.
 */
@SuppressWarnings("requires-transitive-automatic")
module io.rdkafka.micrometer {
    requires transitive io.rdkafka.stats;
    // micrometer-core has no module-info: its Automatic-Module-Name
    requires transitive micrometer.core;

    exports io.rdkafka.micrometer;
}

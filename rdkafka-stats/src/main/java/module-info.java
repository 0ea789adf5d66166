/**
 * librdkafka's statistics JSON as Java records: {@link io.rdkafka.stats.Statistics#parse(String)}.
 *
 * <p>Optional companion of {@code io.rdkafka.client}: a client configured with {@code statistics.interval.ms}
 * hands the JSON to {@code ClientListeners.onStatistics}; this module turns it into typed values. It does not
 * depend on the client itself, only on Jackson.
 */
module io.rdkafka.stats {
    requires com.fasterxml.jackson.databind;

    exports io.rdkafka.stats;
}

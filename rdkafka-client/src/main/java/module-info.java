/**
 * The idiomatic Java client over librdkafka: {@link io.rdkafka.client.Producer},
 * {@link io.rdkafka.client.Consumer}, configuration, errors. All native calls go through
 * {@code io.rdkafka.ffm}. Needs {@code --enable-native-access=io.rdkafka.ffm} (ALL-UNNAMED on the class path).
 */
module io.rdkafka.client {
    requires transitive io.rdkafka.ffm;
    requires jdk.jfr;

    exports io.rdkafka.client;
    exports io.rdkafka.client.errors;
    exports io.rdkafka.client.admin;
    exports io.rdkafka.client.mock;
}

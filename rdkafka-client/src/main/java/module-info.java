/**
 * The idiomatic Java client over librdkafka: {@link io.rdkafka.client.Producer},
 * {@link io.rdkafka.client.Consumer}, configuration, errors. Native calls go through {@code io.rdkafka.ffm},
 * except a few hot-path downcalls of its own. Needs
 * {@code --enable-native-access=io.rdkafka.ffm,io.rdkafka.client} on the module path (both modules make
 * restricted calls), {@code --enable-native-access=ALL-UNNAMED} on the class path.
 */
module io.rdkafka.client {
    requires transitive io.rdkafka.ffm;
    requires jdk.jfr;

    exports io.rdkafka.client;
    exports io.rdkafka.client.errors;
    exports io.rdkafka.client.admin;
    exports io.rdkafka.client.mock;
}

/**
 * librdkafka's C API through the Foreign Function and Memory API, 1:1 and with C's names.
 * Callers need {@code --enable-native-access=io.rdkafka.ffm} (or ALL-UNNAMED on the class path).
 */
module io.rdkafka.ffm {
    exports io.rdkafka.ffm;
}

// Prints the version of the librdkafka that rdkafka-ffm's loader finds (the tests load the same one):
//   java --enable-native-access=ALL-UNNAMED -cp rdkafka-ffm/target/classes scripts/LibrdkafkaVersion.java
void main() {
    System.out.println(io.rdkafka.ffm.RdKafkaLibrary.versionString());
}

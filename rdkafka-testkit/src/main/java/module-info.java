/**
 * Real Apache Kafka brokers (KRaft mode), each in its own JVM on loopback, for integration tests: {@link
 * io.rdkafka.testkit.KafkaCluster}, the JUnit 5 extension {@link io.rdkafka.testkit.KafkaTest} and the
 * {@link io.rdkafka.testkit.LocalKafka} launcher.
 */
@SuppressWarnings("requires-transitive-automatic")
module io.rdkafka.testkit {
  requires transitive org.junit.jupiter.api;
  // kafka-clients has no Automatic-Module-Name: its name comes from the jar file name.
  requires transitive kafka.clients;

  exports io.rdkafka.testkit;
}

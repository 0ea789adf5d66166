package io.rdkafka.testkit;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Asks for the same options as {@link SingleNodeIT}: both classes must get the one shared cluster. */
@KafkaTest
class SharedClusterIT {
  private static KafkaCluster firstSeen;

  /** Called by every class with default options; all must see the same cluster. */
  static synchronized void assertSameAsOtherClasses(KafkaCluster cluster) {
    if (firstSeen == null) {
      firstSeen = cluster;
    }
    assertSame(firstSeen, cluster, "a second default cluster was started instead of sharing the first");
  }

  @BeforeAll
  static void recordCluster(KafkaCluster cluster) {
    assertSameAsOtherClasses(cluster);
  }

  @Test
  void injectsTheRunningCluster(KafkaCluster cluster) {
    assertTrue(cluster.isBrokerRunning(1));
  }

  @Nested
  class NestedClass {
    @Test
    void seesTheEnclosingClassCluster(KafkaCluster cluster) {
      assertSame(firstSeen, cluster);
    }
  }
}

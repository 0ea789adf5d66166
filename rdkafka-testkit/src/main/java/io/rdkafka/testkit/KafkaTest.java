package io.rdkafka.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a running Kafka cluster, started before its first test, and injects it as a {@link
 * KafkaCluster} parameter of test and lifecycle methods:
 *
 * <pre>{@code
 * @KafkaTest(brokers = 3)
 * class FailoverIT {
 *   @Test
 *   void survivesLeaderLoss(KafkaCluster cluster) { ... }
 * }
 * }</pre>
 *
 * When a test fails, the tail of every broker log is printed to stderr. For options in code, use {@link
 * KafkaClusterExtension#builder()} with {@code @RegisterExtension} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaClusterExtension.class)
public @interface KafkaTest {
  /** Number of brokers; up to three are also KRaft controllers. */
  int brokers() default 1;

  /** Listeners besides PLAINTEXT. */
  ListenerKind[] listeners() default {};

  /** The StandardAuthorizer, with super users {@code User:ANONYMOUS} (PLAINTEXT) and {@code User:admin}. */
  boolean authorizer() default false;

  boolean autoCreateTopics() default true;

  /** Require client certificates on the SSL listener (added if missing). */
  boolean sslClientAuth() default false;

  /** SASL users besides {@code admin}, as {@code "name:password"}. */
  String[] saslUsers() default {};

  /** Broker properties, as {@code "key=value"}. */
  String[] brokerConfig() default {};

  /**
   * Reuse one cluster for every test class in the JVM that asks for the same options, stopping it when the test
   * run ends. A class that kills, stops or restarts a broker does not hand its cluster on; topics do remain, so
   * give them unique names.
   */
  boolean shared() default true;
}

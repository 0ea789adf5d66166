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
  /** {@return the number of brokers; up to three are also KRaft controllers} */
  int brokers() default 1;

  /** {@return the listeners besides PLAINTEXT} */
  ListenerKind[] listeners() default {};

  /** {@return whether the StandardAuthorizer is on, with super users {@code User:ANONYMOUS} (PLAINTEXT) and {@code User:admin}} */
  boolean authorizer() default false;

  /** {@return whether producing to or fetching metadata of an unknown topic creates it} */
  boolean autoCreateTopics() default true;

  /** {@return whether the SSL listener (added if missing) requires client certificates} */
  boolean sslClientAuth() default false;

  /** {@return SASL users besides {@code admin}, as {@code "name:password"}} */
  String[] saslUsers() default {};

  /** {@return broker properties, as {@code "key=value"}} */
  String[] brokerConfig() default {};

  /**
   * {@return whether to reuse one cluster for every test class in the JVM that asks for the same options,
   * stopping it when the test run ends} A class that kills, stops or restarts a broker does not hand its cluster
   * on; topics do remain, so give them unique names.
   */
  boolean shared() default true;
}

package io.rdkafka.testkit;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that runs one {@link KafkaCluster} per test class (or one shared by several classes), from
 * before the first test to after the last, and resolves {@code KafkaCluster} parameters. Use {@link KafkaTest}, or
 * register it with options:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaClusterExtension kafka =
 *     KafkaClusterExtension.builder().listeners(ListenerKind.SASL_SSL).saslUser("alice", "alice-secret").build();
 * }</pre>
 *
 * The field must be static. {@link #cluster()} returns the running cluster. When a test fails the tail of every
 * broker log is printed to stderr.
 */
public final class KafkaClusterExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver,
    TestWatcher {
  private static final Namespace NAMESPACE = Namespace.create(KafkaClusterExtension.class);
  private static final String CLUSTER_KEY = "cluster";
  private static final int FAILURE_LOG_LINES = 80;

  private final ClusterSpec registeredSpec;
  private final boolean registeredShared;
  private volatile KafkaCluster cluster;

  /** For {@link KafkaTest}: the options come from the annotation. */
  public KafkaClusterExtension() {
    this(null, true);
  }

  private KafkaClusterExtension(ClusterSpec spec, boolean shared) {
    this.registeredSpec = spec;
    this.registeredShared = shared;
  }

  /** {@return a builder of an extension for {@code @RegisterExtension}, with options in code} */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of a {@link KafkaClusterExtension} for {@code @RegisterExtension}. */
  public static final class Builder extends ClusterOptions<Builder> {
    private boolean shared = true;

    Builder() {}

    /**
     * Share the cluster with other classes asking for the same options (default true); see {@link KafkaTest#shared}.
     *
     * @param shared whether to share it
     * @return this builder
     */
    public Builder shared(boolean shared) {
      this.shared = shared;
      return this;
    }

    /** {@return the extension; its cluster starts before the first test of the class} */
    public KafkaClusterExtension build() {
      return new KafkaClusterExtension(spec(), shared);
    }
  }

  /**
   * {@return the cluster of the running test class}
   *
   * @throws IllegalStateException before the class's cluster was started
   */
  public KafkaCluster cluster() {
    KafkaCluster current = cluster;
    if (current == null) {
      throw new IllegalStateException("no cluster yet: is the @RegisterExtension field static?");
    }
    return current;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = classCluster(context).cluster;
  }

  /**
   * The cluster of the context's test class, started on first use: in beforeAll, or earlier when a
   * per-class test instance takes it as a constructor parameter. Nested classes find their enclosing class's
   * cluster through the store's lookup of parent contexts.
   */
  private ClassCluster classCluster(ExtensionContext context) {
    ClassCluster existing = context.getStore(NAMESPACE).get(CLUSTER_KEY, ClassCluster.class);
    if (existing != null) {
      return existing;
    }
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    ClusterSpec spec;
    boolean shared;
    if (registeredSpec != null) {
      spec = registeredSpec;
      shared = registeredShared;
    } else {
      KafkaTest options = findAnnotation(classContext)
          .orElseThrow(() -> new IllegalStateException("@ExtendWith(KafkaClusterExtension.class) needs @KafkaTest "
              + "on the class, or register the extension with KafkaClusterExtension.builder()"));
      spec = specOf(options);
      shared = options.shared();
    }
    ClassCluster created;
    if (shared) {
      SharedCluster sharedCluster = classContext.getRoot().getStore(NAMESPACE)
          .getOrComputeIfAbsent(spec, key -> new SharedCluster(KafkaCluster.start(spec)), SharedCluster.class);
      created = new ClassCluster(sharedCluster.cluster, classContext.getUniqueId(), spec);
    } else {
      created = new OwnedClassCluster(KafkaCluster.start(spec), classContext.getUniqueId(), spec);
    }
    classContext.getStore(NAMESPACE).put(CLUSTER_KEY, created);
    return created;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ClassCluster classCluster = context.getStore(NAMESPACE).get(CLUSTER_KEY, ClassCluster.class);
    if (classCluster == null || !classCluster.ownerId.equals(context.getUniqueId())) {
      return;
    }
    boolean spoiled = classCluster.cluster.wasDisturbed() || classCluster.cluster.isClosed();
    if (!(classCluster instanceof OwnedClassCluster) && spoiled) {
      // Brokers were killed or restarted: the next class asking for these options gets a fresh cluster.
      context.getRoot().getStore(NAMESPACE).remove(classCluster.spec, SharedCluster.class);
      classCluster.cluster.close();
    }
    cluster = null;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == KafkaCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    if (extensionContext.getTestClass().isEmpty()) {
      throw new ParameterResolutionException("a KafkaCluster parameter needs a test class to belong to");
    }
    return classCluster(extensionContext).cluster;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    ClassCluster classCluster = context.getStore(NAMESPACE).get(CLUSTER_KEY, ClassCluster.class);
    if (classCluster != null && !classCluster.cluster.isClosed()) {
      String test = context.getTestClass().map(Class::getSimpleName).orElse("?") + "." + context.getDisplayName();
      System.err.println("testkit: " + test + " failed; broker logs of " + classCluster.cluster);
      classCluster.cluster.printLogTails(System.err, FAILURE_LOG_LINES);
    }
  }

  private static Optional<KafkaTest> findAnnotation(ExtensionContext context) {
    for (ExtensionContext current = context; current != null; current = current.getParent().orElse(null)) {
      Optional<KafkaTest> found =
          current.getElement().flatMap(element -> AnnotationSupport.findAnnotation(element, KafkaTest.class));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  static ClusterSpec specOf(KafkaTest options) {
    KafkaCluster.Builder builder = KafkaCluster.builder()
        .brokers(options.brokers())
        .listeners(options.listeners())
        .authorizer(options.authorizer())
        .autoCreateTopics(options.autoCreateTopics())
        .sslClientAuth(options.sslClientAuth());
    for (String user : options.saslUsers()) {
      int colon = user.indexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException("@KafkaTest saslUsers entries are \"name:password\", not " + user);
      }
      builder.saslUser(user.substring(0, colon), user.substring(colon + 1));
    }
    for (String property : options.brokerConfig()) {
      int equals = property.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("@KafkaTest brokerConfig entries are \"key=value\", not " + property);
      }
      builder.brokerConfig(property.substring(0, equals), property.substring(equals + 1));
    }
    return builder.spec();
  }

  /** The cluster a test class uses, and the class that set it up (nested classes inherit it). */
  private static class ClassCluster {
    final KafkaCluster cluster;
    final String ownerId;
    final ClusterSpec spec;

    ClassCluster(KafkaCluster cluster, String ownerId, ClusterSpec spec) {
      this.cluster = cluster;
      this.ownerId = ownerId;
      this.spec = spec;
    }
  }

  /** A cluster of one class alone: JUnit closes it with the class's store. */
  private static final class OwnedClassCluster extends ClassCluster
      implements ExtensionContext.Store.CloseableResource {
    OwnedClassCluster(KafkaCluster cluster, String ownerId, ClusterSpec spec) {
      super(cluster, ownerId, spec);
    }

    @Override
    public void close() {
      cluster.close();
    }
  }

  /** A cluster in the root store: JUnit closes it when the whole test run ends. */
  private record SharedCluster(KafkaCluster cluster) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      cluster.close();
    }
  }
}

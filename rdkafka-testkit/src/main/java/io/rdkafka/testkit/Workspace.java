package io.rdkafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kit's directories: under a root ({@code ${java.io.tmpdir}/rdkafka-testkit} unless chosen), one session
 * directory per test JVM, named {@code session-<pid>-...}, holding an owner file and one directory per
 * cluster. Opening the first session under a root reaps what crashed JVMs left there. A shutdown hook kills
 * every broker still running and deletes this JVM's sessions. Files worth keeping across JVMs go to the
 * {@link #cacheRoot()}.
 */
final class Workspace {
  static final String SESSION_PREFIX = "session-";
  static final String OWNER_FILE = "owner.properties";

  private static final Map<Path, Path> sessionByRoot = new LinkedHashMap<>();
  private static final Set<KafkaCluster> liveClusters = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger clusterCount = new AtomicInteger();
  private static boolean shutdownHookInstalled;

  private Workspace() {}

  static Path defaultRoot() {
    return Path.of(System.getProperty("java.io.tmpdir"), "rdkafka-testkit");
  }

  /**
   * Where generated files that outlive a JVM are kept (TLS material, the CDS archive, the watchdog jar):
   * always the default root, so that a cluster under another root does not redo them.
   */
  static Path cacheRoot() {
    return defaultRoot();
  }

  /** A new, empty directory for one cluster, in this JVM's session under {@code root}. */
  static synchronized Path newClusterDir(Path root) {
    Path absoluteRoot = root.toAbsolutePath().normalize();
    try {
      Path session = sessionByRoot.get(absoluteRoot);
      if (session == null) {
        session = openSession(absoluteRoot);
        sessionByRoot.put(absoluteRoot, session);
      }
      return Files.createDirectory(session.resolve("cluster-" + clusterCount.incrementAndGet()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a cluster directory under " + absoluteRoot, e);
    }
  }

  static void register(KafkaCluster cluster) {
    liveClusters.add(cluster);
  }

  static void unregister(KafkaCluster cluster) {
    liveClusters.remove(cluster);
  }

  private static Path openSession(Path root) throws IOException {
    Files.createDirectories(root);
    StaleSessionReaper.reap(root);
    ProcessHandle self = ProcessHandle.current();
    Path session = Files.createTempDirectory(root, SESSION_PREFIX + self.pid() + "-");
    Files.write(session.resolve(OWNER_FILE), List.of(
        "pid=" + self.pid(),
        "start=" + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L),
        "command=" + self.info().command().orElse("?")));
    installShutdownHook();
    return session;
  }

  private static void installShutdownHook() {
    if (!shutdownHookInstalled) {
      Runtime.getRuntime().addShutdownHook(new Thread(Workspace::cleanUpAtExit, "testkit-shutdown"));
      shutdownHookInstalled = true;
    }
  }

  private static void cleanUpAtExit() {
    for (KafkaCluster cluster : List.copyOf(liveClusters)) {
      cluster.killAllBrokers();
    }
    List<Path> sessions;
    synchronized (Workspace.class) {
      sessions = List.copyOf(sessionByRoot.values());
    }
    sessions.forEach(FileTree::deleteQuietly);
  }
}

package io.rdkafka.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Removes session directories whose owner JVM is dead (it crashed or was killed before its shutdown hook
 * ran): first the brokers recorded in their pid files, if those still run Kafka, then the directories.
 */
final class StaleSessionReaper {
  static final String BROKER_PID_FILE = "broker.pid";
  static final String BROKER_MAIN_CLASS = "kafka.Kafka";
  /** A session directory gets its owner file right after it is created; give a slow JVM that long. */
  private static final Duration OWNERLESS_GRACE = Duration.ofMinutes(1);

  private StaleSessionReaper() {}

  /** Reaps every stale session under {@code root}; returns the directories removed. */
  static List<Path> reap(Path root) {
    List<Path> removed = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return removed;
    }
    try (DirectoryStream<Path> sessions = Files.newDirectoryStream(root, Workspace.SESSION_PREFIX + "*")) {
      for (Path session : sessions) {
        if (Files.isDirectory(session) && isStale(session)) {
          killBrokers(session);
          FileTree.deleteQuietly(session);
          removed.add(session);
        }
      }
    } catch (IOException e) {
      System.err.println("testkit: could not scan " + root + " for leftovers: " + e);
    }
    if (!removed.isEmpty()) {
      System.err.println("testkit: removed " + removed.size() + " leftover session(s) of dead JVMs under " + root);
    }
    return removed;
  }

  static boolean isStale(Path session) throws IOException {
    Path ownerFile = session.resolve(Workspace.OWNER_FILE);
    if (!Files.isRegularFile(ownerFile)) {
      return Files.getLastModifiedTime(session).toInstant().isBefore(Instant.now().minus(OWNERLESS_GRACE));
    }
    Properties owner = new Properties();
    try (InputStream in = Files.newInputStream(ownerFile)) {
      owner.load(in);
    }
    long pid = Long.parseLong(owner.getProperty("pid", "-1"));
    long startMillis = Long.parseLong(owner.getProperty("start", "0"));
    return !isRunning(pid, startMillis);
  }

  /** Whether process {@code pid} runs and, when both start times are known, is the one started then. */
  static boolean isRunning(long pid, long startMillis) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return false;
    }
    Optional<Instant> started = process.get().info().startInstant();
    return startMillis == 0
        || started.isEmpty()
        || Math.abs(started.get().toEpochMilli() - startMillis) < 1000;
  }

  private static void killBrokers(Path session) throws IOException {
    List<Path> pidFiles;
    try (Stream<Path> files = Files.walk(session, 4)) {
      pidFiles = files.filter(path -> path.getFileName().toString().equals(BROKER_PID_FILE)).toList();
    }
    for (Path pidFile : pidFiles) {
      long pid;
      try {
        pid = Long.parseLong(Files.readString(pidFile).strip());
      } catch (IOException | NumberFormatException unreadable) {
        continue;
      }
      ProcessHandle.of(pid).filter(StaleSessionReaper::runsKafka).ifPresent(broker -> {
        System.err.println("testkit: killing leftover broker pid " + pid + " of " + session);
        broker.destroyForcibly();
        try {
          broker.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception stillDying) {
          // Deleting its files below does no harm to a dying process.
        }
      });
    }
  }

  /** Guards against a recycled pid: only a process running Kafka's main class is killed. */
  private static boolean runsKafka(ProcessHandle process) {
    return process.isAlive()
        && process.info().commandLine()
            .map(line -> Arrays.asList(line.split("\\s+")).contains(BROKER_MAIN_CLASS))
            .orElse(false);
  }
}

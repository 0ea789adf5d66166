package io.rdkafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the launcher the way the demo script does: java -cp target/classes:$(cat target/classpath.txt). */
class LocalKafkaIT {
  @TempDir Path workDir;
  private Process launcher;

  @AfterEach
  void stopLauncher() {
    if (launcher != null) {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
  }

  @Test
  void printsTheBootstrapServersAndStopsWhenStdinCloses() throws Exception {
    int port = freePort();
    launcher = startLauncher("--port", Integer.toString(port), "--topic", "demo:2", "--partitions", "3");
    Map<String, String> printed = readUntilBootstrap(launcher);
    assertEquals("127.0.0.1:" + port, printed.get("BOOTSTRAP"));

    Properties connection = new Properties();
    connection.put("bootstrap.servers", printed.get("BOOTSTRAP"));
    try (Admin admin = Admin.create(connection)) {
      TopicDescription demo = admin.describeTopics(List.of("demo")).allTopicNames().get().get("demo");
      assertEquals(2, demo.partitions().size());
    }

    launcher.getOutputStream().close();
    assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "LocalKafka did not stop when stdin closed");
    assertEquals(0, launcher.exitValue());
    assertEquals(List.of(), sessionsIn(workDir), "LocalKafka left its data behind");
  }

  @Test
  void itsBrokerDiesWithItWhenItIsKilled() throws Exception {
    launcher = startLauncher("--port", Integer.toString(freePort()));
    readUntilBootstrap(launcher);
    ProcessHandle broker = launcher.children()
        .filter(child -> child.info().commandLine().orElse("").contains("kafka.Kafka"))
        .findFirst().orElseThrow();

    launcher.destroyForcibly(); // SIGKILL: no shutdown hook runs
    launcher.waitFor(10, TimeUnit.SECONDS);
    broker.onExit().get(15, TimeUnit.SECONDS); // the broker's watchdog noticed its owner is gone

    // What the dead JVM left behind goes at the next start of a session under the same root.
    assertEquals(1, sessionsIn(workDir).size());
    StaleSessionReaper.reap(workDir);
    assertEquals(List.of(), sessionsIn(workDir));
  }

  private Process startLauncher(String... options) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", launcherClasspath(), LocalKafka.class.getName(), "--work-dir", workDir.toString()));
    command.addAll(List.of(options));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static String launcherClasspath() throws IOException {
    Path recorded = Path.of("target", "classpath.txt");
    String dependencies = Files.isRegularFile(recorded)
        ? Files.readString(recorded).strip()
        : System.getProperty("java.class.path");
    return Path.of("target", "classes").toAbsolutePath() + File.pathSeparator + dependencies;
  }

  /** The KEY=value lines LocalKafka prints, up to and including BOOTSTRAP. */
  private static Map<String, String> readUntilBootstrap(Process process) throws Exception {
    BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Map<String, String>> lines = CompletableFuture.supplyAsync(() -> {
      Map<String, String> values = new LinkedHashMap<>();
      try {
        for (String line; (line = stdout.readLine()) != null; ) {
          int equals = line.indexOf('=');
          if (equals > 0) {
            values.put(line.substring(0, equals), line.substring(equals + 1));
          }
          if (line.startsWith("LOG=")) {
            return values;
          }
        }
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
      throw new IllegalStateException("LocalKafka ended without printing BOOTSTRAP: " + values);
    });
    return lines.get(120, TimeUnit.SECONDS);
  }

  private static List<Path> sessionsIn(Path root) throws IOException {
    try (Stream<Path> children = Files.list(root)) {
      return children.filter(path -> path.getFileName().toString().startsWith(Workspace.SESSION_PREFIX)).toList();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

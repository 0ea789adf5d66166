package io.rdkafka.testkit;

import io.rdkafka.testkit.internal.BrokerWatchdog;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Starts the JVMs of a cluster: {@code kafka.tools.StorageTool format}, then {@code kafka.Kafka}. */
final class BrokerLauncher {
  static final String BROKER_MAIN = StaleSessionReaper.BROKER_MAIN_CLASS;
  private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
  private static final List<String> TOOL_JVM_OPTIONS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
  private final String classpath;
  private final List<String> jvmOptions;
  private final ClassDataSharing cds;
  private final Path brokerLog4j;
  private final Path toolLog4j;

  BrokerLauncher(Path root, Path clusterDir, List<String> jvmOptions) throws IOException {
    List<Path> entries = new ArrayList<>(BrokerClasspath.resolve());
    entries.add(watchdogJar(root));
    this.classpath = String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    this.jvmOptions = jvmOptions;
    this.cds = ClassDataSharing.forClasspath(root, entries);
    this.brokerLog4j = clusterDir.resolve("log4j2-broker.properties");
    this.toolLog4j = clusterDir.resolve("log4j2-tool.properties");
    BrokerConfig.writeBrokerLog4j(brokerLog4j);
    BrokerConfig.writeToolLog4j(toolLog4j);
  }

  ClassDataSharing cds() {
    return cds;
  }

  /** Formats the storage of all nodes at once (one JVM each), as KRaft requires before the first start. */
  void format(List<BrokerNode> nodes, String clusterId, List<String> extraArguments, Duration timeout)
      throws IOException {
    List<Process> processes = new ArrayList<>();
    for (BrokerNode node : nodes) {
      List<String> command = new ArrayList<>(List.of(java.toString()));
      command.addAll(TOOL_JVM_OPTIONS);
      command.addAll(cds.toolOptions());
      command.addAll(commonJvmOptions(toolLog4j));
      command.addAll(List.of(STORAGE_TOOL, "format",
          "--cluster-id", clusterId, "--config", node.configFile().toString()));
      command.addAll(extraArguments);
      processes.add(processBuilder(command)
          .directory(node.dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(node.formatLogFile().toFile())
          .start());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < nodes.size(); i++) {
      Process process = processes.get(i);
      BrokerNode node = nodes.get(i);
      try {
        if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          processes.forEach(Process::destroyForcibly);
          throw new IOException("formatting the storage of " + node + " took over " + timeout.toSeconds() + " s");
        }
      } catch (InterruptedException e) {
        processes.forEach(Process::destroyForcibly);
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while formatting storage", e);
      }
      if (process.exitValue() != 0) {
        throw new IOException("formatting the storage of " + node + " failed (exit " + process.exitValue() + "):\n"
            + FileTree.tail(node.formatLogFile(), 40));
      }
    }
  }

  /** Starts the node's broker JVM; stdout and stderr are appended to its broker.log. */
  Process start(BrokerNode node) throws IOException {
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(jvmOptions);
    command.addAll(cds.brokerOptions(node));
    command.addAll(commonJvmOptions(brokerLog4j));
    command.addAll(List.of(BrokerWatchdog.class.getName(),
        Long.toString(ProcessHandle.current().pid()), BROKER_MAIN, node.configFile().toString()));
    Files.writeString(node.logFile(), "# testkit: CLASSPATH=" + classpath + " " + String.join(" ", command) + "\n",
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return processBuilder(command)
        .directory(node.dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(node.logFile().toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
        .start();
  }

  /**
   * The classpath goes in the environment, not on the command line: Linux exposes only the first 4 KiB of a
   * command line to ProcessHandle, and the leftover check must see the main class, which comes after it.
   */
  private ProcessBuilder processBuilder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("CLASSPATH", classpath);
    return builder;
  }

  private static List<String> commonJvmOptions(Path log4jConfig) {
    // No --enable-native-access: the JDK's CDS archive was dumped without it, and the JVM would then report
    // a CDS error at every start. The compression codecs' one-time native access warning is harmless.
    List<String> options = new ArrayList<>(List.of(
        "-XX:-UsePerfData",
        "-Djava.awt.headless=true",
        "-Dlog4j2.configurationFile=" + log4jConfig));
    if (Runtime.version().feature() >= 23) {
      // Kafka and its libraries still use sun.misc.Unsafe memory access; allow it without a warning.
      options.add("--sun-misc-unsafe-memory-access=allow");
    }
    return options;
  }

  private static File nullDevice() {
    return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
  }

  /**
   * A jar holding only {@link BrokerWatchdog}, named after its content: the broker classpath then has no
   * directory (which would defeat class data sharing) wherever the test kit's own classes come from.
   */
  private static Path watchdogJar(Path root) throws IOException {
    String entryName = BrokerWatchdog.class.getName().replace('.', '/') + ".class";
    byte[] classBytes;
    try (InputStream in = BrokerWatchdog.class.getResourceAsStream("/" + entryName)) {
      if (in == null) {
        throw new IOException("cannot read " + entryName);
      }
      classBytes = in.readAllBytes();
    }
    Path jar = root.resolve("lib").resolve("testkit-watchdog-" + sha256(classBytes) + ".jar");
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    Files.createDirectories(jar.getParent());
    Path partial = Files.createTempFile(jar.getParent(), "watchdog-", ".tmp");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
    try (OutputStream file = Files.newOutputStream(partial);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry(entryName));
      out.write(classBytes);
      out.closeEntry();
    }
    try {
      Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException raced) {
      Files.deleteIfExists(partial);
    }
    return jar;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.rdkafka.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Kafka node: its ports, directory and, while it runs, its process. */
final class BrokerNode {
  static final String HOST = "127.0.0.1";

  final int id;
  /** Whether the node is also a KRaft controller (a voter of the metadata quorum). */
  final boolean controller;
  final Path dir;
  final int controllerPort;
  private final Map<ListenerKind, Integer> ports;
  private Process process;

  BrokerNode(int id, boolean controller, Path dir, int controllerPort, Map<ListenerKind, Integer> ports) {
    this.id = id;
    this.controller = controller;
    this.dir = dir;
    this.controllerPort = controllerPort;
    this.ports = Map.copyOf(ports);
  }

  Path dataDir() {
    return dir.resolve("data");
  }

  Path configFile() {
    return dir.resolve("server.properties");
  }

  Path logFile() {
    return dir.resolve("broker.log");
  }

  Path formatLogFile() {
    return dir.resolve("format.log");
  }

  Path pidFile() {
    return dir.resolve(StaleSessionReaper.BROKER_PID_FILE);
  }

  int port(ListenerKind kind) {
    Integer port = ports.get(kind);
    if (port == null) {
      throw new IllegalArgumentException("the cluster has no " + kind + " listener; add it with listeners(...)");
    }
    return port;
  }

  Map<ListenerKind, Integer> ports() {
    return ports;
  }

  String address(ListenerKind kind) {
    return HOST + ":" + port(kind);
  }

  synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  synchronized Process process() {
    return process;
  }

  synchronized void started(Process started) throws IOException {
    this.process = started;
    Files.writeString(pidFile(), started.pid() + "\n");
  }

  /** SIGKILL: no controlled shutdown, no flush. */
  synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(30));
    }
  }

  /** SIGTERM, which makes Kafka shut down in order; SIGKILL if that takes longer than {@code timeout}. */
  synchronized boolean stop(Duration timeout) {
    if (process == null) {
      return true;
    }
    process.destroy();
    if (awaitExit(timeout)) {
      return true;
    }
    kill();
    return false;
  }

  private boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  @Override
  public String toString() {
    return "broker " + id + " (" + address(ListenerKind.PLAINTEXT) + ")";
  }
}

package io.rdkafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleSessionReaperTest {
  @TempDir Path root;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killProcesses() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void killsTheBrokersOfADeadOwnerAndDeletesItsSession() throws Exception {
    Process broker = start(List.of(java(), "-XX:TieredStopAtLevel=1", "-cp", testClasses(),
        FakeBroker.class.getName(), "kafka.Kafka", "server.properties"));
    Path session = session("session-1-dead", deadPid(), broker.pid());

    assertEquals(List.of(session), StaleSessionReaper.reap(root));
    assertTrue(broker.waitFor(10, TimeUnit.SECONDS), "the leftover broker was not killed");
    assertFalse(Files.exists(session));
  }

  @Test
  void sparesAProcessThatIsNotKafkaEvenInAStaleSession() throws Exception {
    Process unrelated = start(List.of("sleep", "60"));
    Path session = session("session-2-dead", deadPid(), unrelated.pid());

    assertEquals(List.of(session), StaleSessionReaper.reap(root));
    assertTrue(unrelated.isAlive(), "a process that merely reused a broker's pid was killed");
    assertFalse(Files.exists(session));
  }

  @Test
  void keepsSessionsOfLiveJvms() throws Exception {
    ProcessHandle self = ProcessHandle.current();
    Path session = Files.createDirectories(root.resolve("session-3-live"));
    Files.writeString(session.resolve(Workspace.OWNER_FILE), "pid=" + self.pid() + "\nstart="
        + self.info().startInstant().orElseThrow().toEpochMilli() + "\n");
    Path fresh = Files.createDirectories(root.resolve("session-4-being-created")); // no owner file yet
    Path unrelated = Files.createDirectories(root.resolve("tls"));

    assertEquals(List.of(), StaleSessionReaper.reap(root));
    assertTrue(Files.exists(session));
    assertTrue(Files.exists(fresh));
    assertTrue(Files.exists(unrelated));
  }

  @Test
  void aRecycledOwnerPidDoesNotKeepASessionAlive() throws Exception {
    // Our own pid, but a different start time: the owner died and its pid went to another process.
    Path session = Files.createDirectories(root.resolve("session-5-recycled"));
    Files.writeString(session.resolve(Workspace.OWNER_FILE),
        "pid=" + ProcessHandle.current().pid() + "\nstart=1000\n");
    assertEquals(List.of(session), StaleSessionReaper.reap(root));
  }

  private Path session(String name, long ownerPid, long brokerPid) throws IOException {
    Path session = Files.createDirectories(root.resolve(name));
    Files.writeString(session.resolve(Workspace.OWNER_FILE), "pid=" + ownerPid + "\nstart=0\n");
    Path node = Files.createDirectories(session.resolve("cluster-1/node-1/data"));
    Files.writeString(node.resolveSibling(StaleSessionReaper.BROKER_PID_FILE), brokerPid + "\n");
    return session;
  }

  /** The pid of a process that has exited. */
  private long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }

  private Process start(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    started.add(process);
    return process;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String testClasses() throws Exception {
    return Path.of(FakeBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}

package io.rdkafka.testkit.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of every broker JVM: halts the broker as soon as the JVM that started it is gone, so that a
 * test JVM killed with SIGKILL (a Surefire timeout, say) leaves no broker behind, then runs the real main
 * class.
 *
 * <p>Arguments: {@code <owner pid> <main class> <main arguments...>}. Depends on java.base only: the test kit
 * copies this one class into a jar of its own for the broker classpath.
 */
public final class BrokerWatchdog {
  private static final long POLL_MILLIS = 500;

  private BrokerWatchdog() {}

  public static void main(String[] args) throws Throwable {
    if (args.length < 2) {
      System.err.println("usage: BrokerWatchdog <owner pid> <main class> [arguments...]");
      System.exit(2);
    }
    long ownerPid = Long.parseLong(args[0]);
    // ProcessHandle.isAlive also compares the start time, so a recycled pid does not count as the owner.
    Optional<ProcessHandle> owner = ProcessHandle.of(ownerPid);
    if (owner.isEmpty() || !owner.get().isAlive()) {
      System.err.println("testkit watchdog: owner JVM " + ownerPid + " is not running; not starting");
      System.exit(3);
    }
    Thread watchdog = new Thread(() -> watch(owner.get()), "testkit-owner-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    try {
      Class.forName(args[1])
          .getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void watch(ProcessHandle owner) {
    while (owner.isAlive()) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
    System.err.println("testkit watchdog: owner JVM " + owner.pid() + " is gone; halting the broker");
    Runtime.getRuntime().halt(3);
  }
}

package io.rdkafka.cli;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGINT and SIGTERM for the long-running tools: the first one asks for a clean stop (the tool finishes
 * its work: commits, leaves the group, flushes), the second one exits at once with status 1, as the C
 * examples do. Uses {@code sun.misc.Signal} so that a clean stop ends with the tool's own exit status
 * (0), not the 130/143 a shutdown hook would give; falls back to a shutdown hook where that is refused
 * (for instance when the shell started us with SIGINT ignored).
 */
final class Signals {
    private Signals() {
    }

    private static final AtomicInteger RECEIVED = new AtomicInteger();
    private static volatile Runnable onStop = () -> { };
    private static final java.util.concurrent.CountDownLatch DONE = new java.util.concurrent.CountDownLatch(1);
    private static volatile int doneStatus;

    /** Installs the handlers; {@code stop} runs (on a signal thread) at the first signal. */
    static void install(Runnable stop) {
        onStop = stop;
        boolean hooked = false;
        for (String name : new String[]{"INT", "TERM"}) {
            if (!handle(name) && !hooked) {
                hooked = true;
                hookFallback();
            }
        }
    }

    /**
     * {@code sun.misc.Signal.handle(new Signal(name), handler)}, reflectively (jdk.unsupported, no compile-time
     * dependency). False when the signal cannot be handled, e.g. it was ignored when the JVM started.
     */
    private static boolean handle(String name) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object sig = signal.getConstructor(String.class).newInstance(name);
            Object h = java.lang.reflect.Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[]{handler},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            received(name);
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "SignalHandler[" + name + "]";
                        };
                    });
            signal.getMethod("handle", signal, handler).invoke(null, sig, h);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void received(String name) {
        if (RECEIVED.incrementAndGet() == 1) {
            try {
                onStop.run();
            } catch (Throwable t) {
                System.err.println("% error while stopping: " + t);
            }
        } else {
            System.out.flush();
            System.err.println("% Second SIG" + name + ": exiting at once");
            Runtime.getRuntime().halt(1);
        }
    }

    /** JVM shutdown started by a signal we could not handle: stop cleanly, then exit with the tool's status. */
    private static void hookFallback() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (DONE.getCount() == 0) return;
            if (RECEIVED.incrementAndGet() == 1) onStop.run();
            try {
                if (DONE.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    System.out.flush();
                    Runtime.getRuntime().halt(doneStatus);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rdkafka-cli-shutdown"));
    }

    /** Sleeps, returning early when a stop is asked for. */
    static void sleepUnlessStopped(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!stopRequested() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(deadline - System.nanoTime(), 50_000_000));
        }
    }

    /** Whether a stop was asked for. */
    static boolean stopRequested() {
        return RECEIVED.get() > 0;
    }

    /** The tool has finished cleaning up with {@code status} (lets a fallback shutdown hook end the JVM). */
    static void done(int status) {
        doneStatus = status;
        DONE.countDown();
    }
}

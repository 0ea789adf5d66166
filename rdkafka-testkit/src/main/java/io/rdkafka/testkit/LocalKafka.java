package io.rdkafka.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a single-node Kafka cluster until stdin closes or the process gets SIGTERM/SIGINT, then stops it and
 * deletes its data. Prints {@code BOOTSTRAP=127.0.0.1:<port>} on stdout once the broker is ready (and {@code
 * BOOTSTRAP_<LISTENER>=...} for extra listeners, {@code CA_CERT=...} with TLS).
 *
 * <pre>
 * java -cp rdkafka-testkit/target/classes:$(cat rdkafka-testkit/target/classpath.txt) io.rdkafka.testkit.LocalKafka \
 *     [--port N] [--partitions N] [--topic name[:partitions]]... [--listener SSL|SASL_PLAINTEXT|SASL_SSL|OAUTHBEARER]...
 *     [--work-dir DIR] [--ignore-stdin]
 * </pre>
 *
 * Without {@code --port} the PLAINTEXT listener uses 9092 when free, else any free port. Stdin that is
 * {@code /dev/null} (a background job of a script) is not watched.
 */
public final class LocalKafka {
  private static final int DEFAULT_PORT = 9092;

  private LocalKafka() {}

  /**
   * Starts the cluster and runs until stdin closes or the process is asked to stop.
   *
   * @param args the options above
   * @throws Exception when the cluster cannot start
   */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("LocalKafka: " + e.getMessage());
      System.err.println("usage: LocalKafka [--port N] [--partitions N] [--topic name[:partitions]]... "
          + "[--listener KIND]... [--work-dir DIR] [--ignore-stdin]");
      System.exit(2);
      return;
    }

    KafkaCluster.Builder builder = KafkaCluster.builder()
        .plaintextPort(options.port != 0 ? options.port : (isFree(DEFAULT_PORT) ? DEFAULT_PORT : 0))
        .listeners(options.listeners.toArray(ListenerKind[]::new))
        .brokerConfig("num.partitions", Integer.toString(options.partitions));
    if (options.workDir != null) {
      builder.workDir(options.workDir);
    }
    KafkaCluster cluster = builder.start();

    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      cluster.close();
    }, "local-kafka-stop");
    Runtime.getRuntime().addShutdownHook(hook);

    options.topics.forEach((topic, partitions) -> cluster.createTopic(topic, partitions, 1));
    System.out.println("BOOTSTRAP=" + cluster.bootstrapServers());
    for (ListenerKind kind : cluster.listeners()) {
      if (kind != ListenerKind.PLAINTEXT) {
        System.out.println("BOOTSTRAP_" + kind.name() + "=" + cluster.bootstrapServers(kind));
      }
    }
    if (cluster.listeners().stream().anyMatch(ListenerKind::usesTls)) {
      System.out.println("CA_CERT=" + cluster.caCertPemPath());
    }
    System.out.println("LOG=" + cluster.logFile(1));
    System.out.flush();

    if (!options.ignoreStdin && !stdinIsNullDevice()) {
      Thread stdinWatcher = new Thread(() -> {
        try {
          while (System.in.read() != -1) {
            // Input is ignored; only its end matters.
          }
        } catch (IOException closed) {
          // Same as end of input.
        }
        stop.countDown();
      }, "local-kafka-stdin");
      stdinWatcher.setDaemon(true);
      stdinWatcher.start();
    }
    stop.await();
    // Reached on end of stdin; on a signal the hook is already closing the cluster.
    cluster.close();
    System.exit(0);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(BrokerNode.HOST))) {
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }

  private static boolean stdinIsNullDevice() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString().equals("/dev/null");
    } catch (IOException | UnsupportedOperationException notLinux) {
      return false;
    }
  }

  private static final class Options {
    int port;
    int partitions = 1;
    final Map<String, Integer> topics = new LinkedHashMap<>();
    final List<ListenerKind> listeners = new ArrayList<>();
    Path workDir;
    boolean ignoreStdin;

    static Options parse(String[] args) {
      Options options = new Options();
      List<String> topicSpecs = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--port" -> options.port = parseInt(arg, value(args, ++i, arg));
          case "--partitions" -> options.partitions = parseInt(arg, value(args, ++i, arg));
          case "--topic" -> topicSpecs.add(value(args, ++i, arg));
          case "--listener" -> {
            String kind = value(args, ++i, arg);
            try {
              options.listeners.add(ListenerKind.valueOf(kind));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("unknown listener " + kind);
            }
          }
          case "--work-dir" -> options.workDir = Path.of(value(args, ++i, arg));
          case "--ignore-stdin" -> options.ignoreStdin = true;
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      // After the loop: a topic without a count gets --partitions wherever that option appears.
      for (String spec : topicSpecs) {
        int colon = spec.lastIndexOf(':');
        if (colon < 0) {
          options.topics.put(spec, options.partitions);
        } else {
          options.topics.put(spec.substring(0, colon), parseInt("--topic", spec.substring(colon + 1)));
        }
      }
      return options;
    }

    private static String value(String[] args, int index, String option) {
      if (index >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[index];
    }

    private static int parseInt(String option, String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " takes a number, not " + value);
      }
    }
  }
}

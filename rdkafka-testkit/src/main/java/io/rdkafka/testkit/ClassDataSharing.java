package io.rdkafka.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A dynamic CDS archive of the broker's classes, which cuts a broker's start roughly in half (about 3 s to
 * 1.5 s). The archive is named after the JVM and the classpath (files, sizes, times), since the JVM rejects it
 * when either changes. While it is missing, one broker at a time records it at exit
 * ({@code -XX:ArchiveClassesAtExit}) into a private file that is renamed into place only once complete, so
 * concurrent test JVMs never see half an archive. Disable with {@code -Drdkafka.testkit.cds=false}.
 */
final class ClassDataSharing {
  private static final Map<Path, ClassDataSharing> byArchive = new ConcurrentHashMap<>();
  private static final int ARCHIVES_KEPT = 4;

  private final Path archive;
  private final boolean enabled;
  private BrokerNode recorder;
  private Path recording;

  private ClassDataSharing(Path archive, boolean enabled) {
    this.archive = archive;
    this.enabled = enabled;
  }

  static ClassDataSharing forClasspath(Path root, List<Path> classpath) {
    // A directory on the classpath (a fallback classpath with target/classes) keeps the JVM from archiving.
    boolean enabled = !"false".equalsIgnoreCase(System.getProperty("rdkafka.testkit.cds"))
        && classpath.stream().allMatch(Files::isRegularFile);
    Path archive = root.resolve("cds").resolve("kafka-" + fingerprint(classpath) + ".jsa");
    return byArchive.computeIfAbsent(archive, path -> new ClassDataSharing(path, enabled));
  }

  /** Options for a broker JVM: use the archive, or record it if missing and no other broker is. */
  synchronized List<String> brokerOptions(BrokerNode node) {
    if (!enabled) {
      return List.of();
    }
    if (Files.isRegularFile(archive)) {
      return List.of("-XX:SharedArchiveFile=" + archive);
    }
    if (recorder != null) {
      return List.of();
    }
    try {
      Files.createDirectories(archive.getParent());
    } catch (IOException e) {
      return List.of();
    }
    recorder = node;
    recording = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    return List.of("-XX:ArchiveClassesAtExit=" + recording);
  }

  /** Options for a short-lived tool JVM (storage format): only ever reads the archive. */
  List<String> toolOptions() {
    return enabled && Files.isRegularFile(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
  }

  synchronized boolean isRecording(BrokerNode node) {
    return recorder == node;
  }

  /** Publishes the archive the exited broker recorded; after a kill there is none, and another broker may try. */
  synchronized void brokerExited(BrokerNode node) {
    if (recorder != node) {
      return;
    }
    try {
      if (Files.isRegularFile(recording) && Files.size(recording) > 0) {
        Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        pruneOldArchives();
      }
      Files.deleteIfExists(recording);
    } catch (IOException e) {
      System.err.println("testkit: could not install the CDS archive " + archive + ": " + e);
    } finally {
      recorder = null;
      recording = null;
    }
  }

  /** Each classpath gets its own archive of about 50 MB; keep only the most recently made few. */
  private void pruneOldArchives() throws IOException {
    List<Path> archives;
    try (Stream<Path> files = Files.list(archive.getParent())) {
      archives = files.filter(file -> file.getFileName().toString().endsWith(".jsa"))
          .sorted(Comparator.comparing(ClassDataSharing::modified).reversed())
          .toList();
    }
    for (Path old : archives.subList(Math.min(archives.size(), ARCHIVES_KEPT), archives.size())) {
      Files.deleteIfExists(old);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException gone) {
      return FileTime.fromMillis(0);
    }
  }

  private static String fingerprint(List<Path> classpath) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      StringBuilder text = new StringBuilder()
          .append(System.getProperty("java.home")).append('\n')
          .append(System.getProperty("java.vm.version")).append('\n');
      for (Path entry : classpath) {
        text.append(entry.toAbsolutePath()).append('|');
        try {
          text.append(Files.size(entry)).append('|').append(Files.getLastModifiedTime(entry).toMillis());
        } catch (IOException missing) {
          text.append("missing");
        }
        text.append('\n');
      }
      return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

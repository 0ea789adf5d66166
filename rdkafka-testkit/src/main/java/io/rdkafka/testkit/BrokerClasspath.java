package io.rdkafka.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The jars a broker JVM runs with, from the first of:
 *
 * <ol>
 *   <li>system property {@value #PROPERTY}: a classpath, or {@code @file} naming a file that holds one;
 *   <li>the classpath recorded in this module at build time (resource {@value #RECORDED}), if all its files
 *       still exist: exactly the Kafka server jars plus a logging binding;
 *   <li>this JVM's {@code java.class.path}, with manifest {@code Class-Path} entries expanded (Surefire and
 *       Failsafe may launch tests through a manifest-only jar).
 * </ol>
 */
final class BrokerClasspath {
  static final String PROPERTY = "rdkafka.testkit.classpath";
  private static final String RECORDED = "broker-classpath.txt";

  private static List<Path> resolved;

  private BrokerClasspath() {}

  static synchronized List<Path> resolve() {
    if (resolved == null) {
      List<Path> entries = explicitClasspath();
      if (entries.isEmpty()) {
        entries = recordedClasspath();
      }
      if (entries.isEmpty()) {
        entries = expandManifests(parse(System.getProperty("java.class.path", "")));
        warnIfNoLoggingBinding(entries);
      }
      requireKafka(entries);
      resolved = List.copyOf(entries);
    }
    return resolved;
  }

  private static List<Path> explicitClasspath() {
    String value = System.getProperty(PROPERTY, "").strip();
    if (value.startsWith("@")) {
      try {
        value = Files.readString(Path.of(value.substring(1))).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the classpath file named by -D" + PROPERTY, e);
      }
    }
    return parse(value);
  }

  private static List<Path> recordedClasspath() {
    try (InputStream in = BrokerClasspath.class.getResourceAsStream(RECORDED)) {
      if (in == null) {
        return List.of();
      }
      List<Path> entries = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
      // Built on another machine, or the local repository was cleaned: fall back to java.class.path.
      return entries.stream().allMatch(Files::exists) ? entries : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<Path> parse(String classpath) {
    return Arrays.stream(classpath.split(File.pathSeparator))
        .map(String::strip)
        .filter(entry -> !entry.isEmpty())
        .map(Path::of)
        .toList();
  }

  private static List<Path> expandManifests(List<Path> entries) {
    Set<Path> expanded = new LinkedHashSet<>();
    for (Path entry : entries) {
      expanded.add(entry);
      if (entry.toString().endsWith(".jar") && Files.isRegularFile(entry)) {
        expanded.addAll(manifestClassPath(entry));
      }
    }
    return new ArrayList<>(expanded);
  }

  private static List<Path> manifestClassPath(Path jar) {
    try (JarFile jarFile = new JarFile(jar.toFile())) {
      Manifest manifest = jarFile.getManifest();
      String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (classPath == null) {
        return List.of();
      }
      URI base = jar.toAbsolutePath().toUri();
      List<Path> entries = new ArrayList<>();
      for (String url : classPath.strip().split("\\s+")) {
        entries.add(Path.of(base.resolve(new URI(url))));
      }
      return entries;
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      return List.of();
    }
  }

  /** Kafka logs through SLF4J 1.7; without a binding its log would hold nothing but SLF4J's complaint. */
  private static void warnIfNoLoggingBinding(List<Path> entries) {
    List<String> bindings = List.of("log4j-slf4j-impl", "slf4j-reload4j", "slf4j-simple", "logback-classic");
    boolean bound = entries.stream().map(Path::getFileName).filter(Objects::nonNull)
        .anyMatch(name -> bindings.stream().anyMatch(binding -> name.toString().startsWith(binding)));
    if (!bound) {
      System.err.println("testkit: the broker classpath (java.class.path) has no SLF4J 1.7 binding, so broker logs "
          + "will be empty; add org.apache.logging.log4j:log4j-slf4j-impl or set -D" + PROPERTY);
    }
  }

  private static void requireKafka(List<Path> entries) {
    boolean found = entries.stream().anyMatch(entry ->
        entry.getFileName() != null && entry.getFileName().toString().startsWith("kafka_2.")
            || Files.isRegularFile(entry.resolve("kafka/Kafka.class")));
    if (!found) {
      throw new IllegalStateException("no Kafka server jar (kafka_2.13-*.jar) on the broker classpath " + entries
          + "; add org.apache.kafka:kafka_2.13 to the test classpath or set -D" + PROPERTY + "=<classpath>|@<file>");
    }
  }
}

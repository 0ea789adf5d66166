package io.rdkafka.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Generates {@link TlsMaterial} with the JDK's keytool (run as a process: it offers no in-process API) and
 * the KeyStore API. Each keytool run costs a JVM start, so the result is kept under the work root and reused
 * for a week by every test JVM; the certificates are valid for a month.
 */
final class TlsGenerator {
  static final String PASSWORD = "testkit-secret";
  private static final String DIR_NAME = "tls";
  private static final String COMPLETE_MARKER = "complete";
  private static final Duration REUSE_FOR = Duration.ofDays(7);
  private static final int VALIDITY_DAYS = 30;

  private TlsGenerator() {}

  /** The material under {@code root/tls}, generated now if absent or older than a week. */
  static synchronized TlsMaterial obtain(Path root) {
    Path dir = root.resolve(DIR_NAME);
    try {
      if (!isFresh(dir)) {
        Files.createDirectories(root);
        Path fresh = Files.createTempDirectory(root, "tls-new-");
        generate(fresh);
        install(fresh, dir, root);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot generate TLS material under " + root, e);
    }
    return TlsMaterial.in(dir, PASSWORD);
  }

  private static boolean isFresh(Path dir) throws IOException {
    Path marker = dir.resolve(COMPLETE_MARKER);
    return Files.isRegularFile(marker)
        && Files.getLastModifiedTime(marker).toInstant().isAfter(Instant.now().minus(REUSE_FOR));
  }

  /** Renames the new directory into place; another JVM may win the race, then its material is used. */
  private static void install(Path fresh, Path dir, Path root) throws IOException {
    if (Files.exists(dir)) {
      Path stale = root.resolve(DIR_NAME + "-old-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
      try {
        Files.move(dir, stale, StandardCopyOption.ATOMIC_MOVE);
        FileTree.deleteQuietly(stale);
      } catch (IOException raced) {
        // Another JVM replaced or removed it meanwhile.
      }
    }
    try {
      Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
      FileTree.deleteQuietly(fresh);
      if (!isFresh(dir)) {
        throw new IOException("TLS material at " + dir + " is incomplete", e);
      }
    }
  }

  static void generate(Path dir) throws IOException {
    Path caStore = dir.resolve("ca.p12");
    Path wrongCaStore = dir.resolve("wrong-ca.p12");
    runAll(
        keytool(caStore, "ca", "CN=rdkafka-testkit CA", "-ext", "bc:c", "-ext", "KU=keyCertSign,cRLSign"),
        keytool(wrongCaStore, "wrong-ca", "CN=rdkafka-testkit wrong CA", "-ext", "bc:c"));

    // keytool -signer needs the CA key in the same keystore: sign in copies so both can run at once.
    Path brokerWork = Files.copy(caStore, dir.resolve("broker-work.p12"));
    Path clientWork = Files.copy(caStore, dir.resolve("client-work.p12"));
    runAll(
        keytool(brokerWork, "broker", "CN=localhost,O=rdkafka-testkit", "-signer", "ca",
            "-signerkeypass", PASSWORD, "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
            "-ext", "EKU=serverAuth,clientAuth"),
        keytool(clientWork, "client", "CN=client", "-signer", "ca", "-signerkeypass", PASSWORD,
            "-ext", "EKU=clientAuth"));

    try {
      KeyStore ca = load(caStore);
      writePem(dir.resolve("ca.pem"), "CERTIFICATE", ca.getCertificate("ca").getEncoded());
      writePem(dir.resolve("wrong-ca.pem"), "CERTIFICATE",
          load(wrongCaStore).getCertificate("wrong-ca").getEncoded());

      KeyStore truststore = emptyStore();
      truststore.setCertificateEntry("ca", ca.getCertificate("ca"));
      store(truststore, dir.resolve("truststore.p12"));

      copyKeyEntry(brokerWork, "broker", dir.resolve("broker.p12"));
      KeyStore client = copyKeyEntry(clientWork, "client", dir.resolve("client.p12"));
      writePem(dir.resolve("client.pem"), "CERTIFICATE", client.getCertificate("client").getEncoded());
      PrivateKey clientKey = (PrivateKey) client.getKey("client", PASSWORD.toCharArray());
      writePem(dir.resolve("client.key"), "PRIVATE KEY", clientKey.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot assemble the generated keys", e);
    }
    Files.delete(brokerWork);
    Files.delete(clientWork);
    Files.writeString(dir.resolve(COMPLETE_MARKER), Instant.now() + "\n");
  }

  private static List<String> keytool(Path keystore, String alias, String dname, String... extra) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-J-XX:-UsePerfData",
        "-genkeypair", "-alias", alias, "-dname", dname,
        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", Integer.toString(VALIDITY_DAYS),
        "-keystore", keystore.toString(), "-storetype", "PKCS12",
        "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
    command.addAll(List.of(extra));
    return command;
  }

  @SafeVarargs
  private static void runAll(List<String>... commands) throws IOException {
    List<Process> processes = new ArrayList<>();
    for (List<String> command : commands) {
      processes.add(new ProcessBuilder(command).redirectErrorStream(true).start());
    }
    for (int i = 0; i < processes.size(); i++) {
      Process process = processes.get(i);
      String output;
      try (InputStream out = process.getInputStream()) {
        output = new String(out.readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while running keytool", e);
      }
      if (process.exitValue() != 0) {
        throw new IOException("keytool failed (" + process.exitValue() + "): " + String.join(" ", commands[i])
            + "\n" + output);
      }
    }
  }

  private static KeyStore copyKeyEntry(Path from, String alias, Path to)
      throws IOException, GeneralSecurityException {
    KeyStore source = load(from);
    Certificate[] chain = source.getCertificateChain(alias);
    KeyStore target = emptyStore();
    target.setKeyEntry(alias, source.getKey(alias, PASSWORD.toCharArray()), PASSWORD.toCharArray(), chain);
    store(target, to);
    return target;
  }

  private static KeyStore load(Path path) throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(path)) {
      keyStore.load(in, PASSWORD.toCharArray());
    }
    return keyStore;
  }

  private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    return keyStore;
  }

  private static void store(KeyStore keyStore, Path path) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(path)) {
      keyStore.store(out, PASSWORD.toCharArray());
    }
  }

  private static void writePem(Path path, String type, byte[] der) throws IOException {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    Files.writeString(path, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
  }
}

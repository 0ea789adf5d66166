package io.rdkafka.kafka.config;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;

/**
 * Java's key and trust stores (JKS, PKCS12, PEM) as librdkafka's PEM files: the key store's private key and
 * certificate chain become {@code ssl.key.location} and {@code ssl.certificate.location}, the trust store's
 * certificates {@code ssl.ca.location}. Files are written with owner-only permissions and deleted when the client
 * closes (and at JVM exit).
 */
final class SslStores {
    private SslStores() {
    }

    /** Key store settings as kafka-clients parsed them (null when not set). */
    record KeyStoreConf(String type, String location, Password password, Password keyPassword, Password chain,
                        Password key) {
    }

    /** Trust store settings as kafka-clients parsed them (null when not set). */
    record TrustStoreConf(String type, String location, Password password, Password certificates) {
    }

    static void keyStore(KeyStoreConf k, Translation t) {
        String type = k.type() == null ? "JKS" : k.type().toUpperCase(Locale.ROOT);
        if (type.equals("PEM")) {
            if (k.location() != null) {
                t.put("ssl.key.location", k.location());
                t.put("ssl.certificate.location", k.location());
            } else if (k.chain() != null && k.key() != null) {
                t.put("ssl.certificate.location", write(t, "cert", k.chain().value()).toString());
                t.put("ssl.key.location", write(t, "key", k.key().value()).toString());
            } else {
                throw new ConfigException("ssl.keystore.type", "PEM", "a PEM key store needs ssl.keystore.location, "
                        + "or ssl.keystore.certificate.chain and ssl.keystore.key");
            }
            if (k.keyPassword() != null) t.put("ssl.key.password", k.keyPassword().value());
            return;
        }
        if (k.location() == null) return;
        KeyStore ks = load(type, k.location(), k.password(), "ssl.keystore.location");
        char[] keyPass = k.keyPassword() != null ? k.keyPassword().value().toCharArray()
                : k.password() != null ? k.password().value().toCharArray() : new char[0];
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (!ks.isKeyEntry(alias)) continue;
                Key key = ks.getKey(alias, keyPass);
                if (!(key instanceof PrivateKey pk)) continue;
                Certificate[] chain = ks.getCertificateChain(alias);
                StringBuilder certs = new StringBuilder();
                for (Certificate c : chain) certs.append(pem("CERTIFICATE", c.getEncoded()));
                t.put("ssl.key.location", write(t, "key", pem("PRIVATE KEY", pk.getEncoded())).toString());
                t.put("ssl.certificate.location", write(t, "cert", certs.toString()).toString());
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigException("ssl.keystore.location", k.location(), "cannot read the private key (check "
                    + "ssl.key.password): " + e.getMessage());
        }
        throw new ConfigException("ssl.keystore.location", k.location(), "the key store has no private key entry");
    }

    static void trustStore(TrustStoreConf s, Translation t) {
        String type = s.type() == null ? "JKS" : s.type().toUpperCase(Locale.ROOT);
        if (type.equals("PEM")) {
            if (s.location() != null) t.put("ssl.ca.location", s.location());
            else if (s.certificates() != null) {
                t.put("ssl.ca.location", write(t, "ca", s.certificates().value()).toString());
            }
            return;
        }
        if (s.location() == null) return;
        KeyStore ks = load(type, s.location(), s.password(), "ssl.truststore.location");
        StringBuilder certs = new StringBuilder();
        try {
            for (String alias : Collections.list(ks.aliases())) {
                Certificate c = ks.getCertificate(alias);
                if (c != null) certs.append(pem("CERTIFICATE", c.getEncoded()));
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigException("ssl.truststore.location", s.location(), "cannot read the certificates: "
                    + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw new ConfigException("ssl.truststore.location", s.location(), "the trust store has no certificate");
        }
        t.put("ssl.ca.location", write(t, "ca", certs.toString()).toString());
    }

    private static KeyStore load(String type, String location, Password password, String property) {
        if (!type.equals("JKS") && !type.equals("PKCS12")) {
            throw new ConfigException(property.replace("location", "type"), type, "librdkafka reads JKS, PKCS12 "
                    + "and PEM stores through this module; convert the store to one of them");
        }
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password == null ? null : password.value().toCharArray());
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(property, location, "cannot load the " + type + " store: " + e.getMessage());
        }
    }

    static String pem(String what, byte[] der) {
        return "-----BEGIN " + what + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + what + "-----\n";
    }

    private static Path write(Translation t, String what, String content) {
        try {
            Path p;
            try {
                p = Files.createTempFile("rdkafka-" + what + "-", ".pem",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) { // not a POSIX file system
                p = Files.createTempFile("rdkafka-" + what + "-", ".pem");
            }
            p.toFile().deleteOnExit();
            t.file(p);
            Files.writeString(p, content, StandardCharsets.US_ASCII);
            return p;
        } catch (IOException e) {
            throw new org.apache.kafka.common.KafkaException("cannot write the " + what + " PEM file for librdkafka", e);
        }
    }
}

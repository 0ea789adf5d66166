package io.rdkafka.kafka.config;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.clients.consumer.StickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** kafka-clients' property names as librdkafka's. */
class ConfigTranslatorTest {
    static Map<String, Object> producerBase() {
        Map<String, Object> m = new HashMap<>();
        m.put("bootstrap.servers", "localhost:9092, localhost:9093");
        m.put("key.serializer", StringSerializer.class);
        m.put("value.serializer", StringSerializer.class);
        return m;
    }

    static Map<String, Object> consumerBase() {
        Map<String, Object> m = new HashMap<>();
        m.put("bootstrap.servers", List.of("localhost:9092"));
        m.put("key.deserializer", StringDeserializer.class);
        m.put("value.deserializer", StringDeserializer.class.getName());
        m.put("group.id", "g");
        return m;
    }

    static Translation producer(Map<String, Object> m) {
        return ConfigTranslator.producer(new ProducerConfig(m));
    }

    static Translation consumer(Map<String, Object> m) {
        return ConfigTranslator.consumer(new ConsumerConfig(m));
    }

    @Test
    void producerDefaultsAreKafkaClients() {
        Map<String, String> p = producer(producerBase()).librdkafka();
        assertEquals("localhost:9092,localhost:9093", p.get("bootstrap.servers"));
        assertEquals("true", p.get("enable.idempotence"));
        assertEquals("-1", p.get("acks")); // kafka-clients normalizes "all"
        assertEquals("murmur2_random", p.get("partitioner"));
        assertEquals("120000", p.get("delivery.timeout.ms"));
        assertEquals("1048576", p.get("message.max.bytes"));
        assertTrue(p.get("client.id").startsWith("producer-"), p.get("client.id"));
        assertEquals("1000", p.get("statistics.interval.ms"));
    }

    @Test
    void producerNamesTranslate() {
        Map<String, Object> m = producerBase();
        m.put("buffer.memory", 64L * 1024 * 1024);
        m.put("linger.ms", 20);
        m.put("batch.size", 0);
        m.put("acks", "1");
        m.put("max.block.ms", 1234);
        m.put("compression.type", "zstd");
        m.put("compression.zstd.level", 7);
        m.put("send.buffer.bytes", -1);
        Translation t = producer(m);
        Map<String, String> p = t.librdkafka();
        assertEquals("65536", p.get("queue.buffering.max.kbytes"));
        assertEquals("20", p.get("linger.ms"));
        assertEquals("1", p.get("batch.num.messages"));
        assertEquals("1", p.get("acks"));
        assertEquals("false", p.get("enable.idempotence"), "kafka-clients turns its default idempotence off for acks=1");
        assertEquals("zstd", p.get("compression.type"));
        assertEquals("7", p.get("compression.level"));
        assertEquals("0", p.get("socket.send.buffer.bytes"));
        assertEquals(1234, t.maxBlock().toMillis());
    }

    @Test
    void deliveryTimeoutBelowLingerPlusRequestTimeoutIsRefusedAsKafkaProducer() {
        Map<String, Object> m = producerBase();
        m.put("delivery.timeout.ms", 1000);
        m.put("linger.ms", 500);
        m.put("request.timeout.ms", 1000);
        ConfigException e = assertThrows(ConfigException.class, () -> producer(m));
        assertTrue(e.getMessage().contains("delivery.timeout.ms"));
    }

    @Test
    void consumerDefaultsAreKafkaClients() {
        Translation t = consumer(consumerBase());
        Map<String, String> c = t.librdkafka();
        assertEquals("read_uncommitted", c.get("isolation.level"));
        assertEquals("latest", c.get("auto.offset.reset"));
        assertEquals("range", c.get("partition.assignment.strategy"), "kafka-clients' default list rebalances eagerly");
        assertEquals("true", c.get("check.crcs"));
        assertEquals("true", c.get("allow.auto.create.topics"));
        assertTrue(c.get("client.id").startsWith("consumer-g-"), c.get("client.id"));
        assertEquals(500, t.maxPollRecords());
        assertEquals(60_000, t.defaultApiTimeout().toMillis());
    }

    @Test
    void consumerNamesTranslate() {
        Map<String, Object> m = consumerBase();
        m.put("fetch.max.wait.ms", 250);
        m.put("max.poll.records", 42);
        m.put("auto.offset.reset", "none");
        m.put("isolation.level", "read_committed");
        m.put("partition.assignment.strategy", List.of(CooperativeStickyAssignor.class));
        m.put("request.timeout.ms", 20_000);
        m.put("default.api.timeout.ms", 7000);
        Translation t = consumer(m);
        Map<String, String> c = t.librdkafka();
        assertEquals("250", c.get("fetch.wait.max.ms"));
        assertEquals("error", c.get("auto.offset.reset"));
        assertEquals("read_committed", c.get("isolation.level"));
        assertEquals("cooperative-sticky", c.get("partition.assignment.strategy"));
        assertEquals("20000", c.get("socket.timeout.ms"));
        assertEquals(42, t.maxPollRecords());
        assertEquals(7000, t.defaultApiTimeout().toMillis());
    }

    @Test
    void assignorsMapByClass() {
        Map<String, Object> m = consumerBase();
        m.put("partition.assignment.strategy", List.of(RoundRobinAssignor.class.getName(), RangeAssignor.class.getName()));
        assertEquals("roundrobin,range", consumer(m).librdkafka().get("partition.assignment.strategy"));
        m.put("partition.assignment.strategy", List.of(StickyAssignor.class));
        ConfigException e = assertThrows(ConfigException.class, () -> consumer(m));
        assertTrue(e.getMessage().contains("partition.assignment.strategy") && e.getMessage().contains("CooperativeSticky"),
                e.getMessage());
    }

    @Test
    void jaasConfigBecomesSaslCredentials() {
        Map<String, Object> m = consumerBase();
        m.put("security.protocol", "SASL_SSL");
        m.put("sasl.mechanism", "SCRAM-SHA-512");
        m.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"alice\" password=\"s3cr\\\"et\";");
        Map<String, String> c = consumer(m).librdkafka();
        assertEquals("sasl_ssl", c.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", c.get("sasl.mechanism"));
        assertEquals("alice", c.get("sasl.username"));
        assertEquals("s3cr\"et", c.get("sasl.password"));
    }

    @Test
    void unsecuredOauthbearerJaasBecomesLibrdkafkasUnsecuredJwt() {
        Map<String, Object> m = consumerBase();
        m.put("security.protocol", "SASL_PLAINTEXT");
        m.put("sasl.mechanism", "OAUTHBEARER");
        m.put("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                + "unsecuredLoginStringClaim_sub=\"bob\" unsecuredLoginListClaim_scope=\",read,write\";");
        Map<String, String> c = consumer(m).librdkafka();
        assertEquals("true", c.get("enable.sasl.oauthbearer.unsecure.jwt"));
        assertEquals("principal=bob scope=read,write", c.get("sasl.oauthbearer.config"));
    }

    @Test
    void unknownLoginModuleAndBrokenJaasAreRefused() {
        Map<String, Object> m = consumerBase();
        m.put("sasl.jaas.config", "com.example.Custom required a=b;");
        assertTrue(assertThrows(ConfigException.class, () -> consumer(m)).getMessage().contains("sasl.jaas.config"));
        m.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a\"");
        assertTrue(assertThrows(ConfigException.class, () -> consumer(m)).getMessage().contains("';'"));
    }

    @Test
    void harmlessNamesAreNotedAndRefusedNamesSayWhatToUse() {
        Map<String, Object> m = producerBase();
        m.put("client.dns.lookup", "use_all_dns_ips");
        m.put("metric.reporters", "");
        Translation t = producer(m);
        assertTrue(t.notes().stream().anyMatch(n -> n.startsWith("metric.reporters")), t.notes().toString());
        m.put("ssl.cipher.suites", "TLS_AES_128_GCM_SHA256");
        ConfigException e = assertThrows(ConfigException.class, () -> producer(m));
        assertTrue(e.getMessage().contains("ssl.cipher.suites") && e.getMessage().contains("OpenSSL"), e.getMessage());
        m.remove("ssl.cipher.suites");
        m.put("sasl.login.callback.handler.class", "com.example.Handler");
        e = assertThrows(ConfigException.class, () -> producer(m));
        assertTrue(e.getMessage().contains("sasl.login.callback.handler.class"), e.getMessage());
    }

    @Test
    void librdkafkaNamesPassAndUnknownNamesStayForSerializers() {
        Map<String, Object> m = producerBase();
        m.put("queue.buffering.max.messages", "5000");
        m.put("schema.registry.url", "http://registry:8081");
        m.put("group.id", "ignored-by-a-producer");
        Map<String, String> p = producer(m).librdkafka();
        assertEquals("5000", p.get("queue.buffering.max.messages"));
        assertFalse(p.containsKey("schema.registry.url"));
        assertFalse(p.containsKey("group.id"));
    }

    @Test
    void pkcs12AndJksStoresBecomePemFiles(@TempDir Path dir) throws Exception {
        Path p12 = dir.resolve("client.p12");
        keytool("-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=client",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "changeit");
        Path jks = dir.resolve("trust.jks");
        Path cert = dir.resolve("client.crt");
        keytool("-exportcert", "-alias", "client", "-keystore", p12.toString(), "-storepass", "changeit", "-rfc",
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", cert.toString(), "-storetype", "JKS",
                "-keystore", jks.toString(), "-storepass", "trustpass");
        Map<String, Object> m = consumerBase();
        m.put("security.protocol", "SSL");
        m.put("ssl.keystore.type", "PKCS12");
        m.put("ssl.keystore.location", p12.toString());
        m.put("ssl.keystore.password", "changeit");
        m.put("ssl.truststore.location", jks.toString());
        m.put("ssl.truststore.password", "trustpass");
        Translation t = consumer(m);
        Path key = Path.of(t.librdkafka().get("ssl.key.location"));
        Path chain = Path.of(t.librdkafka().get("ssl.certificate.location"));
        Path ca = Path.of(t.librdkafka().get("ssl.ca.location"));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(Files.readString(chain).startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(Files.readString(ca).startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        t.deleteFiles();
        assertFalse(Files.exists(key) || Files.exists(chain) || Files.exists(ca));

        m.put("ssl.truststore.password", "wrong");
        ConfigException e = assertThrows(ConfigException.class, () -> consumer(m));
        assertTrue(e.getMessage().contains("ssl.truststore.location"), e.getMessage());
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }
}

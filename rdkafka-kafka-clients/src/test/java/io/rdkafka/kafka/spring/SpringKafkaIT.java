package io.rdkafka.kafka.spring;

import io.rdkafka.kafka.RdKafkaConsumer;
import io.rdkafka.kafka.RdKafkaProducer;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.util.backoff.FixedBackOff;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Spring Kafka (no Spring Boot) through this module: a KafkaTemplate and @KafkaListener over factories that make
 * RdKafkaProducer/RdKafkaConsumer, a transactional template, a dead-letter error handler, and a rebalance while a
 * listener runs, with nothing lost.
 */
@Tag("once") // runs on the system's librdkafka only (bin/test): Spring's wiring over the drop-in; ContractIT covers the drop-in on every version
@KafkaTest
class SpringKafkaIT {
    static final String TOPIC = "spring-in-" + System.nanoTime();
    static final String POISON_TOPIC = "spring-poison-" + System.nanoTime();
    static final String TXN_TOPIC = "spring-txn-" + System.nanoTime();
    static final String ADMIN_TOPIC = "spring-admin-" + System.nanoTime();
    static String bootstrap;
    static AnnotationConfigApplicationContext context;

    @BeforeAll
    static void start(KafkaCluster cluster) {
        bootstrap = cluster.bootstrapServers();
        cluster.createTopic(TOPIC, 2, 1);
        cluster.createTopic(POISON_TOPIC, 1, 1);
        cluster.createTopic(POISON_TOPIC + ".DLT", 1, 1);
        cluster.createTopic(TXN_TOPIC, 1, 1);
        // the listeners' topics, for the placeholders of their @KafkaListener annotations
        System.setProperty("rdkafka.it.topic", TOPIC);
        System.setProperty("rdkafka.it.poison", POISON_TOPIC);
        context = new AnnotationConfigApplicationContext(Config.class);
    }

    @AfterAll
    static void stop() {
        if (context != null) context.close();
    }

    static Map<String, Object> producerConfigs() {
        Map<String, Object> m = new HashMap<>();
        m.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        m.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return m;
    }

    static Map<String, Object> consumerConfigs(String group) {
        Map<String, Object> m = new HashMap<>();
        m.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        m.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        m.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        m.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        m.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
        return m;
    }

    /** The records the listeners received. */
    static class Received {
        final List<ConsumerRecord<String, String>> main = new CopyOnWriteArrayList<>();
        final List<ConsumerRecord<String, String>> dlt = new CopyOnWriteArrayList<>();
        final List<String> poisonSeen = new CopyOnWriteArrayList<>();
        final List<String> mainThreads = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = "${rdkafka.it.topic}", groupId = "spring-main")
        void onMain(ConsumerRecord<String, String> r) {
            main.add(r);
        }

        @KafkaListener(topics = "${rdkafka.it.poison}", groupId = "spring-poison")
        void onPoison(String value, @Header(KafkaHeaders.RECEIVED_PARTITION) int partition) {
            poisonSeen.add(value);
            if (value.startsWith("poison")) throw new IllegalArgumentException("cannot handle " + value);
        }

        @KafkaListener(topics = "${rdkafka.it.poison}.DLT", groupId = "spring-dlt")
        void onDlt(ConsumerRecord<String, String> r) {
            dlt.add(r);
        }
    }

    @Configuration
    @EnableKafka
    static class Config {
        @Bean
        ProducerFactory<String, String> producerFactory() {
            return new RdKafkaProducerFactory<>(producerConfigs(), new StringSerializer(), new StringSerializer());
        }

        @Bean
        KafkaTemplate<String, String> kafkaTemplate() {
            return new KafkaTemplate<>(producerFactory());
        }

        @Bean
        ProducerFactory<String, String> transactionalProducerFactory() {
            RdKafkaProducerFactory<String, String> pf = new RdKafkaProducerFactory<>(producerConfigs(),
                    new StringSerializer(), new StringSerializer());
            pf.setTransactionIdPrefix("spring-tx-" + System.nanoTime() + "-");
            return pf;
        }

        @Bean
        KafkaTemplate<String, String> transactionalTemplate() {
            return new KafkaTemplate<>(transactionalProducerFactory());
        }

        @Bean
        ConsumerFactory<String, String> consumerFactory() {
            return new RdKafkaConsumerFactory<>(consumerConfigs("unused"), new StringDeserializer(),
                    new StringDeserializer());
        }

        @Bean
        ConcurrentKafkaListenerContainerFactory<String, String> kafkaListenerContainerFactory() {
            ConcurrentKafkaListenerContainerFactory<String, String> f = new ConcurrentKafkaListenerContainerFactory<>();
            f.setConsumerFactory(consumerFactory());
            f.setCommonErrorHandler(new DefaultErrorHandler(new DeadLetterPublishingRecoverer(kafkaTemplate(),
                    (r, e) -> new TopicPartition(r.topic() + ".DLT", r.partition())), new FixedBackOff(0, 1)));
            f.getContainerProperties().setPollTimeout(200);
            return f;
        }

        @Bean
        Received received() {
            return new Received();
        }

        @Bean
        org.springframework.kafka.core.KafkaAdmin kafkaAdmin() {
            RdKafkaSpringAdmin admin = new RdKafkaSpringAdmin(Map.of("bootstrap.servers", bootstrap));
            admin.setModifyTopicConfigs(true);
            admin.setFatalIfBrokerNotAvailable(true);
            return admin;
        }

        @Bean
        org.apache.kafka.clients.admin.NewTopic newTopic() {
            return org.springframework.kafka.config.TopicBuilder.name(ADMIN_TOPIC).partitions(3).replicas(1)
                    .config("retention.ms", "7200000").build();
        }

        @Bean
        org.apache.kafka.clients.admin.NewTopic existingTopicWithNewConfig() {
            // exists already (created before the context): KafkaAdmin changes its configuration
            return org.springframework.kafka.config.TopicBuilder.name(TXN_TOPIC).partitions(1).replicas(1)
                    .config("retention.ms", "3600000").build();
        }
    }

    static void await(String what, java.util.function.BooleanSupplier done, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void templateSendsAndListenerReceivesThroughRdKafka() throws Exception {
        KafkaTemplate<String, String> template = context.getBean("kafkaTemplate", KafkaTemplate.class);
        var result = template.send(TOPIC, "k1", "hello").get(30, TimeUnit.SECONDS);
        assertEquals(TOPIC, result.getRecordMetadata().topic());
        assertTrue(result.getRecordMetadata().hasOffset());
        Received received = context.getBean(Received.class);
        await("the listener", () -> received.main.stream().anyMatch(r -> "hello".equals(r.value())), Duration.ofSeconds(60));
        ConsumerRecord<String, String> r = received.main.stream().filter(x -> "hello".equals(x.value())).findFirst().orElseThrow();
        assertEquals("k1", r.key());
        assertEquals(result.getRecordMetadata().offset(), r.offset());
        assertInstanceOf(RdKafkaProducer.class, unwrap(template.getProducerFactory().createProducer()));
    }

    private static Object unwrap(org.apache.kafka.clients.producer.Producer<?, ?> p) throws Exception {
        // Spring hands out a CloseSafeProducer around the factory's producer
        var f = p.getClass().getDeclaredField("delegate");
        f.setAccessible(true);
        Object delegate = f.get(p);
        p.close();
        return delegate;
    }

    @Test
    void kafkaAdminCreatesTopicsAndChangesConfigsThroughRdKafkaAdmin() throws Exception {
        try (var admin = new io.rdkafka.kafka.RdKafkaAdmin(Map.of("bootstrap.servers", bootstrap))) {
            var created = admin.describeTopics(List.of(ADMIN_TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS);
            assertEquals(3, created.get(ADMIN_TOPIC).partitions().size());
            var resources = List.of(
                    new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, ADMIN_TOPIC),
                    new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, TXN_TOPIC));
            var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            assertEquals("7200000", configs.get(resources.get(0)).get("retention.ms").value());
            assertEquals("3600000", configs.get(resources.get(1)).get("retention.ms").value(),
                    "KafkaAdmin changed the existing topic's configuration");
        }
    }

    @Test
    void errorHandlerPublishesThePoisonRecordToTheDeadLetterTopic() throws Exception {
        @SuppressWarnings("unchecked")
        KafkaTemplate<String, String> template = context.getBean("kafkaTemplate", KafkaTemplate.class);
        template.send(POISON_TOPIC, "a", "good-1");
        template.send(POISON_TOPIC, "b", "poison-1");
        template.send(POISON_TOPIC, "c", "good-2");
        template.flush();
        Received received = context.getBean(Received.class);
        await("the dead letter", () -> !received.dlt.isEmpty(), Duration.ofSeconds(60));
        await("the record after the poison", () -> received.poisonSeen.contains("good-2"), Duration.ofSeconds(30));
        ConsumerRecord<String, String> dead = received.dlt.getFirst();
        assertEquals("poison-1", dead.value());
        assertEquals("b", dead.key());
        assertNotNull(dead.headers().lastHeader("kafka_dlt-exception-fqcn"), "Spring's dead-letter headers");
        assertEquals(POISON_TOPIC, new String(dead.headers().lastHeader("kafka_dlt-original-topic").value(),
                StandardCharsets.UTF_8));
        assertEquals(1, received.dlt.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void transactionalTemplateCommitsAndAborts() throws Exception {
        KafkaTemplate<String, String> tx = context.getBean("transactionalTemplate", KafkaTemplate.class);
        tx.executeInTransaction(t -> {
            for (int i = 0; i < 3; i++) t.send(TXN_TOPIC, "k", "committed-" + i);
            return null;
        });
        assertThrows(IllegalStateException.class, () -> tx.executeInTransaction(t -> {
            t.send(TXN_TOPIC, "k", "aborted");
            t.flush();
            throw new IllegalStateException("roll back");
        }));
        tx.executeInTransaction(t -> t.send(TXN_TOPIC, "k", "committed-3"));
        Map<String, Object> c = consumerConfigs("txn-check-" + System.nanoTime());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (Consumer<String, String> consumer = new RdKafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(TXN_TOPIC, 0)));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (values.size() < 4 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            Thread.sleep(500);
            consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            assertEquals(List.of("committed-0", "committed-1", "committed-2", "committed-3"), values);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRebalanceWhileTheListenerRunsLosesNothing() throws Exception {
        String topic = "spring-rebalance-" + System.nanoTime();
        try (var admin = new io.rdkafka.kafka.RdKafkaAdmin(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 4, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
        }
        ConcurrentKafkaListenerContainerFactory<String, String> factory =
                context.getBean(ConcurrentKafkaListenerContainerFactory.class);
        Map<String, Set<String>> byContainer = new ConcurrentHashMap<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        String group = "spring-rebalance-" + System.nanoTime();
        ConcurrentMessageListenerContainer<String, String> first = container(factory, topic, group, "first", byContainer, seen);
        ConcurrentMessageListenerContainer<String, String> second = container(factory, topic, group, "second", byContainer, seen);
        KafkaTemplate<String, String> template = context.getBean("kafkaTemplate", KafkaTemplate.class);
        first.start();
        try {
            // at least 400 records, and on until the second member (joining after the first 100) has consumed some:
            // the rebalance happens while the first listener is running and records keep coming
            int n = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (n < 400 || byContainer.getOrDefault("second", Set.of()).isEmpty() && System.nanoTime() < deadline) {
                template.send(topic, "key-" + n, "v" + n);
                n++;
                if (n == 100) {
                    await("the first container's share", () -> !byContainer.getOrDefault("first", Set.of()).isEmpty(),
                            Duration.ofSeconds(60));
                    second.start();
                }
                if (n % 20 == 0) {
                    template.flush();
                    Thread.sleep(20);
                }
            }
            template.flush();
            final int sent = n;
            await("every record", () -> seen.size() == sent, Duration.ofSeconds(90));
            for (int i = 0; i < sent; i++) assertTrue(seen.contains("v" + i), "v" + i);
            assertFalse(byContainer.getOrDefault("second", Set.of()).isEmpty(), "the second member got partitions");
        } finally {
            second.stop();
            first.stop();
        }
    }

    private static ConcurrentMessageListenerContainer<String, String> container(
            ConcurrentKafkaListenerContainerFactory<String, String> factory, String topic, String group, String name,
            Map<String, Set<String>> byContainer, Set<String> seen) {
        ConcurrentMessageListenerContainer<String, String> c = factory.createContainer(topic);
        c.getContainerProperties().setGroupId(group);
        c.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        c.setupMessageListener((MessageListener<String, String>) r -> {
            byContainer.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(r.value());
            seen.add(r.value());
        });
        return c;
    }
}

package io.rdkafka.client.reliability;

import io.rdkafka.client.Callback;
import io.rdkafka.client.DeliveryHandler;
import io.rdkafka.client.Consumer;
import io.rdkafka.client.ConsumerGroupMetadata;
import io.rdkafka.client.ConsumerRebalanceListener;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.OffsetCommitCallback;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.admin.AclBinding;
import io.rdkafka.client.admin.AclBindingFilter;
import io.rdkafka.client.admin.AclOperation;
import io.rdkafka.client.admin.Admin;
import io.rdkafka.client.admin.AdminOptions;
import io.rdkafka.client.admin.AlterConfigOp;
import io.rdkafka.client.admin.ConfigResource;
import io.rdkafka.client.admin.ConsumerGroupState;
import io.rdkafka.client.admin.ElectionType;
import io.rdkafka.client.admin.NewPartitions;
import io.rdkafka.client.admin.NewTopic;
import io.rdkafka.client.admin.OffsetSpec;
import io.rdkafka.client.admin.ResourceType;
import io.rdkafka.client.admin.ScramMechanism;
import io.rdkafka.client.admin.UserScramCredentialAlteration;
import io.rdkafka.client.mock.MockCluster;
import io.rdkafka.client.mock.MockConsumer;
import io.rdkafka.client.mock.MockProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * After close, every public method of Producer, Consumer and Admin (and of the test doubles MockProducer and
 * MockConsumer) throws IllegalStateException, found by
 * reflection so that methods added later are covered without touching this test (a parameter type the table
 * below does not know fails the test, naming it). Arguments are valid and non-empty, so a method cannot
 * return early on an empty collection before checking the client's state. Not covered: {@code close} (must
 * stay idempotent), {@code name} (informational, answers after close), Object's methods, and
 * {@code pendingCount} (a counter: 0 after close is the answer, not a use of the closed handle).
 */
class ClosedClientTest {
    private static final Set<String> ALLOWED_AFTER_CLOSE = Set.of("close", "name", "pendingCount");
    private static final String TOPIC = "closed";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    private static MockCluster mock;

    @BeforeAll
    static void start() {
        mock = MockCluster.start(1);
        mock.createTopic(TOPIC, 1, 1);
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    @Test
    void producer() throws Exception {
        var p = Producer.create(mock.clientConfig().build(), Serdes.stringSerializer(), Serdes.stringSerializer());
        p.send(new ProducerRecord<>(TOPIC, "k", "v")).get();
        String name = p.name();
        p.close();
        assertEquals(name, p.name());
        assertAllThrow(p, Producer.class, 12, "transactional.id"); // its transaction methods say why first
        p.close(); // idempotent
    }

    @Test
    void transactionalProducer() {
        var p = Producer.create(mock.clientConfig().transactionalId("closed-" + System.nanoTime()).build(),
                Serdes.stringSerializer(), Serdes.stringSerializer());
        p.initTransactions(Duration.ofSeconds(30));
        p.beginTransaction();
        p.close();
        assertAllThrow(p, Producer.class, 12, null);
    }

    @Test
    void consumer() {
        var c = Consumer.create(mock.clientConfig().groupId("closed-" + System.nanoTime()).build(),
                Serdes.stringDeserializer(), Serdes.stringDeserializer());
        c.assign(List.of(TP));
        c.poll(Duration.ofMillis(100));
        String name = c.name();
        c.close();
        assertEquals(name, c.name());
        assertAllThrow(c, Consumer.class, 30, null);
        c.close();
    }

    /** The test doubles promise the real clients' closed state: the same check holds for them. */
    @Test
    void mockProducerAndMockConsumer() {
        var p = new MockProducer<>(false, Serdes.stringSerializer(), Serdes.stringSerializer());
        p.send(new ProducerRecord<>(TOPIC, "k", "v"));
        p.close();
        assertAllThrow(p, Producer.class, 12, "transactional.id");
        var tp = new MockProducer<>(false, true, null, Serdes.stringSerializer(), Serdes.stringSerializer());
        tp.close();
        assertAllThrow(tp, Producer.class, 12, null);
        var c = new MockConsumer<String, String>(MockConsumer.OffsetReset.EARLIEST);
        c.assign(List.of(TP));
        c.poll(Duration.ZERO);
        c.close();
        assertAllThrow(c, Consumer.class, 30, null);
        c.close();
    }

    @Test
    void admin() {
        var a = Admin.create(mock.clientConfig().build());
        String name = a.name();
        a.close();
        assertEquals(name, a.name());
        assertAllThrow(a, Admin.class, 40, null);
        assertEquals(0, a.pendingCount());
        a.close();
    }

    /**
     * Invokes every public instance method; each must throw IllegalStateException saying the client is closed
     * (or, when {@code orMentions} is given, naming that instead: a misuse independent of the state).
     */
    private static void assertAllThrow(Object client, Class<?> type, int atLeast, String orMentions) {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || isObjectMethod(m) || ALLOWED_AFTER_CLOSE.contains(m.getName())
                    || m.isSynthetic()) {
                continue;
            }
            Object[] args = Arrays.stream(m.getGenericParameterTypes()).map(ClosedClientTest::dummy).toArray();
            String sig = m.getName() + Arrays.toString(m.getParameterTypes());
            checked++;
            try {
                Object r = m.invoke(client, args);
                wrong.add(sig + " returned " + r);
            } catch (InvocationTargetException e) {
                Throwable t = e.getCause();
                String msg = String.valueOf(t.getMessage());
                if (!(t instanceof IllegalStateException)
                        || !msg.contains("closed") && (orMentions == null || !msg.contains(orMentions))) {
                    wrong.add(sig + " threw " + t);
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        assertTrue(checked >= atLeast, "only " + checked + " methods of " + type.getSimpleName() + " found");
        assertTrue(wrong.isEmpty(), "after close, these did not throw IllegalStateException:\n  "
                + String.join("\n  ", wrong));
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** A valid, non-empty argument of the given (generic) type. */
    private static Object dummy(Type t) {
        String n = t.getTypeName();
        Object v = switch (n) {
            case "boolean" -> false;
            case "int" -> 1;
            case "long" -> 1L;
            case "java.lang.String" -> TOPIC;
            case "java.time.Duration" -> Duration.ofMillis(100);
            case "java.util.regex.Pattern" -> Pattern.compile("clo.*");
            case "io.rdkafka.client.TopicPartition" -> TP;
            case "io.rdkafka.client.Callback" -> (Callback) (md, e) -> { };
            case "io.rdkafka.client.DeliveryHandler" -> (DeliveryHandler) (ctx, topic, partition, offset, e) -> { };
            case "io.rdkafka.client.OffsetCommitCallback" -> (OffsetCommitCallback) (o, e) -> { };
            case "io.rdkafka.client.ConsumerRebalanceListener" -> ConsumerRebalanceListener.noop();
            case "io.rdkafka.client.ConsumerGroupMetadata" -> new ConsumerGroupMetadata("g", new byte[]{0});
            case "io.rdkafka.client.ProducerRecord<K, V>" -> new ProducerRecord<>(TOPIC, "k", "v");
            case "io.rdkafka.client.OffsetAndMetadata" -> new OffsetAndMetadata(1);
            case "io.rdkafka.client.admin.AdminOptions" -> AdminOptions.DEFAULTS;
            case "io.rdkafka.client.admin.AclBindingFilter" -> AclBindingFilter.ANY;
            case "io.rdkafka.client.admin.ElectionType" -> ElectionType.values()[0];
            case "java.util.Collection<java.lang.String>" -> List.of(TOPIC);
            case "java.util.Collection<io.rdkafka.client.TopicPartition>", "java.util.Set<io.rdkafka.client.TopicPartition>" -> Set.of(TP);
            case "java.util.Collection<io.rdkafka.client.admin.NewTopic>" -> List.of(NewTopic.of("x", 1, 1));
            case "java.util.Collection<io.rdkafka.client.admin.ConfigResource>" -> List.of(ConfigResource.topic(TOPIC));
            case "java.util.Collection<io.rdkafka.client.admin.AclBinding>" ->
                    List.of(AclBinding.allow(ResourceType.TOPIC, TOPIC, "User:x", AclOperation.READ));
            case "java.util.Collection<io.rdkafka.client.admin.AclBindingFilter>" -> List.of(AclBindingFilter.ANY);
            case "java.util.Set<io.rdkafka.client.admin.ConsumerGroupState>" -> Set.of(ConsumerGroupState.values()[0]);
            case "java.util.List<io.rdkafka.client.admin.UserScramCredentialAlteration>" ->
                    List.of(new UserScramCredentialAlteration.Deletion("u", ScramMechanism.SCRAM_SHA_256));
            case "java.util.Map<io.rdkafka.client.TopicPartition, io.rdkafka.client.OffsetAndMetadata>" ->
                    Map.of(TP, new OffsetAndMetadata(1));
            case "java.util.Map<io.rdkafka.client.TopicPartition, java.lang.Long>" -> Map.of(TP, 1L);
            case "java.util.Map<io.rdkafka.client.TopicPartition, io.rdkafka.client.admin.OffsetSpec>" ->
                    Map.of(TP, OffsetSpec.latest());
            case "java.util.Map<java.lang.String, io.rdkafka.client.admin.NewPartitions>" ->
                    Map.of(TOPIC, NewPartitions.increaseTo(2));
            case "java.util.Map<io.rdkafka.client.admin.ConfigResource, java.util.Map<java.lang.String, java.lang.String>>" ->
                    Map.of(ConfigResource.topic(TOPIC), Map.of("retention.ms", "1000"));
            case "java.util.Map<io.rdkafka.client.admin.ConfigResource, ? extends java.util.Collection<io.rdkafka.client.admin.AlterConfigOp>>" ->
                    new LinkedHashMap<>(Map.of(ConfigResource.topic(TOPIC), List.of(AlterConfigOp.set("retention.ms", "1000"))));
            default -> null;
        };
        if (v == null) throw new AssertionError("no dummy argument for parameter type " + n + ": add one to ClosedClientTest");
        return v;
    }
}

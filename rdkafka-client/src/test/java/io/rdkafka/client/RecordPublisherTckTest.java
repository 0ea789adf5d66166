package io.rdkafka.client;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.reactivestreams.tck.flow.support.PublisherVerificationRules;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * The Reactive Streams TCK ({@code reactive-streams-tck-flow} 1.0.4) run against {@link RecordPublisher} on the
 * mock cluster. The TCK is written for TestNG; its rules are public methods, called here from JUnit one by one
 * (each after the TCK's own {@code setUp}), a TCK skip becoming an aborted test. The publisher of {@code n}
 * elements is a {@link RecordPublisher.Settings#withLimit limit}ed publisher of a pre-filled partition, each with a
 * group of its own; the failed publisher is one whose consumer librdkafka cannot create (a CA file that does not
 * exist), which reaches the subscriber as onSubscribe then onError.
 */
@Tag("once") // runs on the system's librdkafka only (bin/test): the Reactive Streams contract of a Java-only layer
class RecordPublisherTckTest {
    private static final int RECORDS = 1000;
    private static MockKafka kafka;
    private static String topic;

    @BeforeAll
    static void start() throws Exception {
        kafka = new MockKafka(1);
        topic = "tck-" + System.nanoTime();
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, 0, RECORDS);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    static final class Verification extends FlowPublisherVerification<AcknowledgeableRecord<String, String>> {
        Verification() {
            super(new TestEnvironment(5_000, 300), 10_000);
        }

        @Override
        public Flow.Publisher<AcknowledgeableRecord<String, String>> createFlowPublisher(long elements) {
            return RecordPublisher.ofAssignment(kafka.consumerConfig("tck-" + System.nanoTime()).build(),
                    Serdes.stringDeserializer(), Serdes.stringDeserializer(), List.of(new TopicPartition(topic, 0)),
                    ClientListeners.none(), RecordPublisher.Settings.defaults().withLimit(elements));
        }

        @Override
        public Flow.Publisher<AcknowledgeableRecord<String, String>> createFailedFlowPublisher() {
            return RecordPublisher.ofAssignment(kafka.consumerConfig("tck-failed")
                            .securityProtocol("ssl").sslCaLocation("/nonexistent/ca.pem").build(),
                    Serdes.stringDeserializer(), Serdes.stringDeserializer(), List.of(new TopicPartition(topic, 0)),
                    ClientListeners.none(), RecordPublisher.Settings.defaults());
        }

        @Override
        public long maxElementsFromPublisher() {
            return RECORDS; // the partition's records; streams of more are infinite here (never complete)
        }
    }

    @TestFactory
    Stream<DynamicTest> reactiveStreamsTck() {
        Verification v = new Verification();
        return Arrays.stream(PublisherVerificationRules.class.getMethods())
                .sorted(Comparator.comparing(Method::getName))
                .map(rule -> DynamicTest.dynamicTest(rule.getName(), () -> {
                    v.setUp();
                    try {
                        rule.invoke(v);
                    } catch (InvocationTargetException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof org.testng.SkipException skip) throw new TestAbortedException(skip.getMessage());
                        throw cause;
                    }
                }));
    }
}

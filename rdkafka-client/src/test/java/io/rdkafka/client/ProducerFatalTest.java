package io.rdkafka.client;

import io.rdkafka.client.errors.FatalException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.ffm.RdKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.rdkafka.client.MockKafka.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * An idempotent {@link Producer}'s fatal state, raised through librdkafka's test hook
 * ({@code rd_kafka_test_fatal_error}, as the broker's OUT_OF_ORDER_SEQUENCE_NUMBER would): the error listener hears
 * a fatal {@link KafkaException}, later sends throw {@link FatalException}, and flush and close still complete
 * every future of the records queued before.
 */
class ProducerFatalTest {
    private static MockKafka kafka;

    @BeforeAll
    static void start() {
        kafka = new MockKafka(1);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void afterAFatalErrorSendsFailWithFatalExceptionAndEveryFutureCompletes() throws Exception {
        String topic = "fatal-" + System.nanoTime();
        kafka.createTopic(topic, 1);
        List<KafkaException> errors = new CopyOnWriteArrayList<>();
        KafkaConfig config = kafka.config().enableIdempotence(true).linger(Duration.ofMillis(2000)).build();
        List<CompletableFuture<RecordMetadata>> queued = new ArrayList<>();
        var p = Producer.create(config, Serdes.stringSerializer(), Serdes.stringSerializer(),
                ClientListeners.builder().onError(errors::add).build());
        assertEquals(0, p.send(new ProducerRecord<>(topic, "k", "before")).get(30, TimeUnit.SECONDS).offset());
        for (int i = 0; i < 50; i++) queued.add(p.send(new ProducerRecord<>(topic, "k", "queued-" + i)));
        assertEquals(0, ((LibrdkafkaProducer<?, ?>) p).triggerFatalErrorForTest(RdKafka.RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER,
                "injected by ProducerFatalTest"));
        await("the fatal error", Duration.ofSeconds(10), () -> errors.stream().anyMatch(KafkaException::isFatal));
        KafkaException reported = errors.stream().filter(KafkaException::isFatal).findFirst().orElseThrow();
        assertEquals("OUT_OF_ORDER_SEQUENCE_NUMBER", reported.codeName());
        FatalException thrown = assertThrows(FatalException.class,
                () -> p.send(new ProducerRecord<>(topic, "k", "after")));
        assertEquals("OUT_OF_ORDER_SEQUENCE_NUMBER", thrown.codeName());
        assertTrue(thrown.isFatal());
        try {
            p.flush(Duration.ofSeconds(10));
        } catch (io.rdkafka.client.errors.TimeoutException e) {
            // a flush may time out in the fatal state: close below must still complete every future
        }
        p.close(Duration.ofSeconds(10));
        for (var f : queued) {
            assertTrue(f.isDone(), "a future left incomplete");
            if (f.isCompletedExceptionally()) {
                var e = assertThrows(ExecutionException.class, f::get);
                assertInstanceOf(KafkaException.class, e.getCause());
            }
        }
        assertTrue(queued.stream().anyMatch(CompletableFuture::isCompletedExceptionally),
                "records queued before the fatal error cannot all have been delivered after it");
        assertThrows(IllegalStateException.class, () -> p.send(new ProducerRecord<>(topic, "k", "closed")));
    }
}

package io.rdkafka.examples;

import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.Serdes;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends keyed string records and counts the delivery reports.
 *
 * <pre>
 * ProducerExample &lt;bootstrap-servers&gt; &lt;topic&gt; [count]
 * </pre>
 */
public final class ProducerExample {

    private ProducerExample() {
    }

    /**
     * What happened to the records of one {@link #produce} call.
     *
     * @param delivered  records the cluster acknowledged
     * @param failed     records that could not be delivered
     * @param firstError the first delivery failure, or {@code null}
     */
    public record Result(long delivered, long failed, Exception firstError) {
    }

    /**
     * Runs the example.
     *
     * @param args bootstrap servers, topic, and optionally the number of records (default 1000)
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ProducerExample <bootstrap-servers> <topic> [count]");
            System.exit(2);
        }
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Result r = produce(config(args[0]).build(), args[1], count);
        System.out.printf("%d records delivered, %d failed%s%n", r.delivered(), r.failed(),
                r.firstError() == null ? "" : " (first error: " + r.firstError() + ")");
        if (r.failed() > 0) System.exit(1);
    }

    /**
     * The producer configuration of this example; callers may add to it.
     *
     * @param bootstrapServers {@code host:port,...} of one or more brokers
     * @return a configuration builder
     */
    public static KafkaConfig.Builder config(String bootstrapServers) {
        return KafkaConfig.builder()
                .bootstrapServers(bootstrapServers)
                .clientId("producer-example")
                // The broker acknowledges a record only once all in-sync replicas have it, and idempotence
                // lets librdkafka retry without creating duplicates or reordering a partition's records.
                .acks("all")
                .enableIdempotence(true)
                // Wait up to 5 ms to fill batches: far fewer requests for a barely noticeable latency.
                .linger(Duration.ofMillis(5));
    }

    /**
     * Sends {@code count} records to {@code topic} and waits until every one was acknowledged or failed.
     *
     * @param config the producer's configuration
     * @param topic  the topic to send to
     * @param count  how many records
     * @return the delivery counts
     */
    public static Result produce(KafkaConfig config, String topic, int count) {
        AtomicLong delivered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        // try-with-resources: close() flushes what is still queued (bounded by KafkaConfig.closeTimeout) and
        // frees the native client; no delivery report is left pending.
        try (Producer<String, String> producer = Producer.create(config, Serdes.stringSerializer(),
                Serdes.stringSerializer())) {
            for (int i = 0; i < count; i++) {
                // Records with the same key go to the same partition, so each key's records stay in order.
                String key = "user-" + (i % 10);
                producer.send(new ProducerRecord<>(topic, key, "event " + i), (metadata, error) -> {
                    // Runs on the producer's event thread: keep it short and never block here.
                    if (error == null) {
                        delivered.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                });
            }
            // send() only queues the record; flush() waits for the outcome of everything queued so far.
            // Delivery failures (e.g. message.timeout.ms passed) arrive in the callbacks, not as exceptions here.
            producer.flush(Duration.ofSeconds(60));
        }
        return new Result(delivered.get(), failed.get(), firstError.get());
    }
}

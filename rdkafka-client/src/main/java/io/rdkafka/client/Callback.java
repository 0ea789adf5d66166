package io.rdkafka.client;

/**
 * Completion of one send. Runs on the producer's event thread: keep it short, never block on another
 * send's future inside it.
 */
@FunctionalInterface
public interface Callback {
    /**
     * Called once when the record was delivered or failed.
     *
     * @param metadata  where the record was stored, or {@code null} when it failed
     * @param exception why it failed (a typed {@link io.rdkafka.client.errors.KafkaException}), or {@code null}
     */
    void onCompletion(RecordMetadata metadata, Exception exception);
}

package io.rdkafka.client;

/**
 * Completion of one send. Runs on the producer's event thread: keep it short, never block on another
 * send's future inside it.
 */
@FunctionalInterface
public interface Callback {
    /** Exactly one of {@code metadata} and {@code exception} is non-null. */
    void onCompletion(RecordMetadata metadata, Exception exception);
}

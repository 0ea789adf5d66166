package io.rdkafka.client;

import io.rdkafka.client.errors.KafkaException;

import java.util.Map;

/**
 * The outcome of {@link Consumer#commitAsync}. Runs on the consumer's polling thread, inside a later
 * {@code poll}, {@code commitSync} or {@code close} call.
 */
@FunctionalInterface
public interface OffsetCommitCallback {
    /**
     * Called once with the commit's outcome.
     *
     * @param offsets   the offsets the commit covered (for a commit of the current positions: what librdkafka
     *                  committed; empty when there was nothing to commit)
     * @param exception null on success; else why it failed (e.g. {@link io.rdkafka.client.errors.CommitFailedException})
     */
    void onComplete(Map<TopicPartition, OffsetAndMetadata> offsets, KafkaException exception);
}

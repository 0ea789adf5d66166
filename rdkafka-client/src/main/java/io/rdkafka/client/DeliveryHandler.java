package io.rdkafka.client;

import io.rdkafka.client.errors.KafkaException;

/**
 * Completion of a record sent with {@link Producer#send(ProducerRecord, long, DeliveryHandler)}: the
 * allocation-free alternative to a future and a {@link Callback}. The outcome arrives as plain values, with the
 * {@code context} number the sender passed (a send time, a sequence number, an index into the caller's own
 * table), so one handler object can serve every record and nothing is created per record on the Java heap.
 *
 * <p>Runs on the producer's event thread (or, when the record never reached librdkafka, on the sending thread
 * before {@code send} returns): keep it short. An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface DeliveryHandler {
    /**
     * Called once when the record was delivered or failed.
     *
     * @param context   the number passed to {@code send}
     * @param topic     the record's topic
     * @param partition the partition it was stored in, or the one it was meant for when it failed ({@code -1}
     *                  when none was chosen)
     * @param offset    its offset in the partition; negative when it failed or is unknown (e.g. acks=0)
     * @param error     why it failed (a typed {@link KafkaException}), or {@code null} when it was delivered
     */
    void onDelivery(long context, String topic, int partition, long offset, KafkaException error);
}

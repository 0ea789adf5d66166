package io.rdkafka.client;

/**
 * Chooses the partition of a record sent without one, in Java, where librdkafka calls its partitioner
 * ({@code rd_kafka_topic_conf_set_partitioner_cb}); set with {@link KafkaConfig.Builder#partitioner(Partitioner)}.
 * It replaces the named partitioners ({@code partitioner=murmur2_random} and the like) for every topic the
 * producer sends to, and sees every record without a partition, the ones without a key included.
 *
 * <p>Threads: librdkafka calls it on the thread that sends, or, for records sent before the producer knew the
 * topic's partition count, on one of librdkafka's own threads once the metadata arrives. It must be thread-safe and
 * quick (librdkafka holds the topic's lock meanwhile), and must not call the producer.
 *
 * <p>Failures: an exception thrown by it, or a partition outside {@code [0, partitionCount)}, fails that record's
 * send (and only that one) with {@link io.rdkafka.client.errors.PartitionerException}, whose cause is the
 * exception: the future fails (or {@code send} throws nothing and the callback or {@link DeliveryHandler} hears
 * it), and the record is never sent to a partition the partitioner did not choose.
 */
@FunctionalInterface
public interface Partitioner {
    /**
     * Chooses a partition.
     *
     * @param topic          the record's topic
     * @param key            the serialized key, {@code null} for a record without a key; a copy the partitioner
     *                       may keep
     * @param partitionCount the topic's partition count, at least 1
     * @param availability   which partitions have a leader now; valid only during this call
     * @return the partition, in {@code [0, partitionCount)}
     */
    int partition(String topic, byte[] key, int partitionCount, Availability availability);

    /** Whether partitions have a leader now ({@code rd_kafka_topic_partition_available}); valid only during the call. */
    interface Availability {
        /**
         * {@return whether the partition has a leader broker the producer can send to now}
         *
         * @param partition the partition
         * @throws IllegalStateException when called after {@link Partitioner#partition} returned, or from another
         *                               thread
         */
        boolean isAvailable(int partition);
    }
}

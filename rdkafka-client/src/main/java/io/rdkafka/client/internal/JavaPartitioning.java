package io.rdkafka.client.internal;

import io.rdkafka.client.Partitioner;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.PartitionerException;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaCallbacks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A Java {@link Partitioner} behind librdkafka's partitioner callback, for one producer: the upcall stub, the topic
 * names (the topic's opaque is an index into them, never a pointer to a Java object) and the failures.
 *
 * <p>The callback can only return a partition. When the partitioner throws or answers out of range, the upcall
 * records the failure under the message's opaque (the producer's record id) and returns the partition count, a
 * partition that does not exist: librdkafka then fails that message with {@code _UNKNOWN_PARTITION}, at once from
 * {@code produceva} or later in a delivery report, and the producer swaps that error for the recorded
 * {@link PartitionerException}. No exception crosses into C, no record goes to a partition nobody chose, none is
 * lost.
 */
public final class JavaPartitioning implements RdKafkaCallbacks.partitioner {
    private final Partitioner partitioner;
    private final MemorySegment stub;
    private final Object topicsLock = new Object();
    private volatile String[] topics = new String[0];
    private final ConcurrentHashMap<Long, PartitionerException> failures = new ConcurrentHashMap<>();

    /** {@code arena} must outlive the handle (the stub is called until {@code rd_kafka_destroy} returns). */
    public JavaPartitioning(Partitioner partitioner, Arena arena) {
        this.partitioner = partitioner;
        this.stub = RdKafkaCallbacks.partitioner.allocate(this, arena);
    }

    /**
     * A topic configuration for {@code rd_kafka_topic_new} (which takes it): the handle's default topic
     * configuration with this partitioner and the topic's index as its opaque.
     */
    public MemorySegment topicConf(MemorySegment rk, String topic) {
        int index;
        synchronized (topicsLock) {
            String[] t = topics;
            index = t.length;
            String[] grown = Arrays.copyOf(t, index + 1);
            grown[index] = topic;
            topics = grown;
        }
        MemorySegment conf = RdKafka.rd_kafka_default_topic_conf_dup(rk);
        RdKafka.rd_kafka_topic_conf_set_partitioner_cb(conf, stub);
        RdKafka.rd_kafka_topic_conf_set_opaque(conf, MemorySegment.ofAddress(index));
        return conf;
    }

    @Override
    public int apply(MemorySegment rkt, MemorySegment keydata, long keylen, int partitionCount,
                     MemorySegment rktOpaque, MemorySegment msgOpaque) {
        long id = msgOpaque.address();
        String topic = topicAt(rktOpaque.address());
        Call availability = new Call(rkt);
        try {
            byte[] key = keydata.equals(MemorySegment.NULL) ? null
                    : keydata.reinterpret(keylen).toArray(JAVA_BYTE);
            int p = partitioner.partition(topic, key, partitionCount, availability);
            if (p >= 0 && p < partitionCount) return p;
            failures.put(id, new PartitionerException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION,
                    "the partitioner " + partitioner.getClass().getName() + " returned partition " + p + " for topic "
                            + topic + ", which has partitions 0.." + (partitionCount - 1)), null));
        } catch (Throwable t) {
            failures.put(id, new PartitionerException(KafkaError.of(RdKafka.RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION,
                    "the partitioner " + partitioner.getClass().getName() + " threw for a record of topic " + topic
                            + ": " + t), t));
        } finally {
            availability.rkt = null;
        }
        return partitionCount; // no such partition: librdkafka fails the message with _UNKNOWN_PARTITION
    }

    private String topicAt(long index) {
        String[] t = topics;
        return index >= 0 && index < t.length ? t[(int) index] : null;
    }

    /** The partitioner's failure for record {@code id} in place of librdkafka's error {@code e}, else {@code e}. */
    public KafkaException failureOr(long id, KafkaException e) {
        if (failures.isEmpty() || e.code() != RdKafka.RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION) return e;
        PartitionerException f = failures.remove(id);
        return f != null ? f : e;
    }

    /** The availability view of one call: only the calling thread, only until the call returns. */
    private static final class Call implements Partitioner.Availability {
        volatile MemorySegment rkt;
        private final Thread thread = Thread.currentThread();

        Call(MemorySegment rkt) {
            this.rkt = rkt;
        }

        @Override
        public boolean isAvailable(int partition) {
            MemorySegment t = rkt;
            if (t == null || Thread.currentThread() != thread) {
                throw new IllegalStateException("Partitioner.Availability is valid only during the partition call, "
                        + "on its thread");
            }
            if (partition < 0) return false;
            return RdKafka.rd_kafka_topic_partition_available(t, partition) != 0;
        }
    }
}

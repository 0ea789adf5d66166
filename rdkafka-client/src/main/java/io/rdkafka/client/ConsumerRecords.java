package io.rdkafka.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The records one {@link Consumer#poll} returned, grouped by partition (in offset order within a partition),
 * and the partitions whose end was reached ({@link #endOfPartition()}, with {@code enable.partition.eof=true}).
 * Immutable.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ConsumerRecords<K, V> implements Iterable<ConsumerRecord<K, V>> {
    private static final ConsumerRecords<?, ?> EMPTY = new ConsumerRecords<>(Map.of(), Set.of(), 0);

    private final Map<TopicPartition, List<ConsumerRecord<K, V>>> records;
    private final Set<TopicPartition> endOfPartition;
    private final int count;

    private ConsumerRecords(Map<TopicPartition, List<ConsumerRecord<K, V>>> records, Set<TopicPartition> eof,
                            int count) {
        this.records = records;
        this.endOfPartition = eof;
        this.count = count;
    }

    /**
     * {@return no records}
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    @SuppressWarnings("unchecked")
    public static <K, V> ConsumerRecords<K, V> empty() {
        return (ConsumerRecords<K, V>) EMPTY;
    }

    /**
     * Records grouped by partition (for tests and adapters).
     *
     * @param records each partition's records, in offset order
     * @param <K>     the key type
     * @param <V>     the value type
     * @return the records
     */
    public static <K, V> ConsumerRecords<K, V> of(Map<TopicPartition, List<ConsumerRecord<K, V>>> records) {
        Map<TopicPartition, List<ConsumerRecord<K, V>>> m = new LinkedHashMap<>();
        int n = 0;
        for (var e : records.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            m.put(e.getKey(), List.copyOf(e.getValue()));
            n += e.getValue().size();
        }
        return new ConsumerRecords<>(Collections.unmodifiableMap(m), Set.of(), n);
    }

    /** {@return the number of records} */
    public int count() {
        return count;
    }

    /** {@return whether there are no records} */
    public boolean isEmpty() {
        return count == 0;
    }

    /** {@return the partitions that have records in this set} */
    public Set<TopicPartition> partitions() {
        return records.keySet();
    }

    /**
     * {@return the records of one partition, in offset order (empty if none)}
     *
     * @param partition the partition
     */
    public List<ConsumerRecord<K, V>> records(TopicPartition partition) {
        return records.getOrDefault(partition, List.of());
    }

    /**
     * {@return the records of one topic, partition by partition}
     *
     * @param topic the topic
     */
    public List<ConsumerRecord<K, V>> records(String topic) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        for (var e : records.entrySet()) if (e.getKey().topic().equals(topic)) out.addAll(e.getValue());
        return Collections.unmodifiableList(out);
    }

    /**
     * Partitions whose last record has been reached (librdkafka's {@code _PARTITION_EOF} event, emitted only
     * with {@code enable.partition.eof=true}), once per time the end is reached.
     *
     * @return the partitions
     */
    public Set<TopicPartition> endOfPartition() {
        return endOfPartition;
    }

    @Override
    public Iterator<ConsumerRecord<K, V>> iterator() {
        Iterator<List<ConsumerRecord<K, V>>> lists = records.values().iterator();
        return new Iterator<>() {
            Iterator<ConsumerRecord<K, V>> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!lists.hasNext()) return false;
                    current = lists.next().iterator();
                }
                return true;
            }

            @Override
            public ConsumerRecord<K, V> next() {
                if (!hasNext()) throw new NoSuchElementException();
                return current.next();
            }
        };
    }

    @Override
    public String toString() {
        return "ConsumerRecords[" + count + " records in " + records.size() + " partitions"
                + (endOfPartition.isEmpty() ? "" : ", end of " + endOfPartition) + "]";
    }

    /** Collects one poll's records; partitions keep the order in which their first record arrived. */
    static final class Builder<K, V> {
        private final Map<TopicPartition, List<ConsumerRecord<K, V>>> records = new LinkedHashMap<>();
        private Set<TopicPartition> eof;
        private int count;
        private String lastTopic;
        private int lastPartition = -1;
        private List<ConsumerRecord<K, V>> lastList;

        void add(ConsumerRecord<K, V> r) {
            // consecutive records usually share a partition: skip the map lookup then
            if (lastList == null || r.partition() != lastPartition || !r.topic().equals(lastTopic)) {
                lastTopic = r.topic();
                lastPartition = r.partition();
                lastList = records.computeIfAbsent(new TopicPartition(lastTopic, lastPartition), k -> new ArrayList<>());
            }
            lastList.add(r);
            count++;
        }

        void endOfPartition(TopicPartition tp) {
            if (eof == null) eof = new LinkedHashSet<>();
            eof.add(tp);
        }

        boolean hasAny() {
            return count > 0 || eof != null;
        }

        int count() {
            return count;
        }

        ConsumerRecords<K, V> build() {
            if (!hasAny()) return empty();
            Map<TopicPartition, List<ConsumerRecord<K, V>>> m = new LinkedHashMap<>();
            for (var e : records.entrySet()) m.put(e.getKey(), Collections.unmodifiableList(e.getValue()));
            return new ConsumerRecords<>(Collections.unmodifiableMap(m),
                    eof == null ? Set.of() : Collections.unmodifiableSet(eof), count);
        }
    }
}

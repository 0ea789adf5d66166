package io.rdkafka.client;

import io.rdkafka.ffm.MessageReader;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaStructs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Zero-copy view of the records one {@link Consumer#pollBatch} returned: keys and values are read-only
 * {@link MemorySegment}s pointing into librdkafka's fetch buffers, no heap copies. Valid until
 * {@link #close()}, the consumer's next {@code poll}/{@code pollBatch}, or its {@code close}, whichever
 * comes first; after that every accessor throws {@link IllegalStateException} (segments obtained earlier
 * throw too, so a stale segment can never read freed memory). Closing frees the native messages.
 *
 * <p>Use it on the polling thread; it is not safe to read a batch while another thread closes it.
 */
public final class RecordBatch implements AutoCloseable, Iterable<RecordBatch.Record> {
    private static final MemorySegment[] NONE = new MemorySegment[0];

    private final MemorySegment[] messages;
    private final int size;
    private final MessageReader reader;
    private final Set<TopicPartition> endOfPartition;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Arena scope;

    RecordBatch(MemorySegment[] messages, int size, MessageReader reader, Set<TopicPartition> endOfPartition) {
        this.messages = messages;
        this.size = size;
        this.reader = reader;
        this.endOfPartition = endOfPartition;
    }

    static RecordBatch empty(Set<TopicPartition> endOfPartition) {
        return new RecordBatch(NONE, 0, null, endOfPartition); // never shared: closing one must not close another
    }

    /** The number of records. */
    public int size() {
        check();
        return size;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Partitions whose end was reached (with {@code enable.partition.eof=true}). */
    public Set<TopicPartition> endOfPartition() {
        check();
        return endOfPartition;
    }

    private MemorySegment msg(int i) {
        check();
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("record " + i + " of " + size);
        return messages[i];
    }

    private void check() {
        if (closed.get()) throw new IllegalStateException("the record batch is closed");
    }

    public String topic(int i) {
        return reader.topic(msg(i));
    }

    public int partition(int i) {
        return RdKafkaStructs.Message.partition(msg(i));
    }

    public long offset(int i) {
        return RdKafkaStructs.Message.offset(msg(i));
    }

    public long timestamp(int i) {
        return reader.timestamp(msg(i));
    }

    public TimestampType timestampType(int i) {
        reader.timestamp(msg(i));
        return TimestampType.fromNative(reader.timestampType());
    }

    /** The key's size in bytes, or -1 for a null key. */
    public int keySize(int i) {
        MemorySegment m = msg(i);
        return RdKafkaStructs.Message.key(m).equals(MemorySegment.NULL) ? -1 : (int) RdKafkaStructs.Message.keyLen(m);
    }

    /** The value's size in bytes, or -1 for a null value. */
    public int valueSize(int i) {
        MemorySegment m = msg(i);
        return RdKafkaStructs.Message.payload(m).equals(MemorySegment.NULL) ? -1 : (int) RdKafkaStructs.Message.len(m);
    }

    /** The key as a read-only segment valid while the batch is open; null for a null key. */
    public MemorySegment key(int i) {
        return MessageReader.keyView(msg(i), scope());
    }

    /** The value as a read-only segment valid while the batch is open; null for a null value. */
    public MemorySegment value(int i) {
        return MessageReader.valueView(msg(i), scope());
    }

    /** The record's headers, copied to the heap. */
    public Headers headers(int i) {
        return Consumer.readHeaders(reader, msg(i));
    }

    /** The leader epoch, when the loaded librdkafka reports it (2.1.0+). */
    public Optional<Integer> leaderEpoch(int i) {
        return Consumer.leaderEpoch(msg(i));
    }

    private Arena scope() {
        if (scope == null) scope = Arena.ofShared();
        return scope;
    }

    /** Record {@code i} as a small view object (its accessors have the same lifetime as the batch). */
    public Record get(int i) {
        msg(i);
        return new Record(this, i);
    }

    @Override
    public Iterator<Record> iterator() {
        check();
        return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Record next() {
                if (next >= size) throw new NoSuchElementException();
                return get(next++);
            }
        };
    }

    /** All records as views (convenience; allocates one small object per record). */
    public List<Record> records() {
        List<Record> l = new ArrayList<>(size());
        for (int i = 0; i < size; i++) l.add(new Record(this, i));
        return l;
    }

    /** Frees the native messages; idempotent. Segments handed out before become inaccessible. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            if (scope != null) scope.close();
        } finally {
            for (int i = 0; i < size; i++) {
                RdKafka.rd_kafka_message_destroy(messages[i]);
                messages[i] = null;
            }
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public String toString() {
        return closed.get() ? "RecordBatch[closed]" : "RecordBatch[" + size + " records]";
    }

    /** One record of a {@link RecordBatch}; valid while the batch is open. */
    public static final class Record {
        private final RecordBatch batch;
        private final int index;

        private Record(RecordBatch batch, int index) {
            this.batch = batch;
            this.index = index;
        }

        public String topic() {
            return batch.topic(index);
        }

        public int partition() {
            return batch.partition(index);
        }

        public TopicPartition topicPartition() {
            return new TopicPartition(topic(), partition());
        }

        public long offset() {
            return batch.offset(index);
        }

        public long timestamp() {
            return batch.timestamp(index);
        }

        public TimestampType timestampType() {
            return batch.timestampType(index);
        }

        public MemorySegment key() {
            return batch.key(index);
        }

        public MemorySegment value() {
            return batch.value(index);
        }

        public int keySize() {
            return batch.keySize(index);
        }

        public int valueSize() {
            return batch.valueSize(index);
        }

        public Headers headers() {
            return batch.headers(index);
        }

        public Optional<Integer> leaderEpoch() {
            return batch.leaderEpoch(index);
        }

        @Override
        public String toString() {
            return "Record[" + topic() + "-" + partition() + "@" + offset() + "]";
        }
    }
}

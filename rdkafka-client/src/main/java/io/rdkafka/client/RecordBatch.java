package io.rdkafka.client;

import io.rdkafka.client.internal.MessageDecoder;

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
    private static final long[] NONE = new long[0];

    /** Message addresses, [0, size); this batch's own array. */
    private final long[] messages;
    private final int size;
    private final MessageDecoder decoder;
    private final Set<TopicPartition> endOfPartition;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Arena scope;
    private MemorySegment memory; // the address space, in scope: see space()

    /** A batch of the messages at {@code messages[0..size)}, which it then owns, read with the poller's decoder. */
    RecordBatch(long[] messages, int size, MessageDecoder decoder, Set<TopicPartition> endOfPartition) {
        this.messages = messages;
        this.size = size;
        this.decoder = decoder;
        this.endOfPartition = endOfPartition;
    }

    static RecordBatch empty(Set<TopicPartition> endOfPartition) {
        return new RecordBatch(NONE, 0, null, endOfPartition); // never shared: closing one must not close another
    }

    /** {@return the number of records} */
    public int size() {
        check();
        return size;
    }

    /** {@return whether the batch has no records} */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** {@return the partitions whose end was reached (with {@code enable.partition.eof=true})} */
    public Set<TopicPartition> endOfPartition() {
        check();
        return endOfPartition;
    }

    private long msg(int i) {
        check();
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("record " + i + " of " + size);
        return messages[i];
    }

    private void check() {
        if (closed.get()) throw new IllegalStateException("the record batch is closed");
    }

    /**
     * {@return record {@code i}'s topic}
     *
     * @param i the record's index, {@code 0 <= i < size()}
     */
    public String topic(int i) {
        return decoder.topic(msg(i));
    }

    /**
     * {@return record {@code i}'s partition}
     *
     * @param i the record's index, {@code 0 <= i < size()}
     */
    public int partition(int i) {
        return MessageDecoder.partition(msg(i));
    }

    /**
     * {@return record {@code i}'s offset}
     *
     * @param i the record's index, {@code 0 <= i < size()}
     */
    public long offset(int i) {
        return MessageDecoder.offset(msg(i));
    }

    /**
     * {@return record {@code i}'s timestamp, milliseconds since the epoch (-1 when none)}
     *
     * @param i the record's index, {@code 0 <= i < size()}
     */
    public long timestamp(int i) {
        return decoder.timestamp(msg(i));
    }

    /**
     * {@return what record {@code i}'s timestamp means}
     *
     * @param i the record's index, {@code 0 <= i < size()}
     */
    public TimestampType timestampType(int i) {
        decoder.timestamp(msg(i));
        return decoder.lastTimestampType();
    }

    /**
     * {@return the key's size in bytes, or -1 for a null key}
     *
     * @param i the record's index, {@code 0 <= i < size()}
     */
    public int keySize(int i) {
        return MessageDecoder.keySize(msg(i)); // by address: no segment for the key pointer
    }

    /**
     * {@return the value's size in bytes, or -1 for a null value}
     *
     * @param i the record's index, {@code 0 <= i < size()}
     */
    public int valueSize(int i) {
        return MessageDecoder.valueSize(msg(i)); // by address: no segment for the payload pointer
    }

    /**
     * {@return the key as a read-only segment valid while the batch is open; null for a null key}
     *
     * @param i the record's index, {@code 0 <= i < size()}
     */
    public MemorySegment key(int i) {
        return MessageDecoder.keyView(msg(i), space());
    }

    /**
     * {@return the value as a read-only segment valid while the batch is open; null for a null value}
     *
     * @param i the record's index, {@code 0 <= i < size()}
     */
    public MemorySegment value(int i) {
        return MessageDecoder.valueView(msg(i), space());
    }

    /** The address space bound to this batch's scope, made once per batch (see MessageDecoder.addressSpace). */
    private MemorySegment space() {
        MemorySegment all = memory;
        if (all == null) memory = all = MessageDecoder.addressSpace(scope());
        return all;
    }

    /**
     * {@return the record's headers, copied to the heap}
     *
     * @param i the record's index, {@code 0 <= i < size()}
     */
    public Headers headers(int i) {
        return decoder.headers(msg(i));
    }

    /**
     * {@return the leader epoch, when the loaded librdkafka reports it (2.1.0+)}
     *
     * @param i the record's index, {@code 0 <= i < size()}
     */
    public Optional<Integer> leaderEpoch(int i) {
        return MessageDecoder.leaderEpoch(msg(i));
    }

    private Arena scope() {
        if (scope == null) scope = Arena.ofShared();
        return scope;
    }

    /**
     * Record {@code i} as a small view object (its accessors have the same lifetime as the batch).
     *
     * @param i the record's index, {@code 0 <= i < count()}
     * @return the view
     */
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

    /** {@return all records as views (convenience; allocates one small object per record)} */
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
            for (int i = 0; i < size; i++) MessageDecoder.destroy(messages[i]);
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

        /** {@return the topic} */
        public String topic() {
            return batch.topic(index);
        }

        /** {@return the partition} */
        public int partition() {
            return batch.partition(index);
        }

        /** {@return the topic and partition} */
        public TopicPartition topicPartition() {
            return new TopicPartition(topic(), partition());
        }

        /** {@return the offset} */
        public long offset() {
            return batch.offset(index);
        }

        /** {@return the timestamp, milliseconds since the epoch (-1 when none)} */
        public long timestamp() {
            return batch.timestamp(index);
        }

        /** {@return what the timestamp means} */
        public TimestampType timestampType() {
            return batch.timestampType(index);
        }

        /** {@return the key as a read-only segment valid while the batch is open; null for a null key} */
        public MemorySegment key() {
            return batch.key(index);
        }

        /** {@return the value as a read-only segment valid while the batch is open; null for a null value} */
        public MemorySegment value() {
            return batch.value(index);
        }

        /** {@return the key's size in bytes, or -1 for a null key} */
        public int keySize() {
            return batch.keySize(index);
        }

        /** {@return the value's size in bytes, or -1 for a null value} */
        public int valueSize() {
            return batch.valueSize(index);
        }

        /** {@return the headers, copied to the heap} */
        public Headers headers() {
            return batch.headers(index);
        }

        /** {@return the leader epoch, when the loaded librdkafka reports it (2.1.0+)} */
        public Optional<Integer> leaderEpoch() {
            return batch.leaderEpoch(index);
        }

        @Override
        public String toString() {
            return "Record[" + topic() + "-" + partition() + "@" + offset() + "]";
        }
    }
}

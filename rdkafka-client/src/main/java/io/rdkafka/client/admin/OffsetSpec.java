package io.rdkafka.client.admin;

/** Which offset {@link Admin#listOffsets} looks up for a partition. */
public sealed interface OffsetSpec {
    /** {@return the spec of the first offset (the log start offset)} */
    static OffsetSpec earliest() {
        return Earliest.INSTANCE;
    }

    /**
     * {@return the spec of the end of the log (the next offset to be written; the last stable offset with
     * READ_COMMITTED)}
     */
    static OffsetSpec latest() {
        return Latest.INSTANCE;
    }

    /** {@return the spec of the record with the largest timestamp (librdkafka 2.3.0+, Kafka 3.0+)} */
    static OffsetSpec maxTimestamp() {
        return MaxTimestamp.INSTANCE;
    }

    /**
     * {@return the spec of the first offset whose timestamp is at or after {@code epochMillis} (end of log if
     * none)}
     *
     * @param epochMillis the timestamp, milliseconds since the epoch
     */
    static OffsetSpec forTimestamp(long epochMillis) {
        return new ForTimestamp(epochMillis);
    }

    /** {@return librdkafka's encoding: an {@code rd_kafka_OffsetSpec_t} value or a timestamp} */
    long nativeValue();

    /** The first offset; see {@link OffsetSpec#earliest()}. */
    record Earliest() implements OffsetSpec {
        static final Earliest INSTANCE = new Earliest();

        @Override
        public long nativeValue() {
            return -2;
        }
    }

    /** The end of the log; see {@link OffsetSpec#latest()}. */
    record Latest() implements OffsetSpec {
        static final Latest INSTANCE = new Latest();

        @Override
        public long nativeValue() {
            return -1;
        }
    }

    /** The record with the largest timestamp; see {@link OffsetSpec#maxTimestamp()}. */
    record MaxTimestamp() implements OffsetSpec {
        static final MaxTimestamp INSTANCE = new MaxTimestamp();

        @Override
        public long nativeValue() {
            return -3;
        }
    }

    /**
     * The first offset at or after a timestamp; see {@link OffsetSpec#forTimestamp(long)}.
     *
     * @param epochMillis the timestamp, milliseconds since the epoch
     */
    record ForTimestamp(long epochMillis) implements OffsetSpec {
        /**
         * Checks the timestamp.
         *
         * @throws IllegalArgumentException for a negative timestamp
         */
        public ForTimestamp {
            if (epochMillis < 0) throw new IllegalArgumentException("timestamp must be >= 0, got " + epochMillis);
        }

        @Override
        public long nativeValue() {
            return epochMillis;
        }
    }
}

package io.rdkafka.client.admin;

/** Which offset {@link Admin#listOffsets} looks up for a partition. */
public sealed interface OffsetSpec {
    /** The first offset (the log start offset). */
    static OffsetSpec earliest() {
        return Earliest.INSTANCE;
    }

    /** The end of the log (the next offset to be written; the last stable offset with READ_COMMITTED). */
    static OffsetSpec latest() {
        return Latest.INSTANCE;
    }

    /** The record with the largest timestamp (librdkafka 2.3.0+, Kafka 3.0+). */
    static OffsetSpec maxTimestamp() {
        return MaxTimestamp.INSTANCE;
    }

    /** The first offset whose timestamp is at or after {@code epochMillis} (end of log if none). */
    static OffsetSpec forTimestamp(long epochMillis) {
        return new ForTimestamp(epochMillis);
    }

    /** librdkafka's encoding: an {@code rd_kafka_OffsetSpec_t} value or a timestamp. */
    long nativeValue();

    record Earliest() implements OffsetSpec {
        static final Earliest INSTANCE = new Earliest();

        @Override
        public long nativeValue() {
            return -2;
        }
    }

    record Latest() implements OffsetSpec {
        static final Latest INSTANCE = new Latest();

        @Override
        public long nativeValue() {
            return -1;
        }
    }

    record MaxTimestamp() implements OffsetSpec {
        static final MaxTimestamp INSTANCE = new MaxTimestamp();

        @Override
        public long nativeValue() {
            return -3;
        }
    }

    record ForTimestamp(long epochMillis) implements OffsetSpec {
        public ForTimestamp {
            if (epochMillis < 0) throw new IllegalArgumentException("timestamp must be >= 0, got " + epochMillis);
        }

        @Override
        public long nativeValue() {
            return epochMillis;
        }
    }
}

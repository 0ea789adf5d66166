package io.rdkafka.client;

import java.util.Optional;

/**
 * What {@link Consumer#offsetsForTimesWithMetadata} found for a partition: the earliest record at or after the
 * requested timestamp, as Apache Kafka's {@code OffsetAndTimestamp}.
 *
 * @param offset      the record's offset
 * @param timestamp   the record's timestamp (milliseconds since the epoch), as the broker reported it
 * @param leaderEpoch the leader epoch of the record, -1 when the broker did not say
 */
public record OffsetAndTimestamp(long offset, long timestamp, int leaderEpoch) {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException for a negative offset or timestamp
     */
    public OffsetAndTimestamp {
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        if (timestamp < 0) throw new IllegalArgumentException("timestamp must be >= 0, got " + timestamp);
    }

    /** {@return the leader epoch, empty when unknown (as kafka-clients' {@code leaderEpoch()})} */
    public Optional<Integer> leaderEpochIfKnown() {
        return leaderEpoch < 0 ? Optional.empty() : Optional.of(leaderEpoch);
    }
}

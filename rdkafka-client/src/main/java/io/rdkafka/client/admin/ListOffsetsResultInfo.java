package io.rdkafka.client.admin;

/**
 * The offset {@link Admin#listOffsets} found.
 *
 * @param offset      the offset
 * @param timestamp   the record's timestamp, -1 when unknown (the broker did not say, or the loaded librdkafka
 *                    predates 2.3.0's ListOffsets)
 * @param leaderEpoch the leader epoch, -1 when unknown
 */
public record ListOffsetsResultInfo(long offset, long timestamp, int leaderEpoch) {
}

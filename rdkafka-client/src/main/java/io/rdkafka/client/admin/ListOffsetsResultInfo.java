package io.rdkafka.client.admin;

/**
 * The offset {@link Admin#listOffsets} found, with the record's timestamp and leader epoch ({@code -1} when
 * unknown: the broker did not say, or the loaded librdkafka predates 2.3.0's ListOffsets).
 */
public record ListOffsetsResultInfo(long offset, long timestamp, int leaderEpoch) {
}

package io.rdkafka.client;

/**
 * An offset to commit (the next record to read) with optional metadata and leader epoch.
 *
 * @param offset      the offset of the next record to read
 * @param metadata    application metadata committed with the offset ("" for none)
 * @param leaderEpoch the leader epoch of the last record read, -1 when unknown
 */
public record OffsetAndMetadata(long offset, String metadata, int leaderEpoch) {
    /**
     * Checks the offset; null metadata becomes "".
     *
     * @throws IllegalArgumentException for a negative offset
     */
    public OffsetAndMetadata {
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        metadata = metadata == null ? "" : metadata;
    }

    /**
     * An offset without metadata or leader epoch.
     *
     * @param offset the offset of the next record to read
     */
    public OffsetAndMetadata(long offset) {
        this(offset, "", -1);
    }

    /**
     * An offset with metadata.
     *
     * @param offset   the offset of the next record to read
     * @param metadata application metadata
     */
    public OffsetAndMetadata(long offset, String metadata) {
        this(offset, metadata, -1);
    }
}

package io.rdkafka.client;

/** An offset to commit (the next record to read) with optional metadata and leader epoch (-1: unknown). */
public record OffsetAndMetadata(long offset, String metadata, int leaderEpoch) {
    public OffsetAndMetadata {
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        metadata = metadata == null ? "" : metadata;
    }

    public OffsetAndMetadata(long offset) {
        this(offset, "", -1);
    }

    public OffsetAndMetadata(long offset, String metadata) {
        this(offset, metadata, -1);
    }
}

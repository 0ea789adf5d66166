package io.rdkafka.client.admin;

/** A SASL/SCRAM mechanism ({@code rd_kafka_ScramMechanism_t}). */
public enum ScramMechanism {
    /** A mechanism this library does not know. */
    UNKNOWN(0),
    /** SCRAM-SHA-256. */
    SCRAM_SHA_256(1),
    /** SCRAM-SHA-512. */
    SCRAM_SHA_512(2);

    final int code;

    ScramMechanism(int code) {
        this.code = code;
    }

    static ScramMechanism fromCode(int code) {
        for (ScramMechanism t : values()) if (t.code == code) return t;
        return UNKNOWN;
    }
}

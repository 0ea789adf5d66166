package io.rdkafka.client.admin;

/** A user's SCRAM credential: its mechanism and iteration count (never the password). */
public record ScramCredentialInfo(ScramMechanism mechanism, int iterations) {
}

package io.rdkafka.client.admin;

/**
 * A user's SCRAM credential (never the password).
 *
 * @param mechanism  the mechanism
 * @param iterations the hash iterations
 */
public record ScramCredentialInfo(ScramMechanism mechanism, int iterations) {
}

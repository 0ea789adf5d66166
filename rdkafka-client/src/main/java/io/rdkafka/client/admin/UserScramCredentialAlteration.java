package io.rdkafka.client.admin;

import java.util.Objects;

/** A change of {@link Admin#alterUserScramCredentials}: add/replace or delete one SCRAM credential of a user. */
public sealed interface UserScramCredentialAlteration {
    /** {@return the user} */
    String user();

    /** {@return the SCRAM mechanism} */
    ScramMechanism mechanism();

    /**
     * Adds or replaces {@code user}'s credential for {@code mechanism}.
     *
     * @param user       the user
     * @param mechanism  SCRAM-SHA-256 or SCRAM-SHA-512
     * @param iterations the hash iterations (at least the broker's minimum, 4096)
     * @param password   the password (UTF-8; copied, never shown)
     * @param salt       the salt, or {@code null} for librdkafka to generate one
     */
    record Upsertion(String user, ScramMechanism mechanism, int iterations, byte[] password, byte[] salt)
            implements UserScramCredentialAlteration {
        /**
         * Checks and copies the credential.
         *
         * @throws IllegalArgumentException without a mechanism or with fewer than 1 iteration
         */
        public Upsertion {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (mechanism == null || mechanism == ScramMechanism.UNKNOWN) {
                throw new IllegalArgumentException("a SCRAM mechanism is required");
            }
            if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1");
            password = password.clone();
            salt = salt == null ? null : salt.clone();
        }

        @Override
        public String toString() {
            return "Upsertion[" + user + ", " + mechanism + ", " + iterations + " iterations, password hidden]";
        }
    }

    /**
     * Deletes {@code user}'s credential for {@code mechanism}.
     *
     * @param user      the user
     * @param mechanism SCRAM-SHA-256 or SCRAM-SHA-512
     */
    record Deletion(String user, ScramMechanism mechanism) implements UserScramCredentialAlteration {
        /**
         * Checks the deletion.
         *
         * @throws IllegalArgumentException without a mechanism
         */
        public Deletion {
            Objects.requireNonNull(user, "user");
            if (mechanism == null || mechanism == ScramMechanism.UNKNOWN) {
                throw new IllegalArgumentException("a SCRAM mechanism is required");
            }
        }
    }

    /**
     * {@return an upsertion with a generated salt}
     *
     * @param user       the user
     * @param mechanism  SCRAM-SHA-256 or SCRAM-SHA-512
     * @param iterations the hash iterations
     * @param password   the password
     */
    static UserScramCredentialAlteration upsert(String user, ScramMechanism mechanism, int iterations, String password) {
        return new Upsertion(user, mechanism, iterations, password.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                null);
    }

    /**
     * {@return a deletion}
     *
     * @param user      the user
     * @param mechanism the mechanism whose credential goes
     */
    static UserScramCredentialAlteration delete(String user, ScramMechanism mechanism) {
        return new Deletion(user, mechanism);
    }
}

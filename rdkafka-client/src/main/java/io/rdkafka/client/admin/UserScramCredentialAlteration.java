package io.rdkafka.client.admin;

import java.util.Objects;

/** A change of {@link Admin#alterUserScramCredentials}: add/replace or delete one SCRAM credential of a user. */
public sealed interface UserScramCredentialAlteration {
    String user();

    ScramMechanism mechanism();

    /**
     * Adds or replaces {@code user}'s credential for {@code mechanism}. {@code salt} may be {@code null}
     * (librdkafka then generates one).
     */
    record Upsertion(String user, ScramMechanism mechanism, int iterations, byte[] password, byte[] salt)
            implements UserScramCredentialAlteration {
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

    /** Deletes {@code user}'s credential for {@code mechanism}. */
    record Deletion(String user, ScramMechanism mechanism) implements UserScramCredentialAlteration {
        public Deletion {
            Objects.requireNonNull(user, "user");
            if (mechanism == null || mechanism == ScramMechanism.UNKNOWN) {
                throw new IllegalArgumentException("a SCRAM mechanism is required");
            }
        }
    }

    static UserScramCredentialAlteration upsert(String user, ScramMechanism mechanism, int iterations, String password) {
        return new Upsertion(user, mechanism, iterations, password.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                null);
    }

    static UserScramCredentialAlteration delete(String user, ScramMechanism mechanism) {
        return new Deletion(user, mechanism);
    }
}

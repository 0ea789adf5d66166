package io.rdkafka.testkit;

/** The SASL mechanisms the kit's SASL listeners accept. */
public enum SaslMechanism {
  /** SASL/PLAIN: user name and password, sent as they are (use it over TLS). */
  PLAIN("PLAIN"),
  /** SCRAM with SHA-256. */
  SCRAM_SHA_256("SCRAM-SHA-256"),
  /** SCRAM with SHA-512. */
  SCRAM_SHA_512("SCRAM-SHA-512"),
  /** OAUTHBEARER, on the {@link ListenerKind#OAUTHBEARER} listener only. */
  OAUTHBEARER("OAUTHBEARER");

  private final String mechanismName;

  SaslMechanism(String mechanismName) {
    this.mechanismName = mechanismName;
  }

  /** {@return the name as written in {@code sasl.mechanism(s)}, e.g. {@code SCRAM-SHA-512}} */
  public String mechanismName() {
    return mechanismName;
  }

  /** {@return whether this is one of the SCRAM mechanisms} */
  public boolean isScram() {
    return this == SCRAM_SHA_256 || this == SCRAM_SHA_512;
  }
}

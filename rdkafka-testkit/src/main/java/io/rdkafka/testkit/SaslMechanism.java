package io.rdkafka.testkit;

/** The SASL mechanisms the kit's SASL listeners accept. */
public enum SaslMechanism {
  PLAIN("PLAIN"),
  SCRAM_SHA_256("SCRAM-SHA-256"),
  SCRAM_SHA_512("SCRAM-SHA-512"),
  OAUTHBEARER("OAUTHBEARER");

  private final String mechanismName;

  SaslMechanism(String mechanismName) {
    this.mechanismName = mechanismName;
  }

  /** The name as written in {@code sasl.mechanism(s)}, e.g. {@code SCRAM-SHA-512}. */
  public String mechanismName() {
    return mechanismName;
  }

  public boolean isScram() {
    return this == SCRAM_SHA_256 || this == SCRAM_SHA_512;
  }
}

package io.rdkafka.testkit;

/**
 * The client-facing listeners a cluster can offer. Every cluster has {@link #PLAINTEXT}, which the test kit
 * itself uses; the others are opt-in with {@link ClusterOptions#listeners}. Each kind is a listener of that
 * name on its own port of every broker.
 */
public enum ListenerKind {
  /** No encryption, no authentication: principal {@code User:ANONYMOUS}, a super user. */
  PLAINTEXT("PLAINTEXT"),
  /** TLS with a broker certificate signed by the kit's generated CA; client certificates optional. */
  SSL("SSL"),
  /** SASL PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 without TLS. */
  SASL_PLAINTEXT("SASL_PLAINTEXT"),
  /** SASL PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 over TLS. */
  SASL_SSL("SASL_SSL"),
  /** SASL OAUTHBEARER with unsecured (unsigned) JWTs, without TLS: the token's {@code sub} is the principal. */
  OAUTHBEARER("SASL_PLAINTEXT");

  private final String securityProtocol;

  ListenerKind(String securityProtocol) {
    this.securityProtocol = securityProtocol;
  }

  /** {@return the listener name in the broker configuration} */
  public String listenerName() {
    return name();
  }

  /** {@return the client's {@code security.protocol} for this listener} */
  public String securityProtocol() {
    return securityProtocol;
  }

  /** {@return whether clients connect with TLS} */
  public boolean usesTls() {
    return securityProtocol.endsWith("SSL");
  }

  /** {@return whether clients authenticate with SASL} */
  public boolean usesSasl() {
    return securityProtocol.startsWith("SASL");
  }
}

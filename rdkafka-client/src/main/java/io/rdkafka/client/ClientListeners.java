package io.rdkafka.client;

import io.rdkafka.client.errors.KafkaException;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a client tells the application besides results: errors that belong to no single call, statistics,
 * broker throttling, and OAUTHBEARER token refreshes. All listeners run on the client's event thread
 * ({@code rdkafka-<name>-events}); one that throws is logged and does not hurt the client. Keep them short.
 */
public final class ClientListeners {
    private final Consumer<KafkaException> onError;
    private final Consumer<String> onStatistics;
    private final ThrottleListener onThrottle;
    private final OAuthBearerTokenProvider tokenProvider;

    private ClientListeners(Builder b) {
        this.onError = b.onError;
        this.onStatistics = b.onStatistics;
        this.onThrottle = b.onThrottle;
        this.tokenProvider = b.tokenProvider;
    }

    /** No listeners: errors are logged through System.Logger. */
    public static ClientListeners none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Consumer<KafkaException> onError() {
        return onError;
    }

    public Consumer<String> onStatistics() {
        return onStatistics;
    }

    public ThrottleListener onThrottle() {
        return onThrottle;
    }

    public OAuthBearerTokenProvider tokenProvider() {
        return tokenProvider;
    }

    /** A broker delayed this client's requests (quota). */
    @FunctionalInterface
    public interface ThrottleListener {
        void throttled(String brokerName, int brokerId, Duration throttleTime);
    }

    /** An OAUTHBEARER token for SASL, returned by a {@link OAuthBearerTokenProvider}. */
    public record OAuthBearerToken(String value, long lifetimeEpochMillis, String principal,
                                   java.util.Map<String, String> extensions) {
        public OAuthBearerToken {
            java.util.Objects.requireNonNull(value, "token value");
            java.util.Objects.requireNonNull(principal, "principal");
            extensions = extensions == null ? java.util.Map.of() : java.util.Map.copyOf(extensions);
        }

        @Override
        public String toString() {
            return "OAuthBearerToken[principal=" + principal + ", lifetime=" + lifetimeEpochMillis + ", value="
                    + KafkaConfig.REDACTED + "]";
        }
    }

    /**
     * Called when librdkafka needs a new OAUTHBEARER token ({@code sasl.oauthbearer.config} is passed in).
     * Throwing reports a token failure to librdkafka, which retries later.
     */
    @FunctionalInterface
    public interface OAuthBearerTokenProvider {
        OAuthBearerToken token(String oauthbearerConfig) throws Exception;
    }

    public static final class Builder {
        private Consumer<KafkaException> onError;
        private Consumer<String> onStatistics;
        private ThrottleListener onThrottle;
        private OAuthBearerTokenProvider tokenProvider;

        private Builder() {
        }

        /** Client-level errors (e.g. all brokers down, authentication failures); fatal ones too. */
        public Builder onError(Consumer<KafkaException> listener) {
            this.onError = listener;
            return this;
        }

        /** librdkafka's statistics JSON, every {@code statistics.interval.ms}. */
        public Builder onStatistics(Consumer<String> listener) {
            this.onStatistics = listener;
            return this;
        }

        public Builder onThrottle(ThrottleListener listener) {
            this.onThrottle = listener;
            return this;
        }

        public Builder tokenProvider(OAuthBearerTokenProvider provider) {
            this.tokenProvider = provider;
            return this;
        }

        public ClientListeners build() {
            return new ClientListeners(this);
        }
    }
}

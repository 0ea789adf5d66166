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

    /** {@return no listeners: errors are logged through {@link System.Logger}} */
    public static ClientListeners none() {
        return builder().build();
    }

    /** {@return a builder with no listeners set} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the error listener, or {@code null}} */
    public Consumer<KafkaException> onError() {
        return onError;
    }

    /** {@return the statistics listener, or {@code null}} */
    public Consumer<String> onStatistics() {
        return onStatistics;
    }

    /** {@return the throttle listener, or {@code null}} */
    public ThrottleListener onThrottle() {
        return onThrottle;
    }

    /** {@return the OAUTHBEARER token provider, or {@code null}} */
    public OAuthBearerTokenProvider tokenProvider() {
        return tokenProvider;
    }

    /** A broker delayed this client's requests (quota). */
    @FunctionalInterface
    public interface ThrottleListener {
        /**
         * Called when a broker reports throttling (librdkafka's {@code throttle_cb}), on the event thread.
         *
         * @param brokerName   the broker's name, e.g. {@code localhost:9092/1}
         * @param brokerId     the broker's id
         * @param throttleTime how long the broker delayed the client's requests
         */
        void throttled(String brokerName, int brokerId, Duration throttleTime);
    }

    /**
     * An OAUTHBEARER token for SASL, returned by a {@link OAuthBearerTokenProvider}; passed to
     * {@code rd_kafka_oauthbearer_set_token}.
     *
     * @param value               the token (never shown by {@link #toString()})
     * @param lifetimeEpochMillis when the token expires, milliseconds since the epoch
     * @param principal           the principal the token is for
     * @param extensions          SASL extensions (key-value pairs); {@code null} for none
     */
    public record OAuthBearerToken(String value, long lifetimeEpochMillis, String principal,
                                   java.util.Map<String, String> extensions) {
        /**
         * Checks the token and copies the extensions.
         *
         * @throws NullPointerException when {@code value} or {@code principal} is null
         */
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
        /**
         * Returns a new token. Called on the client's event thread.
         *
         * @param oauthbearerConfig the client's {@code sasl.oauthbearer.config} property (empty when not set)
         * @return the token
         * @throws Exception when no token can be had: librdkafka is told of the failure and retries later
         */
        OAuthBearerToken token(String oauthbearerConfig) throws Exception;
    }

    /** Builds {@link ClientListeners}; every listener is optional. */
    public static final class Builder {
        private Consumer<KafkaException> onError;
        private Consumer<String> onStatistics;
        private ThrottleListener onThrottle;
        private OAuthBearerTokenProvider tokenProvider;

        private Builder() {
        }

        /**
         * Client-level errors (e.g. all brokers down, authentication failures); fatal ones too.
         *
         * @param listener receives each error on the event thread
         * @return this builder
         */
        public Builder onError(Consumer<KafkaException> listener) {
            this.onError = listener;
            return this;
        }

        /**
         * librdkafka's statistics JSON (its STATISTICS.md), every {@code statistics.interval.ms}
         * ({@link KafkaConfig.Builder#statisticsInterval}). The optional rdkafka-stats module parses it into records,
         * rdkafka-micrometer publishes it as meters.
         *
         * @param listener receives each JSON document on the event thread
         * @return this builder
         */
        public Builder onStatistics(Consumer<String> listener) {
            this.onStatistics = listener;
            return this;
        }

        /**
         * Broker throttling (quota) notifications.
         *
         * @param listener receives each notification on the event thread
         * @return this builder
         */
        public Builder onThrottle(ThrottleListener listener) {
            this.onThrottle = listener;
            return this;
        }

        /**
         * The OAUTHBEARER token provider, for {@code sasl.mechanism=OAUTHBEARER} (librdkafka's
         * {@code oauthbearer_token_refresh_cb}).
         *
         * @param provider called when librdkafka needs a token
         * @return this builder
         */
        public Builder tokenProvider(OAuthBearerTokenProvider provider) {
            this.tokenProvider = provider;
            return this;
        }

        /** {@return the listeners} */
        public ClientListeners build() {
            return new ClientListeners(this);
        }
    }
}

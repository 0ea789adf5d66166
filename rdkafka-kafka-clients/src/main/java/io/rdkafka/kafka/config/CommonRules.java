package io.rdkafka.kafka.config;

import io.rdkafka.kafka.config.ConfigTranslator.Kind;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static io.rdkafka.kafka.config.ConfigTranslator.refused;

/** Properties every client has: connection, timeouts, security (SSL stores, SASL). */
final class CommonRules {
    private CommonRules() {
    }

    /** Translates one kafka-clients property; false when it is not a common one. */
    static boolean translate(String name, AbstractConfig c, Translation t, Kind kind) {
        Object v = c.values().get(name);
        String text = ValueText.of(v);
        switch (name) {
            case CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG -> t.put("bootstrap.servers", text.replace(" ", ""));
            case CommonClientConfigs.CLIENT_ID_CONFIG, CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG,
                 CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG,
                 CommonClientConfigs.METADATA_MAX_AGE_CONFIG, CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG,
                 SaslConfigs.SASL_MECHANISM, SaslConfigs.SASL_KERBEROS_SERVICE_NAME,
                 SaslConfigs.SASL_KERBEROS_MIN_TIME_BEFORE_RELOGIN -> t.put(name, text);
            case CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG,
                 CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG -> {
                if (ConfigTranslator.knownToLibrdkafka(name, text)) t.put(name, text);
                else t.note(name, "this librdkafka has no such property; its own default applies");
            }
            case CommonClientConfigs.SEND_BUFFER_CONFIG -> t.put("socket.send.buffer.bytes", socketBuffer(c.getInt(name)));
            case CommonClientConfigs.RECEIVE_BUFFER_CONFIG -> t.put("socket.receive.buffer.bytes", socketBuffer(c.getInt(name)));
            case CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG -> {
                t.requestTimeout(Duration.ofMillis(c.getInt(name)));
                // a producer's is librdkafka's topic-level request.timeout.ms (the produce ack timeout); for the
                // others it bounds every request, as librdkafka's socket.timeout.ms
                t.put(kind == Kind.PRODUCER ? "request.timeout.ms" : "socket.timeout.ms", text);
            }
            case CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG -> t.defaultApiTimeout(Duration.ofMillis(c.getInt(name)));
            case CommonClientConfigs.SECURITY_PROTOCOL_CONFIG -> t.put("security.protocol", text.toLowerCase(Locale.ROOT));
            case CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG -> {
                if (ConfigTranslator.knownToLibrdkafka(name, text)) t.put(name, text);
                else t.note(name, "librdkafka resolves every address of a name and tries them in turn");
            }
            case CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG, CommonClientConfigs.METRICS_NUM_SAMPLES_CONFIG,
                 CommonClientConfigs.METRICS_RECORDING_LEVEL_CONFIG, CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_CONFIG,
                 CommonClientConfigs.ENABLE_METRICS_PUSH_CONFIG ->
                    t.note(name, "metrics() reads librdkafka's statistics (statistics.interval.ms); no reporters run");
            case CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG,
                 CommonClientConfigs.METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_CONFIG,
                 CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG ->
                    t.note(name, "librdkafka manages broker connections and re-bootstrapping itself");
            case org.apache.kafka.common.config.SecurityConfig.SECURITY_PROVIDERS_CONFIG ->
                    throw refused(name, c, "librdkafka uses OpenSSL, not JCA security providers");
            case SaslConfigs.SASL_JAAS_CONFIG -> {
                Password p = c.getPassword(name);
                SaslJaas.translate(SaslJaas.parse(p.value()), c.getString(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL), t);
            }
            case SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL -> {
                // read together with sasl.jaas.config
                if (c.getPassword(SaslConfigs.SASL_JAAS_CONFIG) == null) {
                    t.put("sasl.oauthbearer.method", "oidc");
                    t.put("sasl.oauthbearer.token.endpoint.url", text);
                }
            }
            case SaslConfigs.SASL_OAUTHBEARER_SCOPE -> t.put("sasl.oauthbearer.scope", text);
            case "sasl.oauthbearer.client.credentials.client.id" -> t.put("sasl.oauthbearer.client.id", text);
            case "sasl.oauthbearer.client.credentials.client.secret" -> t.put("sasl.oauthbearer.client.secret", text);
            case SaslConfigs.SASL_KERBEROS_KINIT_CMD -> {
                if (text.contains(" ")) t.put(name, text); // librdkafka's form: a command line
                else t.note(name, "librdkafka's sasl.kerberos.kinit.cmd is a whole command line; its default runs "
                        + "kinit from the PATH");
            }
            case SaslConfigs.SASL_KERBEROS_TICKET_RENEW_JITTER, SaslConfigs.SASL_KERBEROS_TICKET_RENEW_WINDOW_FACTOR,
                 SaslConfigs.SASL_LOGIN_CONNECT_TIMEOUT_MS, SaslConfigs.SASL_LOGIN_READ_TIMEOUT_MS,
                 SaslConfigs.SASL_LOGIN_REFRESH_BUFFER_SECONDS, SaslConfigs.SASL_LOGIN_REFRESH_MIN_PERIOD_SECONDS,
                 SaslConfigs.SASL_LOGIN_REFRESH_WINDOW_FACTOR, SaslConfigs.SASL_LOGIN_REFRESH_WINDOW_JITTER,
                 SaslConfigs.SASL_LOGIN_RETRY_BACKOFF_MS, SaslConfigs.SASL_LOGIN_RETRY_BACKOFF_MAX_MS ->
                    t.note(name, "librdkafka refreshes credentials and tokens on its own schedule");
            case SaslConfigs.SASL_OAUTHBEARER_SCOPE_CLAIM_NAME, SaslConfigs.SASL_OAUTHBEARER_SUB_CLAIM_NAME,
                 SaslConfigs.SASL_OAUTHBEARER_CLOCK_SKEW_SECONDS, SaslConfigs.SASL_OAUTHBEARER_EXPECTED_AUDIENCE,
                 SaslConfigs.SASL_OAUTHBEARER_EXPECTED_ISSUER, SaslConfigs.SASL_OAUTHBEARER_JWKS_ENDPOINT_URL,
                 SaslConfigs.SASL_OAUTHBEARER_JWKS_ENDPOINT_REFRESH_MS,
                 SaslConfigs.SASL_OAUTHBEARER_JWKS_ENDPOINT_RETRY_BACKOFF_MS,
                 SaslConfigs.SASL_OAUTHBEARER_JWKS_ENDPOINT_RETRY_BACKOFF_MAX_MS,
                 SaslConfigs.SASL_OAUTHBEARER_HEADER_URLENCODE ->
                    t.note(name, "token validation settings: librdkafka does not validate the token it sends");
            case SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS, SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS,
                 SaslConfigs.SASL_LOGIN_CLASS, "sasl.oauthbearer.jwt.retriever.class",
                 "sasl.oauthbearer.jwt.validator.class" ->
                    throw refused(name, c, "librdkafka runs no Java login or callback classes; for OAUTHBEARER use "
                            + "sasl.oauthbearer.token.endpoint.url (OIDC client credentials) or librdkafka's "
                            + "sasl.oauthbearer.* properties");
            case SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG,
                 SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, SslConfigs.SSL_KEY_PASSWORD_CONFIG,
                 SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, SslConfigs.SSL_KEYSTORE_KEY_CONFIG,
                 SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
                 SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG -> {
                // read together in defaults()
            }
            case SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG ->
                    t.put(name, text == null || text.isEmpty() ? "none" : text.toLowerCase(Locale.ROOT));
            case SslConfigs.SSL_CIPHER_SUITES_CONFIG -> {
                List<String> suites = c.getList(name);
                if (suites == null || suites.isEmpty()) break;
                if (suites.stream().anyMatch(s -> s.startsWith("TLS_") || s.startsWith("SSL_"))) {
                    throw refused(name, c, "these are JSSE cipher suite names; librdkafka takes OpenSSL's names "
                            + "(e.g. ECDHE-RSA-AES128-GCM-SHA256) in the same property");
                }
                t.put(name, String.join(":", suites));
            }
            case SslConfigs.SSL_PROTOCOL_CONFIG, SslConfigs.SSL_ENABLED_PROTOCOLS_CONFIG ->
                    t.note(name, "OpenSSL negotiates the highest TLS version both sides allow");
            case SslConfigs.SSL_PROVIDER_CONFIG, SslConfigs.SSL_KEYMANAGER_ALGORITHM_CONFIG,
                 SslConfigs.SSL_TRUSTMANAGER_ALGORITHM_CONFIG, SslConfigs.SSL_SECURE_RANDOM_IMPLEMENTATION_CONFIG ->
                    t.note(name, "a JSSE setting; librdkafka's TLS is OpenSSL's");
            case SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG ->
                    throw refused(name, c, "librdkafka's TLS is OpenSSL's; set librdkafka's ssl.engine.location or "
                            + "ssl.providers instead");
            default -> {
                if (name.startsWith("sasl.oauthbearer.assertion.")) {
                    throw refused(name, c, "JWT bearer assertions: use librdkafka's sasl.oauthbearer.* properties "
                            + "(librdkafka 2.10 or newer) instead");
                }
                return false;
            }
        }
        return true;
    }

    /** Stores and defaults every client shares. */
    static void defaults(AbstractConfig c, Translation t, Kind kind) {
        // kafka-clients generates client ids (producer-1, consumer-group-2, adminclient-3); librdkafka's is rdkafka
        String clientId = c.getString(CommonClientConfigs.CLIENT_ID_CONFIG);
        if (clientId != null && !clientId.isEmpty()) t.put("client.id", clientId);
        SslStores.keyStore(new SslStores.KeyStoreConf(c.getString(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG),
                c.getString(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG), c.getPassword(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG),
                c.getPassword(SslConfigs.SSL_KEY_PASSWORD_CONFIG),
                c.getPassword(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG),
                c.getPassword(SslConfigs.SSL_KEYSTORE_KEY_CONFIG)), t);
        SslStores.trustStore(new SslStores.TrustStoreConf(c.getString(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG),
                c.getString(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG),
                c.getPassword(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG),
                c.getPassword(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG)), t);
        if (kind != Kind.PRODUCER && !c.originals().containsKey(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG)) {
            t.requestTimeout(Duration.ofMillis(c.getInt(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG)));
        }
        if (c.values().containsKey(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG)
                && !c.originals().containsKey(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG)) {
            t.defaultApiTimeout(Duration.ofMillis(c.getInt(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG)));
        }
        if (!t.has("bootstrap.servers") && c.getList(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) != null
                && !c.getList(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).isEmpty()) {
            t.put("bootstrap.servers", String.join(",", c.getList(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)));
        }
    }

    /** kafka-clients' -1 is the OS default, librdkafka's 0. */
    private static String socketBuffer(int bytes) {
        return Integer.toString(bytes < 0 ? 0 : bytes);
    }
}

package io.rdkafka.kafka.config;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.AbstractConfig;

import static io.rdkafka.kafka.config.ConfigTranslator.refused;

/** Admin client properties. */
final class AdminRules {
    private AdminRules() {
    }

    static boolean translate(String name, AbstractConfig c, Translation t) {
        switch (name) {
            case AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG ->
                    throw refused(name, c, "librdkafka talks to brokers only: use bootstrap.servers");
            case AdminClientConfig.RETRIES_CONFIG ->
                    t.note(name, "librdkafka retries admin requests until the request timeout");
            default -> {
                return false;
            }
        }
        return true;
    }
}

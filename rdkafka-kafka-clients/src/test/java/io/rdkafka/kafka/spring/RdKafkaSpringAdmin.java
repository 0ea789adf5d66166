package io.rdkafka.kafka.spring;

import io.rdkafka.kafka.RdKafkaAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.Map;

/** Spring Kafka's KafkaAdmin (topic creation from NewTopic beans) over {@link RdKafkaAdmin}. */
public class RdKafkaSpringAdmin extends KafkaAdmin {
    public RdKafkaSpringAdmin(Map<String, Object> config) {
        super(config);
    }

    @Override
    protected Admin createAdmin() {
        return new RdKafkaAdmin(getAdminConfig());
    }
}

package io.rdkafka.kafka;

import io.rdkafka.client.admin.Config;
import io.rdkafka.client.admin.ConfigEntry;
import io.rdkafka.client.admin.ConfigResource;
import io.rdkafka.client.admin.ConfigSource;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** incrementalAlterConfigs emulated over alterConfigs (librdkafka before 2.2.0). */
class AdminConversionsTest {
    static ConfigEntry entry(String name, String value, ConfigSource source, boolean sensitive) {
        return new ConfigEntry(name, value, source, false, source == ConfigSource.DEFAULT_CONFIG, sensitive, List.of());
    }

    static AlterConfigOp op(String name, String value, AlterConfigOp.OpType type) {
        return new AlterConfigOp(new org.apache.kafka.clients.admin.ConfigEntry(name, value), type);
    }

    @Test
    void keepsTheResourcesOwnEntriesAndAppliesEachOperation() {
        Config current = new Config(List.of(
                entry("retention.ms", "1000", ConfigSource.DYNAMIC_TOPIC_CONFIG, false),
                entry("cleanup.policy", "delete", ConfigSource.DEFAULT_CONFIG, false),
                entry("segment.ms", "5000", ConfigSource.DYNAMIC_TOPIC_CONFIG, false),
                entry("min.insync.replicas", "1", ConfigSource.STATIC_BROKER_CONFIG, false)));
        Map<String, String> full = AdminConversions.applyIncrementally(ConfigResource.topic("t"), current, List.of(
                op("retention.ms", "2000", AlterConfigOp.OpType.SET),
                op("segment.ms", null, AlterConfigOp.OpType.DELETE),
                op("cleanup.policy", "compact", AlterConfigOp.OpType.APPEND)));
        assertEquals(Map.of("retention.ms", "2000", "cleanup.policy", "delete,compact"), full);
        full = AdminConversions.applyIncrementally(ConfigResource.topic("t"), new Config(List.of(
                entry("cleanup.policy", "delete,compact", ConfigSource.DYNAMIC_TOPIC_CONFIG, false))),
                List.of(op("cleanup.policy", "delete", AlterConfigOp.OpType.SUBTRACT)));
        assertEquals(Map.of("cleanup.policy", "compact"), full);
    }

    @Test
    void aSensitiveEntryThatCannotBeReadBackIsRefused() {
        Config current = new Config(List.of(entry("secret", null, ConfigSource.DYNAMIC_TOPIC_CONFIG, true)));
        assertThrows(UnsupportedOperationException.class, () -> AdminConversions.applyIncrementally(
                ConfigResource.topic("t"), current, List.of(op("retention.ms", "1", AlterConfigOp.OpType.SET))));
        assertEquals(Map.of("secret", "new"), AdminConversions.applyIncrementally(ConfigResource.topic("t"), current,
                List.of(op("secret", "new", AlterConfigOp.OpType.SET))));
    }
}

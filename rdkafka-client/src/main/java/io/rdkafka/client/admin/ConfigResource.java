package io.rdkafka.client.admin;

import java.util.Objects;

/** A resource with configurations: a topic, a broker (by id), or a group (Kafka 4.0+). */
public record ConfigResource(ResourceType type, String name) {
    public ConfigResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static ConfigResource topic(String name) {
        return new ConfigResource(ResourceType.TOPIC, name);
    }

    public static ConfigResource broker(int brokerId) {
        return new ConfigResource(ResourceType.BROKER, Integer.toString(brokerId));
    }

    public static ConfigResource group(String groupId) {
        return new ConfigResource(ResourceType.GROUP, groupId);
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }
}

package io.rdkafka.client.admin;

import java.util.Objects;

/**
 * A resource with configurations: a topic, a broker (by id), or a group (Kafka 4.0+).
 *
 * @param type the kind of resource
 * @param name its name (a broker's id as a string)
 */
public record ConfigResource(ResourceType type, String name) {
    /**
     * Checks the resource.
     *
     * @throws NullPointerException when a component is null
     */
    public ConfigResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    /**
     * {@return a topic resource}
     *
     * @param name the topic
     */
    public static ConfigResource topic(String name) {
        return new ConfigResource(ResourceType.TOPIC, name);
    }

    /**
     * {@return a broker resource}
     *
     * @param brokerId the broker's id
     */
    public static ConfigResource broker(int brokerId) {
        return new ConfigResource(ResourceType.BROKER, Integer.toString(brokerId));
    }

    /**
     * {@return a consumer group resource (Kafka 4.0+)}
     *
     * @param groupId the group
     */
    public static ConfigResource group(String groupId) {
        return new ConfigResource(ResourceType.GROUP, groupId);
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }
}

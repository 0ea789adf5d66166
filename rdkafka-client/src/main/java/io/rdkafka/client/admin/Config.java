package io.rdkafka.client.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configurations of one resource.
 *
 * @param entries the configurations
 */
public record Config(List<ConfigEntry> entries) {
    /** Copies the entries. */
    public Config {
        entries = List.copyOf(entries);
    }

    /**
     * {@return the entry named {@code name}, or {@code null}}
     *
     * @param name the configuration's name
     */
    public ConfigEntry get(String name) {
        for (ConfigEntry e : entries) if (e.name().equals(name)) return e;
        return null;
    }

    /** {@return the values by name (entries with a {@code null} value included)} */
    public Map<String, String> values() {
        Map<String, String> m = new LinkedHashMap<>();
        for (ConfigEntry e : entries) m.put(e.name(), e.value());
        return Collections.unmodifiableMap(m);
    }
}

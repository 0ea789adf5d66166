package io.rdkafka.client.admin;

import java.util.List;

/**
 * One configuration of a resource as {@link Admin#describeConfigs} reports it. {@code value} is {@code null}
 * for sensitive values and for values that are not set. {@code synonyms} lists where else the value is (or
 * would be) defined, highest precedence first.
 */
public record ConfigEntry(String name, String value, ConfigSource source, boolean readOnly, boolean isDefault,
                          boolean sensitive, List<Synonym> synonyms) {
    public ConfigEntry {
        synonyms = List.copyOf(synonyms);
    }

    /** A synonym: the same setting under another name or at another level. */
    public record Synonym(String name, String value, ConfigSource source) {
    }
}

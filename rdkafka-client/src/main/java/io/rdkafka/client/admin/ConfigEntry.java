package io.rdkafka.client.admin;

import java.util.List;

/**
 * One configuration of a resource as {@link Admin#describeConfigs} reports it.
 *
 * @param name      the configuration's name
 * @param value     its value; {@code null} for sensitive values and for values that are not set
 * @param source    where the value comes from
 * @param readOnly  whether it cannot be changed
 * @param isDefault whether the value is the default
 * @param sensitive whether the value is secret (and therefore not reported)
 * @param synonyms  where else the value is (or would be) defined, highest precedence first
 */
public record ConfigEntry(String name, String value, ConfigSource source, boolean readOnly, boolean isDefault,
                          boolean sensitive, List<Synonym> synonyms) {
    /** Copies the synonyms. */
    public ConfigEntry {
        synonyms = List.copyOf(synonyms);
    }

    /**
     * A synonym: the same setting under another name or at another level.
     *
     * @param name   the synonym's name
     * @param value  its value, or {@code null}
     * @param source where it is defined
     */
    public record Synonym(String name, String value, ConfigSource source) {
    }
}

package io.rdkafka.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record header: a name (repeatable within a record) and a value, which may be null.
 *
 * @param key   the name
 * @param value the value, or {@code null}
 */
public record Header(String key, byte[] value) {
    /**
     * Checks the header.
     *
     * @throws NullPointerException when {@code key} is null
     */
    public Header {
        Objects.requireNonNull(key, "header key");
    }

    /**
     * {@return a header with a UTF-8 string value}
     *
     * @param key       the name
     * @param utf8Value the value, encoded as UTF-8; {@code null} for none
     */
    public static Header of(String key, String utf8Value) {
        return new Header(key, utf8Value == null ? null : utf8Value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header h && h.key.equals(key) && Arrays.equals(h.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Header[" + key + "=" + (value == null ? "null" : value.length + " bytes") + "]";
    }
}

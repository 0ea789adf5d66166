package io.rdkafka.client;

/**
 * Turns a key or value into bytes. Must be thread-safe: a producer may be shared by threads.
 *
 * <p>A serializer that needs the record's headers (to add a schema id or a content type, say) overrides
 * {@link #serialize(String, MutableHeaders, Object)}; the producer then hands it the record's headers and sends
 * them as the serializers left them. Serializers that do not override it cost the producer nothing extra: it calls
 * {@link #serialize(String, Object)} directly and makes no headers object.
 *
 * @param <T> the type serialized
 */
@FunctionalInterface
public interface Serializer<T> {
    /**
     * The bytes for {@code data}; null stays null (no key, or a tombstone value). Called on the thread that
     * calls {@code Producer.send}.
     *
     * @param topic the topic the record goes to
     * @param data  the key or value, perhaps {@code null}
     * @return the bytes, or {@code null}
     */
    byte[] serialize(String topic, T data);

    /**
     * The bytes for {@code data}, with the record's headers, to which this serializer may add (or from which it
     * may remove) headers; the record is sent with the headers as they are after the key serializer and then the
     * value serializer ran. Called on the thread that calls {@code Producer.send}, with headers that belong to
     * this one send: do not keep them. By default {@link #serialize(String, Object)}, headers untouched.
     *
     * @param topic   the topic the record goes to
     * @param headers the record's headers, changeable
     * @param data    the key or value, perhaps {@code null}
     * @return the bytes, or {@code null}
     */
    default byte[] serialize(String topic, MutableHeaders headers, T data) {
        return serialize(topic, data);
    }
}

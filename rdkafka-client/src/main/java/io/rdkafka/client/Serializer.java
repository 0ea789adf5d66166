package io.rdkafka.client;

/**
 * Turns a key or value into bytes. Must be thread-safe: a producer may be shared by threads.
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
}

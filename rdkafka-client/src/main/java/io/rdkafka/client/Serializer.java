package io.rdkafka.client;

/** Turns a key or value into bytes. Must be thread-safe: a producer may be shared by threads. */
@FunctionalInterface
public interface Serializer<T> {
    /** The bytes for {@code data}; null stays null (no key, or a tombstone value). */
    byte[] serialize(String topic, T data);
}

package io.rdkafka.client;

/** Turns key or value bytes into an object. Called on the polling thread. */
@FunctionalInterface
public interface Deserializer<T> {
    /** The object for {@code data}; {@code data} is null for a null key or value. */
    T deserialize(String topic, byte[] data);
}

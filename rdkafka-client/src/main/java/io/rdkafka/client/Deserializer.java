package io.rdkafka.client;

/**
 * Turns key or value bytes into an object. Called on the polling thread.
 *
 * @param <T> the type deserialized
 */
@FunctionalInterface
public interface Deserializer<T> {
    /**
     * The object for {@code data}. An exception fails the poll with a
     * {@link io.rdkafka.client.errors.RecordDeserializationException}.
     *
     * @param topic the topic the record came from
     * @param data  the bytes; {@code null} for a null key or value
     * @return the object
     */
    T deserialize(String topic, byte[] data);
}

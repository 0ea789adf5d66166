package io.rdkafka.client;

/**
 * Turns key or value bytes into an object. Called on the polling thread.
 *
 * <p>A deserializer that reads the record's headers (a schema id, a content type) overrides
 * {@link #deserialize(String, Headers, byte[])}; the consumer always calls that one, which by default calls
 * {@link #deserialize(String, byte[])}.
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

    /**
     * The object for {@code data}, with the record's headers (those {@link ConsumerRecord#headers()} returns).
     * An exception fails the poll with a {@link io.rdkafka.client.errors.RecordDeserializationException}. By
     * default {@link #deserialize(String, byte[])}.
     *
     * @param topic   the topic the record came from
     * @param headers the record's headers, empty when it has none
     * @param data    the bytes; {@code null} for a null key or value
     * @return the object
     */
    default T deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }
}

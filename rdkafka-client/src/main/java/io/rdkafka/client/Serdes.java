package io.rdkafka.client;

import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.SerializationException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Built-in serializers and deserializers, with the same wire formats as Apache Kafka's: big-endian
 * integers and doubles, UTF-8 strings, UUIDs as their 36-character string. null maps to null.
 */
public final class Serdes {
    private Serdes() {
    }

    /** {@return a serializer that passes byte arrays through} */
    public static Serializer<byte[]> byteArraySerializer() {
        return (topic, data) -> data;
    }

    /** {@return a deserializer that passes byte arrays through} */
    public static Deserializer<byte[]> byteArrayDeserializer() {
        return (topic, data) -> data;
    }

    /** {@return a UTF-8 string serializer} */
    public static Serializer<String> stringSerializer() {
        return (topic, data) -> data == null ? null : data.getBytes(StandardCharsets.UTF_8);
    }

    /** {@return a UTF-8 string deserializer} */
    public static Deserializer<String> stringDeserializer() {
        return (topic, data) -> data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    /** {@return a serializer of a buffer's remaining bytes; the buffer's position is not changed} */
    public static Serializer<ByteBuffer> byteBufferSerializer() {
        return (topic, data) -> {
            if (data == null) return null;
            byte[] out = new byte[data.remaining()];
            data.duplicate().get(out);
            return out;
        };
    }

    /** {@return a deserializer that wraps the bytes in a heap buffer} */
    public static Deserializer<ByteBuffer> byteBufferDeserializer() {
        return (topic, data) -> data == null ? null : ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** {@return a serializer of integers as 4 big-endian bytes} */
    public static Serializer<Integer> integerSerializer() {
        return (topic, data) -> data == null ? null : ByteBuffer.allocate(4).putInt(data).array();
    }

    /** {@return a deserializer of 4 big-endian bytes; other sizes fail} */
    public static Deserializer<Integer> integerDeserializer() {
        return (topic, data) -> data == null ? null : ByteBuffer.wrap(exact(data, 4, "Integer")).getInt();
    }

    /** {@return a serializer of longs as 8 big-endian bytes} */
    public static Serializer<Long> longSerializer() {
        return (topic, data) -> data == null ? null : ByteBuffer.allocate(8).putLong(data).array();
    }

    /** {@return a deserializer of 8 big-endian bytes; other sizes fail} */
    public static Deserializer<Long> longDeserializer() {
        return (topic, data) -> data == null ? null : ByteBuffer.wrap(exact(data, 8, "Long")).getLong();
    }

    /** {@return a serializer of doubles as 8 big-endian bytes (IEEE 754)} */
    public static Serializer<Double> doubleSerializer() {
        return (topic, data) -> data == null ? null : ByteBuffer.allocate(8).putDouble(data).array();
    }

    /** {@return a deserializer of 8 big-endian bytes (IEEE 754); other sizes fail} */
    public static Deserializer<Double> doubleDeserializer() {
        return (topic, data) -> data == null ? null : ByteBuffer.wrap(exact(data, 8, "Double")).getDouble();
    }

    /** {@return a serializer of UUIDs as their 36-character UTF-8 string} */
    public static Serializer<UUID> uuidSerializer() {
        return (topic, data) -> data == null ? null : data.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@return a deserializer of UUIDs from their 36-character UTF-8 string} */
    public static Deserializer<UUID> uuidDeserializer() {
        return (topic, data) -> {
            if (data == null) return null;
            try {
                return UUID.fromString(new String(data, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new SerializationException(KafkaError.of(KafkaError.UNKNOWN_CODE,
                        "not a UUID: " + data.length + " bytes"), e);
            }
        };
    }

    /** {@return a serializer for keys or values that are always absent: it serializes anything to null} */
    public static Serializer<Void> voidSerializer() {
        return (topic, data) -> null;
    }

    /** {@return a deserializer for keys or values that are always absent: data fails it} */
    public static Deserializer<Void> voidDeserializer() {
        return (topic, data) -> {
            if (data != null) {
                throw new SerializationException(KafkaError.of(KafkaError.UNKNOWN_CODE,
                        "expected no data (Void) but got " + data.length + " bytes"));
            }
            return null;
        };
    }

    private static byte[] exact(byte[] data, int size, String type) {
        if (data.length != size) {
            throw new SerializationException(KafkaError.of(KafkaError.UNKNOWN_CODE,
                    type + " needs " + size + " bytes, got " + data.length));
        }
        return data;
    }
}

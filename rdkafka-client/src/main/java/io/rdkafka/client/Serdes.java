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

    public static Serializer<byte[]> byteArraySerializer() {
        return (topic, data) -> data;
    }

    public static Deserializer<byte[]> byteArrayDeserializer() {
        return (topic, data) -> data;
    }

    public static Serializer<String> stringSerializer() {
        return (topic, data) -> data == null ? null : data.getBytes(StandardCharsets.UTF_8);
    }

    public static Deserializer<String> stringDeserializer() {
        return (topic, data) -> data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    /** The buffer's remaining bytes; the buffer's position is not changed. */
    public static Serializer<ByteBuffer> byteBufferSerializer() {
        return (topic, data) -> {
            if (data == null) return null;
            byte[] out = new byte[data.remaining()];
            data.duplicate().get(out);
            return out;
        };
    }

    public static Deserializer<ByteBuffer> byteBufferDeserializer() {
        return (topic, data) -> data == null ? null : ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    public static Serializer<Integer> integerSerializer() {
        return (topic, data) -> data == null ? null : ByteBuffer.allocate(4).putInt(data).array();
    }

    public static Deserializer<Integer> integerDeserializer() {
        return (topic, data) -> data == null ? null : ByteBuffer.wrap(exact(data, 4, "Integer")).getInt();
    }

    public static Serializer<Long> longSerializer() {
        return (topic, data) -> data == null ? null : ByteBuffer.allocate(8).putLong(data).array();
    }

    public static Deserializer<Long> longDeserializer() {
        return (topic, data) -> data == null ? null : ByteBuffer.wrap(exact(data, 8, "Long")).getLong();
    }

    public static Serializer<Double> doubleSerializer() {
        return (topic, data) -> data == null ? null : ByteBuffer.allocate(8).putDouble(data).array();
    }

    public static Deserializer<Double> doubleDeserializer() {
        return (topic, data) -> data == null ? null : ByteBuffer.wrap(exact(data, 8, "Double")).getDouble();
    }

    public static Serializer<UUID> uuidSerializer() {
        return (topic, data) -> data == null ? null : data.toString().getBytes(StandardCharsets.UTF_8);
    }

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

    /** For keys or values that are always absent: serializes anything to null. */
    public static Serializer<Void> voidSerializer() {
        return (topic, data) -> null;
    }

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

package io.rdkafka.client.internal;

import io.rdkafka.client.MutableHeaders;
import io.rdkafka.client.Serializer;

/**
 * Whether a {@link Serializer} overrides the headers variant of {@code serialize}: a producer whose serializers do
 * not makes no {@link MutableHeaders} per record (a lambda or a class implementing only
 * {@code serialize(topic, data)} inherits the default, which ignores the headers).
 */
public final class HeaderAwareSerializers {
    private HeaderAwareSerializers() {
    }

    /**
     * {@return whether {@code s} (or a class it extends) declares {@code serialize(String, MutableHeaders, T)}}
     *
     * @param s the serializer
     */
    public static boolean usesHeaders(Serializer<?> s) {
        try {
            // a generic implementation's override shows up as its bridge method (erased to Object)
            return s.getClass().getMethod("serialize", String.class, MutableHeaders.class, Object.class)
                    .getDeclaringClass() != Serializer.class;
        } catch (NoSuchMethodException e) {
            return true; // cannot happen for a Serializer; calling the headers variant is always correct
        }
    }
}

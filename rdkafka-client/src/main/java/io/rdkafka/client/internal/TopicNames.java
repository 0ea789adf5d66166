package io.rdkafka.client.internal;

import io.rdkafka.client.errors.InvalidTopicException;

/** Kafka's rules for topic names, checked before a name reaches librdkafka (which would accept some Kafka refuses). */
public final class TopicNames {
    private static final int TOPIC_MAX_LENGTH = 249;

    private TopicNames() {
    }

    /**
     * Checks a topic name.
     *
     * @param topic the name
     * @throws InvalidTopicException when it is empty, too long, {@code .} or {@code ..}, or has a character
     *                               other than a-z, A-Z, 0-9, '.', '_', '-'
     * @throws NullPointerException  when it is null
     */
    public static void validate(String topic) {
        if (topic.isEmpty()) throw new InvalidTopicException(topic, "empty");
        if (topic.length() > TOPIC_MAX_LENGTH) {
            throw new InvalidTopicException(topic.substring(0, 20) + "...", "longer than " + TOPIC_MAX_LENGTH
                    + " characters (" + topic.length() + ")");
        }
        if (topic.equals(".") || topic.equals("..")) throw new InvalidTopicException(topic, "'.' and '..' are reserved");
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-')) {
                throw new InvalidTopicException(topic, "character '" + c + "' at " + i
                        + " is not allowed (only a-z, A-Z, 0-9, '.', '_', '-')");
            }
        }
    }
}

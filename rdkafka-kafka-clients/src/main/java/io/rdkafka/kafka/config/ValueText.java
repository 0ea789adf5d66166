package io.rdkafka.kafka.config;

import org.apache.kafka.common.config.types.Password;

import java.util.Collection;
import java.util.stream.Collectors;

/** A kafka-clients configuration value as the text librdkafka takes. */
final class ValueText {
    private ValueText() {
    }

    static String of(Object v) {
        return switch (v) {
            case null -> null;
            case Password p -> p.value();
            case Class<?> c -> c.getName();
            case Collection<?> c -> c.stream().map(ValueText::of).map(String::trim).collect(Collectors.joining(","));
            default -> v.toString().trim();
        };
    }
}

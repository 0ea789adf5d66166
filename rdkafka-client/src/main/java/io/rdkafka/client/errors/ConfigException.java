package io.rdkafka.client.errors;

/** A configuration property is unknown, has an invalid value, or conflicts with another. */
public class ConfigException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /** The property concerned, or null. */
    private final String property;

    /**
     * Creates the exception.
     *
     * @param property the property concerned, or {@code null}
     * @param message  what is wrong
     */
    public ConfigException(String property, String message) {
        super(KafkaError.of(io.rdkafka.ffm.RdKafka.RD_KAFKA_RESP_ERR__INVALID_ARG,
                property == null ? message : "configuration property '" + property + "': " + message));
        this.property = property;
    }

    /** {@return the offending property's name, or null when the error is not about one property} */
    public String property() {
        return property;
    }
}

package io.rdkafka.client.errors;

/** The broker refused a configuration name or value (INVALID_CONFIG). */
public class InvalidConfigurationException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(KafkaError error) {
        super(error);
    }
}

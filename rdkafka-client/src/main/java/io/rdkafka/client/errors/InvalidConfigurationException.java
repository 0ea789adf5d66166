package io.rdkafka.client.errors;

/** The broker refused a configuration name or value (INVALID_CONFIG). */
public class InvalidConfigurationException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public InvalidConfigurationException(KafkaError error) {
        super(error);
    }
}

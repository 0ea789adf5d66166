package io.rdkafka.client.errors;

/** The broker does not support the request or the version librdkafka needs (UNSUPPORTED_VERSION, _UNSUPPORTED_FEATURE). */
public class UnsupportedVersionException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public UnsupportedVersionException(KafkaError error) {
        super(error);
    }
}

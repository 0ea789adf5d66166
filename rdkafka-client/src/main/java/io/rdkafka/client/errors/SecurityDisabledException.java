package io.rdkafka.client.errors;

/** ACL requests need an authorizer on the brokers (SECURITY_DISABLED). */
public class SecurityDisabledException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public SecurityDisabledException(KafkaError error) {
        super(error);
    }
}

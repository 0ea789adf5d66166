package io.rdkafka.client.errors;

/** The broker's create-topic or alter-config policy refused the request (POLICY_VIOLATION). */
public class PolicyViolationException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public PolicyViolationException(KafkaError error) {
        super(error);
    }
}

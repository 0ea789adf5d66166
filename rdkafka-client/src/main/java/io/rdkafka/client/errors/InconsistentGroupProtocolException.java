package io.rdkafka.client.errors;

/** The group uses another rebalance protocol or assignment strategy than this member (e.g. eager vs cooperative-sticky). */
public class InconsistentGroupProtocolException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public InconsistentGroupProtocolException(KafkaError error) {
        super(error);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public InconsistentGroupProtocolException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

package io.rdkafka.client.errors;

/** The group uses another rebalance protocol or assignment strategy than this member (e.g. eager vs cooperative-sticky). */
public class InconsistentGroupProtocolException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public InconsistentGroupProtocolException(KafkaError error) {
        super(error);
    }

    public InconsistentGroupProtocolException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

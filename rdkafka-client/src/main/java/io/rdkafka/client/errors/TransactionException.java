package io.rdkafka.client.errors;

/** A transactional call failed; see isRetriable(), txnRequiresAbort() and isFatal() for what to do next. */
public class TransactionException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public TransactionException(KafkaError error) {
        super(error);
    }

    public TransactionException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

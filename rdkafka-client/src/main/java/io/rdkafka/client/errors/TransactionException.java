package io.rdkafka.client.errors;

/** A transactional call failed; see isRetriable(), txnRequiresAbort() and isFatal() for what to do next. */
public class TransactionException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public TransactionException(KafkaError error) {
        super(error);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public TransactionException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

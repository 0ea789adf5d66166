package io.rdkafka.client.errors;

/** The current transaction must be aborted with abortTransaction(); a new one may then begin (rd_kafka_error_txn_requires_abort). */
public class TransactionAbortableException extends TransactionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public TransactionAbortableException(KafkaError error) {
        super(error);
    }
}

package io.rdkafka.client.errors;

/** The transactional producer hit a fatal error and must be closed (rd_kafka_error_is_fatal). */
public class TransactionFatalException extends TransactionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public TransactionFatalException(KafkaError error) {
        super(error);
    }
}

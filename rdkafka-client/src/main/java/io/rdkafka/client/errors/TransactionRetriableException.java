package io.rdkafka.client.errors;

/** The transactional call may be retried as it is (rd_kafka_error_is_retriable). */
public class TransactionRetriableException extends TransactionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public TransactionRetriableException(KafkaError error) {
        super(error);
    }
}

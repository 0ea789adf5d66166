package io.rdkafka.client.errors;

/** The transactional call may be retried as it is (rd_kafka_error_is_retriable). */
public class TransactionRetriableException extends TransactionException {
    private static final long serialVersionUID = 1L;

    public TransactionRetriableException(KafkaError error) {
        super(error);
    }
}

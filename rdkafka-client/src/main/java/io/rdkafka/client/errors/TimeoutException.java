package io.rdkafka.client.errors;

/** An operation did not complete in its time (librdkafka's _TIMED_OUT, _MSG_TIMED_OUT, REQUEST_TIMED_OUT, ...). */
public class TimeoutException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public TimeoutException(KafkaError error) {
        super(error);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param error the error as librdkafka (or the binding) reported it
     * @param cause the exception that led to it, or {@code null}
     */
    public TimeoutException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

package io.rdkafka.client.errors;

/** An operation did not complete in its time (librdkafka's _TIMED_OUT, _MSG_TIMED_OUT, REQUEST_TIMED_OUT, ...). */
public class TimeoutException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public TimeoutException(KafkaError error) {
        super(error);
    }

    public TimeoutException(KafkaError error, Throwable cause) {
        super(error, cause);
    }
}

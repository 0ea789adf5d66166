package io.rdkafka.client.errors;

/** The group has active members, so it cannot be deleted (NON_EMPTY_GROUP). */
public class GroupNotEmptyException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public GroupNotEmptyException(KafkaError error) {
        super(error);
    }
}

package io.rdkafka.client.errors;

/** No such group (GROUP_ID_NOT_FOUND). */
public class GroupIdNotFoundException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the error as librdkafka (or the binding) reported it
     */
    public GroupIdNotFoundException(KafkaError error) {
        super(error);
    }
}

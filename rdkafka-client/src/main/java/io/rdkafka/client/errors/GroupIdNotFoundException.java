package io.rdkafka.client.errors;

/** No such group (GROUP_ID_NOT_FOUND). */
public class GroupIdNotFoundException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public GroupIdNotFoundException(KafkaError error) {
        super(error);
    }
}

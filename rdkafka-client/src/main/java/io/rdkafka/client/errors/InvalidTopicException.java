package io.rdkafka.client.errors;

/** A topic name that Kafka does not accept (empty, longer than 249 characters, or with other than [a-zA-Z0-9._-]). */
public class InvalidTopicException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param topic the refused name
     * @param why   why Kafka would refuse it
     */
    public InvalidTopicException(String topic, String why) {
        super(KafkaError.of(io.rdkafka.ffm.RdKafka.RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION,
                "invalid topic name '" + topic + "': " + why));
    }
}

package io.rdkafka.kafka.errors;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidGroupIdException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.protocol.Errors;

import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the exceptions of rdkafka-client ({@code io.rdkafka.client.errors}) into the ones Apache Kafka's Java client
 * throws ({@code org.apache.kafka.common.errors}), so that code catching {@code ProducerFencedException},
 * {@code RecordTooLargeException}, {@code TimeoutException}, ... keeps working.
 *
 * <p>Broker errors carry the same codes in librdkafka as in the Kafka protocol, so a positive code becomes the
 * exception kafka-clients has for it ({@link Errors#forCode}), e.g. 90 {@code ProducerFencedException}, 29
 * {@code TopicAuthorizationException}, 47 {@code InvalidProducerEpochException}. librdkafka's own (negative)
 * codes are mapped by name: {@code _TIMED_OUT} and {@code _MSG_TIMED_OUT} to {@code TimeoutException},
 * {@code _FENCED} to
 * {@code ProducerFencedException}, {@code _STATE} to {@link IllegalStateException}, and so on (see
 * docs/kafka-clients.md). The original exception is kept as the cause. Exceptions that are not rdkafka-client's
 * pass through unchanged.
 */
public final class ErrorMapping {
    private static final Pattern WHERE = Pattern.compile("\\(([^()\\s\\[]+) \\[(\\d+)]\\)");

    private ErrorMapping() {
    }

    /**
     * The kafka-clients exception for an exception of rdkafka-client; others unchanged (an
     * {@link ExecutionException} or {@link CompletionException} is unwrapped first, an {@link InterruptedException}
     * becomes {@link InterruptException}).
     *
     * @param t the exception
     * @return the exception to throw or report
     */
    public static RuntimeException toKafka(Throwable t) {
        return toKafka(t, null);
    }

    /**
     * As {@link #toKafka(Throwable)}, with the topic the failed operation was about, which a
     * {@link TopicAuthorizationException} names.
     *
     * @param t     the exception
     * @param topic the topic, or {@code null}
     * @return the exception to throw or report
     */
    public static RuntimeException toKafka(Throwable t, String topic) {
        if ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof InterruptedException ie) return new InterruptException(ie);
        if (t instanceof io.rdkafka.client.errors.KafkaException ke) return fromRdKafka(ke, topic);
        if (t instanceof RuntimeException re) return re;
        if (t instanceof Error err) throw err;
        return new KafkaException(t);
    }

    /**
     * The exception kafka-clients throws for a librdkafka error code and message.
     *
     * @param ke    the rdkafka-client exception
     * @param topic the topic the operation was about, or {@code null}
     * @return the kafka-clients exception, with {@code ke} as its cause
     */
    static RuntimeException fromRdKafka(io.rdkafka.client.errors.KafkaException ke, String topic) {
        String msg = ke.error().message();
        RuntimeException mapped = switch (ke) {
            case io.rdkafka.client.errors.WakeupException w -> new WakeupException();
            case io.rdkafka.client.errors.ConfigException c ->
                    new org.apache.kafka.common.config.ConfigException(ke.getMessage());
            case io.rdkafka.client.errors.RecordDeserializationException d -> new SerializationException(msg, d);
            case io.rdkafka.client.errors.SerializationException s -> new SerializationException(msg, s);
            case io.rdkafka.client.errors.CommitFailedException c -> commitFailed(ke);
            default -> byCode(ke, msg, topic);
        };
        if (mapped.getCause() == null && mapped != ke) {
            try {
                mapped.initCause(ke);
            } catch (IllegalStateException ignored) {
                // the exception's constructor set a cause already
            }
        }
        return mapped;
    }

    private static RuntimeException commitFailed(io.rdkafka.client.errors.KafkaException ke) {
        if (ke.code() == Errors.REBALANCE_IN_PROGRESS.code()) {
            return new RebalanceInProgressException("Offset commit cannot be completed since the consumer is "
                    + "undergoing a rebalance for auto partition assignment: " + ke.error().message());
        }
        return new CommitFailedException("Commit cannot be completed since the group has already rebalanced and "
                + "assigned the partitions to another member (" + ke.error().message() + ")");
    }

    private static RuntimeException byCode(io.rdkafka.client.errors.KafkaException ke, String msg, String topic) {
        int code = ke.code();
        if (code > 0) {
            Errors e = Errors.forCode((short) code);
            if (e == Errors.TOPIC_AUTHORIZATION_FAILED) {
                return new TopicAuthorizationException(msg, topic == null ? Set.of() : Set.of(topic));
            }
            if (e != Errors.UNKNOWN_SERVER_ERROR || code == Errors.UNKNOWN_SERVER_ERROR.code()) {
                ApiException api = e.exception(msg);
                if (api != null) return api;
            }
            return new KafkaException(msg);
        }
        return switch (ke.codeName()) {
            case "_TIMED_OUT", "_MSG_TIMED_OUT", "_TIMED_OUT_QUEUE", "_QUEUE_FULL", "_WAIT_COORD" ->
                    new TimeoutException(msg);
            case "_FENCED" -> new ProducerFencedException(msg);
            case "_SSL" -> new SslAuthenticationException(msg);
            case "_AUTHENTICATION" -> msg.contains("SASL") ? new SaslAuthenticationException(msg)
                    : new AuthenticationException(msg);
            case "_UNKNOWN_TOPIC", "_UNKNOWN_PARTITION" -> new UnknownTopicOrPartitionException(msg);
            case "_TRANSPORT", "_ALL_BROKERS_DOWN", "_RESOLVE" -> new NetworkException(msg);
            case "_STATE", "_CONFLICT", "_PREV_IN_PROGRESS" -> new IllegalStateException(msg);
            case "_INVALID_ARG" -> new IllegalArgumentException(msg);
            case "_NOT_IMPLEMENTED", "_UNSUPPORTED_FEATURE" -> new UnsupportedVersionException(msg);
            case "_ASSIGNMENT_LOST" -> commitFailed(ke);
            case "_INTR" -> new InterruptException(msg);
            case "_PURGE_QUEUE", "_PURGE_INFLIGHT" -> new KafkaException(msg);
            case "_AUTO_OFFSET_RESET", "_NO_OFFSET" -> noOffset(msg);
            default -> new KafkaException(msg);
        };
    }

    private static RuntimeException noOffset(String msg) {
        Matcher m = WHERE.matcher(msg);
        if (m.find()) {
            TopicPartition tp = new TopicPartition(m.group(1), Integer.parseInt(m.group(2)));
            return new org.apache.kafka.clients.consumer.NoOffsetForPartitionException(tp);
        }
        return new KafkaException(msg);
    }

    /**
     * The exception kafka-clients reports for a record of an aborted transaction or one dropped at close.
     *
     * @param transactional whether the producer is transactional (its queued records were dropped by an abort)
     * @param cause         the rdkafka-client exception
     * @return {@link TransactionAbortedException} for a transactional producer, else a {@link KafkaException}
     */
    public static RuntimeException purged(boolean transactional, Throwable cause) {
        RuntimeException e = transactional
                ? new TransactionAbortedException("Failing batch since transaction was aborted")
                : new KafkaException("Producer is closed forcefully.");
        e.initCause(cause);
        return e;
    }

    /**
     * {@return the exception kafka-clients throws when a group operation is called without {@code group.id}}
     */
    public static InvalidGroupIdException noGroupId() {
        return new InvalidGroupIdException("To use the group management or offset commit APIs, you must provide a "
                + "valid group.id in the consumer configuration.");
    }
}

package io.rdkafka.kafka.errors;

import io.rdkafka.client.errors.KafkaError;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.*;

/** rdkafka-client's exceptions as kafka-clients'. */
class ErrorMappingTest {
    /** librdkafka's code for a name, read from librdkafka itself (no constants of the native layer here). */
    static int code(String name) {
        for (int c = -200; c < 120; c++) if (KafkaError.nameOf(c).equals(name)) return c;
        throw new AssertionError("no librdkafka code named " + name);
    }

    static io.rdkafka.client.errors.KafkaException rd(int code, String msg) {
        return new io.rdkafka.client.errors.KafkaException(KafkaError.of(code, msg));
    }

    @Test
    void brokerCodesBecomeKafkaClientsExceptions() {
        assertInstanceOf(ProducerFencedException.class, ErrorMapping.toKafka(rd(Errors.PRODUCER_FENCED.code(), "x")));
        assertInstanceOf(InvalidProducerEpochException.class,
                ErrorMapping.toKafka(rd(Errors.INVALID_PRODUCER_EPOCH.code(), "x")));
        assertInstanceOf(TransactionalIdAuthorizationException.class,
                ErrorMapping.toKafka(rd(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code(), "x")));
        assertInstanceOf(NotLeaderOrFollowerException.class,
                ErrorMapping.toKafka(rd(Errors.NOT_LEADER_OR_FOLLOWER.code(), "x")));
        assertInstanceOf(UnknownTopicOrPartitionException.class,
                ErrorMapping.toKafka(rd(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), "x")));
        RuntimeException auth = ErrorMapping.toKafka(rd(Errors.TOPIC_AUTHORIZATION_FAILED.code(), "denied"), "orders");
        assertEquals(Set.of("orders"), ((TopicAuthorizationException) auth).unauthorizedTopics());
    }

    @Test
    void librdkafkasOwnCodesMapByName() {
        assertInstanceOf(TimeoutException.class, ErrorMapping.toKafka(rd(code("_MSG_TIMED_OUT"), "x")));
        assertInstanceOf(TimeoutException.class, ErrorMapping.toKafka(rd(code("_TIMED_OUT"), "x")));
        assertInstanceOf(RecordTooLargeException.class, ErrorMapping.toKafka(rd(Errors.MESSAGE_TOO_LARGE.code(), "x")));
        assertInstanceOf(ProducerFencedException.class, ErrorMapping.toKafka(rd(code("_FENCED"), "x")));
        assertInstanceOf(IllegalStateException.class, ErrorMapping.toKafka(rd(code("_STATE"), "x")));
        assertInstanceOf(UnknownTopicOrPartitionException.class, ErrorMapping.toKafka(rd(code("_UNKNOWN_PARTITION"), "x")));
        RuntimeException noOffset = ErrorMapping.toKafka(rd(code("_AUTO_OFFSET_RESET"), "no offset (orders [3])"));
        assertEquals(Set.of(new TopicPartition("orders", 3)), ((NoOffsetForPartitionException) noOffset).partitions());
    }

    @Test
    void typedExceptionsMapByType() {
        assertInstanceOf(WakeupException.class, ErrorMapping.toKafka(
                new io.rdkafka.client.errors.WakeupException(KafkaError.of(KafkaError.UNKNOWN_CODE, "w"))));
        assertInstanceOf(SerializationException.class, ErrorMapping.toKafka(
                new io.rdkafka.client.errors.SerializationException(KafkaError.of(KafkaError.UNKNOWN_CODE, "s"))));
        assertInstanceOf(RebalanceInProgressException.class, ErrorMapping.toKafka(
                new io.rdkafka.client.errors.CommitFailedException(KafkaError.of(Errors.REBALANCE_IN_PROGRESS.code(), "r"))));
        assertInstanceOf(CommitFailedException.class, ErrorMapping.toKafka(
                new io.rdkafka.client.errors.CommitFailedException(KafkaError.of(Errors.ILLEGAL_GENERATION.code(), "g"))));
        assertInstanceOf(org.apache.kafka.common.config.ConfigException.class, ErrorMapping.toKafka(
                new io.rdkafka.client.errors.ConfigException("linger.ms", "bad")));
    }

    @Test
    void causeIsKeptAndWrappersUnwrapped() {
        var original = rd(code("_MSG_TIMED_OUT"), "expired");
        RuntimeException mapped = ErrorMapping.toKafka(new ExecutionException(original));
        assertInstanceOf(TimeoutException.class, mapped);
        assertSame(original, mapped.getCause());
        assertTrue(mapped.getMessage().contains("expired"));
        IllegalArgumentException other = new IllegalArgumentException("mine");
        assertSame(other, ErrorMapping.toKafka(other));
        assertInstanceOf(TransactionAbortedException.class, ErrorMapping.purged(true, original));
    }
}

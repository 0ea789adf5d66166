package io.rdkafka.client.internal;

import io.rdkafka.client.errors.AuthenticationException;
import io.rdkafka.client.errors.AuthorizationException;
import io.rdkafka.client.errors.FatalException;
import io.rdkafka.client.errors.GroupAuthorizationException;
import io.rdkafka.client.errors.InconsistentGroupProtocolException;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.PurgedException;
import io.rdkafka.client.errors.QueueFullException;
import io.rdkafka.client.errors.RecordTooLargeException;
import io.rdkafka.client.errors.TimeoutException;
import io.rdkafka.client.errors.TopicAuthorizationException;
import io.rdkafka.client.errors.TransactionAbortableException;
import io.rdkafka.client.errors.TransactionException;
import io.rdkafka.client.errors.TransactionFatalException;
import io.rdkafka.client.errors.TransactionRetriableException;
import io.rdkafka.client.errors.TransactionalIdAuthorizationException;
import io.rdkafka.client.errors.UnknownTopicOrPartitionException;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.RdKafka;

import java.lang.foreign.MemorySegment;

import static io.rdkafka.ffm.RdKafka.*;

/** Maps librdkafka's error codes and {@code rd_kafka_error_t} objects to the typed exceptions. */
public final class Errors {
    private Errors() {
    }

    /** The typed exception for an error code. */
    public static KafkaException exception(KafkaError e) {
        return switch (e.code()) {
            case RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR__MSG_TIMED_OUT, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                 RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE -> new TimeoutException(e);
            case RD_KAFKA_RESP_ERR__AUTHENTICATION, RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED,
                 RD_KAFKA_RESP_ERR__SSL -> new AuthenticationException(e);
            case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED -> new TopicAuthorizationException(e);
            case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED -> new GroupAuthorizationException(e);
            case RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED -> new TransactionalIdAuthorizationException(e);
            case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_DELEGATION_TOKEN_AUTHORIZATION_FAILED
                    -> new AuthorizationException(e);
            case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC,
                 RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION -> new UnknownTopicOrPartitionException(e);
            case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE
                    -> new RecordTooLargeException(e);
            case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION
                    -> new io.rdkafka.client.errors.LeaderNotAvailableException(e.retriable() ? e
                    : e.withFlags(e.fatal(), true, e.txnRequiresAbort()));
            case RD_KAFKA_RESP_ERR__QUEUE_FULL -> new QueueFullException(e);
            case RD_KAFKA_RESP_ERR__PURGE_QUEUE, RD_KAFKA_RESP_ERR__PURGE_INFLIGHT -> new PurgedException(e);
            case RD_KAFKA_RESP_ERR__FATAL -> new FatalException(e);
            case RD_KAFKA_RESP_ERR_INCONSISTENT_GROUP_PROTOCOL -> new InconsistentGroupProtocolException(e);
            // admin operations
            case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS -> new io.rdkafka.client.errors.TopicExistsException(e);
            case RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION, RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE
                    -> new io.rdkafka.client.errors.UnsupportedVersionException(e);
            case RD_KAFKA_RESP_ERR_SECURITY_DISABLED -> new io.rdkafka.client.errors.SecurityDisabledException(e);
            case RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP -> new io.rdkafka.client.errors.GroupNotEmptyException(e);
            case RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND -> new io.rdkafka.client.errors.GroupIdNotFoundException(e);
            case RD_KAFKA_RESP_ERR_INVALID_PARTITIONS -> new io.rdkafka.client.errors.InvalidPartitionsException(e);
            case RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR
                    -> new io.rdkafka.client.errors.InvalidReplicationFactorException(e);
            case RD_KAFKA_RESP_ERR_INVALID_REPLICA_ASSIGNMENT
                    -> new io.rdkafka.client.errors.InvalidReplicaAssignmentException(e);
            case RD_KAFKA_RESP_ERR_INVALID_CONFIG -> new io.rdkafka.client.errors.InvalidConfigurationException(e);
            case RD_KAFKA_RESP_ERR_POLICY_VIOLATION -> new io.rdkafka.client.errors.PolicyViolationException(e);
            default -> e.fatal() ? new FatalException(e) : new KafkaException(e);
        };
    }

    /**
     * librdkafka's answers to a blocking request when no broker can be reached (yet): no usable broker within
     * the timeout, or every connection down. Callers retry until their deadline, then throw {@link #noBroker}.
     */
    public static boolean isNoBroker(int code) {
        return code == RD_KAFKA_RESP_ERR__TRANSPORT || code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN
                || code == RD_KAFKA_RESP_ERR__TIMED_OUT || code == RD_KAFKA_RESP_ERR__RESOLVE;
    }

    /**
     * Calls {@code request} (given the milliseconds left until {@code deadline}, at least 1) again while it answers
     * {@link #isNoBroker}: librdkafka may answer that at once, before any broker was tried. Quick answers are
     * spaced by up to 100 ms; {@code beforeRetry} runs before each retry (e.g. to honour wakeup).
     *
     * @return the last answer: a no-broker code only when the deadline passed
     */
    public static int whileNoBroker(long deadline, java.util.function.IntUnaryOperator request, Runnable beforeRetry) {
        return whileNoBroker(deadline, Integer.MAX_VALUE, request, beforeRetry);
    }

    /**
     * As {@link #whileNoBroker(long, java.util.function.IntUnaryOperator, Runnable)}, each call given at most
     * {@code sliceMs}: a caller that must stop early (a closing admin client) then gets the chance between calls.
     */
    public static int whileNoBroker(long deadline, int sliceMs, java.util.function.IntUnaryOperator request,
                                    Runnable beforeRetry) {
        while (true) {
            long started = System.nanoTime();
            int err = request.applyAsInt(Math.max(1, Math.min(sliceMs, Timeouts.remaining(deadline))));
            if (!isNoBroker(err) || Timeouts.remaining(deadline) == 0) return err;
            if (System.nanoTime() - started < 50_000_000L) java.util.concurrent.locks.LockSupport.parkNanos(
                    Math.min(100_000_000L, Math.max(0, deadline - System.nanoTime())));
            beforeRetry.run();
        }
    }

    /** The typed timeout for a request that found no broker to answer it within {@code timeoutMs}. */
    public static TimeoutException noBroker(String what, long timeoutMs, int lastCode) {
        return new TimeoutException(KafkaError.of(RD_KAFKA_RESP_ERR__TIMED_OUT, what + " timed out after "
                + timeoutMs + " ms: no broker answered (last: " + KafkaError.describe(lastCode) + ", "
                + KafkaError.nameOf(lastCode) + ")"));
    }

    public static KafkaException exception(int code, String message) {
        return exception(KafkaError.of(code, message));
    }

    /** Reads an {@code rd_kafka_error_t*} (code, string, flags) and destroys it. Null for NULL. */
    public static KafkaError readAndDestroy(MemorySegment error) {
        if (error == null || error.equals(MemorySegment.NULL)) return null;
        try {
            int code = RdKafka.rd_kafka_error_code(error);
            String msg = CStrings.toJava(RdKafka.rd_kafka_error_string(error));
            return KafkaError.of(code, msg).withFlags(RdKafka.rd_kafka_error_is_fatal(error) != 0,
                    RdKafka.rd_kafka_error_is_retriable(error) != 0,
                    RdKafka.rd_kafka_error_txn_requires_abort(error) != 0);
        } finally {
            RdKafka.rd_kafka_error_destroy(error);
        }
    }

    /** The transaction-outcome exception for an error from a transactional API. */
    public static KafkaException transactionException(KafkaError e) {
        KafkaException auth = exception(e);
        // what the principal may not do matters more than the outcome (isFatal() still tells it), as in Kafka's client
        if (auth instanceof AuthorizationException) return auth;
        if (e.fatal()) return new TransactionFatalException(e);
        if (e.txnRequiresAbort()) return new TransactionAbortableException(e);
        if (e.retriable()) return new TransactionRetriableException(e);
        KafkaException typed = exception(e);
        return typed.getClass() == KafkaException.class ? new TransactionException(e) : typed;
    }
}

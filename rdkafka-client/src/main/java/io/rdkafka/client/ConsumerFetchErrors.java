package io.rdkafka.client;

import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.MessageDecoder;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.RdKafka;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.rdkafka.ffm.RdKafka.*;

/**
 * What a {@link Consumer} makes of an error message among the fetched ones ({@code err != 0}): an end of
 * partition, a stale error to drop, a transient condition librdkafka recovers from (reported to the error
 * listener or the log), or an exception for the application.
 */
final class ConsumerFetchErrors {
    private final ConsumerState state;
    private final ConsumerPositions positions;
    private final MessageDecoder decoder;

    ConsumerFetchErrors(ConsumerState state, ConsumerPositions positions, MessageDecoder decoder) {
        this.state = state;
        this.positions = positions;
        this.decoder = decoder;
    }

    /** Handles the error message just decoded: EOF to {@code eof}; returns the exception to throw, or null. */
    KafkaException onErrorMessage(int err, java.util.function.Consumer<TopicPartition> eof) {
        String topic = decoder.topic();
        int partition = decoder.partition();
        if (err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            if (topic != null) eof.accept(new TopicPartition(topic, partition));
            return null;
        }
        if (err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET && topic != null && decoder.offset() == RD_KAFKA_OFFSET_INVALID
                && positions.wasRestarted(new TopicPartition(topic, partition))) {
            // "no committed offset" from before reassignAt restarted the partition at the sought offset: stale
            // (librdkafka does not version these errors, so they outlive the restart)
            return null;
        }
        if (topic == null && !state.subscribed && isCoordinatorError(err)) positions.committedFetchFailed();
        String where = topic == null ? "" : " (" + topic + (partition >= 0 ? " [" + partition + "]" : "") + ")";
        if (err == RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED && state.groupId != null) {
            where += " (group " + state.groupId + ")";
        }
        String text = decoder.errorString();
        KafkaError ke;
        if (err == RD_KAFKA_RESP_ERR__FATAL) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment buf = CStrings.errstr(a);
                int orig = RdKafka.rd_kafka_fatal_error(state.rk(), buf, CStrings.ERRSTR_SIZE);
                ke = orig != 0 ? KafkaError.of(orig, CStrings.fromBuffer(buf) + where).withFlags(true, false, false)
                        : KafkaError.of(err, text + where).withFlags(true, false, false);
            }
        } else {
            ke = KafkaError.of(err, (text == null || text.isEmpty() ? KafkaError.describe(err) : text) + where);
        }
        KafkaException ex = Errors.exception(ke);
        if (!ke.fatal() && isTransient(err)) {
            var l = state.listeners.onError();
            if (l != null) {
                state.client.safely("error listener", () -> l.accept(ex));
            } else {
                state.logger().log(System.Logger.Level.WARNING, "consumer error: " + ex.getMessage());
            }
            return null;
        }
        return ex;
    }

    private static boolean isCoordinatorError(int err) {
        return err == RD_KAFKA_RESP_ERR_NOT_COORDINATOR || err == RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE
                || err == RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS;
    }

    /** Consumer errors librdkafka recovers from by itself: reported, not thrown. */
    static boolean isTransient(int err) {
        return switch (err) {
            case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC,
                 RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION, RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE,
                 RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_REPLICA_NOT_AVAILABLE,
                 RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, RD_KAFKA_RESP_ERR__RESOLVE,
                 RD_KAFKA_RESP_ERR__MAX_POLL_EXCEEDED, RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS,
                 RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NOT_COORDINATOR,
                 RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS, RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID,
                 RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION, RD_KAFKA_RESP_ERR__TIMED_OUT,
                 RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE,
                 RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION, RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR,
                 RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH, RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH,
                 RD_KAFKA_RESP_ERR_OFFSET_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
                 RD_KAFKA_RESP_ERR__WAIT_COORD, RD_KAFKA_RESP_ERR__NODE_UPDATE, RD_KAFKA_RESP_ERR__NO_OFFSET,
                 RD_KAFKA_RESP_ERR__PARTITION_EOF, RD_KAFKA_RESP_ERR__DESTROY, RD_KAFKA_RESP_ERR__OUTDATED,
                 RD_KAFKA_RESP_ERR__WAIT_CACHE, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_ID -> true;
            default -> false;
        };
    }
}

package io.rdkafka.client;

import io.rdkafka.client.errors.FatalException;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.WakeupException;
import io.rdkafka.client.internal.Errors;
import io.rdkafka.client.internal.NativeClient;
import io.rdkafka.client.internal.NativeObject;
import io.rdkafka.client.internal.QueueWaker;
import io.rdkafka.client.internal.TopicPartitionLists;
import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.Pointers;
import io.rdkafka.ffm.RdKafka;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the parts of a {@link Consumer} share: the native client and its queues, the configuration, the
 * single-user guard, the membership flags, the paused partitions and the error a later {@code poll} throws.
 * Everything but the guard and the wakeup flag is touched by the thread inside the consumer only.
 */
final class ConsumerState {
    /** The longest single wait inside a blocking call: wakeup, close and listeners are noticed within it. */
    static final int SLICE_MS = 100;

    final NativeClient client;
    final KafkaConfig config;
    final Consumer.Options options;
    final ClientListeners listeners;
    /** The group the user configured; null when none (a private one is used natively). */
    final String groupId;
    final RebalanceProtocol configuredProtocol;
    final MemorySegment consumerQueue;
    final MemorySegment commitQueue;
    /** Wake-ups of the two queues for a virtual thread waiting in Java; disabled before the queues are destroyed. */
    final QueueWaker consumerWaker;
    final QueueWaker commitWaker;
    final ConsumerGuard guard;
    final AtomicBoolean wakeupRequested = new AtomicBoolean();

    // of the thread inside the consumer
    ConsumerRebalanceListener listener = ConsumerRebalanceListener.noop();
    boolean subscribed;
    boolean inRebalance;
    boolean inPoll;
    final Set<TopicPartition> paused = new LinkedHashSet<>();
    private KafkaException pendingError;

    ConsumerState(NativeClient client, KafkaConfig config, Consumer.Options options, ClientListeners listeners,
                  String groupId, RebalanceProtocol configuredProtocol, MemorySegment consumerQueue,
                  MemorySegment commitQueue) {
        this.client = client;
        this.config = config;
        this.options = options;
        this.listeners = listeners;
        this.groupId = groupId;
        this.configuredProtocol = configuredProtocol;
        this.consumerQueue = consumerQueue;
        this.commitQueue = commitQueue;
        this.consumerWaker = new QueueWaker(consumerQueue);
        this.commitWaker = new QueueWaker(commitQueue);
        this.guard = new ConsumerGuard(client);
    }

    /** {@return the {@code rd_kafka_t*}: inside a call only ({@link ConsumerGuard#acquire()})} */
    MemorySegment rk() {
        return client.handle();
    }

    boolean cooperative() {
        return configuredProtocol == RebalanceProtocol.COOPERATIVE;
    }

    System.Logger logger() {
        return client.logger();
    }

    void requireGroup(String call) {
        if (groupId == null) {
            throw new IllegalStateException(call + " needs a consumer group: set group.id in the configuration");
        }
    }

    // ---- the error a later poll throws --------------------------------------------------------------

    /** Keeps {@code e} for the next poll unless an earlier error is kept already. */
    void offerError(KafkaException e) {
        if (pendingError == null) pendingError = e;
    }

    boolean hasError() {
        return pendingError != null;
    }

    KafkaException takeError() {
        KafkaException e = pendingError;
        pendingError = null;
        return e;
    }

    // ---- checks -------------------------------------------------------------------------------------

    /** Throws for a {@link Consumer#wakeup()} or a close by another thread that happened since the call began. */
    void checkInterrupts() {
        if (wakeupRequested.getAndSet(false)) {
            throw new WakeupException(KafkaError.of(KafkaError.UNKNOWN_CODE, "the consumer was woken up (wakeup())"));
        }
        if (client.isClosed() && !guard.isClosingThread()) {
            throw new IllegalStateException("the consumer " + client.name() + " was closed during the call");
        }
    }

    /** The client's fatal error (read from librdkafka now, not from the event that reports it), or null. */
    KafkaException fatalError() {
        if (RdKafka.rd_kafka_fatal_error(rk(), MemorySegment.NULL, 0) == 0) return null;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = CStrings.errstr(a);
            int code = RdKafka.rd_kafka_fatal_error(rk(), buf, CStrings.ERRSTR_SIZE);
            return new FatalException(KafkaError.of(code, "the consumer hit a fatal error and must be closed: "
                    + CStrings.fromBuffer(buf)).withFlags(true, false, false));
        }
    }

    // ---- assignment ---------------------------------------------------------------------------------

    /** {@code rd_kafka_assignment}, as a new mutable set. */
    Set<TopicPartition> assignmentNow() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = Pointers.outPointer(a);
            int err = RdKafka.rd_kafka_assignment(rk(), out);
            if (err != 0) throw Errors.exception(err, "assignment() failed: " + KafkaError.describe(err));
            try (NativeObject list = NativeObject.list(Pointers.pointer(out))) {
                return new LinkedHashSet<>(TopicPartitionLists.partitions(list.ptr()));
            }
        }
    }

    /** Throws {@link IllegalStateException} naming the first of {@code tps} that is not assigned. */
    void requireAssigned(Collection<TopicPartition> tps, String call) {
        if (guard.isClosingThread()) return; // the final revoke: the group is being left
        Set<TopicPartition> a = assignmentNow();
        for (TopicPartition tp : tps) {
            if (!a.contains(tp)) throw new IllegalStateException(call + ": partition " + tp + " is not assigned to this consumer");
        }
    }
}

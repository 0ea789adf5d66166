package io.rdkafka.client.internal;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import java.util.function.Supplier;

/**
 * JDK Flight Recorder events of the client, so a recording shows its behaviour next to GC and threads.
 * Nothing is allocated or recorded before the Flight Recorder starts ({@link #recorderStarted()}) or while no
 * recording enables them ({@code shouldCommit()} is checked before any field is computed).
 */
public final class JfrEvents {
    private JfrEvents() {
    }

    /**
     * Whether the Flight Recorder has started in this JVM (a recording was started at launch, by jcmd or by the
     * application). Until then the client makes no event object: the first one would register the event classes
     * and initialise JFR's metadata, about 100 ms of CPU, on a producer's event thread or in a poll.
     */
    public static boolean recorderStarted() {
        return FlightRecorder.isInitialized();
    }

    /**
     * An event made and begun, or {@code null} before the Flight Recorder has started ({@link #recorderStarted()}).
     *
     * @param make the event's constructor
     * @param <E>  the event type
     * @return the begun event, or null
     */
    public static <E extends Event> E begin(Supplier<E> make) {
        if (!recorderStarted()) return null;
        E e = make.get();
        e.begin();
        return e;
    }

    @Name("io.rdkafka.DeliveryReports")
    @Label("Kafka Delivery Reports")
    @Category({"Kafka", "rdkafka-java"})
    @Description("A batch of delivery reports handled by a producer's event thread")
    @StackTrace(false)
    public static final class DeliveryReports extends Event {
        @Label("Client")
        public String client;
        @Label("Records")
        public int records;
        @Label("Failed")
        public int failed;
    }

    @Name("io.rdkafka.ProduceBlocked")
    @Label("Kafka Produce Blocked")
    @Category({"Kafka", "rdkafka-java"})
    @Description("A send waited for room in librdkafka's full local queue")
    public static final class ProduceBlocked extends Event {
        @Label("Client")
        public String client;
        @Label("Topic")
        public String topic;
        @Label("Gave Up")
        public boolean gaveUp;

        /**
         * Whether a recording wants these events now: when the queue stays full every send waits, so the
         * event object is made only when it can be committed.
         */
        public static boolean enabled() {
            return recorderStarted() && Type.TYPE.isEnabled();
        }

        private static final class Type {
            static final jdk.jfr.EventType TYPE = jdk.jfr.EventType.getEventType(ProduceBlocked.class);
        }
    }

    @Name("io.rdkafka.ConsumerPoll")
    @Label("Kafka Consumer Poll")
    @Category({"Kafka", "rdkafka-java"})
    @Description("One Consumer.poll: how long it waited and how much it returned")
    @StackTrace(false)
    public static final class ConsumerPoll extends Event {
        @Label("Client")
        public String client;
        @Label("Records")
        public int records;
        @Label("Bytes")
        @DataAmount
        public long bytes;
    }

    @Name("io.rdkafka.Rebalance")
    @Label("Kafka Rebalance")
    @Category({"Kafka", "rdkafka-java"})
    @Description("A consumer group rebalance callback: partitions assigned, revoked or lost, or a rebalance error")
    @StackTrace(false)
    public static final class Rebalance extends Event {
        @Label("Client")
        public String client;
        @Label("Protocol")
        public String protocol;
        @Label("Kind")
        @Description("assigned, revoked, lost, or error (librdkafka reported a rebalance error)")
        public String kind;
        @Label("Partitions")
        public String partitions;
    }

    @Name("io.rdkafka.Commit")
    @Label("Kafka Offset Commit")
    @Category({"Kafka", "rdkafka-java"})
    @Description("An offset commit and its outcome")
    public static final class Commit extends Event {
        @Label("Client")
        public String client;
        @Label("Partitions")
        public int partitions;
        @Label("Synchronous")
        public boolean sync;
        @Label("Error")
        public String error;
    }
}

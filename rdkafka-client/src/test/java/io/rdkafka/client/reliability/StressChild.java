package io.rdkafka.client.reliability;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.DeliveryHandler;
import io.rdkafka.client.ConsumerRebalanceListener;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.Producer;
import io.rdkafka.client.ProducerRecord;
import io.rdkafka.client.RecordBatch;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.admin.Admin;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.mock.MockCluster;

import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The child JVM of {@link NativeSafetyStressTest}: threads call send, flush, poll, commit, seek, wakeup, close
 * and re-create on shared clients at random against librdkafka's mock cluster for a fixed time. Every call
 * must succeed or throw IllegalStateException (closed), a KafkaException subtype (WakeupException included)
 * or ConcurrentModificationException (the consumer is single-threaded by design); every send future must
 * complete, normally or with a KafkaException. Anything else is counted and printed, and the exit code is 1.
 * A crash of the JVM is what the parent looks for.
 *
 * <p>Output: one line {@code STRESS calls=N ok=N closed=N kafka=N cme=N unexpected=N futures=N
 * futureFailures=N creations=N}.
 */
public final class StressChild {
    private static final String TOPIC = "stress";
    private static final AtomicLong calls = new AtomicLong();
    private static final AtomicLong ok = new AtomicLong();
    private static final AtomicLong closed = new AtomicLong();
    private static final AtomicLong kafka = new AtomicLong();
    private static final AtomicLong cme = new AtomicLong();
    private static final AtomicLong unexpected = new AtomicLong();
    private static final AtomicLong futures = new AtomicLong();
    private static final AtomicLong futuresDone = new AtomicLong();
    private static final AtomicLong futureFailures = new AtomicLong();
    private static final AtomicLong creations = new AtomicLong();
    private static final Map<String, Long> unexpectedKinds = new ConcurrentHashMap<>();

    private static final AtomicReference<Producer<String, String>> producer = new AtomicReference<>();
    private static final AtomicReference<Consumer<String, String>> groupConsumer = new AtomicReference<>();
    private static final AtomicReference<Consumer<String, String>> assignConsumer = new AtomicReference<>();
    private static final AtomicReference<Admin> admin = new AtomicReference<>();
    private static KafkaConfig config;

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds + 90L));
            } catch (InterruptedException e) {
                return;
            }
            System.out.println("STRESS hang: still running " + (seconds + 90) + " s after the start");
            Thread.getAllStackTraces().forEach((t, st) -> {
                System.out.println(t);
                for (StackTraceElement e : st) System.out.println("    at " + e);
            });
            Runtime.getRuntime().halt(3);
        });
        try (MockCluster mock = MockCluster.start(2)) {
            mock.createTopic(TOPIC, 4, 2);
            config = mock.clientConfig().set("log_level", "0").linger(Duration.ofMillis(2))
                    .set("message.timeout.ms", "5000").set("session.timeout.ms", "6000")
                    .set("heartbeat.interval.ms", "500").set("auto.offset.reset", "earliest")
                    .set("fetch.wait.max.ms", "20").queueFullTimeout(Duration.ofMillis(200))
                    .closeTimeout(Duration.ofSeconds(3)).build();
            producer.set(newProducer());
            groupConsumer.set(newGroupConsumer());
            assignConsumer.set(newAssignConsumer());
            admin.set(Admin.create(config));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            Thread[] workers = new Thread[threads];
            for (int i = 0; i < threads; i++) {
                workers[i] = Thread.ofPlatform().name("stress-" + i).start(() -> {
                    while (System.nanoTime() < end) step();
                });
            }
            for (Thread w : workers) w.join();
            closeQuietly(producer.get());
            closeQuietly(groupConsumer.get());
            closeQuietly(assignConsumer.get());
            closeQuietly(admin.get());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (futuresDone.get() < futures.get() && System.nanoTime() < deadline) Thread.sleep(10);
        long incomplete = futures.get() - futuresDone.get();
        watchdog.interrupt();
        System.out.printf("STRESS calls=%d ok=%d closed=%d kafka=%d cme=%d unexpected=%d futures=%d "
                        + "futureFailures=%d incompleteFutures=%d creations=%d%n",
                calls.get(), ok.get(), closed.get(), kafka.get(), cme.get(), unexpected.get(), futures.get(),
                futureFailures.get(), incomplete, creations.get());
        unexpectedKinds.forEach((k, v) -> System.out.println("UNEXPECTED " + v + " x " + k));
        System.out.flush();
        System.exit(unexpected.get() == 0 && incomplete == 0 ? 0 : 1);
    }

    private static Producer<String, String> newProducer() {
        creations.incrementAndGet();
        return Producer.create(config, Serdes.stringSerializer(), Serdes.stringSerializer());
    }

    private static Consumer<String, String> newGroupConsumer() {
        creations.incrementAndGet();
        var c = Consumer.create(config.toBuilder().groupId("stress-group").build(), Serdes.stringDeserializer(),
                Serdes.stringDeserializer());
        c.subscribe(List.of(TOPIC), ConsumerRebalanceListener.noop());
        return c;
    }

    private static Consumer<String, String> newAssignConsumer() {
        creations.incrementAndGet();
        var c = Consumer.create(config, Serdes.stringDeserializer(), Serdes.stringDeserializer());
        c.assign(List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)));
        return c;
    }

    private static void step() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int op = r.nextInt(1000);
        calls.incrementAndGet();
        try {
            if (op < 350) send(r);
            else if (op < 380) producer.get().flush(Duration.ofMillis(r.nextInt(50)));
            else if (op < 390) producer.get().purge(true, r.nextBoolean());
            else if (op < 400) producer.get().queueLength();
            else if (op < 520) consumer(r).poll(Duration.ofMillis(r.nextInt(30)));
            else if (op < 545) {
                try (RecordBatch b = consumer(r).pollBatch(Duration.ofMillis(r.nextInt(30)))) {
                    long sum = 0;
                    for (int i = 0; i < b.size(); i++) {
                        sum += b.offset(i) + b.valueSize(i);
                        var v = b.value(i);
                        if (v != null && v.byteSize() > 0) sum += v.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0);
                    }
                    if (sum == 42) Thread.onSpinWait();
                }
            } else if (op < 600) groupConsumer.get().commitAsync();
            else if (op < 630) groupConsumer.get().commitSync(Duration.ofMillis(200));
            else if (op < 700) consumer(r).wakeup();
            else if (op < 720) assignConsumer.get().seekToBeginning(Set.of());
            else if (op < 735) consumer(r).assignment();
            else if (op < 745) consumer(r).position(new TopicPartition(TOPIC, 0), Duration.ofMillis(200));
            else if (op < 760) admin.get().describeCluster().get(5, TimeUnit.SECONDS);
            else if (op < 770) producer.get().metadata(TOPIC, Duration.ofMillis(500));
            else if (op < 990) {
                Thread.onSpinWait(); // idle slot: lets the close/recreate paths below interleave
            } else if (op < 994) producer.get().close(Duration.ofMillis(r.nextInt(200)));
            else if (op < 996) consumer(r).close(Duration.ofMillis(r.nextInt(500)));
            else if (op < 997) admin.get().close(Duration.ofMillis(r.nextInt(200)));
            else recreate();
            ok.incrementAndGet();
        } catch (IllegalStateException e) {
            closed.incrementAndGet();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof KafkaException) kafka.incrementAndGet();
            else unexpected(e.getCause());
        } catch (KafkaException e) {
            kafka.incrementAndGet();
        } catch (ConcurrentModificationException e) {
            cme.incrementAndGet();
        } catch (java.util.concurrent.TimeoutException e) {
            unexpected(e); // an admin call that did not answer in 5 s
        } catch (Throwable t) {
            unexpected(t);
        }
    }

    private static Consumer<String, String> consumer(ThreadLocalRandom r) {
        return r.nextBoolean() ? groupConsumer.get() : assignConsumer.get();
    }

    private static void send(ThreadLocalRandom r) {
        var record = new ProducerRecord<>(TOPIC, r.nextBoolean() ? null : r.nextInt(4), "k", "v");
        if (r.nextBoolean()) {
            // the future-free variant: each handler call counts as a completed future (a count above zero
            // incomplete at the end means a record was never reported)
            futures.incrementAndGet();
            try {
                producer.get().send(record, 7L, HANDLER);
            } catch (RuntimeException e) {
                futuresDone.incrementAndGet(); // refused before librdkafka had it: no report will come
                throw e;
            }
            return;
        }
        var f = producer.get().send(record);
        futures.incrementAndGet();
        f.whenComplete((md, e) -> {
            if (e != null && !(e instanceof KafkaException)) unexpected(e);
            if (e != null) futureFailures.incrementAndGet();
            futuresDone.incrementAndGet();
        });
    }

    private static final DeliveryHandler HANDLER = (context, topic, partition, offset, error) -> {
        if (context != 7L || !TOPIC.equals(topic)) unexpected(new AssertionError("handler got " + context + ", " + topic));
        if (error != null) futureFailures.incrementAndGet();
        futuresDone.incrementAndGet();
    };

    /** Replaces whichever shared clients are closed (others keep using the old references meanwhile). */
    private static synchronized void recreate() {
        Producer<String, String> p = producer.get();
        if (isClosed(() -> p.queueLength())) producer.set(newProducer());
        Consumer<String, String> g = groupConsumer.get();
        if (isClosedConsumer(g)) groupConsumer.set(newGroupConsumer());
        Consumer<String, String> a = assignConsumer.get();
        if (isClosedConsumer(a)) assignConsumer.set(newAssignConsumer());
        Admin ad = admin.get();
        if (ad.toString().endsWith(", closed]")) admin.set(Admin.create(config));
    }

    private static boolean isClosedConsumer(Consumer<String, String> c) {
        while (true) {
            try {
                c.wakeup(); // thread-safe; throws IllegalStateException once closed
                return false;
            } catch (IllegalStateException e) {
                return true;
            } catch (ConcurrentModificationException e) {
                Thread.onSpinWait();
            }
        }
    }

    private static boolean isClosed(Runnable probe) {
        try {
            probe.run();
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static void unexpected(Throwable t) {
        unexpected.incrementAndGet();
        StackTraceElement at = t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
        unexpectedKinds.merge(t + " at " + at, 1L, Long::sum);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            unexpected(e);
        }
    }
}

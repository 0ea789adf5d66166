package io.rdkafka.ffm.examples;

import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.RdKafkaCallbacks;
import io.rdkafka.ffm.RdKafkaStructs.Message;
import io.rdkafka.ffm.Varargs;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

import static io.rdkafka.ffm.RdKafka.*;

/**
 * A port of librdkafka's {@code examples/idempotent_producer.c} to Java over the low-level
 * {@code io.rdkafka.ffm} layer: an idempotent producer ({@code enable.idempotence=true}) with a per-message
 * delivery report callback and an error callback that, on a fatal error, reads the underlying cause with
 * {@code rd_kafka_fatal_error} and stops producing. To show that path it raises a fabricated fatal error
 * with {@code rd_kafka_test_fatal_error} after a number of messages; the program then flushes, reports,
 * destroys the producer and exits with status 1.
 *
 * <p>Both callbacks are served by {@code rd_kafka_poll}/{@code rd_kafka_flush} on the calling thread.
 * Two options the C program does not have make it usable in tests: {@code -i <ms>} (pause between
 * messages, 500 by default) and {@code -f <n>} (messages before the fatal error, 13 by default; 0: never).
 *
 * <pre>
 * java ... io.rdkafka.ffm.examples.IdempotentProducerExample [-i ms] [-f n] &lt;broker&gt; &lt;topic&gt;
 * </pre>
 */
public final class IdempotentProducerExample {

    private final PrintStream err;
    private volatile boolean running = true;
    private int deliveredCnt;
    private int msgErrCnt;

    private IdempotentProducerExample(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        IdempotentProducerExample ex = new IdempotentProducerExample(System.err);
        CountDownLatch done = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ex.running = false; // Ctrl-C: flush and destroy before the JVM goes
            try {
                if (main.isAlive()) done.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        int rc;
        try {
            rc = ex.execute(args);
        } finally {
            done.countDown();
        }
        System.exit(rc);
    }

    /** Runs the example as {@code main} would (it writes only to the error stream); returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new IdempotentProducerExample(err).execute(args);
    }

    private static String err2str(int code) {
        return CStrings.toJava(rd_kafka_err2str(code));
    }

    private static String err2name(int code) {
        return CStrings.toJava(rd_kafka_err2name(code));
    }

    /** Called once per message from rd_kafka_poll/rd_kafka_flush; librdkafka frees the message afterwards. */
    private void deliveryReport(MemorySegment rk, MemorySegment rkmessage, MemorySegment opaque) {
        MemorySegment m = Message.of(rkmessage);
        if (Message.err(m) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            err.printf("%% Message delivery failed: %s\n", err2str(Message.err(m)));
            msgErrCnt++;
        } else {
            err.printf("%% Message delivered (%d bytes, topic %s, partition %d, offset %d)\n", Message.len(m),
                    CStrings.toJava(rd_kafka_topic_name(Message.rkt(m))), Message.partition(m), Message.offset(m));
            deliveredCnt++;
        }
    }

    /** Instance-level errors; with idempotence a {@code _FATAL} one means this producer is done. */
    private void error(MemorySegment rk, int code, MemorySegment reason, MemorySegment opaque) {
        err.printf("%% Error: %s: %s\n", err2name(code), CStrings.toJava(reason));
        if (code != RD_KAFKA_RESP_ERR__FATAL) return;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errstr = CStrings.errstr(arena);
            int orig = rd_kafka_fatal_error(rk, errstr, CStrings.ERRSTR_SIZE);
            err.printf("%% FATAL ERROR: %s: %s\n", err2name(orig), CStrings.fromBuffer(errstr));
        }
        err.print("% Terminating on fatal error\n");
        running = false;
    }

    private boolean confSet(MemorySegment conf, String name, String value, Arena arena) {
        MemorySegment errstr = CStrings.errstr(arena);
        if (rd_kafka_conf_set(conf, arena.allocateFrom(name), arena.allocateFrom(value), errstr,
                CStrings.ERRSTR_SIZE) != RD_KAFKA_CONF_OK) {
            err.printf("%s\n", CStrings.fromBuffer(errstr));
            rd_kafka_conf_destroy(conf);
            return false;
        }
        return true;
    }

    private int execute(String[] args) {
        long intervalMs = 500;
        int fatalAfter = 13;
        int i = 0;
        try {
            for (; i + 1 < args.length && args[i].startsWith("-"); i += 2) {
                switch (args[i]) {
                    case "-i" -> intervalMs = Long.parseLong(args[i + 1]);
                    case "-f" -> fatalAfter = Integer.parseInt(args[i + 1]);
                    default -> throw new NumberFormatException("unknown option " + args[i]);
                }
            }
        } catch (NumberFormatException e) {
            err.printf("%% %s\n", e.getMessage());
            i = -1;
        }
        if (i < 0 || args.length - i != 2) {
            err.print("% Usage: IdempotentProducerExample [-i <interval ms>] [-f <msgs before fatal error>] <broker> <topic>\n");
            return 1;
        }
        String brokers = args[i];
        String topic = args[i + 1];

        // the callback stubs must outlive the producer: the arena closes after rd_kafka_destroy
        try (Arena arena = Arena.ofShared()) {
            MemorySegment conf = rd_kafka_conf_new();
            if (!confSet(conf, "bootstrap.servers", brokers, arena)) return 1;
            if (!confSet(conf, "enable.idempotence", "true", arena)) return 1;
            rd_kafka_conf_set_dr_msg_cb(conf, RdKafkaCallbacks.dr_msg_cb.allocate(this::deliveryReport, arena));
            rd_kafka_conf_set_error_cb(conf, RdKafkaCallbacks.error_cb.allocate(this::error, arena));

            MemorySegment errstr = CStrings.errstr(arena);
            MemorySegment rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, CStrings.ERRSTR_SIZE);
            if (rk.equals(MemorySegment.NULL)) {
                rd_kafka_conf_destroy(conf); // still ours when rd_kafka_new fails
                err.printf("%% Failed to create new producer: %s\n", CStrings.fromBuffer(errstr));
                return 1;
            }
            // from here on the configuration belongs to rk

            err.print("% Running producer loop. Press Ctrl-C to exit\n");
            MemorySegment topicName = arena.allocateFrom(topic);
            int msgcnt = 0;
            while (running) {
                byte[] buf = ("Idempotent Producer example message #" + msgcnt).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                int code;
                try (Arena msg = Arena.ofConfined()) {
                    MemorySegment value = msg.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, buf);
                    while (true) {
                        // F_COPY: librdkafka keeps its own copy, so the buffer can go after the call
                        code = rd_kafka_producev(rk, Varargs.create()
                                .i32(RD_KAFKA_VTYPE_TOPIC).ptr(topicName)
                                .i32(RD_KAFKA_VTYPE_VALUE).ptr(value).i64(buf.length)
                                .i32(RD_KAFKA_VTYPE_MSGFLAGS).i32(RD_KAFKA_MSG_F_COPY)
                                .i32(RD_KAFKA_VTYPE_END));
                        if (code == RD_KAFKA_RESP_ERR_NO_ERROR) break;
                        err.printf("%% Failed to produce to topic %s: %s\n", topic, err2str(code));
                        if (code != RD_KAFKA_RESP_ERR__QUEUE_FULL) break;
                        // the local queue is full: serve delivery reports for a while, then try again
                        rd_kafka_poll(rk, 1000);
                    }
                }
                if (code != RD_KAFKA_RESP_ERR_NO_ERROR) {
                    // most likely a fatal error, which error() reports when the queue is served below
                    break;
                }
                // serve delivery reports and errors without blocking
                rd_kafka_poll(rk, 0);
                msgcnt++;

                // fatal errors cannot be provoked on demand: fabricate one
                if (msgcnt == fatalAfter) {
                    rd_kafka_test_fatal_error(rk, RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER,
                            arena.allocateFrom("This is a fabricated error to test the fatal error handling"));
                }
                LockSupport.parkNanos(intervalMs * 1_000_000L); // rate limit the example, as the C one does
            }

            err.print("% Flushing outstanding messages..\n");
            rd_kafka_flush(rk, 10 * 1000);
            err.printf("%% %d message(s) produced, %d delivered, %d failed\n", msgcnt, deliveredCnt, msgErrCnt);

            int fatal = rd_kafka_fatal_error(rk, MemorySegment.NULL, 0);
            rd_kafka_destroy(rk);
            return fatal != RD_KAFKA_RESP_ERR_NO_ERROR ? 1 : 0;
        }
    }
}

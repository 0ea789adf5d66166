package io.rdkafka.ffm.examples;

import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.RdKafkaCallbacks;
import io.rdkafka.ffm.RdKafkaStructs.GroupInfo;
import io.rdkafka.ffm.RdKafkaStructs.GroupList;
import io.rdkafka.ffm.RdKafkaStructs.GroupMemberInfo;
import io.rdkafka.ffm.RdKafkaStructs.Message;
import io.rdkafka.ffm.RdKafkaStructs.MetadataBroker;
import io.rdkafka.ffm.RdKafkaStructs.TopicPartition;
import io.rdkafka.ffm.RdKafkaStructs.TopicPartitionList;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static io.rdkafka.ffm.RdKafka.*;

/**
 * A port of librdkafka's {@code examples/rdkafka_complex_consumer_example.c} to Java, written against the
 * low-level {@code io.rdkafka.ffm} layer only: a high-level (group) consumer with a rebalance callback for
 * both the eager and the cooperative protocol, static assignment with {@code topic:partition}, group
 * description ({@code -D}) and committed-offset query ({@code -O}).
 *
 * <p>Differences from the C program: librdkafka's logs are delivered as events on a log queue served by
 * the main loop ({@code log.queue=true} + {@code rd_kafka_set_log_queue}) and printed to the error stream,
 * never through a log callback (which would run on librdkafka's threads); the log queue is attached
 * whether or not {@code -d} is given. {@code -X dump} dumps the configuration before the handle is made
 * (rd_kafka_new takes the configuration over). Ctrl-C ends the consumer cleanly through a shutdown hook.
 *
 * <pre>
 * java ... io.rdkafka.ffm.examples.ComplexConsumerExample [options] topic[:part] ...
 * </pre>
 */
public final class ComplexConsumerExample {

    private final PrintStream out;
    private final PrintStream err;
    private volatile boolean running = true;
    private boolean exitEof;
    private int waitEof; // partitions not yet at their end
    private boolean quiet;
    private boolean raw; // -A: raw payloads instead of hexdumps
    private boolean closing;
    private String lastProtocol = "NONE";
    private MemorySegment rk = MemorySegment.NULL;

    private ComplexConsumerExample(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        ComplexConsumerExample ex = new ComplexConsumerExample(System.out, System.err);
        CountDownLatch done = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Ctrl-C: let the main loop close the consumer before the JVM goes
            ex.running = false;
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

    /** Runs the example as {@code main} would, writing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new ComplexConsumerExample(out, err).execute(args);
    }

    /** Asks a running consumer to stop (what Ctrl-C does). */
    void stop() {
        running = false;
    }

    // ---- output helpers --------------------------------------------------------------------------

    private static boolean printable(byte b) {
        return b >= 0x20 && b < 0x7f;
    }

    static void hexdump(PrintStream fp, String name, byte[] data) {
        if (name != null) fp.printf("%s hexdump (%d bytes):\n", name, data.length);
        for (int of = 0; of < data.length; of += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder chars = new StringBuilder();
            for (int i = of; i < of + 16 && i < data.length; i++) {
                hex.append(String.format("%02x ", data[i] & 0xff));
                chars.append(printable(data[i]) ? (char) data[i] : '.');
            }
            fp.printf("%08x: %-48s %-16s\n", of, hex, chars);
        }
    }

    private static byte[] bytes(MemorySegment p) {
        return p.equals(MemorySegment.NULL) ? new byte[0] : p.toArray(ValueLayout.JAVA_BYTE);
    }

    private static String err2str(int code) {
        return CStrings.toJava(rd_kafka_err2str(code));
    }

    private void serveLogs(MemorySegment logq) {
        MemorySegment ev;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fac = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment str = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment level = arena.allocate(ValueLayout.JAVA_INT);
            while (!(ev = rd_kafka_queue_poll(logq, 0)).equals(MemorySegment.NULL)) {
                try {
                    if (rd_kafka_event_type(ev) == RD_KAFKA_EVENT_LOG && rd_kafka_event_log(ev, fac, str, level) == 0) {
                        long now = System.currentTimeMillis();
                        err.printf("%d.%03d RDKAFKA-%d-%s: %s: %s\n", now / 1000, now % 1000,
                                level.get(ValueLayout.JAVA_INT, 0), CStrings.toJava(fac.get(ValueLayout.ADDRESS, 0)),
                                CStrings.toJava(rd_kafka_name(rk)), CStrings.toJava(str.get(ValueLayout.ADDRESS, 0)));
                    }
                } finally {
                    rd_kafka_event_destroy(ev);
                }
            }
        }
    }

    // ---- consuming -------------------------------------------------------------------------------

    private void msgConsume(MemorySegment msgPtr) {
        MemorySegment m = Message.of(msgPtr);
        int code = Message.err(m);
        MemorySegment rkt = Message.rkt(m);
        if (code != RD_KAFKA_RESP_ERR_NO_ERROR) {
            if (code == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                err.printf("%% Consumer reached end of %s [%d] message queue at offset %d\n",
                        CStrings.toJava(rd_kafka_topic_name(rkt)), Message.partition(m), Message.offset(m));
                if (exitEof && --waitEof == 0) {
                    err.print("% All partition(s) reached EOF: exiting\n");
                    running = false;
                }
                return;
            }
            if (!rkt.equals(MemorySegment.NULL)) {
                err.printf("%% Consume error for topic \"%s\" [%d] offset %d: %s\n",
                        CStrings.toJava(rd_kafka_topic_name(rkt)), Message.partition(m), Message.offset(m),
                        CStrings.toJava(rd_kafka_message_errstr(msgPtr)));
            } else {
                err.printf("%% Consumer error: %s: %s\n", err2str(code), CStrings.toJava(rd_kafka_message_errstr(msgPtr)));
            }
            if (code == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION || code == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC) {
                running = false;
            }
            return;
        }

        if (!quiet) {
            out.printf("%% Message (topic %s [%d], offset %d, %d bytes):\n", CStrings.toJava(rd_kafka_topic_name(rkt)),
                    Message.partition(m), Message.offset(m), Message.len(m));
        }
        if (Message.keyLen(m) > 0) {
            byte[] key = bytes(Message.key(m));
            if (raw) {
                out.print("Key: ");
                out.write(key, 0, key.length);
                out.print("\n");
            } else {
                hexdump(out, "Message Key", key);
            }
        }
        byte[] payload = bytes(Message.payload(m));
        if (raw) {
            out.write(payload, 0, payload.length);
            out.print("\n");
        } else {
            hexdump(out, "Message Payload", payload);
        }
    }

    private void printPartitionList(PrintStream fp, MemorySegment partitions) {
        MemorySegment list = TopicPartitionList.of(partitions);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < TopicPartitionList.cnt(list); i++) {
            MemorySegment tp = TopicPartitionList.elem(list, i);
            sb.append(i > 0 ? "," : "").append(' ').append(TopicPartition.topic(tp)).append(" [")
                    .append(TopicPartition.partition(tp)).append("] offset ").append(TopicPartition.offset(tp));
        }
        fp.print(sb.append('\n'));
    }

    /** The group's rebalance protocol; while closing, the one seen at the last assignment (no call into the group). */
    private String rebalanceProtocol(MemorySegment handle) {
        if (closing) return lastProtocol;
        String p = CStrings.toJava(rd_kafka_rebalance_protocol(handle));
        return p == null ? "NONE" : p;
    }

    private void rebalance(MemorySegment handle, int code, MemorySegment partitions, MemorySegment opaque) {
        MemorySegment error = MemorySegment.NULL;
        int retErr = RD_KAFKA_RESP_ERR_NO_ERROR;
        err.print("% Consumer group rebalanced: ");
        int cnt = TopicPartitionList.cnt(TopicPartitionList.of(partitions));
        if (code == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
            String protocol = rebalanceProtocol(handle);
            lastProtocol = protocol;
            err.printf("assigned (%s):\n", protocol);
            printPartitionList(err, partitions);
            if (protocol.equals("COOPERATIVE")) error = rd_kafka_incremental_assign(handle, partitions);
            else retErr = rd_kafka_assign(handle, partitions);
            waitEof += cnt;
        } else if (code == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
            String protocol = rebalanceProtocol(handle);
            err.printf("revoked (%s)%s:\n", protocol, rd_kafka_assignment_lost(handle) != 0 ? " (assignment lost)" : "");
            printPartitionList(err, partitions);
            if (protocol.equals("COOPERATIVE")) {
                error = rd_kafka_incremental_unassign(handle, partitions);
                waitEof -= cnt;
            } else {
                retErr = rd_kafka_assign(handle, MemorySegment.NULL);
                waitEof = 0;
            }
        } else {
            err.printf("failed: %s\n", err2str(code));
            rd_kafka_assign(handle, MemorySegment.NULL);
        }
        if (!error.equals(MemorySegment.NULL)) {
            err.printf("incremental assign failure: %s\n", CStrings.toJava(rd_kafka_error_string(error)));
            rd_kafka_error_destroy(error);
        } else if (retErr != RD_KAFKA_RESP_ERR_NO_ERROR) {
            err.printf("assign failure: %s\n", err2str(retErr));
        }
    }

    private int describeGroups(String group) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment grplistp = arena.allocate(ValueLayout.ADDRESS);
            int code = rd_kafka_list_groups(rk, CStrings.toC(arena, group), grplistp, 10_000);
            if (code != RD_KAFKA_RESP_ERR_NO_ERROR) {
                err.printf("%% Failed to acquire group list: %s\n", err2str(code));
                return -1;
            }
            MemorySegment list = GroupList.of(grplistp.get(ValueLayout.ADDRESS, 0));
            try {
                for (int i = 0; i < GroupList.groupCnt(list); i++) {
                    MemorySegment gi = GroupList.group(list, i);
                    MemorySegment broker = GroupInfo.broker(gi);
                    out.printf("Group \"%s\" in state %s on broker %d (%s:%d)\n", GroupInfo.group(gi), GroupInfo.state(gi),
                            MetadataBroker.id(broker), MetadataBroker.host(broker), MetadataBroker.port(broker));
                    if (GroupInfo.err(gi) != RD_KAFKA_RESP_ERR_NO_ERROR) {
                        out.printf(" Error: %s\n", err2str(GroupInfo.err(gi)));
                    }
                    out.printf(" Protocol type \"%s\", protocol \"%s\", with %d member(s):\n", GroupInfo.protocolType(gi),
                            GroupInfo.protocol(gi), GroupInfo.memberCnt(gi));
                    for (int j = 0; j < GroupInfo.memberCnt(gi); j++) {
                        MemorySegment mi = GroupInfo.member(gi, j);
                        out.printf("  \"%s\", client id \"%s\" on host %s\n", GroupMemberInfo.memberId(mi),
                                GroupMemberInfo.clientId(mi), GroupMemberInfo.clientHost(mi));
                        out.printf("    metadata: %d bytes\n", GroupMemberInfo.memberMetadata(mi).byteSize());
                        out.printf("    assignment: %d bytes\n", GroupMemberInfo.memberAssignment(mi).byteSize());
                    }
                    out.print("\n");
                }
                if (group != null && GroupList.groupCnt(list) == 0) err.printf("%% No matching group (%s)\n", group);
            } finally {
                rd_kafka_group_list_destroy(list);
            }
            return 0;
        }
    }

    // ---- configuration ---------------------------------------------------------------------------

    /** Sets a property; prints librdkafka's complaint and returns false when it is refused. */
    private boolean confSet(MemorySegment conf, String name, String value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errstr = CStrings.errstr(arena);
            if (rd_kafka_conf_set(conf, arena.allocateFrom(name), arena.allocateFrom(value), errstr,
                    CStrings.ERRSTR_SIZE) != RD_KAFKA_CONF_OK) {
                err.printf("%% %s\n", CStrings.fromBuffer(errstr));
                return false;
            }
            return true;
        }
    }

    private void dumpConf(MemorySegment conf) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cntp = arena.allocate(ValueLayout.JAVA_LONG);
            for (int pass = 0; pass < 2; pass++) {
                MemorySegment arr;
                if (pass == 0) {
                    arr = rd_kafka_conf_dump(conf, cntp);
                    out.print("# Global config\n");
                } else {
                    MemorySegment topicConf = rd_kafka_conf_get_default_topic_conf(conf);
                    if (topicConf.equals(MemorySegment.NULL)) continue;
                    out.print("# Topic config\n");
                    arr = rd_kafka_topic_conf_dump(topicConf, cntp);
                }
                if (arr.equals(MemorySegment.NULL)) continue;
                long cnt = cntp.get(ValueLayout.JAVA_LONG, 0);
                MemorySegment strings = arr.reinterpret(ValueLayout.ADDRESS.byteSize() * cnt);
                for (long i = 0; i + 1 < cnt; i += 2) {
                    out.printf("%s = %s\n", CStrings.toJava(strings.getAtIndex(ValueLayout.ADDRESS, i)),
                            CStrings.toJava(strings.getAtIndex(ValueLayout.ADDRESS, i + 1)));
                }
                out.print("\n");
                rd_kafka_conf_dump_free(arr, cnt);
            }
        }
    }

    /** {@code rd_kafka_conf_properties_show} writes to a {@code FILE *}: give it a memory stream from libc. */
    private void showProperties() {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        MethodHandle openMemstream = linker.downcallHandle(libc.find("open_memstream").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        MethodHandle fclose = linker.downcallHandle(libc.find("fclose").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        MethodHandle free = linker.downcallHandle(libc.find("free").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bufp = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment sizep = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment fp = (MemorySegment) openMemstream.invokeExact(bufp, sizep);
            if (fp.equals(MemorySegment.NULL)) throw new IllegalStateException("open_memstream failed");
            rd_kafka_conf_properties_show(fp);
            int ignored = (int) fclose.invokeExact(fp);
            MemorySegment buf = bufp.get(ValueLayout.ADDRESS, 0);
            long size = sizep.get(ValueLayout.JAVA_LONG, 0);
            out.write(buf.reinterpret(size).toArray(ValueLayout.JAVA_BYTE), 0, (int) size);
            free.invokeExact(buf);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot list the configuration properties", t);
        }
    }

    private int usage(String group, String brokers) {
        err.printf("""
                Usage: ComplexConsumerExample [options] <topic[:part]> <topic[:part]>..

                librdkafka version %s (0x%08x)

                 Options:
                  -g <group>      Consumer group (%s)
                  -b <brokers>    Broker address (%s)
                  -e              Exit consumer when last message
                                  in partition has been received.
                  -D              Describe group.
                  -O              Get commmitted offset(s)
                  -d [facs..]     Enable debugging contexts:
                                  %s
                  -q              Be quiet
                  -A              Raw payload output (consumer)
                  -X <prop=name> Set arbitrary librdkafka configuration property
                               Use '-X list' to see the full list
                               of supported properties.

                For balanced consumer groups use the 'topic1 topic2..' format
                and for static assignment use 'topic1:part1 topic1:part2 topic2:part1..'

                """, CStrings.toJava(rd_kafka_version_str()), rd_kafka_version(), group, brokers, RD_KAFKA_DEBUG_CONTEXTS);
        return 1;
    }

    // ---- main ------------------------------------------------------------------------------------

    private int execute(String[] args) {
        char mode = 'C';
        String brokers = "localhost:9092";
        String debug = null;
        String group = null;
        boolean confDump = false;
        List<String> operands = new ArrayList<>();
        quiet = System.console() == null || !System.console().isTerminal();

        MemorySegment conf = rd_kafka_conf_new();
        boolean confOwned = true; // until rd_kafka_new succeeds
        try (Arena arena = Arena.ofShared()) {
            // logs become events on a queue this thread serves; never a callback on librdkafka's threads
            confSet(conf, "log.queue", "true");

            // getopt("g:b:qd:eX:ADO"), operands may come between options
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--")) {
                    for (i++; i < args.length; i++) operands.add(args[i]);
                    break;
                }
                if (!a.startsWith("-") || a.length() == 1) {
                    operands.add(a);
                    continue;
                }
                for (int j = 1; j < a.length(); j++) {
                    char opt = a.charAt(j);
                    String optarg = null;
                    if ("gbdX".indexOf(opt) >= 0) {
                        if (j + 1 < a.length()) optarg = a.substring(j + 1);
                        else if (i + 1 < args.length) optarg = args[++i];
                        else {
                            err.printf("option requires an argument -- '%c'\n", opt);
                            return usage(group, brokers);
                        }
                        j = a.length();
                    }
                    switch (opt) {
                        case 'b' -> brokers = optarg;
                        case 'g' -> group = optarg;
                        case 'e' -> exitEof = true;
                        case 'd' -> debug = optarg;
                        case 'q' -> quiet = true;
                        case 'A' -> raw = true;
                        case 'X' -> {
                            if (optarg.equals("list") || optarg.equals("help")) {
                                showProperties();
                                return 0;
                            }
                            if (optarg.equals("dump")) {
                                confDump = true;
                                continue;
                            }
                            int eq = optarg.indexOf('=');
                            if (eq < 0) {
                                err.printf("%% Expected -X property=value, not %s\n", optarg);
                                return 1;
                            }
                            if (!confSet(conf, optarg.substring(0, eq), optarg.substring(eq + 1))) return 1;
                        }
                        case 'D', 'O' -> mode = opt;
                        default -> {
                            err.printf("invalid option -- '%c'\n", opt);
                            return usage(group, brokers);
                        }
                    }
                }
            }

            if (confDump) {
                dumpConf(conf);
                return 0;
            }
            if ("OC".indexOf(mode) >= 0 && operands.isEmpty()) return usage(group, brokers);

            if (debug != null && !confSet(conf, "debug", debug)) {
                err.printf("%% Debug configuration failed: %s\n", debug);
                return 1;
            }

            if ("CO".indexOf(mode) >= 0) {
                if (group == null) group = "rdkafka_consumer_example";
                if (!confSet(conf, "group.id", group)) return 1;
                rd_kafka_conf_set_rebalance_cb(conf, RdKafkaCallbacks.rebalance_cb.allocate(this::rebalance, arena));
                confSet(conf, "enable.partition.eof", "true");
            }
            if (!confSet(conf, "bootstrap.servers", brokers)) return 1;

            MemorySegment errstr = CStrings.errstr(arena);
            rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, CStrings.ERRSTR_SIZE);
            if (rk.equals(MemorySegment.NULL)) {
                err.printf("%% Failed to create new consumer: %s\n", CStrings.fromBuffer(errstr));
                return 1;
            }
            confOwned = false;
            MemorySegment logq = rd_kafka_queue_new(rk);
            rd_kafka_set_log_queue(rk, logq);
            try {
                return consume(mode, group, operands, arena, logq);
            } finally {
                serveLogs(logq);
                rd_kafka_queue_destroy(logq);
                rd_kafka_destroy(rk);
            }
        } finally {
            if (confOwned) rd_kafka_conf_destroy(conf);
        }
    }

    private int consume(char mode, String group, List<String> operands, Arena arena, MemorySegment logq) {
        if (mode == 'D') {
            int r = describeGroups(group);
            return r == -1 ? 1 : 0;
        }
        // rd_kafka_poll() now serves the consumer queue: everything arrives through rd_kafka_consumer_poll
        rd_kafka_poll_set_consumer(rk);

        MemorySegment topics = rd_kafka_topic_partition_list_new(operands.size());
        try {
            boolean isSubscription = true;
            for (String operand : operands) {
                String topic = operand;
                int partition = RD_KAFKA_PARTITION_UA;
                int colon = operand.indexOf(':');
                if (colon >= 0) {
                    topic = operand.substring(0, colon);
                    partition = parseLeadingInt(operand.substring(colon + 1));
                    isSubscription = false;
                    waitEof++;
                }
                rd_kafka_topic_partition_list_add(topics, arena.allocateFrom(topic), partition);
            }

            if (mode == 'O') {
                int code = rd_kafka_committed(rk, topics, 5000);
                if (code != RD_KAFKA_RESP_ERR_NO_ERROR) {
                    err.printf("%% Failed to fetch offsets: %s\n", err2str(code));
                    return 1;
                }
                MemorySegment list = TopicPartitionList.of(topics);
                for (int i = 0; i < TopicPartitionList.cnt(list); i++) {
                    MemorySegment p = TopicPartitionList.elem(list, i);
                    out.printf("Topic \"%s\" partition %d", TopicPartition.topic(p), TopicPartition.partition(p));
                    if (TopicPartition.err(p) != RD_KAFKA_RESP_ERR_NO_ERROR) {
                        out.printf(" error %s", err2str(TopicPartition.err(p)));
                    } else {
                        out.printf(" offset %d", TopicPartition.offset(p));
                        if (TopicPartition.metadataSize(p) > 0) {
                            out.printf(" (%d bytes of metadata)", TopicPartition.metadataSize(p));
                        }
                    }
                    out.print("\n");
                }
            } else {
                int code;
                if (isSubscription) {
                    err.printf("%% Subscribing to %d topics\n", operands.size());
                    if ((code = rd_kafka_subscribe(rk, topics)) != RD_KAFKA_RESP_ERR_NO_ERROR) {
                        err.printf("%% Failed to start consuming topics: %s\n", err2str(code));
                        return 1;
                    }
                } else {
                    err.printf("%% Assigning %d partitions\n", operands.size());
                    if ((code = rd_kafka_assign(rk, topics)) != RD_KAFKA_RESP_ERR_NO_ERROR) {
                        err.printf("%% Failed to assign partitions: %s\n", err2str(code));
                    }
                }

                while (running) {
                    MemorySegment msg = rd_kafka_consumer_poll(rk, 100);
                    if (!msg.equals(MemorySegment.NULL)) {
                        try {
                            msgConsume(msg);
                        } finally {
                            rd_kafka_message_destroy(msg);
                        }
                    }
                    serveLogs(logq);
                }
            }

            closing = true;
            int code = rd_kafka_consumer_close(rk);
            if (code != RD_KAFKA_RESP_ERR_NO_ERROR) err.printf("%% Failed to close consumer: %s\n", err2str(code));
            else err.print("% Consumer closed\n");
            return 0;
        } finally {
            rd_kafka_topic_partition_list_destroy(topics);
        }
    }

    /** C's atoi: the leading digits (with a sign), 0 when there are none. */
    private static int parseLeadingInt(String s) {
        int end = 0;
        if (end < s.length() && (s.charAt(end) == '-' || s.charAt(end) == '+')) end++;
        while (end < s.length() && Character.isDigit(s.charAt(end))) end++;
        try {
            return Integer.parseInt(s.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package io.rdkafka.cli;

import io.rdkafka.client.Consumer;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.errors.KafkaError;
import io.rdkafka.ffm.RdKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code complex-consumer}: librdkafka's {@code rdkafka_complex_consumer_example}, in Java over rdkafka-client.
 * Balanced group consumption ({@code topic1 topic2 ...}) or static assignment ({@code topic:part ...}),
 * rebalances printed as they happen (EAGER and COOPERATIVE), hexdump or raw output, {@code -D} describes
 * groups, {@code -O} prints committed offsets, {@code -X dump} / {@code -X list} show configuration.
 */
@Command(name = "complex-consumer", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        usageHelpAutoWidth = true, sortOptions = false, separator = " ",
        customSynopsis = "complex-consumer [options] <topic[:part]> <topic[:part]>..",
        description = {"The high-level consumer of librdkafka's rdkafka_complex_consumer_example.",
                "For balanced consumer groups use the 'topic1 topic2..' format and for static assignment use "
                        + "'topic1:part1 topic1:part2 topic2:part1..'.",
                "Rebalances, end-of-partition and errors are reported on stderr (lines starting with '%%'); "
                        + "messages go to stdout. SIGINT/SIGTERM: commit, leave the group, exit 0; a second "
                        + "one exits at once.",
                ""},
        footer = {"", "Default output is a hexdump of key and payload under a '%% Message (topic T [P], offset O, N bytes):' "
                + "line; -A prints the payload (and 'Key: <key>') as is, one message a line. The header line is left "
                + "out with -q, and by default when stdin is not a terminal (as in the C example); --no-quiet "
                + "forces it.",
                "Exit status: 0 on a clean exit, 1 on errors (e.g. INCONSISTENT_GROUP_PROTOCOL when joining a "
                        + "group that uses another rebalance protocol), 2 on usage errors."})
final class ComplexConsumerCommand implements Callable<Integer> {
    static final String DEFAULT_GROUP = "rdkafka_consumer_example";

    @Option(names = "-g", paramLabel = "<group>",
            description = "Consumer group (default: " + DEFAULT_GROUP + "; with -D: all groups).")
    String group;

    @Option(names = {"-q", "--quiet"}, negatable = true, paramLabel = "",
            description = "Be quiet: no '%% Message' header lines (default: quiet when stdin is not a terminal).")
    Boolean quiet;

    @Option(names = "-e", description = "Exit consumer when the last message in every assigned partition has been "
            + "received (sets enable.partition.eof=true).")
    boolean exitEof;

    @Option(names = "-D", description = "Describe group(s): the one of -g, else all (no topic needed).")
    boolean describe;

    @Option(names = "-O", description = "Get committed offset(s) of the given topic:partition arguments.")
    boolean offsets;

    @Option(names = "-A", description = "Raw payload output (default: hexdump).")
    boolean raw;

    @Mixin
    ClientOptions client;

    @Parameters(paramLabel = "<topic[:part]>", arity = "0..*",
            description = "Topics to subscribe to, or topic:partition pairs to assign.")
    List<String> topics = new ArrayList<>();

    final PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        LogSetup.configure(client.debugContexts() != null);
        if (client.listRequested()) {
            ClientOptions.showProperties(System.out);
            return 0;
        }
        if (client.dumpRequested()) {
            // before any client exists: the configuration the consumer would be created with
            ClientOptions.dump(consumerConfig(), System.out);
            return 0;
        }
        if (describe) return describeGroups();
        if (topics.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "no topic given: use 'topic1 topic2..' or 'topic1:part1 topic2:part2..'");
        }
        Targets targets = Targets.parse(topics);
        if (offsets) return printCommitted(targets);
        return ComplexConsumerLoop.run(this, targets);
    }

    String groupId() {
        return group != null ? group : DEFAULT_GROUP;
    }

    boolean quiet() {
        return quiet != null ? quiet : !Libc.isatty(0);
    }

    /** The consumer's configuration: group.id, enable.partition.eof with -e, then -X (which wins). */
    KafkaConfig consumerConfig() {
        Map<String, String> defaults = new LinkedHashMap<>();
        if (exitEof) defaults.put("enable.partition.eof", "true");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("group.id", groupId());
        return client.build(defaults, settings);
    }

    /** Balanced subscription (topic names) or static assignment (topic:partition); not both. */
    record Targets(List<String> topics, List<TopicPartition> partitions) {
        boolean isSubscription() {
            return partitions.isEmpty();
        }

        static Targets parse(List<String> args) {
            List<String> topics = new ArrayList<>();
            List<TopicPartition> parts = new ArrayList<>();
            for (String a : args) {
                int colon = a.lastIndexOf(':');
                if (colon < 0) {
                    topics.add(a);
                    continue;
                }
                String t = a.substring(0, colon);
                try {
                    int p = Integer.parseInt(a.substring(colon + 1));
                    if (t.isEmpty() || p < 0) throw new NumberFormatException();
                    parts.add(new TopicPartition(t, p));
                } catch (NumberFormatException e) {
                    throw new CliException("invalid topic:partition '" + a + "'", 2);
                }
            }
            if (!parts.isEmpty() && !topics.isEmpty()) {
                // as in the C example, one topic:part makes it an assignment; a bare topic then means partition -1
                throw new CliException("mix of subscription (" + topics.getFirst() + ") and assignment ("
                        + parts.getFirst().topic() + ":" + parts.getFirst().partition() + "): use one form", 2);
            }
            return new Targets(topics, parts);
        }
    }

    /** -D: {@code rd_kafka_list_groups}, printed as the C example does. */
    private int describeGroups() {
        KafkaConfig config = client.build(Map.of(), Map.of());
        var out = System.out;
        List<GroupList.Group> groups = GroupList.list(config, group, Duration.ofSeconds(10));
        for (GroupList.Group g : groups) {
            out.printf("Group \"%s\" in state %s on broker %d (%s:%d)%n", g.group(), g.state(), g.brokerId(),
                    g.brokerHost(), g.brokerPort());
            if (g.err() != 0) out.println(" Error: " + KafkaError.describe(g.err()));
            out.printf(" Protocol type \"%s\", protocol \"%s\", with %d member(s):%n", g.protocolType(), g.protocol(),
                    g.members().size());
            for (GroupList.Member m : g.members()) {
                out.printf("  \"%s\", client id \"%s\" on host %s%n", m.memberId(), m.clientId(), m.clientHost());
                out.printf("    metadata: %d bytes%n", m.metadataSize());
                out.printf("    assignment: %d bytes%n", m.assignmentSize());
            }
            out.println();
        }
        out.flush();
        if (group != null && groups.isEmpty()) err.println("% No matching group (" + group + ")");
        return 0;
    }

    /** -O: committed offsets of the given partitions, for the group. */
    private int printCommitted(Targets targets) {
        if (targets.isSubscription()) {
            throw new CliException("-O needs topic:partition arguments", 2);
        }
        var out = System.out;
        try (Consumer<byte[], byte[]> c = Consumer.create(consumerConfig(), Serdes.byteArrayDeserializer(),
                Serdes.byteArrayDeserializer())) {
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(new LinkedHashSet<>(targets.partitions()),
                    Duration.ofSeconds(5));
            for (TopicPartition p : targets.partitions()) {
                OffsetAndMetadata om = committed.get(p); // absent: no committed offset
                out.println("Topic \"" + p.topic() + "\" partition " + p.partition() + " offset "
                        + (om == null ? RdKafka.RD_KAFKA_OFFSET_INVALID : om.offset()));
            }
        }
        out.flush();
        return 0;
    }
}

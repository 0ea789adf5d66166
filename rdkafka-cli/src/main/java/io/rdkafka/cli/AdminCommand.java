package io.rdkafka.cli;

import io.rdkafka.client.ClusterMetadata;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.PartitionInfo;
import io.rdkafka.client.Producer;
import io.rdkafka.client.Serdes;
import io.rdkafka.ffm.RdKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rdkafka admin}: topics, cluster, consumer groups and configs. Metadata comes from the client's
 * {@code Producer.metadata}; the rest is librdkafka's Admin API, called directly on the low-level layer
 * (rdkafka-client has no Admin client yet).
 */
@Command(name = "admin", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        usageHelpAutoWidth = true, separator = " ",
        description = "Administers topics, consumer groups and configs; describes the cluster.",
        subcommands = {AdminCommand.Topics.class, AdminCommand.Cluster.class, AdminCommand.Groups.class,
                AdminCommand.Configs.class})
final class AdminCommand {

    /** Common to every admin action: client options, a timeout, -X dump/list handling. */
    abstract static class Action implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "30s", converter = DurationConverter.class,
                description = "Request timeout (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        final PrintStream out = System.out;

        @Override
        public final Integer call() {
            LogSetup.configure(client.debugContexts() != null);
            if (client.handleInfoRequests(this::config, out)) return 0;
            int status = run(config());
            out.flush();
            return status;
        }

        KafkaConfig config() {
            return client.build(Map.of(), Map.of());
        }

        abstract int run(KafkaConfig config);

        ClusterMetadata metadata(KafkaConfig config, String topic) {
            try (Producer<byte[], byte[]> p = Producer.create(config, Serdes.byteArraySerializer(),
                    Serdes.byteArraySerializer())) {
                return p.metadata(topic, timeout);
            }
        }

        RawClient raw(KafkaConfig config) {
            return RawClient.open(RdKafka.RD_KAFKA_PRODUCER, config);
        }

        /** Prints each outcome; 0 when all succeeded, else 1. */
        int report(List<RawClient.Outcome> outcomes, String what) {
            int failures = 0;
            for (RawClient.Outcome o : outcomes) {
                if (o.ok()) {
                    out.println(what + " " + o.name());
                } else {
                    failures++;
                    System.err.println("% " + o.name() + ": " + o.error());
                }
            }
            if (failures > 0) throw new CliException(failures + " of " + outcomes.size() + " failed");
            return 0;
        }
    }

    // ---- topics --------------------------------------------------------------------------------------

    @Command(name = "topics", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
            description = "List, describe, create and delete topics; add partitions.",
            subcommands = {TopicsList.class, TopicsDescribe.class, TopicsCreate.class, TopicsDelete.class,
                    TopicsAddPartitions.class})
    static final class Topics {
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
            description = "Prints the names of the cluster's topics, one a line, sorted.")
    static final class TopicsList extends Action {
        @Option(names = "--internal", description = "Include internal topics (__consumer_offsets, ...).")
        boolean internal;

        @Override
        int run(KafkaConfig config) {
            metadata(config, null).topics().keySet().stream().sorted()
                    .filter(t -> internal || !t.startsWith("__")).forEach(out::println);
            return 0;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
            description = "Prints the partitions of topics: leader, replicas, in-sync replicas.")
    static final class TopicsDescribe extends Action {
        @Parameters(paramLabel = "<topic>", arity = "0..*", description = "Topics (default: all).")
        List<String> topics = new ArrayList<>();

        @Override
        int run(KafkaConfig config) {
            // all topics: asking for one by name would have the broker auto-create it
            ClusterMetadata md = metadata(config, null);
            List<String> names = topics.isEmpty()
                    ? md.topics().keySet().stream().filter(t -> !t.startsWith("__")).sorted().toList() : topics;
            int missing = 0;
            for (String t : names) {
                String err = md.topicErrors().get(t);
                List<PartitionInfo> parts = md.topics().get(t);
                if (err != null || parts == null) {
                    missing++;
                    System.err.println("% Topic " + t + ": " + (err != null ? err : "not found"));
                    continue;
                }
                out.println("Topic " + t + " with " + parts.size() + " partition(s):");
                for (PartitionInfo p : parts) {
                    out.println("  partition " + p.partition() + ", leader " + p.leader() + ", replicas "
                            + p.replicas() + ", isrs " + p.inSyncReplicas() + (p.hasError() ? ", error " + p.error() : ""));
                }
            }
            if (missing > 0) throw new CliException(missing + " topic(s) not found");
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
            description = "Creates topics.")
    static final class TopicsCreate extends Action {
        @Parameters(paramLabel = "<topic>", arity = "1..*", description = "Topics to create.")
        List<String> topics;

        @Option(names = {"-p", "--partitions"}, paramLabel = "<n>", defaultValue = "1",
                description = "Number of partitions (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = {"-r", "--replication-factor"}, paramLabel = "<n>", defaultValue = "-1",
                description = "Replication factor (default: the broker's default.replication.factor).")
        int replicationFactor;

        @Option(names = {"-c", "--config"}, paramLabel = "<name=value>", description = "Topic config (repeatable).")
        List<String> configs = new ArrayList<>();

        @Option(names = "--if-not-exists", description = "Succeed when the topic exists already.")
        boolean ifNotExists;

        @Override
        int run(KafkaConfig config) {
            Map<String, String> cfg = new LinkedHashMap<>();
            for (String c : configs) {
                int eq = c.indexOf('=');
                if (eq <= 0) throw new CliException("expected --config name=value, not '" + c + "'", 2);
                cfg.put(c.substring(0, eq), c.substring(eq + 1));
            }
            try (RawClient raw = raw(config)) {
                List<RawClient.Outcome> outcomes = raw.createTopics(topics, partitions, replicationFactor, cfg, timeout);
                if (ifNotExists) {
                    outcomes = outcomes.stream().map(o -> o.error() != null && o.error().contains("TOPIC_ALREADY_EXISTS")
                            ? new RawClient.Outcome(o.name(), null) : o).toList();
                }
                return report(outcomes, "Created topic");
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
            description = "Deletes topics.")
    static final class TopicsDelete extends Action {
        @Parameters(paramLabel = "<topic>", arity = "1..*", description = "Topics to delete.")
        List<String> topics;

        @Override
        int run(KafkaConfig config) {
            try (RawClient raw = raw(config)) {
                return report(raw.deleteTopics(topics, timeout), "Deleted topic");
            }
        }
    }

    @Command(name = "add-partitions", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
            description = "Raises the number of partitions of a topic.")
    static final class TopicsAddPartitions extends Action {
        @Parameters(index = "0", paramLabel = "<topic>")
        String topic;

        @Option(names = "--total", paramLabel = "<n>", required = true, description = "The new total number of partitions.")
        int total;

        @Override
        int run(KafkaConfig config) {
            try (RawClient raw = raw(config)) {
                return report(raw.createPartitions(topic, total, timeout), "Partitions raised to " + total + " for");
            }
        }
    }

    // ---- cluster -------------------------------------------------------------------------------------

    @Command(name = "cluster", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
            description = "Describes the cluster: id, controller, brokers, topic count.")
    static final class Cluster extends Action {
        @Override
        int run(KafkaConfig config) {
            ClusterMetadata md = metadata(config, null);
            out.println("Cluster id: " + md.clusterId());
            out.println("Controller: " + md.controllerId());
            out.println("Brokers (" + md.brokers().size() + "):");
            md.brokers().stream().sorted(java.util.Comparator.comparingInt(ClusterMetadata.Node::id))
                    .forEach(b -> out.println("  " + b.id() + " at " + b.host() + ":" + b.port()));
            out.println("Topics: " + md.topics().size() + " (metadata from broker " + md.originatingBrokerId() + " "
                    + md.originatingBrokerName() + ")");
            return 0;
        }
    }

    // ---- groups --------------------------------------------------------------------------------------

    @Command(name = "groups", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
            description = "List, describe and delete consumer groups; show their committed offsets.",
            subcommands = {GroupsList.class, GroupsDescribe.class, GroupsOffsets.class, GroupsDelete.class})
    static final class Groups {
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
            description = "Prints the consumer groups: name, state, and whether it is a simple group.")
    static final class GroupsList extends Action {
        @Override
        int run(KafkaConfig config) {
            List<String> errors = new ArrayList<>();
            try (RawClient raw = raw(config)) {
                raw.listConsumerGroups(timeout, errors).stream()
                        .sorted(java.util.Comparator.comparing(RawClient.GroupListing::group))
                        .forEach(g -> out.println(g.group() + "\t" + g.state() + (g.simple() ? "\tsimple" : "")));
            }
            errors.forEach(e -> System.err.println("% " + e));
            if (!errors.isEmpty()) throw new CliException("the group list is incomplete");
            return 0;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
            description = "Describes consumer groups: state, assignor, coordinator, members and their partitions.")
    static final class GroupsDescribe extends Action {
        @Parameters(paramLabel = "<group>", arity = "1..*")
        List<String> groups;

        @Override
        int run(KafkaConfig config) {
            int failed = 0;
            try (RawClient raw = raw(config)) {
                for (RawClient.GroupDescription d : raw.describeConsumerGroups(groups, timeout)) {
                    if (d.error() != null) {
                        failed++;
                        System.err.println("% Group " + d.group() + ": " + d.error());
                        continue;
                    }
                    out.println("Group \"" + d.group() + "\" in state " + d.state() + ", assignor \"" + d.assignor()
                            + "\", coordinator " + d.coordinator() + (d.simple() ? ", simple" : "") + ", with "
                            + d.members().size() + " member(s):");
                    for (RawClient.MemberDescription m : d.members()) {
                        out.println("  \"" + m.consumerId() + "\", client id \"" + m.clientId() + "\" on host " + m.host()
                                + (m.groupInstanceId() != null ? ", instance id " + m.groupInstanceId() : ""));
                        StringBuilder sb = new StringBuilder("    assignment:");
                        m.assignment().forEach(p -> sb.append(' ').append(p.topic()).append(" [").append(p.partition()).append(']'));
                        out.println(sb);
                    }
                }
            }
            if (failed > 0) throw new CliException(failed + " group(s) could not be described");
            return 0;
        }
    }

    @Command(name = "offsets", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
            description = "Prints a group's committed offsets, one partition a line.")
    static final class GroupsOffsets extends Action {
        @Parameters(index = "0", paramLabel = "<group>")
        String group;

        @Override
        int run(KafkaConfig config) {
            try (RawClient raw = raw(config)) {
                for (RawClient.PartitionRef p : raw.listGroupOffsets(group, timeout)) {
                    out.println("Topic \"" + p.topic() + "\" partition " + p.partition()
                            + (p.error() != null ? " error " + p.error() : " offset " + p.offset()));
                }
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
            description = "Deletes consumer groups (they must have no members).")
    static final class GroupsDelete extends Action {
        @Parameters(paramLabel = "<group>", arity = "1..*")
        List<String> groups;

        @Override
        int run(KafkaConfig config) {
            try (RawClient raw = raw(config)) {
                return report(raw.deleteGroups(groups, timeout), "Deleted group");
            }
        }
    }

    // ---- configs -------------------------------------------------------------------------------------

    @Command(name = "configs", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
            description = "Describes the configuration of a topic or a broker (sensitive values redacted).")
    static final class Configs extends Action {
        @Option(names = "--topic", paramLabel = "<topic>")
        String topic;

        @Option(names = "--broker", paramLabel = "<id>")
        Integer broker;

        @Option(names = "--all", description = "Include properties left at their defaults.")
        boolean all;

        @Override
        int run(KafkaConfig config) {
            if ((topic == null) == (broker == null)) throw new CliException("give exactly one of --topic and --broker", 2);
            try (RawClient raw = raw(config)) {
                List<RawClient.ConfigEntry> entries = topic != null
                        ? raw.describeConfigs(RdKafka.RD_KAFKA_RESOURCE_TOPIC, topic, timeout)
                        : raw.describeConfigs(RdKafka.RD_KAFKA_RESOURCE_BROKER, Integer.toString(broker), timeout);
                entries.stream().filter(e -> all || !e.isDefault())
                        .sorted(java.util.Comparator.comparing(RawClient.ConfigEntry::name))
                        .forEach(e -> out.println(e.name() + " = " + (e.value() == null ? "" : e.value()) + "  ("
                                + e.source() + (e.readOnly() ? ", read-only" : "") + ")"));
            }
            return 0;
        }
    }
}

package io.rdkafka.cli;

import io.rdkafka.client.ClusterMetadata;
import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.OffsetAndMetadata;
import io.rdkafka.client.PartitionInfo;
import io.rdkafka.client.Producer;
import io.rdkafka.client.Serdes;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.admin.Admin;
import io.rdkafka.client.admin.AdminOptions;
import io.rdkafka.client.admin.ConfigEntry;
import io.rdkafka.client.admin.ConfigResource;
import io.rdkafka.client.admin.ConfigSource;
import io.rdkafka.client.admin.ConsumerGroupDescription;
import io.rdkafka.client.admin.ConsumerGroupListing;
import io.rdkafka.client.admin.ConsumerGroupListings;
import io.rdkafka.client.admin.ConsumerGroupState;
import io.rdkafka.client.admin.ItemResults;
import io.rdkafka.client.admin.MemberDescription;
import io.rdkafka.client.admin.NewPartitions;
import io.rdkafka.client.admin.NewTopic;
import io.rdkafka.client.admin.Node;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.client.errors.TopicExistsException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.rdkafka.ffm.RdKafka.RD_KAFKA_OFFSET_INVALID;

/**
 * {@code rdkafka admin}: topics, cluster, consumer groups and configs, on the client's {@link Admin} (metadata
 * from {@code Producer.metadata}).
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

        /** The request timeout as the operations' options; {@code operation} also waits for the brokers to act. */
        AdminOptions options(boolean operation) {
            AdminOptions o = AdminOptions.defaults().withRequestTimeout(timeout);
            return operation ? o.withOperationTimeout(timeout) : o;
        }

        /** The operation's result; its failure as thrown, or "no answer" a little after the request timeout. */
        <T> T await(CompletableFuture<T> result) {
            try {
                return result.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new CliException(String.valueOf(e.getCause()));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new CliException("no answer from the cluster within " + timeout.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted");
            }
        }

        /** Prints each item's outcome; 0 when all succeeded, else a failure naming how many failed. */
        int report(ItemResults<String, Void> results, String what) {
            return report(results, what, e -> false);
        }

        /** As {@link #report(ItemResults, String)}, errors that {@code success} accepts counted as successes. */
        int report(ItemResults<String, Void> results, String what, java.util.function.Predicate<KafkaException> success) {
            int failures = 0;
            for (String item : results.items()) {
                KafkaException e = results.error(item);
                if (e == null || success.test(e)) {
                    out.println(what + " " + item);
                } else {
                    failures++;
                    System.err.println("% " + errorText(e));
                }
            }
            if (failures > 0) throw new CliException(failures + " of " + results.items().size() + " failed");
            return 0;
        }

        /** An error as the tools print it: the message (which names the item), then the code's name. */
        static String errorText(KafkaException e) {
            return e.error().message() + " (" + e.codeName() + ")";
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
            List<NewTopic> newTopics = topics.stream()
                    .map(t -> NewTopic.of(t, partitions, replicationFactor).withConfigs(cfg)).toList();
            try (Admin admin = Admin.create(config)) {
                return report(await(admin.createTopics(newTopics, options(true))), "Created topic",
                        e -> ifNotExists && e instanceof TopicExistsException);
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
            try (Admin admin = Admin.create(config)) {
                return report(await(admin.deleteTopics(topics, options(true))), "Deleted topic");
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
            try (Admin admin = Admin.create(config)) {
                return report(await(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(total)), options(true))),
                        "Partitions raised to " + total + " for");
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
            ConsumerGroupListings listings;
            try (Admin admin = Admin.create(config)) {
                listings = await(admin.listConsumerGroups(java.util.Set.of(), options(false)));
            }
            listings.groups().stream().sorted(java.util.Comparator.comparing(ConsumerGroupListing::groupId))
                    .forEach(g -> out.println(g.groupId() + "\t" + stateName(g.state()) + (g.simple() ? "\tsimple" : "")));
            listings.errors().forEach(e -> System.err.println("% " + errorText(e)));
            if (!listings.errors().isEmpty()) throw new CliException("the group list is incomplete");
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
            ItemResults<String, ConsumerGroupDescription> results;
            try (Admin admin = Admin.create(config)) {
                results = await(admin.describeConsumerGroups(groups, options(false)));
            }
            for (String group : results.items()) {
                KafkaException e = results.error(group);
                if (e != null) {
                    failed++;
                    System.err.println("% Group " + group + ": " + errorText(e));
                    continue;
                }
                ConsumerGroupDescription d = results.get(group);
                Node c = d.coordinator();
                String coordinator = c == null ? null : c.id() + "@" + c.host() + ":" + c.port();
                out.println("Group \"" + d.groupId() + "\" in state " + stateName(d.state()) + ", assignor \""
                        + d.partitionAssignor() + "\", coordinator " + coordinator + (d.simple() ? ", simple" : "")
                        + ", with " + d.members().size() + " member(s):");
                for (MemberDescription m : d.members()) {
                    out.println("  \"" + m.memberId() + "\", client id \"" + m.clientId() + "\" on host " + m.host()
                            + (m.groupInstanceId() != null ? ", instance id " + m.groupInstanceId() : ""));
                    StringBuilder sb = new StringBuilder("    assignment:");
                    m.assignment().forEach(p -> sb.append(' ').append(p.topic()).append(" [").append(p.partition()).append(']'));
                    out.println(sb);
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
            ItemResults<TopicPartition, OffsetAndMetadata> results;
            try (Admin admin = Admin.create(config)) {
                results = await(admin.listConsumerGroupOffsets(group, null, options(false)));
            }
            results.items().stream().sorted(java.util.Comparator.comparing(TopicPartition::topic)
                    .thenComparingInt(TopicPartition::partition)).forEach(tp -> {
                KafkaException e = results.error(tp);
                OffsetAndMetadata committed = e == null ? results.get(tp) : null; // null: no committed offset
                out.println("Topic \"" + tp.topic() + "\" partition " + tp.partition() + (e != null ? " error "
                        + e.codeName() : " offset " + (committed == null ? RD_KAFKA_OFFSET_INVALID : committed.offset())));
            });
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
            try (Admin admin = Admin.create(config)) {
                return report(await(admin.deleteConsumerGroups(groups, options(false))), "Deleted group");
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
            ConfigResource resource = topic != null ? ConfigResource.topic(topic) : ConfigResource.broker(broker);
            List<ConfigEntry> entries;
            try (Admin admin = Admin.create(config)) {
                entries = await(admin.describeConfigs(List.of(resource), options(false))).get(resource).entries();
            }
            entries.stream().filter(e -> all || !e.isDefault())
                    .sorted(java.util.Comparator.comparing(ConfigEntry::name))
                    .forEach(e -> out.println(e.name() + " = " + value(e) + "  (" + sourceName(e.source())
                            + (e.readOnly() ? ", read-only" : "") + ")"));
            return 0;
        }

        /** The value, redacted when the broker flags it sensitive or its name looks secret (as KafkaConfig's). */
        private static String value(ConfigEntry e) {
            if (e.value() == null) return "";
            return e.sensitive() || KafkaConfig.isSecret(e.name()) ? KafkaConfig.REDACTED : e.value();
        }

        /** librdkafka's name of a source ({@code rd_kafka_ConfigSource_name}), e.g. {@code DYNAMIC_TOPIC_CONFIG}. */
        private static String sourceName(ConfigSource s) {
            return s == ConfigSource.UNKNOWN ? "UNKNOWN_CONFIG" : s.name();
        }
    }

    /** librdkafka's name of a group state ({@code rd_kafka_consumer_group_state_name}), e.g. {@code Empty}. */
    static String stateName(ConsumerGroupState state) {
        StringBuilder sb = new StringBuilder();
        for (String word : state.name().split("_")) {
            sb.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }
}

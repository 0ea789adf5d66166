package io.rdkafka.examples;

import io.rdkafka.client.KafkaConfig;
import io.rdkafka.client.TopicPartition;
import io.rdkafka.client.admin.Admin;
import io.rdkafka.client.admin.AlterConfigOp;
import io.rdkafka.client.admin.ClusterDescription;
import io.rdkafka.client.admin.Config;
import io.rdkafka.client.admin.ConfigResource;
import io.rdkafka.client.admin.ItemResults;
import io.rdkafka.client.admin.ListOffsetsResultInfo;
import io.rdkafka.client.admin.NewTopic;
import io.rdkafka.client.admin.OffsetSpec;
import io.rdkafka.client.admin.TopicDescription;
import io.rdkafka.client.admin.TopicListing;
import io.rdkafka.client.errors.TopicExistsException;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Administers a topic: describes the cluster, creates the topic (tolerating that it exists), describes it, changes
 * one of its configurations, looks up its end offsets, and optionally deletes it again.
 *
 * <pre>
 * AdminExample &lt;bootstrap-servers&gt; &lt;topic&gt; [--delete]
 * </pre>
 */
public final class AdminExample {
    private static final long TIMEOUT_SECONDS = 30;

    private AdminExample() {
    }

    /**
     * What one {@link #administer} call found.
     *
     * @param clusterId  the cluster's id
     * @param brokers    how many brokers the cluster has
     * @param created    whether this call created the topic (false when it existed)
     * @param partitions the topic's partition count
     * @param retention  the topic's {@code retention.ms} after the change
     * @param endOffsets the end offset of each partition
     * @param deleted    whether the topic was deleted at the end
     */
    public record Report(String clusterId, int brokers, boolean created, int partitions, String retention,
                         Map<Integer, Long> endOffsets, boolean deleted) {
    }

    /**
     * Runs the example.
     *
     * @param args bootstrap servers, topic, and {@code --delete} to delete the topic at the end
     * @throws Exception when an operation fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: AdminExample <bootstrap-servers> <topic> [--delete]");
            System.exit(2);
        }
        boolean delete = args.length > 2 && args[2].equals("--delete");
        Report r = administer(args[0], args[1], 3, delete, System.out);
        System.out.println(r);
    }

    /**
     * Runs the admin operations against a cluster.
     *
     * @param bootstrapServers {@code host:port,...} of one or more brokers
     * @param topic            the topic to create and describe
     * @param partitions       the partition count of a new topic
     * @param delete           whether to delete the topic at the end
     * @param out              where to print what is found
     * @return what was found
     * @throws Exception when an operation fails (the typed {@code KafkaException} is the cause of the
     *                   {@link ExecutionException})
     */
    public static Report administer(String bootstrapServers, String topic, int partitions, boolean delete,
                                    PrintStream out) throws Exception {
        KafkaConfig config = KafkaConfig.builder().bootstrapServers(bootstrapServers).clientId("admin-example").build();
        try (Admin admin = Admin.create(config)) {
            // Every operation is asynchronous and returns a CompletableFuture; this example simply waits for
            // each (with a bound: a future of an unreachable cluster fails only after the request timeout).
            ClusterDescription cluster = await(admin.describeCluster());
            out.printf("cluster %s: controller %s, brokers %s%n", cluster.clusterId(), cluster.controller(),
                    cluster.nodes());

            // A replication factor above the broker count would fail: use what the cluster can hold.
            int replication = Math.min(3, cluster.nodes().size());
            ItemResults<String, Void> createdResult = await(admin.createTopics(List.of(
                    NewTopic.of(topic, partitions, replication).withConfig("cleanup.policy", "delete"))));
            // Operations on several items report each item's outcome: a request can partly succeed.
            boolean created = createdResult.succeeded(topic);
            if (!created) {
                if (!(createdResult.error(topic) instanceof TopicExistsException)) throw createdResult.error(topic);
                out.printf("topic %s exists already%n", topic);
            }

            TopicDescription description = await(admin.describeTopics(List.of(topic))).get(topic);
            out.printf("topic %s: %d partitions, leaders %s%n", topic, description.partitions().size(),
                    description.partitions().stream().map(p -> p.partition() + "->" + p.leader()).toList());

            // Configuration changes: the incremental API (librdkafka 2.2.0+) changes only the configuration
            // named; the older alterConfigs replaces every dynamic configuration of the resource.
            ConfigResource resource = ConfigResource.topic(topic);
            if (Admin.Feature.INCREMENTAL_ALTER_CONFIGS.isAvailable()) {
                await(admin.incrementalAlterConfigs(Map.of(resource, List.of(AlterConfigOp.set("retention.ms", "3600000")))))
                        .all();
            } else {
                await(admin.alterConfigs(Map.of(resource, Map.of("cleanup.policy", "delete", "retention.ms", "3600000"))))
                        .all();
            }
            // a change reaches the brokers through the cluster's metadata log a moment after the call returns
            Config topicConfig = await(admin.describeConfigs(List.of(resource))).get(resource);
            for (int tries = 0; tries < 100 && !"3600000".equals(topicConfig.get("retention.ms").value()); tries++) {
                Thread.sleep(100);
                topicConfig = await(admin.describeConfigs(List.of(resource))).get(resource);
            }
            String retention = topicConfig.get("retention.ms").value();
            out.printf("retention.ms = %s (%s)%n", retention, topicConfig.get("retention.ms").source());

            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (int p = 0; p < description.partitions().size(); p++) latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            Map<Integer, Long> endOffsets = new LinkedHashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e : await(admin.listOffsets(latest)).all().entrySet()) {
                endOffsets.put(e.getKey().partition(), e.getValue().offset());
            }
            out.printf("end offsets %s%n", endOffsets);

            List<TopicListing> topics = await(admin.listTopics());
            out.printf("%d topics in the cluster%n", topics.size());

            if (delete) {
                await(admin.deleteTopics(List.of(topic))).all();
                out.printf("deleted %s%n", topic);
            }
            return new Report(cluster.clusterId(), cluster.nodes().size(), created, description.partitions().size(),
                    retention, endOffsets, delete);
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}

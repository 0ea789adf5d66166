package org.apache.kafka.clients.admin;

import org.apache.kafka.clients.admin.internals.CoordinatorKey;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData;
import org.apache.kafka.common.protocol.Errors;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates kafka-clients' admin result objects for rdkafka-kafka-clients' {@code RdKafkaAdmin}: their constructors
 * are package-private (kafka-clients builds them only inside {@code KafkaAdminClient}), so this factory lives in
 * their package. It is a part of the rdkafka-kafka-clients artifact; applications have no use for it.
 */
public final class RdKafkaAdminResults {
    private RdKafkaAdminResults() {
    }

    /**
     * {@return a createTopics result}
     *
     * @param futures per topic
     */
    public static CreateTopicsResult createTopics(Map<String, KafkaFuture<CreateTopicsResult.TopicMetadataAndConfig>> futures) {
        return new CreateTopicsResult(futures);
    }

    /**
     * {@return a deleteTopics result by topic name}
     *
     * @param futures per topic
     */
    public static DeleteTopicsResult deleteTopics(Map<String, KafkaFuture<Void>> futures) {
        return DeleteTopicsResult.ofTopicNames(futures);
    }

    /**
     * {@return a listTopics result}
     *
     * @param future the listings by name
     */
    public static ListTopicsResult listTopics(KafkaFuture<Map<String, TopicListing>> future) {
        return new ListTopicsResult(future);
    }

    /**
     * {@return a describeTopics result by topic name}
     *
     * @param futures per topic
     */
    public static DescribeTopicsResult describeTopics(Map<String, KafkaFuture<TopicDescription>> futures) {
        return DescribeTopicsResult.ofTopicNames(futures);
    }

    /**
     * {@return a describeCluster result}
     *
     * @param nodes      the brokers
     * @param controller the controller
     * @param clusterId  the cluster id
     * @param operations the authorized operations, completed with {@code null} when not asked for
     */
    public static DescribeClusterResult describeCluster(KafkaFuture<Collection<Node>> nodes, KafkaFuture<Node> controller,
                                                        KafkaFuture<String> clusterId,
                                                        KafkaFuture<Set<AclOperation>> operations) {
        return new DescribeClusterResult(nodes, controller, clusterId, operations);
    }

    /**
     * {@return a describeAcls result}
     *
     * @param future the bindings
     */
    public static DescribeAclsResult describeAcls(KafkaFuture<Collection<AclBinding>> future) {
        return new DescribeAclsResult(future);
    }

    /**
     * {@return a createAcls result}
     *
     * @param futures per binding
     */
    public static CreateAclsResult createAcls(Map<AclBinding, KafkaFuture<Void>> futures) {
        return new CreateAclsResult(futures);
    }

    /**
     * {@return a deleteAcls result}
     *
     * @param futures per filter
     */
    public static DeleteAclsResult deleteAcls(Map<AclBindingFilter, KafkaFuture<DeleteAclsResult.FilterResults>> futures) {
        return new DeleteAclsResult(futures);
    }

    /**
     * {@return the outcome of one deleteAcls filter}
     *
     * @param deleted the bindings deleted
     */
    public static DeleteAclsResult.FilterResults filterResults(List<AclBinding> deleted) {
        return new DeleteAclsResult.FilterResults(deleted.stream()
                .map(b -> new DeleteAclsResult.FilterResult(b, (ApiException) null)).toList());
    }

    /**
     * {@return a describeConfigs result}
     *
     * @param futures per resource
     */
    public static DescribeConfigsResult describeConfigs(Map<ConfigResource, KafkaFuture<Config>> futures) {
        return new DescribeConfigsResult(futures);
    }

    /**
     * {@return an (incremental) alterConfigs result}
     *
     * @param futures per resource
     */
    public static AlterConfigsResult alterConfigs(Map<ConfigResource, KafkaFuture<Void>> futures) {
        return new AlterConfigsResult(futures);
    }

    /**
     * {@return a createPartitions result}
     *
     * @param futures per topic
     */
    public static CreatePartitionsResult createPartitions(Map<String, KafkaFuture<Void>> futures) {
        return new CreatePartitionsResult(futures);
    }

    /**
     * {@return a listConsumerGroups result}
     *
     * @param future the listings ({@link ConsumerGroupListing}s) and errors ({@link Throwable}s)
     */
    public static ListConsumerGroupsResult listConsumerGroups(KafkaFuture<Collection<Object>> future) {
        return new ListConsumerGroupsResult(future);
    }

    /**
     * {@return a listGroups result}
     *
     * @param future the listings ({@link GroupListing}s) and errors ({@link Throwable}s)
     */
    public static ListGroupsResult listGroups(KafkaFuture<Collection<Object>> future) {
        return new ListGroupsResult(future);
    }

    /**
     * {@return a listConsumerGroupOffsets result}
     *
     * @param futures per group id
     */
    public static ListConsumerGroupOffsetsResult listConsumerGroupOffsets(
            Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> futures) {
        Map<CoordinatorKey, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> m = new java.util.LinkedHashMap<>();
        futures.forEach((g, f) -> m.put(CoordinatorKey.byGroupId(g), f));
        return new ListConsumerGroupOffsetsResult(m);
    }

    /**
     * {@return a deleteConsumerGroups result}
     *
     * @param futures per group id
     */
    public static DeleteConsumerGroupsResult deleteConsumerGroups(Map<String, KafkaFuture<Void>> futures) {
        return new DeleteConsumerGroupsResult(futures);
    }

    /**
     * {@return a deleteConsumerGroupOffsets result}
     *
     * @param future     the error per partition ({@link Errors#NONE} for success)
     * @param partitions the partitions asked for
     */
    public static DeleteConsumerGroupOffsetsResult deleteConsumerGroupOffsets(KafkaFuture<Map<TopicPartition, Errors>> future,
                                                                              Set<TopicPartition> partitions) {
        return new DeleteConsumerGroupOffsetsResult(future, partitions);
    }

    /**
     * {@return an alterConsumerGroupOffsets result}
     *
     * @param future the error per partition ({@link Errors#NONE} for success)
     */
    public static AlterConsumerGroupOffsetsResult alterConsumerGroupOffsets(KafkaFuture<Map<TopicPartition, Errors>> future) {
        return new AlterConsumerGroupOffsetsResult(future);
    }

    /**
     * {@return an electLeaders result}
     *
     * @param future the error, if any, per partition
     */
    public static ElectLeadersResult electLeaders(KafkaFuture<Map<TopicPartition, Optional<Throwable>>> future) {
        return new ElectLeadersResult(future);
    }

    /**
     * {@return a describeUserScramCredentials result}
     *
     * @param future the response as the broker would send it
     */
    public static DescribeUserScramCredentialsResult describeUserScramCredentials(
            KafkaFuture<DescribeUserScramCredentialsResponseData> future) {
        return new DescribeUserScramCredentialsResult(future);
    }

    /**
     * {@return a configuration entry's synonym (its constructor is package-private)}
     *
     * @param name   the synonym's name
     * @param value  its value
     * @param source where it is set
     */
    public static ConfigEntry.ConfigSynonym synonym(String name, String value, ConfigEntry.ConfigSource source) {
        return new ConfigEntry.ConfigSynonym(name, value, source);
    }

    /**
     * The timestamp a {@link OffsetSpec#forTimestamp} spec asks for (its accessor is package-private).
     *
     * @param spec the spec
     * @return the timestamp, milliseconds since the epoch
     */
    public static long timestampOf(OffsetSpec.TimestampSpec spec) {
        return spec.timestamp();
    }
}

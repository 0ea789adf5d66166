package io.rdkafka.client.admin;

import io.rdkafka.client.KafkaConfig;
import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** ACLs against a broker with the StandardAuthorizer on (the admin connects as a super user). */
@KafkaTest(authorizer = true)
class AdminAclIT {

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    /** Kafka's Java admin client's view of the ACLs of a principal, as strings. */
    private static Set<String> javaView(KafkaCluster cluster, String principal) throws Exception {
        var filter = new org.apache.kafka.common.acl.AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(principal, null, org.apache.kafka.common.acl.AclOperation.ANY,
                        org.apache.kafka.common.acl.AclPermissionType.ANY));
        Set<String> out = new java.util.HashSet<>();
        for (var b : cluster.admin().describeAcls(filter).values().get(30, TimeUnit.SECONDS)) {
            out.add(b.pattern().resourceType() + ":" + b.pattern().name() + ":" + b.pattern().patternType() + ":"
                    + b.entry().operation() + ":" + b.entry().permissionType() + ":" + b.entry().host());
        }
        return out;
    }

    /** ACL changes reach the brokers' authorizer through the metadata log a moment after the call returns. */
    private static void awaitJavaView(KafkaCluster cluster, String principal, Set<String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Set<String> seen = javaView(cluster, principal);
        while (!seen.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = javaView(cluster, principal);
        }
        assertEquals(expected, seen);
    }

    @Test
    void aclsAreCreatedDescribedWithFiltersAndDeleted(KafkaCluster cluster) throws Exception {
        String user = "User:u-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "orders-" + UUID.randomUUID().toString().substring(0, 8);
        AclBinding read = AclBinding.allow(ResourceType.TOPIC, topic, user, AclOperation.READ);
        AclBinding prefixedWrite = new AclBinding(ResourceType.TOPIC, "orders-", PatternType.PREFIXED, user, "*",
                AclOperation.WRITE, AclPermissionType.ALLOW);
        AclBinding denyGroup = new AclBinding(ResourceType.GROUP, "g1", PatternType.LITERAL, user, "10.0.0.1",
                AclOperation.DESCRIBE, AclPermissionType.DENY);
        AclBinding invalid = new AclBinding(ResourceType.TOPIC, topic, PatternType.LITERAL, "not-a-principal", "*",
                AclOperation.READ, AclPermissionType.ALLOW);

        try (Admin admin = Admin.create(KafkaConfig.builder().bootstrapServers(cluster.bootstrapServers())
                .closeTimeout(Duration.ofSeconds(10)).build())) {
            ItemResults<AclBinding, Void> created = get(admin.createAcls(List.of(read, prefixedWrite, denyGroup, invalid)));
            assertEquals(Set.of(read, prefixedWrite, denyGroup), created.values().keySet());
            assertNotNull(created.error(invalid), "a principal needs the form type:name");
            awaitJavaView(cluster, user, Set.of("TOPIC:" + topic + ":LITERAL:READ:ALLOW:*",
                    "TOPIC:orders-:PREFIXED:WRITE:ALLOW:*", "GROUP:g1:LITERAL:DESCRIBE:DENY:10.0.0.1"));

            assertEquals(Set.of(read, prefixedWrite, denyGroup),
                    Set.copyOf(get(admin.describeAcls(AclBindingFilter.forPrincipal(user)))));
            assertEquals(List.of(read), get(admin.describeAcls(AclBindingFilter.forResource(ResourceType.TOPIC, topic))
                    .thenApply(l -> l.stream().filter(b -> b.principal().equals(user)).toList())));
            AclBindingFilter matching = new AclBindingFilter(ResourceType.TOPIC, topic, PatternType.MATCH, user, null,
                    AclOperation.ANY, AclPermissionType.ANY);
            assertEquals(Set.of(read, prefixedWrite), Set.copyOf(get(admin.describeAcls(matching))),
                    "MATCH finds the prefixed binding that applies to the topic");

            AclBindingFilter groups = new AclBindingFilter(ResourceType.GROUP, null, PatternType.ANY, user, null,
                    AclOperation.ANY, AclPermissionType.DENY);
            ItemResults<AclBindingFilter, List<AclBinding>> deleted = get(admin.deleteAcls(List.of(groups, read.toFilter())));
            assertEquals(List.of(denyGroup), deleted.get(groups));
            assertEquals(List.of(read), deleted.get(read.toFilter()));
            awaitJavaView(cluster, user, Set.of("TOPIC:orders-:PREFIXED:WRITE:ALLOW:*"));
            assertEquals(List.of(), get(admin.deleteAcls(List.of(read.toFilter()))).get(read.toFilter()),
                    "nothing left to delete");
        }
    }
}

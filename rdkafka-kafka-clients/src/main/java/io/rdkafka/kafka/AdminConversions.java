package io.rdkafka.kafka;

import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.RdKafkaAdminResults;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Admin values of rdkafka-client as kafka-clients' and back. */
final class AdminConversions {
    private AdminConversions() {
    }

    static <E extends Enum<E>> E byName(Class<E> type, Enum<?> value, E fallback) {
        if (value == null) return fallback;
        try {
            return Enum.valueOf(type, value.name());
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    static Node node(io.rdkafka.client.admin.Node n) {
        if (n == null) return null;
        return new Node(n.id(), n.host(), n.port(), n.rack());
    }

    static List<Node> nodes(List<io.rdkafka.client.admin.Node> ns) {
        List<Node> l = new ArrayList<>(ns.size());
        for (var n : ns) l.add(node(n));
        return l;
    }

    static Set<AclOperation> operations(Set<io.rdkafka.client.admin.AclOperation> ops) {
        if (ops == null) return null;
        Set<AclOperation> s = new HashSet<>();
        for (var o : ops) s.add(byName(AclOperation.class, o, AclOperation.UNKNOWN));
        return s;
    }

    static Uuid uuid(String s) {
        if (s == null || s.isEmpty()) return Uuid.ZERO_UUID;
        try {
            return Uuid.fromString(s);
        } catch (IllegalArgumentException e) {
            return Uuid.ZERO_UUID;
        }
    }

    static TopicDescription topic(io.rdkafka.client.admin.TopicDescription d) {
        List<TopicPartitionInfo> parts = new ArrayList<>();
        for (var p : d.partitions()) {
            parts.add(new TopicPartitionInfo(p.partition(), node(p.leader()), nodes(p.replicas()), nodes(p.isr())));
        }
        parts.sort(java.util.Comparator.comparingInt(TopicPartitionInfo::partition));
        return new TopicDescription(d.name(), d.internal(), parts, operations(d.authorizedOperations()), uuid(d.topicId()));
    }

    static io.rdkafka.client.admin.ConfigResource resource(ConfigResource r) {
        return switch (r.type()) {
            case TOPIC -> io.rdkafka.client.admin.ConfigResource.topic(r.name());
            case BROKER -> new io.rdkafka.client.admin.ConfigResource(io.rdkafka.client.admin.ResourceType.BROKER, r.name());
            case GROUP -> io.rdkafka.client.admin.ConfigResource.group(r.name());
            default -> throw new UnsupportedOperationException("config resources of type " + r.type()
                    + ": librdkafka describes and alters TOPIC, BROKER and GROUP configurations only");
        };
    }

    static Config config(io.rdkafka.client.admin.Config c) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (var e : c.entries()) {
            List<ConfigEntry.ConfigSynonym> syn = new ArrayList<>();
            for (var s : e.synonyms()) {
                syn.add(RdKafkaAdminResults.synonym(s.name(), s.value(), source(s.source())));
            }
            entries.add(new ConfigEntry(e.name(), e.value(), source(e.source()), e.sensitive(), e.readOnly(), syn,
                    ConfigEntry.ConfigType.UNKNOWN, null));
        }
        return new Config(entries);
    }

    static ConfigEntry.ConfigSource source(io.rdkafka.client.admin.ConfigSource s) {
        if (s == io.rdkafka.client.admin.ConfigSource.GROUP_CONFIG) return ConfigEntry.ConfigSource.DYNAMIC_GROUP_CONFIG;
        return byName(ConfigEntry.ConfigSource.class, s, ConfigEntry.ConfigSource.UNKNOWN);
    }

    static io.rdkafka.client.admin.AlterConfigOp op(AlterConfigOp op) {
        String name = op.configEntry().name();
        String value = op.configEntry().value();
        return switch (op.opType()) {
            case SET -> io.rdkafka.client.admin.AlterConfigOp.set(name, value);
            case DELETE -> io.rdkafka.client.admin.AlterConfigOp.delete(name);
            case APPEND -> io.rdkafka.client.admin.AlterConfigOp.append(name, value);
            case SUBTRACT -> io.rdkafka.client.admin.AlterConfigOp.subtract(name, value);
        };
    }

    /**
     * The whole dynamic configuration of a resource after incremental operations, for a non-incremental alterConfigs:
     * the entries set on the resource itself, then each operation (APPEND/SUBTRACT on the comma-separated current
     * value, default included).
     */
    static Map<String, String> applyIncrementally(io.rdkafka.client.admin.ConfigResource r,
                                                  io.rdkafka.client.admin.Config current,
                                                  java.util.Collection<AlterConfigOp> ops) {
        io.rdkafka.client.admin.ConfigSource own = switch (r.type()) {
            case TOPIC -> io.rdkafka.client.admin.ConfigSource.DYNAMIC_TOPIC_CONFIG;
            case BROKER -> r.name().isEmpty() ? io.rdkafka.client.admin.ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG
                    : io.rdkafka.client.admin.ConfigSource.DYNAMIC_BROKER_CONFIG;
            default -> io.rdkafka.client.admin.ConfigSource.GROUP_CONFIG;
        };
        Set<String> setByOps = new HashSet<>();
        for (AlterConfigOp op : ops) setByOps.add(op.configEntry().name());
        Map<String, String> full = new java.util.LinkedHashMap<>();
        for (var e : current.entries()) {
            if (e.source() != own) continue;
            if (e.sensitive() && e.value() == null) {
                if (setByOps.contains(e.name())) continue;
                throw new UnsupportedOperationException("incrementalAlterConfigs of " + r + " on librdkafka before 2.2.0 "
                        + "rewrites the whole configuration, and the sensitive entry " + e.name() + " cannot be read back");
            }
            full.put(e.name(), e.value());
        }
        for (AlterConfigOp op : ops) {
            String name = op.configEntry().name();
            String value = op.configEntry().value();
            switch (op.opType()) {
                case SET -> full.put(name, value);
                case DELETE -> full.remove(name);
                case APPEND, SUBTRACT -> {
                    var entry = current.get(name);
                    String base = full.containsKey(name) ? full.get(name) : entry == null ? null : entry.value();
                    List<String> items = new ArrayList<>();
                    if (base != null && !base.isBlank()) for (String x : base.split(",")) items.add(x.trim());
                    for (String x : value.split(",")) {
                        String v = x.trim();
                        if (op.opType() == AlterConfigOp.OpType.APPEND) {
                            if (!items.contains(v)) items.add(v);
                        } else {
                            items.remove(v);
                        }
                    }
                    full.put(name, String.join(",", items));
                }
            }
        }
        return full;
    }

    static ConsumerGroupDescription group(io.rdkafka.client.admin.ConsumerGroupDescription d) {
        List<MemberDescription> members = new ArrayList<>();
        for (var m : d.members()) {
            members.add(new MemberDescription(m.memberId(), Optional.ofNullable(m.groupInstanceId()), m.clientId(),
                    m.host(), new MemberAssignment(Conversions.kafka(m.assignment())), Optional.empty(),
                    Optional.empty(), Optional.empty()));
        }
        return new ConsumerGroupDescription(d.groupId(), d.simple(), members, d.partitionAssignor(), GroupType.CLASSIC,
                byName(GroupState.class, d.state(), GroupState.UNKNOWN), node(d.coordinator()),
                operations(d.authorizedOperations()), Optional.empty(), Optional.empty());
    }

    static AclBinding acl(io.rdkafka.client.admin.AclBinding b) {
        return new AclBinding(new ResourcePattern(byName(ResourceType.class, b.resourceType(), ResourceType.UNKNOWN),
                b.resourceName(), byName(PatternType.class, b.patternType(), PatternType.UNKNOWN)),
                new AccessControlEntry(b.principal(), b.host(), byName(AclOperation.class, b.operation(), AclOperation.UNKNOWN),
                        byName(AclPermissionType.class, b.permissionType(), AclPermissionType.UNKNOWN)));
    }

    static io.rdkafka.client.admin.AclBinding acl(AclBinding b) {
        ResourcePattern p = b.pattern();
        AccessControlEntry e = b.entry();
        return new io.rdkafka.client.admin.AclBinding(
                byName(io.rdkafka.client.admin.ResourceType.class, p.resourceType(), io.rdkafka.client.admin.ResourceType.UNKNOWN),
                p.name(), byName(io.rdkafka.client.admin.PatternType.class, p.patternType(), io.rdkafka.client.admin.PatternType.UNKNOWN),
                e.principal(), e.host(),
                byName(io.rdkafka.client.admin.AclOperation.class, e.operation(), io.rdkafka.client.admin.AclOperation.UNKNOWN),
                byName(io.rdkafka.client.admin.AclPermissionType.class, e.permissionType(),
                        io.rdkafka.client.admin.AclPermissionType.UNKNOWN));
    }

    static io.rdkafka.client.admin.AclBindingFilter acl(AclBindingFilter f) {
        ResourcePatternFilter p = f.patternFilter();
        AccessControlEntryFilter e = f.entryFilter();
        return new io.rdkafka.client.admin.AclBindingFilter(
                byName(io.rdkafka.client.admin.ResourceType.class, p.resourceType(), io.rdkafka.client.admin.ResourceType.UNKNOWN),
                p.name(), byName(io.rdkafka.client.admin.PatternType.class, p.patternType(), io.rdkafka.client.admin.PatternType.UNKNOWN),
                e.principal(), e.host(),
                byName(io.rdkafka.client.admin.AclOperation.class, e.operation(), io.rdkafka.client.admin.AclOperation.UNKNOWN),
                byName(io.rdkafka.client.admin.AclPermissionType.class, e.permissionType(),
                        io.rdkafka.client.admin.AclPermissionType.UNKNOWN));
    }
}

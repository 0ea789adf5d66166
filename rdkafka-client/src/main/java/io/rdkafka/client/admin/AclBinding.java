package io.rdkafka.client.admin;

import java.util.Objects;

/**
 * An ACL: {@code principal} (e.g. {@code User:alice}) from {@code host} ({@code *} for any) is allowed or
 * denied {@code operation} on the resources {@code resourceName} names under {@code patternType}.
 */
public record AclBinding(ResourceType resourceType, String resourceName, PatternType patternType, String principal,
                         String host, AclOperation operation, AclPermissionType permissionType) {
    public AclBinding {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(patternType, "patternType");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(permissionType, "permissionType");
    }

    /** Allows {@code principal} {@code operation} on the resource named literally, from any host. */
    public static AclBinding allow(ResourceType type, String name, String principal, AclOperation operation) {
        return new AclBinding(type, name, PatternType.LITERAL, principal, "*", operation, AclPermissionType.ALLOW);
    }

    /** A filter matching exactly this binding. */
    public AclBindingFilter toFilter() {
        return new AclBindingFilter(resourceType, resourceName, patternType, principal, host, operation,
                permissionType);
    }
}

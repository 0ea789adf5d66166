package io.rdkafka.client.admin;

import java.util.Objects;

/**
 * An ACL: {@code principal} (e.g. {@code User:alice}) from {@code host} ({@code *} for any) is allowed or
 * denied {@code operation} on the resources {@code resourceName} names under {@code patternType}.
 *
 * @param resourceType   the kind of resource
 * @param resourceName   the resource's name (or prefix, with {@link PatternType#PREFIXED})
 * @param patternType    how {@code resourceName} matches resources
 * @param principal      who, e.g. {@code User:alice}
 * @param host           from where; {@code *} for any host
 * @param operation      what
 * @param permissionType allowed or denied
 */
public record AclBinding(ResourceType resourceType, String resourceName, PatternType patternType, String principal,
                         String host, AclOperation operation, AclPermissionType permissionType) {
    /**
     * Checks the binding.
     *
     * @throws NullPointerException when a component is null
     */
    public AclBinding {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(patternType, "patternType");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(permissionType, "permissionType");
    }

    /**
     * {@return a binding that allows {@code principal} {@code operation} on the resource named literally, from any
     * host}
     *
     * @param type      the kind of resource
     * @param name      the resource's name
     * @param principal who, e.g. {@code User:alice}
     * @param operation what
     */
    public static AclBinding allow(ResourceType type, String name, String principal, AclOperation operation) {
        return new AclBinding(type, name, PatternType.LITERAL, principal, "*", operation, AclPermissionType.ALLOW);
    }

    /** {@return a filter matching exactly this binding} */
    public AclBindingFilter toFilter() {
        return new AclBindingFilter(resourceType, resourceName, patternType, principal, host, operation,
                permissionType);
    }
}

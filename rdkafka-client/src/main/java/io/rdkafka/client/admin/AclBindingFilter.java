package io.rdkafka.client.admin;

import java.util.Objects;

/**
 * Matches ACLs for {@link Admin#describeAcls} and {@link Admin#deleteAcls}: {@code null} strings and the
 * {@code ANY} enum values match anything; {@link PatternType#MATCH} matches every binding that applies to
 * the named resource.
 */
public record AclBindingFilter(ResourceType resourceType, String resourceName, PatternType patternType,
                               String principal, String host, AclOperation operation,
                               AclPermissionType permissionType) {
    /** Matches every ACL. */
    public static final AclBindingFilter ANY = new AclBindingFilter(ResourceType.ANY, null, PatternType.ANY, null,
            null, AclOperation.ANY, AclPermissionType.ANY);

    public AclBindingFilter {
        Objects.requireNonNull(resourceType, "resourceType (ANY matches any)");
        Objects.requireNonNull(patternType, "patternType (ANY matches any)");
        Objects.requireNonNull(operation, "operation (ANY matches any)");
        Objects.requireNonNull(permissionType, "permissionType (ANY matches any)");
    }

    /** Every ACL on resources of {@code type} named {@code name} (literally), any principal, operation or host. */
    public static AclBindingFilter forResource(ResourceType type, String name) {
        return new AclBindingFilter(type, name, PatternType.LITERAL, null, null, AclOperation.ANY,
                AclPermissionType.ANY);
    }

    /** Every ACL of {@code principal}. */
    public static AclBindingFilter forPrincipal(String principal) {
        return new AclBindingFilter(ResourceType.ANY, null, PatternType.ANY, principal, null, AclOperation.ANY,
                AclPermissionType.ANY);
    }
}

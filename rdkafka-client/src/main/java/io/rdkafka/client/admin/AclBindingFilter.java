package io.rdkafka.client.admin;

import java.util.Objects;

/**
 * Matches ACLs for {@link Admin#describeAcls} and {@link Admin#deleteAcls}: {@code null} strings and the
 * {@code ANY} enum values match anything; {@link PatternType#MATCH} matches every binding that applies to
 * the named resource.
 *
 * @param resourceType   the kind of resource, or {@code ANY}
 * @param resourceName   the resource's name, or {@code null}
 * @param patternType    how names match, or {@code ANY}
 * @param principal      the principal, or {@code null}
 * @param host           the host, or {@code null}
 * @param operation      the operation, or {@code ANY}
 * @param permissionType allowed or denied, or {@code ANY}
 */
public record AclBindingFilter(ResourceType resourceType, String resourceName, PatternType patternType,
                               String principal, String host, AclOperation operation,
                               AclPermissionType permissionType) {
    /** Matches every ACL. */
    public static final AclBindingFilter ANY = new AclBindingFilter(ResourceType.ANY, null, PatternType.ANY, null,
            null, AclOperation.ANY, AclPermissionType.ANY);

    /**
     * Checks the filter.
     *
     * @throws NullPointerException when an enum component is null (use {@code ANY})
     */
    public AclBindingFilter {
        Objects.requireNonNull(resourceType, "resourceType (ANY matches any)");
        Objects.requireNonNull(patternType, "patternType (ANY matches any)");
        Objects.requireNonNull(operation, "operation (ANY matches any)");
        Objects.requireNonNull(permissionType, "permissionType (ANY matches any)");
    }

    /**
     * {@return a filter of every ACL on resources of {@code type} named {@code name} (literally), any principal,
     * operation or host}
     *
     * @param type the kind of resource
     * @param name the resource's name
     */
    public static AclBindingFilter forResource(ResourceType type, String name) {
        return new AclBindingFilter(type, name, PatternType.LITERAL, null, null, AclOperation.ANY,
                AclPermissionType.ANY);
    }

    /**
     * {@return a filter of every ACL of {@code principal}}
     *
     * @param principal the principal, e.g. {@code User:alice}
     */
    public static AclBindingFilter forPrincipal(String principal) {
        return new AclBindingFilter(ResourceType.ANY, null, PatternType.ANY, principal, null, AclOperation.ANY,
                AclPermissionType.ANY);
    }
}

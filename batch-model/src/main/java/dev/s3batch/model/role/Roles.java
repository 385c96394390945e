package dev.s3batch.model.role;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The configured roles, found by any of their ARNs. */
public final class Roles {
    private final Map<String, Role> byArn = new HashMap<>();

    public Roles(Collection<Role> roles) {
        for (Role role : roles) {
            for (String arn : role.arns()) {
                Role before = byArn.put(arn, role);
                if (before != null && !before.id().equals(role.id())) {
                    throw new IllegalArgumentException("roles " + before.id() + " and " + role.id() + " both claim " + arn);
                }
            }
        }
    }

    public Optional<Role> byArn(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    /** The roles of {@code account}, by id. */
    public java.util.List<Role> ofAccount(String account) {
        return byArn.values().stream().filter(r -> r.account().equals(account)).distinct()
                .sorted(java.util.Comparator.comparing(Role::id)).toList();
    }

    public boolean isEmpty() {
        return byArn.isEmpty();
    }
}

package dev.s3batch.model.role;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the roles every service shares from configuration:
 * <pre>
 * s3batch.roles.&lt;id&gt;.account=&lt;account name&gt;
 * s3batch.roles.&lt;id&gt;.arns=&lt;ARN&gt;,&lt;ARN&gt;…          (how each dialect names it)
 * s3batch.roles.&lt;id&gt;.operations=PutObjectTagging   (or *)
 * s3batch.roles.&lt;id&gt;.buckets=&lt;bucket&gt;,…           (or *)
 * s3batch.roles.&lt;id&gt;.endpoint / access-key / secret-key   (optional: the role's own S3 credentials)
 * s3batch.roles.&lt;id&gt;.replication.bucket=&lt;bucket&gt;      (optional: where its ReplicateObject jobs write)
 * s3batch.roles.&lt;id&gt;.replication.endpoint / access-key / secret-key / storage-class   (optional: another store)
 * </pre>
 */
public final class RolesConfig {
    private static final String PREFIX = "s3batch.roles.";

    private RolesConfig() {
    }

    public static Roles read(Config config) {
        List<Role> roles = new ArrayList<>();
        GroupedConfig.read(config, PREFIX).forEach((id, p) -> roles.add(new Role(id, required(p, id, "account"),
                list(required(p, id, "arns")), list(required(p, id, "operations")), list(required(p, id, "buckets")),
                Optional.ofNullable(p.get("endpoint")), Optional.ofNullable(p.get("access-key")), Optional.ofNullable(p.get("secret-key")),
                replication(p, id))));
        return new Roles(roles);
    }

    private static Optional<ReplicationTarget> replication(Map<String, String> p, String id) {
        String bucket = p.get("replication.bucket");
        if (bucket == null || bucket.isBlank()) {
            if (p.keySet().stream().anyMatch(k -> k.startsWith("replication."))) {
                throw new IllegalArgumentException(PREFIX + id + ".replication.bucket is required with the role's other replication settings");
            }
            return Optional.empty();
        }
        if (p.containsKey("replication.access-key") != p.containsKey("replication.secret-key")) {
            throw new IllegalArgumentException(PREFIX + id + ".replication.access-key and .replication.secret-key go together");
        }
        return Optional.of(new ReplicationTarget(bucket.trim(), Optional.ofNullable(p.get("replication.endpoint")),
                Optional.ofNullable(p.get("replication.access-key")), Optional.ofNullable(p.get("replication.secret-key")),
                Optional.ofNullable(p.get("replication.storage-class"))));
    }

    private static String required(Map<String, String> p, String id, String key) {
        return GroupedConfig.required(p, PREFIX, id, key);
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}

package dev.s3batch.model.role;

import java.util.Optional;

/**
 * Where a role's ReplicateObject jobs write: a bucket, on the role's own store (server-side copies) or on another S3
 * endpoint with keys of its own (each object streamed from one store to the other). Operator configuration,
 * {@code s3batch.roles.<id>.replication.*}; the keys never leave the services.
 *
 * @param storageClass the replicas' storage class; empty: the destination's default
 */
public record ReplicationTarget(String bucket, Optional<String> endpoint, Optional<String> accessKey, Optional<String> secretKey,
        Optional<String> storageClass) {

    /** Whether the replicas are written with other keys or to another endpoint than the role's own: streamed, not copied. */
    public boolean elsewhere() {
        return endpoint.isPresent() || accessKey.isPresent();
    }

    /** Without the secret key, whatever prints it. */
    @Override
    public String toString() {
        return "ReplicationTarget[bucket=" + bucket + ", endpoint=" + endpoint.orElse("(the role's)") + ", accessKey="
                + accessKey.orElse("(the role's)") + ", secretKey=" + (secretKey.isPresent() ? "***" : "(the role's)")
                + ", storageClass=" + storageClass.orElse("(default)") + "]";
    }
}

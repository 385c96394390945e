package dev.s3batch.model.role;

import java.util.List;
import java.util.Optional;

/**
 * A role jobs act as: the account it belongs to, the ARNs it goes by in each dialect, what it may do, and the S3
 * endpoint and keys the planner, workers and report service use for it (absent: the services' own S3 settings).
 * Operator configuration, {@code s3batch.roles.<id>.*}; secrets never leave the services.
 *
 * @param operations canonical operation names ({@code PutObjectTagging}) or {@code *}
 * @param buckets bucket names or {@code *}
 * @param replication where its ReplicateObject jobs write; empty: it has none, and such jobs are refused
 */
public record Role(String id, String account, List<String> arns, List<String> operations, List<String> buckets,
        Optional<String> endpoint, Optional<String> accessKey, Optional<String> secretKey, Optional<ReplicationTarget> replication) {

    public Role {
        arns = List.copyOf(arns);
        operations = List.copyOf(operations);
        buckets = List.copyOf(buckets);
    }

    public boolean allowsOperation(String operation) {
        return operations.contains("*") || operations.contains(operation);
    }

    public boolean allowsBucket(String bucket) {
        return buckets.contains("*") || buckets.contains(bucket);
    }

    /** Without the secret key, whatever prints it. */
    @Override
    public String toString() {
        return "Role[id=" + id + ", account=" + account + ", arns=" + arns + ", operations=" + operations + ", buckets=" + buckets
                + ", endpoint=" + endpoint.orElse("(the service's)") + ", accessKey=" + accessKey.orElse("(the service's)")
                + ", secretKey=" + (secretKey.isPresent() ? "***" : "(the service's)") + ", replication=" + replication.map(Object::toString).orElse("none") + "]";
    }

    /**
     * The endpoint its requests go to: its own when it has keys of its own (an endpoint without keys is not used),
     * otherwise {@code service}, the services' own.
     */
    public String endpointOr(String service) {
        return hasOwnCredentials() ? endpoint.orElse(service) : service;
    }

    /** Whether the role has S3 credentials of its own. */
    public boolean hasOwnCredentials() {
        return accessKey.isPresent() && secretKey.isPresent();
    }
}

package dev.s3batch.report.s3;

import dev.s3batch.model.role.Role;
import dev.s3batch.model.role.Roles;
import dev.s3batch.model.role.RolesConfig;
import dev.s3batch.report.config.S3Config;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * S3 clients acting for a job's role: the role's own endpoint and keys when it has them ({@code s3batch.roles.<id>.*}),
 * otherwise the service's ({@code s3batch.s3.*}). Blocking for the finalizer, asynchronous for the Kafka handler.
 */
@ApplicationScoped
public class S3Clients {
    private record Pair(MinioAsyncClient async, MinioClient blocking) {
    }

    private final S3Config config;
    private final Roles roles;
    private final Pair defaults;
    private final Map<String, Pair> byRole = new ConcurrentHashMap<>();

    public S3Clients(S3Config c) {
        this.config = c;
        this.roles = RolesConfig.read(ConfigProvider.getConfig());
        this.defaults = pair(c.endpoint(), c.accessKey(), c.secretKey());
    }

    private Pair pair(String endpoint, String accessKey, String secretKey) {
        return new Pair(MinioAsyncClient.builder().endpoint(endpoint).region(config.region()).credentials(accessKey, secretKey).build(),
                MinioClient.builder().endpoint(endpoint).region(config.region()).credentials(accessKey, secretKey).build());
    }

    private Pair clients(String roleArn) {
        return roles.byArn(roleArn).filter(Role::hasOwnCredentials)
                .map(role -> byRole.computeIfAbsent(role.id(), id -> pair(role.endpointOr(config.endpoint()),
                        role.accessKey().orElseThrow(), role.secretKey().orElseThrow())))
                .orElse(defaults);
    }

    /** For the Kafka handler, which must not block. */
    public MinioAsyncClient asyncForRole(String roleArn) {
        return clients(roleArn).async();
    }

    /** For the finalizer, which runs on a worker thread. */
    public MinioClient forRole(String roleArn) {
        return clients(roleArn).blocking();
    }
}

package dev.s3batch.planner.s3;

import dev.s3batch.model.role.Role;
import dev.s3batch.model.role.Roles;
import dev.s3batch.model.role.RolesConfig;
import dev.s3batch.planner.config.S3Config;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The S3 client acting for a job's role: the role's own endpoint and keys when it has them
 * ({@code s3batch.roles.<id>.*}), otherwise the service's ({@code s3batch.s3.*}). One client per role, kept.
 */
@ApplicationScoped
public class S3Clients {
    private final S3Config config;
    private final Roles roles;
    private final MinioClient defaultClient;
    private final Map<String, MinioClient> byRole = new ConcurrentHashMap<>();

    public S3Clients(S3Config config) {
        this.config = config;
        this.roles = RolesConfig.read(ConfigProvider.getConfig());
        this.defaultClient = MinioClient.builder().endpoint(config.endpoint()).region(config.region())
                .credentials(config.accessKey(), config.secretKey()).build();
    }

    public MinioClient forRole(String roleArn) {
        return roles.byArn(roleArn).filter(Role::hasOwnCredentials)
                .map(role -> byRole.computeIfAbsent(role.id(), id -> MinioClient.builder()
                        .endpoint(role.endpointOr(config.endpoint())).region(config.region())
                        .credentials(role.accessKey().orElseThrow(), role.secretKey().orElseThrow()).build()))
                .orElse(defaultClient);
    }
}

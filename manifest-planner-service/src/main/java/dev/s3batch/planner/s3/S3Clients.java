package dev.s3batch.planner.s3;

import dev.s3batch.planner.config.S3Config;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;

/** The S3 client acting for a job's role. Today every role maps to the one configured endpoint and credentials. */
@ApplicationScoped
public class S3Clients {
    private final MinioClient client;

    public S3Clients(S3Config config) {
        this.client = MinioClient.builder().endpoint(config.endpoint()).region(config.region())
                .credentials(config.accessKey(), config.secretKey()).build();
    }

    public MinioClient forRole(String roleArn) {
        return client;
    }
}

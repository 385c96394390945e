package dev.s3batch.report.s3;

import dev.s3batch.report.config.S3Config;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;

/** S3 clients acting for a job's role (today every role maps to the one configured endpoint and credentials). */
@ApplicationScoped
public class S3Clients {
    private final MinioAsyncClient async;
    private final MinioClient blocking;

    public S3Clients(S3Config c) {
        this.async = MinioAsyncClient.builder().endpoint(c.endpoint()).region(c.region()).credentials(c.accessKey(), c.secretKey()).build();
        this.blocking = MinioClient.builder().endpoint(c.endpoint()).region(c.region()).credentials(c.accessKey(), c.secretKey()).build();
    }

    /** For the Kafka handler, which must not block. */
    public MinioAsyncClient asyncForRole(String roleArn) {
        return async;
    }

    /** For the finalizer, which runs on a worker thread. */
    public MinioClient forRole(String roleArn) {
        return blocking;
    }
}

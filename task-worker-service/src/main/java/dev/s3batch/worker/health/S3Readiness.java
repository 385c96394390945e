package dev.s3batch.worker.health;

import dev.s3batch.model.health.S3EndpointReadiness;
import dev.s3batch.worker.config.S3Config;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the S3 endpoint answers: without it no task can run and no report be written. */
@Readiness
@Singleton
public class S3Readiness extends S3EndpointReadiness {
    public S3Readiness(S3Config s3) {
        super(s3.endpoint());
    }
}

package dev.s3batch.report.health;

import dev.s3batch.model.health.EndpointProbe;
import dev.s3batch.report.config.S3Config;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the S3 endpoint answers: without it no task can run and no report be written. */
@Readiness
@ApplicationScoped
public class S3Readiness implements HealthCheck {
    private final EndpointProbe probe;

    public S3Readiness(S3Config s3) {
        this.probe = new EndpointProbe(s3.endpoint(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Override
    public HealthCheckResponse call() {
        EndpointProbe.Result r = probe.probe();
        var answer = HealthCheckResponse.named("s3").status(r.up()).withData("endpoint", probe.shown());
        return (r.up() ? answer.withData("status", r.status()) : answer.withData("error", r.error())).build();
    }
}

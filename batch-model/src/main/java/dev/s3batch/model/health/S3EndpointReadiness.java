package dev.s3batch.model.health;

import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The readiness check {@code s3}: up only while the S3 endpoint answers ({@link EndpointProbe}: any HTTP answer within
 * 2 s, probed at most every 5 s), with the endpoint shown without keys. A service that cannot work without its store
 * (the worker, the report service) declares a {@code @Readiness} bean of this class.
 */
public abstract class S3EndpointReadiness implements HealthCheck {
    private final EndpointProbe probe;

    protected S3EndpointReadiness(String endpoint) {
        this.probe = new EndpointProbe(endpoint, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Override
    public HealthCheckResponse call() {
        EndpointProbe.Result r = probe.probe();
        var answer = HealthCheckResponse.named("s3").status(r.up()).withData("endpoint", probe.shown());
        return (r.up() ? answer.withData("status", r.status()) : answer.withData("error", r.error())).build();
    }
}

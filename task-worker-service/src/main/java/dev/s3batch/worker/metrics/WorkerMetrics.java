package dev.s3batch.worker.metrics;

import dev.s3batch.model.metrics.BoundedTag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/**
 * The worker's domain metrics, at {@code /q/metrics} in Prometheus form. Tags are bounded: the operation (about
 * twenty), the outcome, the store's error code ({@link BoundedTag}: 64 codes at most), the S3 call (a fixed list) and the
 * HTTP status — never a job id, bucket or key.
 * <ul>
 * <li>{@code s3batch_tasks_total{operation,outcome,error}} — tasks that ran, by how they ended (objects/s is its rate);</li>
 * <li>{@code s3batch_tasks_skipped_total} — tasks not run because their job was winding down;</li>
 * <li>{@code s3batch_task_transient_failures_total{operation}} — attempts that failed with an error worth retrying;</li>
 * <li>{@code s3batch_s3_slowdowns_total} — SlowDown answers (the request slots shrink);</li>
 * <li>{@code s3batch_s3_requests_seconds{call,status}} — S3 request latency, a histogram.</li>
 * </ul>
 */
public final class WorkerMetrics {
    private final MeterRegistry registry;
    private final BoundedTag errors = new BoundedTag(64);
    private final Counter skipped;
    private final Counter slowdowns;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.skipped = Counter.builder("s3batch.tasks.skipped").description("Tasks not run because their job was winding down").register(registry);
        this.slowdowns = Counter.builder("s3batch.s3.slowdowns").description("SlowDown answers of the store").register(registry);
    }

    /** The service's metrics, on the registry {@code /q/metrics} shows. */
    @jakarta.inject.Singleton
    static final class Producer {
        @jakarta.enterprise.inject.Produces
        @jakarta.inject.Singleton
        WorkerMetrics metrics(MeterRegistry registry) {
            return new WorkerMetrics(registry);
        }
    }

    /** Metrics nobody reads (unit tests). */
    public static WorkerMetrics none() {
        return new WorkerMetrics(new SimpleMeterRegistry());
    }

    public void task(String operation, boolean succeeded, String errorCode) {
        Counter.builder("s3batch.tasks").description("Tasks that ran, by operation and outcome")
                .tag("operation", operation).tag("outcome", succeeded ? "succeeded" : "failed")
                .tag("error", succeeded ? "none" : errors.of(errorCode)).register(registry).increment();
    }

    public void skipped(int tasks) {
        skipped.increment(tasks);
    }

    public void transientFailure(String operation) {
        Counter.builder("s3batch.task.transient.failures").description("Task attempts that failed with an error worth retrying")
                .tag("operation", operation).register(registry).increment();
    }

    public void slowDown() {
        slowdowns.increment();
    }

    /** One S3 request: its call (as {@link S3Calls} names it), HTTP status (0: no answer) and duration. */
    public void request(String call, int status, Duration took) {
        Timer.builder("s3batch.s3.requests").description("S3 requests by call and HTTP status")
                .tag("call", call).tag("status", status == 0 ? "none" : Integer.toString(status))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(took);
    }
}

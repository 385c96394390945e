package dev.s3batch.report.service;

import dev.s3batch.model.event.TaskBatchExecuted;
import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.store.LruCache;
import dev.s3batch.report.report.ReportCsv;
import dev.s3batch.model.job.ReportLayout;
import dev.s3batch.report.repository.ReportRepository;
import dev.s3batch.report.s3.S3Clients;
import dev.s3batch.report.config.ReportConfig;
import dev.s3batch.report.report.ReportWriter;
import dev.s3batch.report.repository.ReportRepository.Accounting;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * Accounts batch outcomes exactly once. The batch's report lines are staged in S3 first (under a key of their own, so
 * two concurrent deliveries never overwrite each other); then the ledger row, naming that staged part, and the counters
 * are written in one transaction. The ledger decides which delivery counts, and the report is built from the ledger.
 */
@ApplicationScoped
public class BatchAccountant {
    private static final Logger LOG = Logger.getLogger(BatchAccountant.class);

    private final ReportRepository repository;
    private final S3Clients s3;
    private final FailureThreshold threshold;
    private final ReportConfig config;
    private final Map<UUID, JobSpec> specs = LruCache.of(1024);

    private final MeterRegistry metrics;
    private final Counter stagedBytes;

    public BatchAccountant(ReportRepository repository, S3Clients s3, ReportConfig config, MeterRegistry metrics) {
        this.repository = repository;
        this.s3 = s3;
        this.config = config;
        this.threshold = new FailureThreshold(config.threshold());
        this.metrics = metrics;
        this.stagedBytes = ReportWriter.bytesWritten(metrics, "staged");
    }

    /**
     * {@code s3batch_report_batches_accounted_total{result}} (counted, duplicate, refused) and, for those counted,
     * {@code s3batch_report_tasks_accounted_total{outcome}}.
     */
    private void count(TaskBatchExecuted outcome, Accounting result) {
        Counter.builder("s3batch.report.batches.accounted").description("Task batch outcomes by what accounting did with them")
                .tag("result", result.name().toLowerCase(java.util.Locale.ROOT)).register(metrics).increment();
        if (result == Accounting.COUNTED) {
            long succeeded = outcome.results().stream().filter(dev.s3batch.model.event.TaskResult::succeeded).count();
            tasks("succeeded").increment(succeeded);
            tasks("failed").increment(outcome.results().size() - succeeded);
        }
    }

    private Counter tasks(String outcome) {
        return Counter.builder("s3batch.report.tasks.accounted").description("Task outcomes counted into their jobs")
                .tag("outcome", outcome).register(metrics);
    }

    public Uni<Void> account(TaskBatchExecuted outcome) {
        return spec(outcome.jobId()).flatMap(spec -> {
            if (spec == null) {
                LOG.warnf("outcome of batch %d for unknown job %s dropped", outcome.seq(), outcome.jobId());
                return Uni.createFrom().voidItem();
            }
            // No "already accounted?" read first: the ledger insert decides, and a redelivery's staged part is
            // left unreferenced and deleted with the job's staging area.
            return stage(outcome, spec).flatMap(partKey -> repository.account(outcome, partKey, spec.report().format(), threshold,
                            config.progressInterval())
                    .invoke(result -> count(outcome, result))
                    .flatMap(result -> result == Accounting.REFUSED && !partKey.isEmpty() ? unstage(spec, outcome, partKey)
                            : Uni.createFrom().voidItem()));
        });
    }

    /** Job specs never change, so they are read once per job (a bounded cache, oldest entries dropped first). */
    private Uni<JobSpec> spec(UUID jobId) {
        JobSpec cached = specs.get(jobId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return repository.spec(jobId).invoke(spec -> {
            if (spec != null) {
                specs.put(jobId, spec);
            }
        });
    }

    /**
     * Deletes the staged part of an outcome that came after the job's report was sealed (its tasks ran after a cancel
     * or a failure was seen; they are not counted and not reported), so no staged part outlives its job.
     */
    private Uni<Void> unstage(JobSpec spec, TaskBatchExecuted outcome, String partKey) {
        LOG.infof("outcome of batch %d of job %s came after the job's report was sealed; not counted", outcome.seq(), outcome.jobId());
        String bucket = ReportLayout.of(spec.report(), outcome.jobId()).bucket();
        return s3Call(() -> s3.asyncForRole(spec.roleArn()).removeObject(RemoveObjectArgs.builder().bucket(bucket).object(partKey).build()))
                .onFailure().invoke(e -> LOG.warnf("staged part %s could not be deleted: %s", partKey, e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Writes the batch's report lines; the staged key, or "" when the report has no line of this batch. */
    private Uni<String> stage(TaskBatchExecuted outcome, JobSpec spec) {
        if (!spec.report().enabled()) {
            return Uni.createFrom().item("");
        }
        String lines = ReportCsv.stagedPart(outcome.results(), spec.report().scope(), spec.report().format());
        if (lines.isEmpty()) {
            return Uni.createFrom().item("");
        }
        ReportLayout layout = ReportLayout.of(spec.report(), outcome.jobId());
        String key = layout.stagedPartKey(outcome.seq(), UUID.randomUUID().toString().substring(0, 8));
        byte[] bytes = lines.getBytes(StandardCharsets.UTF_8);
        return s3Call(() -> s3.asyncForRole(spec.roleArn()).putObject(PutObjectArgs.builder().bucket(layout.bucket()).object(key)
                        .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType("text/csv").build()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).withJitter(0.5).atMost(10)
                .invoke(() -> stagedBytes.increment(bytes.length))
                .replaceWith(key);
    }

    /** An asynchronous MinIO call, whose builder may throw checked exceptions, as a Uni. */
    private static <T> Uni<T> s3Call(java.util.concurrent.Callable<java.util.concurrent.CompletableFuture<T>> call) {
        return Uni.createFrom().completionStage(() -> {
            try {
                return call.call();
            } catch (Exception e) {
                return java.util.concurrent.CompletableFuture.failedFuture(e);
            }
        });
    }
}

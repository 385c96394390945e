package dev.s3batch.report.service;

import dev.s3batch.model.job.JobFailure;
import dev.s3batch.model.job.JobStatus;
import dev.s3batch.model.store.PgWakeups;
import dev.s3batch.model.store.WorkLoop;
import dev.s3batch.report.config.DatasourceConfig;
import dev.s3batch.report.config.ReportConfig;
import dev.s3batch.report.report.ReportWriter;
import dev.s3batch.report.repository.ReportRepository.FinishingJob;
import dev.s3batch.report.repository.ReportRepository;
import io.minio.errors.ErrorResponseException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Finishes jobs that are winding down: seals the job's report (no outcome is counted after this), writes the report (if
 * any task ran) from exactly the counted batches, then Completing → Complete, Failing →
 * Failed or Cancelling → Cancelled. Runs on a thread of its own, woken by job notifications ({@link PgWakeups#JOBS});
 * works from the database, so a job whose finalizer crashed is picked up again when its lease runs out.
 */
@ApplicationScoped
public class JobFinalizer {
    private static final Logger LOG = Logger.getLogger(JobFinalizer.class);
    /** S3 errors that retrying will not fix. */
    private static final Set<String> PERMANENT = Set.of("NoSuchBucket", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch");

    private final ReportRepository repository;
    private final ReportWriter reports;
    private final ReportConfig config;
    private final WorkLoop loop;
    private final DatasourceConfig datasource;
    private final Vertx vertx;
    private PgSubscriber subscriber;

    public JobFinalizer(ReportRepository repository, ReportWriter reports, ReportConfig config, DatasourceConfig datasource, Vertx vertx) {
        this.repository = repository;
        this.reports = reports;
        this.config = config;
        this.datasource = datasource;
        this.vertx = vertx;
        this.loop = new WorkLoop("job-finalizer", config.finalizePoll(), this::step);
    }

    void start(@Observes StartupEvent event) {
        subscriber = PgWakeups.listen(vertx, datasource.reactiveUrl(), datasource.username(), datasource.password(),
                Map.of(PgWakeups.JOBS, loop::wake));
        loop.start(1);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop(Duration.ofSeconds(10));
        subscriber.close();
    }

    /** One round: finish one job that is winding down; true when there was one. */
    private boolean step() {
        var job = repository.claimFinishing(owner(), config.lease(), config.drainTimeout());
        job.ifPresent(this::finish);
        return job.isPresent();
    }

    void finish(FinishingJob job) {
        JobStatus target = switch (job.status()) {
            case COMPLETING -> JobStatus.COMPLETE;
            case CANCELLING -> JobStatus.CANCELLED;
            default -> JobStatus.FAILED;
        };
        try {
            if (!repository.seal(job.jobId(), owner())) {
                return; // taken over by another finalizer
            }
            if (job.spec() == null) {
                endUnreadable(job, target);
                return;
            }
            String manifest;
            try {
                manifest = reports.write(job.jobId(), job.spec());
            } catch (ErrorResponseException e) {
                if (!PERMANENT.contains(e.errorResponse().code())) {
                    throw e;
                }
                JobFailure failure = new JobFailure("ReportWriteFailed", "The job report could not be written to bucket "
                        + job.spec().report().bucket() + " (" + e.errorResponse().code() + ").");
                if (job.status() == JobStatus.COMPLETING) {
                    repository.failCompleting(job.jobId(), owner(), failure);
                    return;
                }
                manifest = null; // a failing or cancelled job ends even without its report
            }
            if (repository.finish(job.jobId(), owner(), job.status(), target)) {
                LOG.infof("job %s is %s%s", job.jobId(), target, manifest == null ? " (no report)" : ", report " + manifest);
                reports.deleteStaging(job.jobId(), job.spec());
            }
        } catch (Exception e) {
            LOG.warnf(e, "job %s: finishing failed; will retry", job.jobId());
            repository.release(job.jobId(), owner());
        }
    }

    /**
     * A job whose stored description cannot be read (edited by hand, or by a newer version) still ends, without a
     * report (its bucket is in that description; the staged rows stay): a completing one fails saying so.
     */
    private void endUnreadable(FinishingJob job, JobStatus target) {
        if (job.status() == JobStatus.COMPLETING) {
            repository.failCompleting(job.jobId(), owner(), new JobFailure("InternalError",
                    "The job's stored description could not be read, so its report could not be written."));
        } else if (repository.finish(job.jobId(), owner(), job.status(), target)) {
            LOG.warnf("job %s is %s without a report: its stored description could not be read", job.jobId(), target);
        }
    }

    /** This instance's lease owner: its own database session, so its leases die with it (see LeaseOwner). */
    private String owner() {
        return repository.leaseOwner();
    }
}

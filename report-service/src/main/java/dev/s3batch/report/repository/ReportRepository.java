package dev.s3batch.report.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.model.event.ModelJson;
import dev.s3batch.model.event.TaskBatchExecuted;
import dev.s3batch.model.job.JobFailure;
import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.JobStatus;
import dev.s3batch.model.job.ReportFormat;
import dev.s3batch.model.store.JobTransitions;
import dev.s3batch.model.store.LeaseOwner;
import dev.s3batch.report.service.FailureThreshold;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The report service's reads and writes: the batch ledger, the job counters, and claiming jobs to finish. */
@ApplicationScoped
public class ReportRepository {
    private static final ObjectMapper JSON = ModelJson.newMapper();

    private final Pool pool;

    private final LeaseOwner leases;
    public ReportRepository(Pool pool) {
        this.pool = pool;
        this.leases = new LeaseOwner(pool);
    }

    /** The job's spec, or null when there is no such job. */
    public Uni<JobSpec> spec(UUID jobId) {
        return pool.preparedQuery("SELECT spec FROM batch_job WHERE job_id = $1").execute(Tuple.of(jobId))
                .map(rows -> rows.rowCount() == 0 ? null : read(rows.iterator().next().getString("spec")));
    }

    /** What became of an outcome. */
    public enum Accounting {
        /** counted now */
        COUNTED,
        /** counted before (a redelivery); nothing changed */
        DUPLICATE,
        /** not counted: the job's report is sealed (it is finishing or finished) or the job does not exist */
        REFUSED
    }

    /**
     * Accounts one batch outcome exactly once: the ledger row (the dedupe key) and the counters change in one
     * transaction, which first locks the job row and refuses the outcome once the finalizer has sealed the job's report —
     * so the report holds exactly the counted tasks and a finished job's counters never change. In the same transaction:
     * when too many tasks failed ({@link FailureThreshold}) the job moves to Failing; when the last task is counted it
     * moves Active → Completing; a {@code JobProgressed} event is published at most every {@code progressInterval}; and
     * the planners are woken when the job's window of batches has room again or a Pausing job has drained.
     */
    public Uni<Accounting> account(TaskBatchExecuted outcome, String partKey, ReportFormat format, FailureThreshold threshold,
            Duration progressInterval) {
        long ok = outcome.succeeded();
        long failed = outcome.failed();
        UUID jobId = outcome.jobId();
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT status, report_sealed FROM batch_job WHERE job_id = $1 FOR UPDATE")
                .execute(Tuple.of(jobId))
                .flatMap(job -> {
                    if (job.rowCount() == 0 || job.iterator().next().getBoolean("report_sealed")
                            || JobStatus.fromWire(job.iterator().next().getString("status")).orElseThrow().isTerminal()) {
                        return Uni.createFrom().item(Accounting.REFUSED);
                    }
                    return tx.preparedQuery("""
                                    INSERT INTO batch_ledger (job_id, seq, part_key, succeeded, failed) VALUES ($1, $2, $3, $4, $5)
                                    ON CONFLICT DO NOTHING""")
                            .execute(Tuple.of(jobId, outcome.seq(), partKey, (int) ok, (int) failed))
                            .flatMap(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().item(Accounting.DUPLICATE)
                                    : count(tx, jobId, ok, failed, format, threshold, progressInterval).replaceWith(Accounting.COUNTED));
                }));
    }

    private static Uni<Void> count(SqlClient tx, UUID jobId, long ok, long failed, ReportFormat format, FailureThreshold threshold,
            Duration progressInterval) {
        return tx.preparedQuery("""
                        UPDATE batch_job SET tasks_succeeded = tasks_succeeded + $2, tasks_failed = tasks_failed + $3,
                          batches_accounted = batches_accounted + 1, updated_at = now(),
                          progress_published_at = CASE WHEN status = 'Active' AND (progress_published_at IS NULL
                              OR progress_published_at < now() - make_interval(secs => $4)) THEN now() ELSE progress_published_at END
                        WHERE job_id = $1
                        RETURNING account_id, status, total_tasks, tasks_succeeded, tasks_failed, active_seconds, active_since,
                          batches_accounted, plan_next_seq, plan_wake_at, progress_published_at = now() AS progress_due""")
                .execute(Tuple.of(jobId, ok, failed, progressInterval.toMillis() / 1000.0))
                .flatMap(rows -> {
                    Row r = rows.iterator().next();
                    JobStatus status = JobStatus.fromWire(r.getString("status")).orElseThrow();
                    Long total = r.getLong("total_tasks");
                    long succeededNow = r.getLong("tasks_succeeded");
                    long failedNow = r.getLong("tasks_failed");
                    Uni<Boolean> moved = Uni.createFrom().item(false);
                    var tooMany = RUNNING.contains(status) ? threshold.exceeded(format, total, succeededNow, failedNow) : Optional.<JobFailure>empty();
                    if (tooMany.isPresent()) {
                        moved = JobTransitions.move(tx, jobId, status, JobStatus.FAILING, tooMany.get().failureReason(), List.of(tooMany.get()));
                    } else if (status == JobStatus.ACTIVE && total != null && succeededNow + failedNow >= total) {
                        moved = JobTransitions.move(tx, jobId, JobStatus.ACTIVE, JobStatus.COMPLETING, null, null);
                    }
                    return moved.flatMap(m -> {
                        Uni<Void> next = !m && Boolean.TRUE.equals(r.getBoolean("progress_due"))
                                ? JobTransitions.publishProgress(tx, jobId, r) : Uni.createFrom().voidItem();
                        long accounted = r.getLong("batches_accounted");
                        Long wakeAt = r.getLong("plan_wake_at");
                        boolean drained = accounted >= r.getLong("plan_next_seq");
                        // the planners: a window with room again, a Pausing job drained; the finalizer: a winding-down job drained
                        boolean wakePlanner = (wakeAt != null && accounted == wakeAt)
                                || (drained && (status == JobStatus.PAUSING || status == JobStatus.CANCELLING || status == JobStatus.FAILING));
                        return !wakePlanner ? next : next.flatMap(v -> JobTransitions.wake(tx, jobId, "accounted"));
                    });
                });
    }

    /** Statuses in which a job's tasks may still run, so the failure threshold applies. */
    private static final Set<JobStatus> RUNNING = EnumSet.of(JobStatus.ACTIVE, JobStatus.PAUSING, JobStatus.PAUSED);

    /**
     * Seals the report of a job this finalizer holds: from this commit on no outcome is accounted (see
     * {@link #account}). False when the lease is no longer this finalizer's.
     */
    public boolean seal(UUID jobId, String owner) {
        return pool.preparedQuery("UPDATE batch_job SET report_sealed = true WHERE job_id = $1 AND lease_owner = $2")
                .execute(Tuple.of(jobId, owner)).map(rows -> rows.rowCount() == 1)
                .await().atMost(Duration.ofSeconds(30));
    }

    /** The name this instance's leases go by (its own database session; see {@link LeaseOwner}). */
    public String leaseOwner() {
        return leases.owner();
    }

    /**
     * Claims a job that is winding down (Completing, Failing or Cancelling) for this finalizer, with a lease. A failing or
     * cancelled job is claimed once its batches already published have all come back (the workers skip their remaining
     * tasks, so this is quick), or when none has come back for {@code drainTimeout}: its report then holds every task
     * that ran.
     */
    public Optional<FinishingJob> claimFinishing(String owner, Duration lease, Duration drainTimeout) {
        Row row = pool.preparedQuery("""
                        UPDATE batch_job SET lease_owner = $1, lease_until = now() + make_interval(secs => $2)
                        WHERE job_id = (SELECT job_id FROM batch_job WHERE status IN ('Completing', 'Failing', 'Cancelling')
                                          AND """ + LeaseOwner.FREE + """
                                          AND (status = 'Completing' OR batches_accounted >= plan_next_seq
                                               OR updated_at < now() - make_interval(secs => $3))
                                        ORDER BY priority DESC, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING job_id, status, spec""")
                .execute(Tuple.of(owner, (double) lease.toSeconds(), (double) drainTimeout.toSeconds()))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next())
                .await().atMost(Duration.ofSeconds(30));
        return Optional.ofNullable(row).map(r -> new FinishingJob(r.getUUID("job_id"),
                JobStatus.fromWire(r.getString("status")).orElseThrow(), readable(r.getString("spec"))));
    }

    /** The stored spec, or null when no reader understands it (the job must still end). */
    private static JobSpec readable(String json) {
        try {
            return read(json);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** Ledger rows of a job from {@code afterSeq} on, in batch order, at most {@code limit}. */
    public List<LedgerEntry> ledger(UUID jobId, long afterSeq, int limit) {
        return pool.preparedQuery("SELECT seq, part_key, succeeded, failed FROM batch_ledger WHERE job_id = $1 AND seq > $2 ORDER BY seq LIMIT $3")
                .execute(Tuple.of(jobId, afterSeq, limit))
                .map(rows -> {
                    List<LedgerEntry> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new LedgerEntry(r.getLong("seq"), r.getString("part_key"), r.getInteger("succeeded"),
                            r.getInteger("failed"))));
                    return out;
                })
                .await().atMost(Duration.ofSeconds(30));
    }

    /** The report is written: the job moves to its final status, if it is still ours and still winding down. */
    public boolean finish(UUID jobId, String owner, JobStatus from, JobStatus to) {
        return pool.withTransaction(tx -> JobTransitions.moveAsLeaseHolder(tx, jobId, owner, from, to, null, null))
                .await().atMost(Duration.ofSeconds(30));
    }

    /** The report cannot be written: Completing → Failing with the reason; the next round finishes it as Failed. */
    public boolean failCompleting(UUID jobId, String owner, JobFailure failure) {
        return pool.withTransaction(tx -> JobTransitions.moveAsLeaseHolder(tx, jobId, owner, JobStatus.COMPLETING,
                        JobStatus.FAILING, failure.failureReason(), List.of(failure)))
                .await().atMost(Duration.ofSeconds(30));
    }

    public void release(UUID jobId, String owner) {
        JobTransitions.releaseLease(pool, jobId, owner).await().atMost(Duration.ofSeconds(30));
    }

    private static JobSpec read(String json) {
        try {
            return JSON.readValue(json, JobSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored job spec is unreadable", e);
        }
    }

    /** A job winding down; {@code spec} null when its stored description cannot be read. */
    public record FinishingJob(UUID jobId, JobStatus status, JobSpec spec) {
    }

    /** An accounted batch: where its report lines are staged ("" for none) and how many of its tasks succeeded and failed. */
    public record LedgerEntry(long seq, String partKey, int succeeded, int failed) {
    }
}

package dev.s3batch.report.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.model.event.ModelJson;
import dev.s3batch.model.event.TaskBatchExecuted;
import dev.s3batch.model.job.JobFailure;
import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.JobStatus;
import dev.s3batch.model.store.JobTransitions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The report service's reads and writes: the batch ledger, the job counters, and claiming jobs to finish. */
@ApplicationScoped
public class ReportRepository {
    private static final ObjectMapper JSON = ModelJson.newMapper();

    private final Pool pool;

    public ReportRepository(Pool pool) {
        this.pool = pool;
    }

    /** The job's spec, or null when there is no such job. */
    public Uni<JobSpec> spec(UUID jobId) {
        return pool.preparedQuery("SELECT spec FROM batch_job WHERE job_id = $1").execute(Tuple.of(jobId))
                .map(rows -> rows.rowCount() == 0 ? null : read(rows.iterator().next().getString("spec")));
    }

    /**
     * Accounts one batch outcome exactly once: the ledger row (the dedupe key) and the counters change in one
     * transaction. When the last task is counted, the job moves Active → Completing in the same transaction.
     *
     * @return false when this batch was already accounted (a redelivery)
     */
    public Uni<Boolean> account(TaskBatchExecuted outcome, String partKey) {
        long ok = outcome.succeeded();
        long failed = outcome.failed();
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        INSERT INTO batch_ledger (job_id, seq, part_key, succeeded, failed) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(outcome.jobId(), outcome.seq(), partKey, (int) ok, (int) failed))
                .flatMap(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().item(false)
                        : tx.preparedQuery("""
                                UPDATE batch_job SET tasks_succeeded = tasks_succeeded + $2, tasks_failed = tasks_failed + $3,
                                  updated_at = now()
                                WHERE job_id = $1 RETURNING status, total_tasks, tasks_succeeded, tasks_failed""")
                        .execute(Tuple.of(outcome.jobId(), ok, failed))
                        .flatMap(rows -> {
                            Row r = rows.iterator().next();
                            Long total = r.getLong("total_tasks");
                            boolean allDone = total != null && r.getLong("tasks_succeeded") + r.getLong("tasks_failed") >= total;
                            if (allDone && JobStatus.ACTIVE.wireName().equals(r.getString("status"))) {
                                return JobTransitions.move(tx, outcome.jobId(), JobStatus.ACTIVE, JobStatus.COMPLETING, null, null)
                                        .replaceWith(true);
                            }
                            return Uni.createFrom().item(true);
                        })));
    }

    /** Claims a job that is winding down (Completing, Failing or Cancelling) for this finalizer, with a lease. */
    public Optional<FinishingJob> claimFinishing(String owner, Duration lease) {
        Row row = pool.preparedQuery("""
                        UPDATE batch_job SET lease_owner = $1, lease_until = now() + make_interval(secs => $2)
                        WHERE job_id = (SELECT job_id FROM batch_job WHERE status IN ('Completing', 'Failing', 'Cancelling')
                                          AND (lease_until IS NULL OR lease_until < now())
                                        ORDER BY priority DESC, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING job_id, status, spec""")
                .execute(Tuple.of(owner, (double) lease.toSeconds()))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next())
                .await().atMost(Duration.ofSeconds(30));
        return Optional.ofNullable(row).map(r -> new FinishingJob(r.getUUID("job_id"),
                JobStatus.fromWire(r.getString("status")).orElseThrow(), read(r.getString("spec"))));
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

    public record FinishingJob(UUID jobId, JobStatus status, JobSpec spec) {
    }

    /** An accounted batch: where its report lines are staged ("" for none) and how many of its tasks succeeded and failed. */
    public record LedgerEntry(long seq, String partKey, int succeeded, int failed) {
    }
}

package dev.s3batch.planner.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.model.event.ModelJson;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The planner's reads and writes of {@code batch_job}. Called from planner threads (never an event loop), so it
 * waits for each result. Work is claimed with a lease; every write checks the lease, so a planner that lost its job
 * (crashed and was taken over, or too slow) cannot overwrite the new owner's progress.
 */
@ApplicationScoped
public class PlannerRepository {
    private static final ObjectMapper JSON = ModelJson.newMapper();
    private static final long ADMISSION_LOCK = 0x61646d6974L;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Pool pool;

    public PlannerRepository(Pool pool) {
        this.pool = pool;
    }

    /** Claims the most urgent job that needs the planner: one to prepare, or an Active one not fully expanded. */
    public Optional<PlannedJob> claim(String owner, Duration lease) {
        Row row = pool.preparedQuery("""
                UPDATE batch_job SET lease_owner = $1, lease_until = now() + make_interval(secs => $2)
                WHERE job_id = (SELECT job_id FROM batch_job
                                WHERE (status = 'Preparing' OR (status = 'Active' AND planned_batches IS NULL))
                                  AND (lease_until IS NULL OR lease_until < now())
                                ORDER BY priority DESC, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING job_id, status, spec, manifest_etag, plan_next_seq, plan_offset, total_tasks""")
                .execute(Tuple.of(owner, (double) lease.toSeconds()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null)
                .await().atMost(WAIT);
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(new PlannedJob(row.getUUID("job_id"), JobStatus.fromWire(row.getString("status")).orElseThrow(),
                spec(row.getString("spec")), row.getString("manifest_etag"), row.getLong("plan_next_seq"),
                row.getLong("plan_offset"), row.getLong("total_tasks")));
    }

    /** Records the task count and moves Preparing → Ready (or Suspended when confirmation is required). */
    public boolean prepared(UUID jobId, String owner, long totalTasks, String etag, boolean confirmationRequired) {
        JobStatus next = confirmationRequired ? JobStatus.SUSPENDED : JobStatus.READY;
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        UPDATE batch_job SET total_tasks = $3, manifest_etag = $4, lease_owner = NULL, lease_until = NULL
                        WHERE job_id = $1 AND lease_owner = $2 AND status = 'Preparing'""")
                .execute(Tuple.of(jobId, owner, totalTasks, etag))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : JobTransitions.move(tx, jobId, JobStatus.PREPARING, next, null, null)))
                .await().atMost(WAIT);
    }

    /** Fails a job the planner cannot go on with: {@code from} → Failing; the report service finishes it as Failed. */
    public boolean fail(UUID jobId, String owner, JobStatus from, JobFailure failure) {
        return pool.withTransaction(tx -> JobTransitions.moveAsLeaseHolder(tx, jobId, owner, from, JobStatus.FAILING,
                        failure.failureReason(), List.of(failure)))
                .await().atMost(WAIT);
    }

    /** Stores the expansion checkpoint and renews the lease; false when the job is no longer this planner's or not Active. */
    public boolean checkpoint(UUID jobId, String owner, long nextSeq, long offset, Duration lease) {
        return pool.preparedQuery("""
                        UPDATE batch_job SET plan_next_seq = $3, plan_offset = $4, lease_until = now() + make_interval(secs => $5)
                        WHERE job_id = $1 AND lease_owner = $2 AND status = 'Active'""")
                .execute(Tuple.of(jobId, owner, nextSeq, offset, (double) lease.toSeconds()))
                .map(rows -> rows.rowCount() == 1).await().atMost(WAIT);
    }

    /** Every batch is published: records how many, and lets go of the job. */
    public boolean planned(UUID jobId, String owner, long batches, long offset) {
        return pool.preparedQuery("""
                        UPDATE batch_job SET plan_next_seq = $3, planned_batches = $3, plan_offset = $4, lease_owner = NULL, lease_until = NULL
                        WHERE job_id = $1 AND lease_owner = $2 AND status = 'Active'""")
                .execute(Tuple.of(jobId, owner, batches, offset))
                .map(rows -> rows.rowCount() == 1).await().atMost(WAIT);
    }

    /** Gives a claimed job back without progress (e.g. on shutdown), so another planner can take it at once. */
    public void release(UUID jobId, String owner) {
        JobTransitions.releaseLease(pool, jobId, owner).await().atMost(WAIT);
    }

    /**
     * Admits Ready jobs to Active, highest priority first, while the global and per-account limits allow. A job with
     * no tasks goes straight on to Completing. One planner admits at a time (advisory lock), so limits hold.
     *
     * @return how many jobs were admitted
     */
    public int admit(int maxActive, int maxActivePerAccount) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked").execute(Tuple.of(ADMISSION_LOCK))
                .flatMap(lock -> !lock.iterator().next().getBoolean("locked") ? Uni.createFrom().item(0)
                        : tx.query("SELECT account_id, count(*) AS n FROM batch_job WHERE status IN ('Active','Pausing','Paused') GROUP BY account_id")
                        .execute()
                        .flatMap(active -> {
                            Map<String, Integer> perAccount = new HashMap<>();
                            active.forEach(r -> perAccount.put(r.getString("account_id"), r.getInteger("n")));
                            return tx.preparedQuery("""
                                            SELECT job_id, account_id, total_tasks FROM batch_job WHERE status = 'Ready'
                                            ORDER BY priority DESC, created_at LIMIT $1""")
                                    .execute(Tuple.of(Math.max(1, maxActive)))
                                    .flatMap(ready -> {
                                        Uni<Integer> chain = Uni.createFrom().item(0);
                                        int total = perAccount.values().stream().mapToInt(Integer::intValue).sum();
                                        for (Row r : ready) {
                                            String account = r.getString("account_id");
                                            int mine = perAccount.getOrDefault(account, 0);
                                            if (total >= maxActive || mine >= maxActivePerAccount) {
                                                continue;
                                            }
                                            total++;
                                            perAccount.put(account, mine + 1);
                                            UUID id = r.getUUID("job_id");
                                            boolean empty = r.getLong("total_tasks") != null && r.getLong("total_tasks") == 0;
                                            chain = chain.flatMap(n -> JobTransitions.moveThrough(tx, id, empty
                                                            ? List.of(JobStatus.READY, JobStatus.ACTIVE, JobStatus.COMPLETING)
                                                            : List.of(JobStatus.READY, JobStatus.ACTIVE), null, null)
                                                    .map(moved -> moved ? n + 1 : n));
                                        }
                                        return chain;
                                    });
                        })))
                .await().atMost(WAIT);
    }

    private static JobSpec spec(String json) {
        try {
            return JSON.readValue(json, JobSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored job spec is unreadable", e);
        }
    }
}

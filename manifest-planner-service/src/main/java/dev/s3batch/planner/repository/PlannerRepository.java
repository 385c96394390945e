package dev.s3batch.planner.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.model.event.ModelJson;
import dev.s3batch.model.job.JobFailure;
import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.JobStatus;
import dev.s3batch.model.store.JobTransitions;
import dev.s3batch.model.store.LeaseOwner;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
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

    private final LeaseOwner leases;
    public PlannerRepository(Pool pool) {
        this.pool = pool;
        this.leases = new LeaseOwner(pool);
    }

    /** The name this instance's leases go by (its own database session; see {@link LeaseOwner}). */
    public String leaseOwner() {
        return leases.owner();
    }

    /**
     * Claims the most urgent job that needs the planner: one to prepare, or an Active one not fully expanded whose window
     * of unexecuted batches has room again ({@code plan_wake_at} reached).
     */
    public Optional<PlannedJob> claim(String owner, Duration lease) {
        Row row = pool.preparedQuery("""
                UPDATE batch_job SET lease_owner = $1, lease_until = now() + make_interval(secs => $2)
                WHERE job_id = (SELECT job_id FROM batch_job
                                WHERE (status = 'Preparing' OR (status = 'Active' AND planned_batches IS NULL
                                                                AND (plan_wake_at IS NULL OR batches_accounted >= plan_wake_at)))
                                  AND """ + LeaseOwner.FREE + """
                                ORDER BY priority DESC, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING job_id, status, spec, manifest_etag, plan_next_seq, plan_cursor, total_tasks, priority, batches_accounted,
                          trace_parent""")
                .execute(Tuple.of(owner, (double) lease.toSeconds()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null)
                .await().atMost(WAIT);
        if (row == null) {
            return Optional.empty();
        }
        JobStatus status = JobStatus.fromWire(row.getString("status")).orElseThrow();
        JobSpec spec;
        try {
            spec = spec(row.getString("spec"));
        } catch (IllegalStateException e) {
            // a stored spec no reader understands (edited by hand, or by a newer version): claimed again at once, it
            // would fail again forever; the job fails instead, saying so
            fail(row.getUUID("job_id"), owner, status, new JobFailure("InternalError",
                    "The job's stored description could not be read, so it cannot be planned."));
            return Optional.empty();
        }
        return Optional.of(new PlannedJob(row.getUUID("job_id"), status,
                spec, row.getString("manifest_etag"), row.getLong("plan_next_seq"),
                row.getString("plan_cursor"), row.getLong("total_tasks"), row.getInteger("priority"), row.getLong("batches_accounted"),
                row.getString("trace_parent")));
    }

    /** The job's status while this planner holds its lease; empty when the lease is no longer this planner's. */
    public Optional<JobStatus> statusIfLeased(UUID jobId, String owner) {
        return pool.preparedQuery("SELECT status FROM batch_job WHERE job_id = $1 AND lease_owner = $2")
                .execute(Tuple.of(jobId, owner))
                .map(rows -> rows.rowCount() == 0 ? Optional.<JobStatus>empty()
                        : JobStatus.fromWire(rows.iterator().next().getString("status")))
                .await().atMost(WAIT);
    }

    /**
     * Lets go of the job and, if it is still Preparing, records the task count and moves it to Ready (or Suspended when
     * confirmation is required). False when it was cancelled or taken over meanwhile; it is let go of all the same.
     */
    public boolean prepared(UUID jobId, String owner, long totalTasks, String etag, boolean confirmationRequired) {
        JobStatus next = confirmationRequired ? JobStatus.SUSPENDED : JobStatus.READY;
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        UPDATE batch_job SET total_tasks = $3, manifest_etag = $4
                        WHERE job_id = $1 AND lease_owner = $2 AND status = 'Preparing'""")
                .execute(Tuple.of(jobId, owner, totalTasks, etag))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : JobTransitions.move(tx, jobId, JobStatus.PREPARING, next, null, null))
                .flatMap(moved -> releaseAndWake(tx, jobId, owner).replaceWith(moved)))
                .await().atMost(WAIT);
    }

    /** Fails a job the planner cannot go on with: {@code from} → Failing; the report service finishes it as Failed. */
    public boolean fail(UUID jobId, String owner, JobStatus from, JobFailure failure) {
        return pool.withTransaction(tx -> JobTransitions.moveAsLeaseHolder(tx, jobId, owner, from, JobStatus.FAILING,
                        failure.failureReason(), List.of(failure)))
                .await().atMost(WAIT);
    }

    /**
     * Stores the expansion checkpoint and renews the lease. Returns the job's status and how many of its batches have
     * been accounted, or empty when the job is no longer this planner's.
     */
    public Optional<Expansion> checkpoint(UUID jobId, String owner, long nextSeq, String cursor, Duration lease) {
        return pool.preparedQuery("""
                        UPDATE batch_job SET plan_next_seq = $3, plan_cursor = $4, lease_until = now() + make_interval(secs => $5)
                        WHERE job_id = $1 AND lease_owner = $2 RETURNING status, batches_accounted""")
                .execute(Tuple.of(jobId, owner, nextSeq, cursor, (double) lease.toSeconds()))
                .map(rows -> rows.rowCount() == 0 ? Optional.<Expansion>empty()
                        : Optional.of(new Expansion(JobStatus.fromWire(rows.iterator().next().getString("status")).orElseThrow(),
                                rows.iterator().next().getLong("batches_accounted"))))
                .await().atMost(WAIT);
    }

    /** What a planner learns at a checkpoint. */
    public record Expansion(JobStatus status, long batchesAccounted) {
    }

    /**
     * Stops expanding before the end of the manifest (its window is full, or the job is no longer Active): stores the
     * exact checkpoint, asks to be woken when {@code wakeAt} batches have been accounted, and lets go of the job.
     */
    public void stopExpanding(UUID jobId, String owner, long nextSeq, String cursor, long wakeAt) {
        pool.withTransaction(tx -> tx.preparedQuery("""
                        UPDATE batch_job SET plan_next_seq = $3, plan_cursor = $4, plan_wake_at = $5
                        WHERE job_id = $1 AND lease_owner = $2""")
                .execute(Tuple.of(jobId, owner, nextSeq, cursor, wakeAt))
                .flatMap(r -> releaseAndWake(tx, jobId, owner)))
                .await().atMost(WAIT);
    }

    /**
     * Every batch is published: records how many, forgets a generated manifest's listing and lets go of the job. A job
     * whose tasks were all counted before this (its last batches ran while the planner was still reading) moves on to
     * Completing here.
     */
    public boolean planned(UUID jobId, String owner, long batches, String cursor) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        UPDATE batch_job SET plan_next_seq = $3, planned_batches = $3, plan_cursor = $4, plan_wake_at = NULL
                        WHERE job_id = $1 AND lease_owner = $2 AND status IN ('Active', 'Pausing')
                        RETURNING status, total_tasks, tasks_succeeded + tasks_failed AS counted""")
                .execute(Tuple.of(jobId, owner, batches, cursor))
                .call(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("DELETE FROM manifest_listing WHERE job_id = $1").execute(Tuple.of(jobId)))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return releaseAndWake(tx, jobId, owner).replaceWith(false);
                    }
                    Row r = rows.iterator().next();
                    boolean allCounted = r.getLong("total_tasks") != null && r.getLong("counted") >= r.getLong("total_tasks");
                    Uni<Boolean> done = allCounted && JobStatus.ACTIVE.wireName().equals(r.getString("status"))
                            ? JobTransitions.move(tx, jobId, JobStatus.ACTIVE, JobStatus.COMPLETING, null, null)
                            : Uni.createFrom().item(true);
                    return done.flatMap(ok -> releaseAndWake(tx, jobId, owner).replaceWith(true));
                }))
                .await().atMost(WAIT);
    }

    /** Gives a claimed job back without progress (e.g. on shutdown), so another planner or the finalizer can take it at once. */
    public void release(UUID jobId, String owner) {
        pool.withTransaction(tx -> releaseAndWake(tx, jobId, owner)).await().atMost(WAIT);
    }

    /** Lets go of the job and wakes the other loops (a finalizer may be waiting for this lease). */
    private static Uni<Void> releaseAndWake(SqlClient tx, UUID jobId, String owner) {
        return JobTransitions.releaseLease(tx, jobId, owner).flatMap(held -> JobTransitions.wake(tx, jobId, "released"));
    }

    /**
     * One admission round, under an advisory lock (one planner at a time, so the limits hold):
     * <ol>
     * <li>Suspended jobs older than {@code suspendedExpiry} → Failing (the report service ends them Failed);</li>
     * <li>Pausing jobs whose published batches have all been accounted → Paused;</li>
     * <li>Ready and Paused jobs → Active, highest priority first, each account within its own limit before the global
     *     one (an account at its limit never holds back another's jobs); a job whose tasks are all counted goes on to
     *     Completing;</li>
     * <li>when the global limit (or an account's) keeps a job out and a lower-priority Active job of the same scope is
     *     still expanding, that job → Pausing (one at a time); it resumes when a slot frees.</li>
     * </ol>
     *
     * @return how many jobs changed status
     */
    public int admit(int maxActive, int maxActivePerAccount, Duration suspendedExpiry) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked").execute(Tuple.of(ADMISSION_LOCK))
                .flatMap(lock -> !lock.iterator().next().getBoolean("locked") ? Uni.createFrom().item(0)
                        : expireSuspended(tx, suspendedExpiry)
                        .flatMap(expired -> pauseDrained(tx).map(paused -> expired + paused))
                        .flatMap(changed -> admitAndPreempt(tx, maxActive, maxActivePerAccount).map(n -> changed + n))))
                .await().atMost(WAIT);
    }

    private static Uni<Integer> expireSuspended(SqlClient tx, Duration expiry) {
        JobFailure failure = new JobFailure("ConfirmationExpired", "The job was not confirmed within " + human(expiry)
                + " of being Suspended.");
        return tx.preparedQuery("SELECT job_id FROM batch_job WHERE status = 'Suspended' AND suspended_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) expiry.toSeconds()))
                .flatMap(rows -> moveEach(tx, rows, JobStatus.SUSPENDED, JobStatus.FAILING, failure.failureReason(), List.of(failure)));
    }

    private static Uni<Integer> pauseDrained(SqlClient tx) {
        return tx.query("""
                        SELECT job_id FROM batch_job WHERE status = 'Pausing' AND batches_accounted >= plan_next_seq
                          AND """ + LeaseOwner.FREE)
                .execute()
                .flatMap(rows -> moveEach(tx, rows, JobStatus.PAUSING, JobStatus.PAUSED, null, null));
    }

    /** Moves every job of {@code rows} ({@code job_id}) from {@code from} to {@code to}, one after another; how many moved. */
    private static Uni<Integer> moveEach(SqlClient tx, Iterable<Row> rows, JobStatus from, JobStatus to, String reason,
            List<JobFailure> failures) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Row r : rows) {
            UUID id = r.getUUID("job_id");
            chain = chain.flatMap(n -> JobTransitions.move(tx, id, from, to, reason, failures).map(moved -> moved ? n + 1 : n));
        }
        return chain;
    }

    private static Uni<Integer> admitAndPreempt(SqlClient tx, int maxActive, int maxActivePerAccount) {
        return tx.query("SELECT account_id, status, count(*) AS n FROM batch_job WHERE status IN ('Active','Pausing') GROUP BY account_id, status")
                .execute()
                .flatMap(active -> {
                    Map<String, Integer> perAccount = new HashMap<>();
                    int[] pausing = {0};
                    active.forEach(r -> {
                        perAccount.merge(r.getString("account_id"), r.getInteger("n"), Integer::sum);
                        if (JobStatus.PAUSING.wireName().equals(r.getString("status"))) {
                            pausing[0] += r.getInteger("n");
                        }
                    });
                    return tx.query("""
                                    SELECT job_id, account_id, status, priority, total_tasks, tasks_succeeded + tasks_failed AS counted
                                    FROM batch_job WHERE status IN ('Ready', 'Paused')
                                    ORDER BY priority DESC, created_at LIMIT 1000""")
                            .execute()
                            .flatMap(candidates -> {
                                Uni<Integer> chain = Uni.createFrom().item(0);
                                int total = perAccount.values().stream().mapToInt(Integer::intValue).sum();
                                Row blocked = null;
                                boolean blockedByAccount = false;
                                for (Row r : candidates) {
                                    String account = r.getString("account_id");
                                    int mine = perAccount.getOrDefault(account, 0);
                                    if (mine >= maxActivePerAccount || total >= maxActive) {
                                        if (blocked == null) {
                                            blocked = r;
                                            blockedByAccount = mine >= maxActivePerAccount;
                                        }
                                        continue;
                                    }
                                    total++;
                                    perAccount.put(account, mine + 1);
                                    chain = chain.flatMap(n -> start(tx, r).map(moved -> moved ? n + 1 : n));
                                }
                                if (blocked != null && pausing[0] == 0) {
                                    Row c = blocked;
                                    boolean sameAccount = blockedByAccount;
                                    chain = chain.flatMap(n -> pauseOneFor(tx, c, sameAccount).map(p -> n + p));
                                }
                                return chain;
                            });
                });
    }

    /** Ready → Active, or Paused → Active (its counters and checkpoint kept); on to Completing when nothing is left to run. */
    private static Uni<Boolean> start(SqlClient tx, Row r) {
        UUID id = r.getUUID("job_id");
        JobStatus from = JobStatus.fromWire(r.getString("status")).orElseThrow();
        Long total = r.getLong("total_tasks");
        boolean nothingLeft = total != null && r.getLong("counted") >= total;
        return JobTransitions.moveThrough(tx, id, nothingLeft
                ? List.of(from, JobStatus.ACTIVE, JobStatus.COMPLETING) : List.of(from, JobStatus.ACTIVE), null, null);
    }

    /** Pauses the lowest-priority Active job below {@code candidate}'s priority that is still expanding; 1 if one was. */
    private static Uni<Integer> pauseOneFor(SqlClient tx, Row candidate, boolean sameAccount) {
        return tx.preparedQuery("""
                        SELECT job_id FROM batch_job WHERE status = 'Active' AND planned_batches IS NULL AND priority < $1
                          AND ($2::text IS NULL OR account_id = $2)
                        ORDER BY priority, created_at DESC LIMIT 1""")
                .execute(Tuple.of(candidate.getInteger("priority"), sameAccount ? candidate.getString("account_id") : null))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(0)
                        : JobTransitions.move(tx, rows.iterator().next().getUUID("job_id"), JobStatus.ACTIVE, JobStatus.PAUSING,
                                "Paused for a job of higher priority.", null)
                        .map(moved -> moved ? 1 : 0));
    }

    private static String human(Duration d) {
        return d.toDays() >= 1 && d.toHours() % 24 == 0 ? d.toDays() + " days" : d.toSeconds() + " seconds";
    }

    private static JobSpec spec(String json) {
        try {
            return JSON.readValue(json, JobSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored job spec is unreadable", e);
        }
    }
}

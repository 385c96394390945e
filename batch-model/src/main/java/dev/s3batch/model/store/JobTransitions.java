package dev.s3batch.model.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.model.event.CloudEvent;
import dev.s3batch.model.event.JobProgress;
import dev.s3batch.model.event.JobProgressed;
import dev.s3batch.model.event.JobStatusChanged;
import dev.s3batch.model.event.ModelJson;
import dev.s3batch.model.event.Topics;
import dev.s3batch.model.job.IllegalTransitionException;
import dev.s3batch.model.job.JobFailure;
import dev.s3batch.model.job.JobStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Moves a job along the state machine by compare-and-set on its current status and, in the same transaction, puts its
 * {@link JobStatusChanged} event (with the job's counters) in the outbox and its line in the job's status history, and notifies {@link PgWakeups#JOBS} (delivered when the transaction
 * commits). Every service moves jobs only through here; call it inside a transaction.
 */
public final class JobTransitions {
    private static final ObjectMapper JSON = ModelJson.newMapper();

    private static final String HISTORY = "INSERT INTO job_status_history (job_id, from_status, to_status, reason) VALUES ($1, $2, $3, $4)";

    private static final String MOVE = """
            UPDATE batch_job SET status = $3, updated_at = now(),
              status_update_reason = COALESCE($4, status_update_reason),
              failure_reasons = CASE WHEN $5 = '[]' THEN failure_reasons ELSE $5 END,
              active_seconds = active_seconds + CASE WHEN $2 = 'Active' AND active_since IS NOT NULL
                               THEN EXTRACT(EPOCH FROM now() - active_since)::bigint ELSE 0 END,
              active_since = CASE WHEN $3 = 'Active' THEN now() WHEN $2 = 'Active' THEN NULL ELSE active_since END,
              suspended_at = CASE WHEN $3 = 'Suspended' THEN now() ELSE suspended_at END,
              terminated_at = CASE WHEN $6 THEN now() ELSE terminated_at END
            WHERE job_id = $1 AND status = $2
            RETURNING account_id, total_tasks, tasks_succeeded, tasks_failed, active_seconds""";

    /** An event about a job, keyed by its id, sent within the job's trace (kept with the job since CreateJob). */
    private static final String OUTBOX = """
            INSERT INTO outbox (topic, msg_key, payload, trace_parent)
            VALUES ($1, $2, $3, (SELECT trace_parent FROM batch_job WHERE job_id = $4))""";
    private static final String NOTIFY = "SELECT pg_notify($1, $2)";

    private JobTransitions() {
    }

    /**
     * Moves the job from {@code from} to {@code to} if it is still in {@code from}.
     *
     * @return true when it moved; false when the job was not in {@code from} (someone else moved it first)
     * @throws IllegalTransitionException when the state machine does not allow the move
     */
    public static Uni<Boolean> move(SqlClient tx, UUID jobId, JobStatus from, JobStatus to, String reason,
            List<JobFailure> failures) {
        if (!from.canMoveTo(to)) {
            return Uni.createFrom().failure(IllegalTransitionException.of(from, to));
        }
        String failuresJson = toJson(failures == null ? List.of() : failures);
        return tx.preparedQuery(MOVE)
                .execute(Tuple.tuple().addValue(jobId).addString(from.wireName()).addString(to.wireName())
                        .addString(reason).addString(failuresJson).addBoolean(to.isTerminal()))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Row row = rows.iterator().next();
                    String accountId = row.getString("account_id");
                    // a generated manifest's listing is of no use once the job has ended
                    Uni<Void> forget = !to.isTerminal() ? Uni.createFrom().voidItem()
                            : tx.preparedQuery("DELETE FROM manifest_listing WHERE job_id = $1").execute(Tuple.of(jobId)).replaceWithVoid();
                    return forget.flatMap(v -> publish(tx, JobStatusChanged.TYPE, jobId,
                                    new JobStatusChanged(jobId, accountId, from, to, reason, failures, progress(row))))
                            // the job's history, as the event tells it (the console's job page)
                            .flatMap(v -> tx.preparedQuery(HISTORY).execute(Tuple.of(jobId, from.wireName(), to.wireName(), reason)))
                            .flatMap(v -> wake(tx, jobId, to.wireName()))
                            .replaceWith(true);
                });
    }

    /**
     * Wakes the loops that listen on {@link PgWakeups#JOBS} (planners, finalizers) about a job, when the transaction
     * commits: a lease let go of, a window with room, a priority changed — anything but a status move, which wakes them
     * itself.
     */
    public static Uni<Void> wake(SqlClient tx, UUID jobId, String why) {
        return tx.preparedQuery(NOTIFY).execute(Tuple.of(PgWakeups.JOBS, jobId + " " + why)).replaceWithVoid();
    }

    private static final String RELEASE =
            "UPDATE batch_job SET lease_owner = NULL, lease_until = NULL WHERE job_id = $1 AND lease_owner = $2";

    /** Gives up {@code owner}'s lease on the job; false when it was not (or no longer) theirs. */
    public static Uni<Boolean> releaseLease(SqlClient client, UUID jobId, String owner) {
        return client.preparedQuery(RELEASE).execute(Tuple.of(jobId, owner)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Releases {@code owner}'s lease and, only if it still held it, moves the job: a planner or finalizer that lost its
     * job to another instance changes nothing. Call it inside a transaction.
     */
    public static Uni<Boolean> moveAsLeaseHolder(SqlClient tx, UUID jobId, String owner, JobStatus from, JobStatus to,
            String reason, List<JobFailure> failures) {
        return releaseLease(tx, jobId, owner)
                .flatMap(held -> held ? move(tx, jobId, from, to, reason, failures) : Uni.createFrom().item(false));
    }

    /** Moves through a chain of statuses (e.g. Preparing → Failing), each step published; false if the first step lost. */
    public static Uni<Boolean> moveThrough(SqlClient tx, UUID jobId, List<JobStatus> path, String reason,
            List<JobFailure> failures) {
        Uni<Boolean> result = Uni.createFrom().item(true);
        for (int i = 1; i < path.size(); i++) {
            JobStatus from = path.get(i - 1);
            JobStatus to = path.get(i);
            result = result.flatMap(ok -> ok ? move(tx, jobId, from, to, reason, failures) : Uni.createFrom().item(false));
        }
        return result;
    }

    /** Puts an event about a job in the outbox and wakes the relay, which publishes it once the transaction commits. */
    public static Uni<Void> enqueue(SqlClient tx, String topic, UUID jobId, Object payload) {
        return tx.preparedQuery(OUTBOX).execute(Tuple.of(topic, jobId.toString(), toJson(payload), jobId))
                .flatMap(r -> tx.preparedQuery(NOTIFY).execute(Tuple.of(PgWakeups.OUTBOX, "")))
                .replaceWithVoid();
    }

    /**
     * Puts a {@link JobProgressed} event in the outbox for a row that has {@code account_id}, {@code status} and the
     * counters ({@code total_tasks}, {@code tasks_succeeded}, {@code tasks_failed}, {@code active_seconds},
     * {@code active_since}). Call it inside a transaction.
     */
    public static Uni<Void> publishProgress(SqlClient tx, UUID jobId, Row row) {
        JobStatus status = JobStatus.fromWire(row.getString("status")).orElseThrow();
        return publish(tx, JobProgressed.TYPE, jobId, new JobProgressed(jobId, row.getString("account_id"), status, progress(row)));
    }

    /** The counters of a row; while Active, the elapsed time includes the current stretch ({@code active_since}). */
    static JobProgress progress(Row row) {
        long active = row.getLong("active_seconds");
        if (row.getColumnIndex("active_since") >= 0 && row.getValue("active_since") != null) {
            active += Math.max(0, java.time.Duration.between(row.getOffsetDateTime("active_since").toInstant(), Instant.now()).toSeconds());
        }
        return new JobProgress(row.getLong("total_tasks"), row.getLong("tasks_succeeded"), row.getLong("tasks_failed"), active);
    }

    private static Uni<Void> publish(SqlClient tx, String type, UUID jobId, Object data) {
        CloudEvent<Object> event = CloudEvent.of(UUID.randomUUID().toString(), "/s3batch/jobs", type, jobId.toString(),
                Instant.now(), data);
        return enqueue(tx, Topics.JOB_STATUS, jobId, event);
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}

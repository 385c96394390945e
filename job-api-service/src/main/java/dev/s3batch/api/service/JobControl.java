package dev.s3batch.api.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.model.event.ModelJson;
import dev.s3batch.model.job.JobStatus;
import dev.s3batch.model.job.Tag;
import dev.s3batch.model.store.JobTransitions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a caller may do to an existing job, for every dialect: list, change priority, confirm or cancel, tag.
 * Status changes go through {@link JobTransitions} (compare-and-set, published).
 */
@ApplicationScoped
public class JobControl {
    private static final ObjectMapper JSON = ModelJson.newMapper();
    /** A job can be cancelled until it is winding down or finished (the OSS rule; AWS and COS agree in substance). */
    private static final Set<JobStatus> CANCELLABLE = EnumSet.of(JobStatus.NEW, JobStatus.PREPARING, JobStatus.SUSPENDED,
            JobStatus.READY, JobStatus.ACTIVE, JobStatus.PAUSING, JobStatus.PAUSED);

    /** Whether a job in {@code status} can still be cancelled. */
    public static boolean cancellable(JobStatus status) {
        return CANCELLABLE.contains(status);
    }

    private final Pool pool;
    private final JobService jobs;

    public JobControl(Pool pool, JobService jobs) {
        this.pool = pool;
        this.jobs = jobs;
    }

    /** The account's jobs, newest first, optionally only those in {@code statuses}. */
    public Uni<JobPage> list(String accountId, Set<JobStatus> statuses, int max, String token) {
        return list(accountId, statuses, null, null, max, token);
    }

    /**
     * The account's jobs, newest first, optionally only those in {@code statuses} and created at or after
     * {@code createdFrom} and before {@code createdBefore} (either bound may be null).
     */
    public Uni<JobPage> list(String accountId, Set<JobStatus> statuses, Instant createdFrom, Instant createdBefore, int max, String token) {
        Cursor after = token == null || token.isEmpty() ? null : Cursor.parse(token);
        List<String> names = statuses.stream().map(JobStatus::wireName).toList();
        return pool.preparedQuery("""
                        SELECT job_id FROM batch_job
                        WHERE account_id = $1 AND (cardinality($2::text[]) = 0 OR status = ANY($2::text[]))
                          AND ($3::timestamptz IS NULL OR (created_at, job_id) < ($3::timestamptz, $4::uuid))
                          AND ($6::timestamptz IS NULL OR created_at >= $6::timestamptz)
                          AND ($7::timestamptz IS NULL OR created_at < $7::timestamptz)
                        ORDER BY created_at DESC, job_id DESC LIMIT $5""")
                .execute(Tuple.tuple().addValue(accountId).addValue(names.toArray(new String[0]))
                        .addValue(after == null ? null : after.createdAt).addValue(after == null ? null : after.jobId)
                        .addValue(max + 1).addValue(utc(createdFrom)).addValue(utc(createdBefore)))
                .flatMap(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID("job_id")));
                    boolean more = ids.size() > max;
                    List<UUID> page = more ? ids.subList(0, max) : ids;
                    return jobs.views(page).map(views -> new JobPage(views,
                            more && !views.isEmpty() ? Cursor.of(views.get(views.size() - 1)).token() : null));
                });
    }

    /** One change of a job's status, as its JobStatusChanged event said it. */
    public record StatusChange(String from, String to, String reason, Instant at) {
    }

    /** The job's status changes, oldest first (its creation, New, is not one); NoSuchJob for another account's job. */
    public Uni<List<StatusChange>> history(String accountId, UUID jobId) {
        return pool.preparedQuery("""
                        SELECT h.from_status, h.to_status, h.reason, h.changed_at FROM job_status_history h
                        JOIN batch_job j ON j.job_id = h.job_id WHERE h.job_id = $1 AND j.account_id = $2 ORDER BY h.id""")
                .execute(Tuple.of(jobId, accountId))
                .map(rows -> {
                    List<StatusChange> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new StatusChange(r.getString("from_status"), r.getString("to_status"), r.getString("reason"),
                            r.getOffsetDateTime("changed_at").toInstant())));
                    return out;
                });
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    /**
     * Changes the priority of a job that has not finished; it applies at once to admission, to the batches the planner
     * publishes next and to the worker slots of batches not yet started. A finished job's priority cannot change.
     */
    public Uni<Integer> updatePriority(String accountId, UUID jobId, int priority) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        UPDATE batch_job SET priority = $3, updated_at = now()
                        WHERE job_id = $1 AND account_id = $2 AND status <> ALL($4::text[])""")
                .execute(Tuple.of(jobId, accountId, priority, FINISHED))
                .flatMap(rows -> rows.rowCount() == 1
                        // the planners re-order admission and may pause a lower job for this one
                        ? JobTransitions.wake(tx, jobId, "priority").replaceWith(priority)
                        : status(accountId, jobId).map(current -> {
                            throw new ApiException(ApiError.JOB_STATUS_CONFLICT,
                                    "The priority of a job that is " + current + " cannot be changed.");
                        })));
    }

    /** Statuses in which a job's priority no longer matters. */
    private static final String[] FINISHED = {JobStatus.COMPLETE.wireName(), JobStatus.CANCELLED.wireName(), JobStatus.FAILED.wireName()};

    /**
     * Confirms ({@code Ready}, only from {@code Suspended}) or cancels ({@code Cancelled}: the job moves to
     * {@code Cancelling}, and the report service finishes it as {@code Cancelled}). Returns the status after the change.
     */
    public Uni<JobStatus> updateStatus(String accountId, UUID jobId, JobStatus requested, String reason) {
        return status(accountId, jobId).flatMap(current -> {
            JobStatus next;
            if (requested == JobStatus.READY) {
                if (current != JobStatus.SUSPENDED) {
                    throw new ApiException(ApiError.JOB_STATUS_CONFLICT, "Only a Suspended job can be confirmed (Ready); this job is " + current + ".");
                }
                next = JobStatus.READY;
            } else if (requested == JobStatus.CANCELLED) {
                if (!CANCELLABLE.contains(current)) {
                    throw new ApiException(ApiError.JOB_STATUS_CONFLICT, "A job that is " + current + " cannot be cancelled.");
                }
                next = JobStatus.CANCELLING;
            } else {
                throw ApiException.invalid("requestedJobStatus must be Ready or Cancelled.");
            }
            return pool.withTransaction(tx -> JobTransitions.move(tx, jobId, current, next, reason, null))
                    .flatMap(moved -> moved ? Uni.createFrom().item(next)
                            // the job moved meanwhile (e.g. the planner); decide again on its new status
                            : updateStatus(accountId, jobId, requested, reason));
        });
    }

    public Uni<List<Tag>> tags(String accountId, UUID jobId) {
        return pool.preparedQuery("SELECT tags FROM batch_job WHERE job_id = $1 AND account_id = $2").execute(Tuple.of(jobId, accountId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw noSuchJob();
                    }
                    return readTags(rows.iterator().next().getString("tags"));
                });
    }

    /** Replaces the job's tags (an empty list deletes them); the dialect has checked them ({@code TagSets.jobTags}). */
    public Uni<Void> putTags(String accountId, UUID jobId, List<Tag> tags) {
        return pool.preparedQuery("UPDATE batch_job SET tags = $3, updated_at = now() WHERE job_id = $1 AND account_id = $2")
                .execute(Tuple.of(jobId, accountId, JobTransitions.toJson(tags)))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw noSuchJob();
                    }
                    return null;
                });
    }

    private Uni<JobStatus> status(String accountId, UUID jobId) {
        return pool.preparedQuery("SELECT status FROM batch_job WHERE job_id = $1 AND account_id = $2").execute(Tuple.of(jobId, accountId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw noSuchJob();
                    }
                    Row r = rows.iterator().next();
                    return JobStatus.fromWire(r.getString("status")).orElseThrow();
                });
    }

    static List<Tag> readTags(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Tag>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored job tags are unreadable", e);
        }
    }

    static ApiException noSuchJob() {
        return new ApiException(ApiError.NO_SUCH_JOB, "The specified job does not exist.");
    }

    /** The position after the last job of a page: its creation time and id, as an opaque token. */
    record Cursor(OffsetDateTime createdAt, UUID jobId) {
        static Cursor of(JobView last) {
            return new Cursor(last.createdAt().atOffset(ZoneOffset.UTC), last.jobId());
        }

        String token() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((createdAt + "|" + jobId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String token) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new ApiException(ApiError.INVALID_NEXT_TOKEN, "The pagination token is not valid.");
            }
        }
    }
}

package dev.s3batch.worker.jobstate;

import dev.s3batch.model.job.JobStatus;
import dev.s3batch.worker.config.WorkerConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Job state read from {@code batch_job} and cached per job for {@code s3batch.worker.job-state-ttl} (500 ms by default):
 * a worker sees a cancel or a priority change within that time plus one read, at the cost of about two small reads per
 * second per running job and worker. Concurrent lookups of one job share one read. If the database cannot be read, the
 * last known state is kept (tasks keep running; the report service still refuses to count a finished job's batches).
 */
@ApplicationScoped
public class CachedJobStates implements JobStateView {
    private static final Logger LOG = Logger.getLogger(CachedJobStates.class);
    private static final int MAX_JOBS = 4096;

    private final Pool pool;
    private final long ttlNanos;
    private final Map<UUID, Entry> cache = new ConcurrentHashMap<>();

    public CachedJobStates(Pool pool, WorkerConfig config) {
        this.pool = pool;
        this.ttlNanos = config.jobStateTtl().toNanos();
    }

    @Override
    public Uni<JobState> state(UUID jobId) {
        long now = System.nanoTime();
        Entry e = cache.get(jobId);
        if (e != null && (now - e.readAt < ttlNanos || e.reading != null)) {
            return e.reading != null ? e.reading : Uni.createFrom().item(e.state);
        }
        JobState last = e == null ? JobState.UNKNOWN : e.state;
        Uni<JobState> read = pool.preparedQuery("SELECT status, priority FROM batch_job WHERE job_id = $1").execute(Tuple.of(jobId))
                .map(rows -> rows.rowCount() == 0 ? new JobState(JobStatus.CANCELLED, 0) // no such job: nothing to run for
                        : new JobState(JobStatus.fromWire(rows.iterator().next().getString("status")).orElseThrow(),
                                rows.iterator().next().getInteger("priority")))
                .onFailure().recoverWithItem(t -> {
                    LOG.warnf("job %s: state unreadable (%s); keeping the last known", jobId, t.getMessage());
                    return last;
                })
                .invoke(s -> cache.put(jobId, new Entry(s, System.nanoTime(), null)))
                .memoize().indefinitely();
        if (cache.size() > MAX_JOBS) {
            cache.clear();
        }
        cache.put(jobId, new Entry(last, e == null ? 0 : e.readAt, read));
        return read;
    }

    private record Entry(JobState state, long readAt, Uni<JobState> reading) {
    }
}

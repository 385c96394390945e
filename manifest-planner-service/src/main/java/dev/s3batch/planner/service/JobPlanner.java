package dev.s3batch.planner.service;

import dev.s3batch.model.event.TaskBatch;
import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.JobFailure;
import dev.s3batch.model.job.JobStatus;
import dev.s3batch.model.job.PriorityTier;
import dev.s3batch.model.store.PgWakeups;
import dev.s3batch.model.store.WorkLoop;
import dev.s3batch.planner.config.DatasourceConfig;
import dev.s3batch.planner.config.PlannerConfig;
import dev.s3batch.planner.manifest.ManifestException;
import dev.s3batch.planner.manifest.ManifestReader;
import dev.s3batch.planner.manifest.Manifests;
import dev.s3batch.planner.messaging.TaskBatchPublisher;
import dev.s3batch.planner.repository.PlannedJob;
import dev.s3batch.planner.repository.PlannerRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The planner's threads, woken by job notifications ({@link PgWakeups#JOBS}) or every {@code idlePoll}. Each loops: admit Ready jobs to Active by priority; claim one job that needs work; prepare it
 * (stream the manifest once to count its tasks) or expand it (stream it again from the checkpoint into numbered task
 * batches, at most {@code maxInFlight} unacknowledged, storing a checkpoint every {@code checkpointEvery} batches).
 * After a crash, expansion resumes at the checkpoint: batches after it are sent again with the same numbers and
 * content, and the report service accounts each number once.
 */
@ApplicationScoped
public class JobPlanner {
    private static final Logger LOG = Logger.getLogger(JobPlanner.class);

    private final PlannerRepository repository;
    private final Manifests manifests;
    private final ParkedReaders parked = new ParkedReaders();
    private final TaskBatchPublisher publisher;
    private final PlannerConfig config;
    private final WorkLoop loop;
    private final DatasourceConfig datasource;
    private final Vertx vertx;
    private PgSubscriber subscriber;

    public JobPlanner(PlannerRepository repository, Manifests manifests, TaskBatchPublisher publisher,
            PlannerConfig config, DatasourceConfig datasource, Vertx vertx) {
        this.repository = repository;
        this.manifests = manifests;
        this.publisher = publisher;
        this.config = config;
        this.datasource = datasource;
        this.vertx = vertx;
        this.loop = new WorkLoop("planner", config.idlePoll(), this::step);
    }

    void start(@Observes StartupEvent event) {
        // any job moving may mean planner work: a job to prepare, a Ready one to admit, a slot freed, a window with room
        subscriber = PgWakeups.listen(vertx, datasource.reactiveUrl(), datasource.username(), datasource.password(),
                Map.of(PgWakeups.JOBS, loop::wake));
        loop.start(config.threads());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop(Duration.ofSeconds(10));
        parked.closeIdle(Duration.ZERO);
        subscriber.close();
    }

    /** One round: admit what may start, then work on one claimed job; true when a job was worked on. */
    private boolean step() {
        parked.closeIdle(PARKED_FOR);
        repository.admit(config.maxActiveJobs(), config.maxActiveJobsPerAccount(), config.suspendedExpiry());
        var claimed = repository.claim(owner(), config.lease());
        claimed.ifPresent(this::work);
        return claimed.isPresent();
    }

    void work(PlannedJob job) {
        try {
            if (job.status() == JobStatus.PREPARING) {
                prepare(job);
            } else {
                expand(job);
            }
        } catch (ManifestException e) {
            LOG.infof("job %s fails: %s", job.jobId(), e.getMessage());
            repository.fail(job.jobId(), owner(), job.status(), new JobFailure(e.failureCode(), e.getMessage()));
        } catch (IOException e) {
            LOG.warnf("job %s: manifest read interrupted (%s); it will be retried", job.jobId(), e.getMessage());
            repository.release(job.jobId(), owner());
            pause(RETRY_PAUSE); // a store that keeps answering SlowDown is not asked again at once
        } catch (RuntimeException e) {
            // let go and try again; but a job on which the planner fails with a defect of its own every time (a poison
            // job) is failed after MAX_UNEXPECTED attempts in a row rather than taken up again forever — an outage of
            // the database or Kafka is not counted: it ends, and the job goes on
            int failures = defect(e) ? unexpected.merge(job.jobId(), 1, Integer::sum) : 0;
            if (failures >= MAX_UNEXPECTED) {
                unexpected.remove(job.jobId());
                LOG.errorf(e, "job %s: the planner failed on it %d times in a row; the job fails", job.jobId(), failures);
                repository.fail(job.jobId(), owner(), job.status(), new JobFailure("InternalError", "The planner failed on this job "
                        + failures + " times in a row, so it was stopped; the planner's log has the cause."));
                return;
            }
            repository.release(job.jobId(), owner());
            throw e;
        }
        unexpected.remove(job.jobId());
    }

    /** Whether a failure is a defect of the planner's own (not a database, Kafka or network outage). */
    static boolean defect(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NullPointerException || t instanceof ClassCastException || t instanceof IndexOutOfBoundsException
                    || t instanceof ArithmeticException || t instanceof UnsupportedOperationException
                    || t instanceof IllegalArgumentException || t instanceof java.time.DateTimeException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Pins the manifest (or lists the bucket) and counts its tasks. Every {@code statusCheck} it looks whether the job
     * is still Preparing and its own, so a job cancelled meanwhile is let go of at once (the finalizer then ends it
     * Cancelled), not after the whole manifest.
     */
    private void prepare(PlannedJob job) throws ManifestException, IOException {
        LOG.debugf("job %s: preparing", job.jobId());
        long[] nextCheck = {System.nanoTime() + config.statusCheck().toNanos()};
        Manifests.Prepared prepared = manifests.prepare(job, owner(), () -> {
            if (System.nanoTime() < nextCheck[0]) {
                return true;
            }
            nextCheck[0] = System.nanoTime() + config.statusCheck().toNanos();
            return stillPreparing(job);
        });
        if (prepared == null) {
            return; // let go of already
        }
        if (repository.prepared(job.jobId(), owner(), prepared.tasks(), prepared.pin(), job.spec().confirmationRequired())) {
            LOG.infof("job %s prepared: %d tasks", job.jobId(), prepared.tasks());
        } else {
            LOG.infof("job %s: no longer Preparing when its %d tasks were counted; let go", job.jobId(), prepared.tasks());
        }
    }

    /** True while the job is still Preparing and this planner's; otherwise lets go of it (if it still holds it). */
    private boolean stillPreparing(PlannedJob job) {
        var now = repository.statusIfLeased(job.jobId(), owner());
        if (now.isPresent() && now.get() == JobStatus.PREPARING && loop.running()) {
            return true;
        }
        LOG.infof("job %s: stopped preparing (now %s)", job.jobId(), now.map(JobStatus::wireName).orElse("another planner's"));
        repository.release(job.jobId(), owner());
        return false;
    }

    /**
     * Publishes the next batches of an Active job, at most {@code window} of them unexecuted (published and not yet
     * accounted), to the tier topic of the job's current priority; then stores the exact checkpoint and lets go of the
     * job until the report service has accounted half of them ({@code plan_wake_at}). So a job never floods its topic,
     * a later job of higher priority finds its batches near the front, and a job that is paused or cancelled has at most
     * a window of batches queued. At every checkpoint it stops if the job is no longer Active.
     */
    private void expand(PlannedJob job) throws ManifestException, IOException {
        var spec = job.spec();
        PriorityTier tier = PriorityTier.of(job.priority(), config.highTierFrom(), config.normalTierFrom());
        int window = Math.max(1, config.windowBatches());
        long seq = job.nextSeq();
        long limit = job.batchesAccounted() + window;
        Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        ManifestReader reader = parked.take(job.jobId(), job.cursor());
        if (reader == null) {
            reader = manifests.open(job);
        }
        boolean park = false;
        try {
            int sinceCheckpoint = 0;
            for (List<TaskRef> tasks; seq < limit && !(tasks = reader.nextBatch(config.batchSize())).isEmpty(); seq++) {
                inFlight.add(publisher.send(new TaskBatch(job.jobId(), seq, spec.roleArn(), spec.operation(), tasks), tier, job.traceParent())
                        .subscribeAsCompletionStage());
                while (inFlight.size() >= config.maxInFlight()) {
                    inFlight.poll().join();
                }
                if (++sinceCheckpoint >= config.checkpointEvery()) {
                    drain(inFlight);
                    var at = repository.checkpoint(job.jobId(), owner(), seq + 1, reader.cursor(), config.lease());
                    if (at.isEmpty() || at.get().status() != JobStatus.ACTIVE || !loop.running()) {
                        LOG.infof("job %s: stopped expanding at batch %d (%s)", job.jobId(), seq + 1,
                                at.map(e -> "now " + e.status()).orElse("lease lost"));
                        if (at.isPresent()) {
                            repository.stopExpanding(job.jobId(), owner(), seq + 1, reader.cursor(), seq + 1);
                        }
                        return;
                    }
                    limit = at.get().batchesAccounted() + window;
                    sinceCheckpoint = 0;
                }
            }
            drain(inFlight);
            if (seq >= limit) {
                // the window is full: come back when half of it has run, reading on where this reader stands
                repository.stopExpanding(job.jobId(), owner(), seq, reader.cursor(), seq - window / 2);
                park = true;
                return;
            }
            repository.planned(job.jobId(), owner(), seq, reader.cursor());
            LOG.infof("job %s expanded into %d batches on %s", job.jobId(), seq, tier.topic());
        } finally {
            if (park) {
                parked.park(job.jobId(), reader);
            } else {
                reader.close();
            }
        }
    }

    private static void drain(Deque<CompletableFuture<Void>> inFlight) {
        while (!inFlight.isEmpty()) {
            inFlight.poll().join();
        }
    }


    private static final java.time.Duration RETRY_PAUSE = java.time.Duration.ofMillis(250);
    /** Unexpected failures in a row after which a job is failed (a poison job), and their count per job. */
    static final int MAX_UNEXPECTED = 3;
    private final java.util.Map<java.util.UUID, Integer> unexpected = new java.util.concurrent.ConcurrentHashMap<>();
    /** How long a reader stays open between two windows of its job; longer, and the store may have closed the stream. */
    private static final java.time.Duration PARKED_FOR = java.time.Duration.ofSeconds(20);

    private static void pause(java.time.Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** This instance's lease owner: its own database session, so its leases die with it (see LeaseOwner). */
    private String owner() {
        return repository.leaseOwner();
    }
}

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
import dev.s3batch.planner.manifest.CsvManifestReader;
import dev.s3batch.planner.manifest.ManifestException;
import dev.s3batch.planner.manifest.ManifestSource;
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
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    private final ManifestSource manifests;
    private final TaskBatchPublisher publisher;
    private final PlannerConfig config;
    private final String owner = "planner-" + UUID.randomUUID();
    private final WorkLoop loop;
    private final DatasourceConfig datasource;
    private final Vertx vertx;
    private PgSubscriber subscriber;

    public JobPlanner(PlannerRepository repository, ManifestSource manifests, TaskBatchPublisher publisher, PlannerConfig config,
            DatasourceConfig datasource, Vertx vertx) {
        this.repository = repository;
        this.manifests = manifests;
        this.publisher = publisher;
        this.config = config;
        this.datasource = datasource;
        this.vertx = vertx;
        this.loop = new WorkLoop("planner", config.idlePoll(), this::step);
    }

    void start(@Observes StartupEvent event) {
        // any job moving may mean planner work: a job to prepare, a Ready one to admit, a slot freed
        subscriber = PgWakeups.listen(vertx, datasource.reactiveUrl(), datasource.username(), datasource.password(),
                Map.of(PgWakeups.JOBS, loop::wake));
        loop.start(config.threads());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop(Duration.ofSeconds(10));
        subscriber.close();
    }

    /** One round: admit what may start, then work on one claimed job; true when a job was worked on. */
    private boolean step() {
        repository.admit(config.maxActiveJobs(), config.maxActiveJobsPerAccount());
        var claimed = repository.claim(owner, config.lease());
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
            repository.fail(job.jobId(), owner, job.status(), new JobFailure(e.failureCode(), e.getMessage()));
        } catch (IOException e) {
            LOG.warnf("job %s: manifest read interrupted (%s); it will be retried", job.jobId(), e.getMessage());
            repository.release(job.jobId(), owner);
        }
    }

    private void prepare(PlannedJob job) throws ManifestException, IOException {
        var manifest = job.spec().manifest();
        String etag = manifests.pinnedEtag(manifest, job.spec().roleArn());
        manifests.checkReportBucket(job.spec().report(), job.spec().roleArn());
        long tasks = 0;
        try (InputStream in = manifests.open(manifest, job.spec().roleArn(), etag, 0)) {
            CsvManifestReader reader = new CsvManifestReader(in, manifest.fields(), 0);
            while (reader.next() != null) {
                tasks++;
            }
        }
        repository.prepared(job.jobId(), owner, tasks, etag, job.spec().confirmationRequired());
        LOG.infof("job %s prepared: %d tasks", job.jobId(), tasks);
    }

    private void expand(PlannedJob job) throws ManifestException, IOException {
        var spec = job.spec();
        PriorityTier tier = PriorityTier.of(spec.priority(), config.highTierFrom(), config.normalTierFrom());
        long seq = job.nextSeq();
        Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        try (InputStream in = manifests.open(spec.manifest(), spec.roleArn(), job.manifestEtag(), job.offset())) {
            CsvManifestReader reader = new CsvManifestReader(in, spec.manifest().fields(), job.offset());
            int sinceCheckpoint = 0;
            for (List<TaskRef> tasks; !(tasks = reader.nextBatch(config.batchSize())).isEmpty(); seq++) {
                inFlight.add(publisher.send(new TaskBatch(job.jobId(), seq, spec.roleArn(), spec.operation(), tasks), tier)
                        .subscribeAsCompletionStage());
                while (inFlight.size() >= config.maxInFlight()) {
                    inFlight.poll().join();
                }
                if (++sinceCheckpoint >= config.checkpointEvery()) {
                    drain(inFlight);
                    if (!repository.checkpoint(job.jobId(), owner, seq + 1, reader.offset(), config.lease()) || !loop.running()) {
                        LOG.infof("job %s: stopped expanding at batch %d (no longer Active, or lease lost, or shutting down)", job.jobId(), seq + 1);
                        return;
                    }
                    sinceCheckpoint = 0;
                }
            }
            drain(inFlight);
            repository.planned(job.jobId(), owner, seq, reader.offset());
            LOG.infof("job %s expanded into %d batches on %s", job.jobId(), seq, tier.topic());
        }
    }

    private static void drain(Deque<CompletableFuture<Void>> inFlight) {
        while (!inFlight.isEmpty()) {
            inFlight.poll().join();
        }
    }

}

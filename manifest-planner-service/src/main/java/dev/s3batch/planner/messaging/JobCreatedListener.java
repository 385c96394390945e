package dev.s3batch.planner.messaging;

import dev.s3batch.model.event.JobCreated;
import dev.s3batch.model.job.JobStatus;
import dev.s3batch.model.store.JobTransitions;
import dev.s3batch.model.store.Retries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes a new job into Preparing. The work itself (counting the manifest) is done by {@code JobPlanner} threads that
 * find Preparing jobs in the database, so a long manifest never holds up the Kafka consumer. Redelivery is harmless:
 * the compare-and-set only moves a job that is still New.
 */
@ApplicationScoped
public class JobCreatedListener {
    private final Pool pool;

    public JobCreatedListener(Pool pool) {
        this.pool = pool;
    }

    @Incoming("jobs")
    public Uni<Void> onJobCreated(JobCreated event) {
        return Retries.untilDone(pool.withTransaction(tx ->
                        JobTransitions.move(tx, event.jobId(), JobStatus.NEW, JobStatus.PREPARING, null, null)))
                .replaceWithVoid();
    }
}

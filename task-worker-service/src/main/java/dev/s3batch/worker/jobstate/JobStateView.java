package dev.s3batch.worker.jobstate;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** The worker's view of job state, consulted before each batch and each task. */
@FunctionalInterface
public interface JobStateView {
    Uni<JobState> state(UUID jobId);

    /** Every job runs, at priority 0: for tests of the executor alone. */
    JobStateView ALWAYS_RUN = jobId -> Uni.createFrom().item(JobState.UNKNOWN);
}

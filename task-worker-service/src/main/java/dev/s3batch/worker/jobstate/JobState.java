package dev.s3batch.worker.jobstate;

import dev.s3batch.model.job.JobStatus;
import java.util.EnumSet;
import java.util.Set;

/** What a worker needs to know of a job before it starts a task: its status and its current priority. */
public record JobState(JobStatus status, int priority) {
    /**
     * Statuses whose remaining tasks are skipped. All of them lead only to a terminal status, so a state read a moment
     * ago can make a worker run a few tasks too many, never skip one that should run. Pausing and Paused jobs still run
     * the batches already queued (the planner stops publishing more; see the planner README).
     */
    private static final Set<JobStatus> WINDING_DOWN = EnumSet.of(JobStatus.CANCELLING, JobStatus.CANCELLED,
            JobStatus.FAILING, JobStatus.FAILED, JobStatus.COMPLETING, JobStatus.COMPLETE);

    /** A job the worker knows nothing about (no row, or the database could not be read yet): its tasks run. */
    public static final JobState UNKNOWN = new JobState(JobStatus.ACTIVE, 0);

    public boolean runsTasks() {
        return !WINDING_DOWN.contains(status);
    }
}

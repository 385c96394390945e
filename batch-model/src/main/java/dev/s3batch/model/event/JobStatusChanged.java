package dev.s3batch.model.event;

import dev.s3batch.model.job.JobFailure;
import dev.s3batch.model.job.JobStatus;
import java.util.List;
import java.util.UUID;

/**
 * A job moved from one status to another, with its counters at that moment. The data of a CloudEvent on
 * {@link Topics#JOB_STATUS}.
 */
public record JobStatusChanged(UUID jobId, String accountId, JobStatus from, JobStatus to, String reason,
        List<JobFailure> failureReasons, JobProgress progress) {
    public JobStatusChanged {
        failureReasons = failureReasons == null ? List.of() : List.copyOf(failureReasons);
    }

    /** The CloudEvents {@code type} of this event. */
    public static final String TYPE = "dev.s3batch.job.status-changed.v1";
}

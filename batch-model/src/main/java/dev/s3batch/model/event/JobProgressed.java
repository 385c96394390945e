package dev.s3batch.model.event;

import dev.s3batch.model.job.JobStatus;
import java.util.UUID;

/**
 * A job's counters moved while it runs: published at most every few seconds per job (report service,
 * {@code s3batch.report.progress-interval}), so a subscriber follows progress without polling DescribeJob. The data of
 * a CloudEvent on {@link Topics#JOB_STATUS}, beside {@link JobStatusChanged}.
 */
public record JobProgressed(UUID jobId, String accountId, JobStatus status, JobProgress progress) {
    /** The CloudEvents {@code type} of this event. */
    public static final String TYPE = "dev.s3batch.job.progress.v1";
}

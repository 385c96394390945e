package dev.s3batch.api.service;

import dev.s3batch.model.job.GeneratedManifest;
import dev.s3batch.model.job.JobFailure;
import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job as DescribeJob shows it, in canonical terms; each dialect renders it.
 *
 * @param priority the current priority (UpdateJobPriority changes it; {@code spec} keeps the one it was created with)
 * @param totalTasks null until the manifest has been counted
 * @param elapsedActiveSeconds -1 when the job has never been Active
 * @param generatedManifest the manifest its generator wrote, or null
 */
public record JobView(UUID jobId, JobStatus status, int priority, JobSpec spec, Instant createdAt, Instant terminatedAt,
        Instant suspendedAt, String statusUpdateReason, List<JobFailure> failureReasons, Long totalTasks,
        long succeeded, long failed, long elapsedActiveSeconds, GeneratedManifest generatedManifest) {
}

package dev.s3batch.planner.repository;

import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.JobStatus;
import java.util.UUID;

/** A job a planner thread has claimed, with its checkpoint. */
public record PlannedJob(UUID jobId, JobStatus status, JobSpec spec, String manifestEtag, long nextSeq, long offset,
        Long totalTasks) {
}

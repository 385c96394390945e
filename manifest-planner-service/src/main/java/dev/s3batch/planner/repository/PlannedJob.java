package dev.s3batch.planner.repository;

import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.JobStatus;
import java.util.UUID;

/**
 * A job a planner thread has claimed, with its checkpoint (the next batch number and the manifest cursor), its current priority (UpdateJobPriority changes it; the spec
 * keeps the priority it was created with), how many of its batches have been accounted, and the trace it was created
 * in (W3C traceparent; null: none), which its batches are published within.
 */
public record PlannedJob(UUID jobId, JobStatus status, JobSpec spec, String manifestEtag, long nextSeq, String cursor,
        Long totalTasks, int priority, long batchesAccounted, String traceParent) {
}

package dev.s3batch.model.event;

import dev.s3batch.model.job.JobSpec;
import java.time.Instant;
import java.util.UUID;

/** A job was accepted and stored (status New). Published through the outbox on {@link Topics#JOBS}. */
public record JobCreated(UUID jobId, Instant createdAt, JobSpec spec) {
}

package dev.s3batch.model.event;

import dev.s3batch.model.job.Operation;
import java.util.List;
import java.util.UUID;

/**
 * A slice of a job's manifest for a worker to run: batch {@code seq} (0, 1, 2, … in manifest order, deterministic, so a
 * re-published batch carries the same seq and is accounted once). Published on the tier topic of the job's priority,
 * keyed by {@link #batchId()}.
 */
public record TaskBatch(UUID jobId, long seq, String roleArn, Operation operation, List<TaskRef> tasks) {
    public TaskBatch {
        tasks = List.copyOf(tasks);
    }

    public String batchId() {
        return jobId + "/" + seq;
    }
}

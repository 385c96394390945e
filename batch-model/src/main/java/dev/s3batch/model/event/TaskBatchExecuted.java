package dev.s3batch.model.event;

import java.util.List;
import java.util.UUID;

/**
 * A worker ran batch {@code seq}: one result per task that ran, in the batch's order, and how many tasks it
 * {@code skipped} because the job was winding down (cancelled or failing) when their turn came. A skipped task is neither
 * run nor counted. On {@link Topics#OUTCOMES}.
 */
public record TaskBatchExecuted(UUID jobId, long seq, List<TaskResult> results, int skipped) {
    public TaskBatchExecuted {
        results = List.copyOf(results);
    }

    /** Every task ran. */
    public TaskBatchExecuted(UUID jobId, long seq, List<TaskResult> results) {
        this(jobId, seq, results, 0);
    }

    public long succeeded() {
        return results.stream().filter(TaskResult::succeeded).count();
    }

    public long failed() {
        return results.size() - succeeded();
    }
}

package dev.s3batch.model.event;

import java.util.List;
import java.util.UUID;

/** A worker ran every task of batch {@code seq}; one result per task, in the batch's order. On {@link Topics#OUTCOMES}. */
public record TaskBatchExecuted(UUID jobId, long seq, List<TaskResult> results) {
    public TaskBatchExecuted {
        results = List.copyOf(results);
    }

    public long succeeded() {
        return results.stream().filter(TaskResult::succeeded).count();
    }

    public long failed() {
        return results.size() - succeeded();
    }
}

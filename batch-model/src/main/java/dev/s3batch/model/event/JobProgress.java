package dev.s3batch.model.event;

/**
 * How far a job has got: its task count (null until Preparing has counted the manifest), the tasks that succeeded and
 * failed so far, and the seconds it has spent Active. Carried by every {@link JobStatusChanged} and {@link JobProgressed}.
 */
public record JobProgress(Long totalTasks, long tasksSucceeded, long tasksFailed, long elapsedActiveSeconds) {
}

package dev.s3batch.model.job;

/** Which tasks the completion report lists. */
public enum ReportScope {
    ALL_TASKS, FAILED_TASKS_ONLY
}

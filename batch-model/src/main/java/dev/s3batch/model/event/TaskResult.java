package dev.s3batch.model.event;

/**
 * The outcome of one task: the HTTP status of the S3 call (or of the rejection); on failure an error code and message;
 * on success, the operation's result message when it has one (a copy's destination), null otherwise.
 */
public record TaskResult(String bucket, String key, String versionId, int httpStatus, String errorCode, String message) {

    /**
     * A task succeeded when it has no error code and a 2xx status: a failure can carry a 200 (a LambdaInvoke function
     * that answered HTTP 200 with PermanentFailure, as AWS reports it).
     */
    public boolean succeeded() {
        return errorCode == null && httpStatus >= 200 && httpStatus < 300;
    }

    public static TaskResult success(TaskRef task, int httpStatus) {
        return success(task, httpStatus, null);
    }

    public static TaskResult success(TaskRef task, int httpStatus, String message) {
        return new TaskResult(task.bucket(), task.key(), task.versionId(), httpStatus, null, message);
    }

    public static TaskResult failure(TaskRef task, int httpStatus, String errorCode, String message) {
        return new TaskResult(task.bucket(), task.key(), task.versionId(), httpStatus, errorCode, message);
    }
}

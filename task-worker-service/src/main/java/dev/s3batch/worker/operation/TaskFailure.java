package dev.s3batch.worker.operation;

/**
 * A task that fails by s3batch's own check rather than a store's answer (a copy whose source does not meet the job's
 * ModifiedSinceConstraint, a key the prefix rules cannot map): its status, code and message go to the report as they
 * are, and it is not retried.
 */
public final class TaskFailure extends RuntimeException {
    private final int httpStatus;
    private final String code;

    public TaskFailure(int httpStatus, String code, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }
}

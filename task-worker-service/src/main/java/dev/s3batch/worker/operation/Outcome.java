package dev.s3batch.worker.operation;

/**
 * What one operation did to one object: the HTTP status of its success and, when the operation has a result to
 * report (a copy's destination, a checksum), a message for the report's {@code ResultMessage}.
 */
public record Outcome(int httpStatus, String message) {

    public static Outcome of(int httpStatus) {
        return new Outcome(httpStatus, null);
    }
}

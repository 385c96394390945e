package dev.s3batch.planner.manifest;

/** The manifest, or the report destination, cannot be used: the job fails with {@code failureCode} and the message in FailureReasons. */
public class ManifestException extends Exception {
    private final String failureCode;

    public ManifestException(String failureCode, String message) {
        super(message);
        this.failureCode = failureCode;
    }

    public String failureCode() {
        return failureCode;
    }
}

package dev.s3batch.worker.service;

import dev.s3batch.model.store.StoreErrors;
import io.minio.errors.ErrorResponseException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What an S3 call's failure means for the task: its HTTP status, error code, message, and whether a retry may help.
 * Messages are the store's own, or a sentence of ours; never a Java class name.
 */
public record S3Failure(int httpStatus, String code, String message, boolean transientFailure) {
    public static S3Failure of(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof ErrorResponseException s3) {
            int status = s3.response() != null ? s3.response().code() : 0;
            String code = s3.errorResponse().code();
            String message = s3.errorResponse().message();
            boolean retry = StoreErrors.retryable(status, code);
            return new S3Failure(status, code, message == null || message.isBlank() ? code : message, retry);
        }
        if (e instanceof dev.s3batch.worker.operation.TaskFailure own) {
            return new S3Failure(own.httpStatus(), own.code(), own.getMessage(), false);
        }
        if (e instanceof io.minio.errors.ServerException server) {
            // a 5xx without an S3 error document (a proxy, a load balancer in front of the store)
            int status = server.statusCode();
            return new S3Failure(status, status == 503 ? "SlowDown" : "InternalError", // S3 answers 503 to slow clients down
                    "The store answered HTTP " + status + " without an error document.", StoreErrors.retryable(status, null));
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return new S3Failure(503, "RequestTimeout", "The store did not answer in time.", true);
        }
        if (e instanceof IOException) {
            // connection resets and refused connections
            return new S3Failure(503, "ServiceUnavailable", "The connection to the store failed"
                    + (e.getMessage() == null ? "." : ": " + e.getMessage()), true);
        }
        if (e instanceof IllegalArgumentException) {
            // the S3 client refuses a bucket name or key no store would take (the manifest row's fault, not ours)
            return new S3Failure(400, "InvalidArgument", e.getMessage() == null ? "The bucket or key is not valid." : e.getMessage(), false);
        }
        return UNEXPECTED;
    }

    /** A failure none of the above explains (a defect of ours): reported as an internal error, logged by the caller. */
    public static final S3Failure UNEXPECTED = new S3Failure(500, "InternalError", "The task failed with an internal error.", false);

    /** Whether this is {@link #UNEXPECTED}. */
    public boolean unexpected() {
        return this == UNEXPECTED;
    }

    /** The store asks to slow down: 503 SlowDown, or a bare 503. */
    public boolean slowDown() {
        return "SlowDown".equals(code);
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}

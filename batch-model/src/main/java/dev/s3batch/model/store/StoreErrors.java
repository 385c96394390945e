package dev.s3batch.model.store;

import java.util.Set;

/**
 * Which answers of an S3 store a retry may fix — one rule for every service that talks to the store (the planner
 * reading manifests, the workers running tasks, the report service writing reports).
 */
public final class StoreErrors {
    /** Error codes S3 documents as transient, whatever the status they come with. */
    public static final Set<String> RETRYABLE_CODES = Set.of("SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout",
            "RequestTimeTooSkewed", "OperationAborted");

    private StoreErrors() {
    }

    /**
     * Whether a retry may help: a 500, 502, 503 or 504 (not 501 NotImplemented, which no retry changes), or a transient
     * code. {@code code} may be null (an answer without an error document).
     */
    public static boolean retryable(int httpStatus, String code) {
        return httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504
                || (code != null && RETRYABLE_CODES.contains(code));
    }
}

package dev.s3batch.api.dialect;

/** A request failure to answer with the dialect's own error document. The message is safe to show the caller. */
public class ApiException extends RuntimeException {
    private final ApiError error;

    public ApiException(ApiError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }

    public static ApiException invalid(String message) {
        return new ApiException(ApiError.INVALID_ARGUMENT, message);
    }

    /** A required element or parameter the request does not have. */
    public static ApiException missing(String field) {
        return invalid("The request is missing " + field + ".");
    }

    public static ApiException malformed(String message) {
        return new ApiException(ApiError.MALFORMED_BODY, message);
    }
}

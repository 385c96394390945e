package dev.s3batch.api.dialect;

/** The HTTP status of each error, and the error codes OSS and COS share (they name errors alike). */
public final class ErrorCodes {
    private ErrorCodes() {
    }

    public static int status(ApiError error) {
        return switch (error) {
            case MALFORMED_BODY, INVALID_ARGUMENT, INVALID_REQUEST, IDEMPOTENCY_CONFLICT, JOB_STATUS_CONFLICT,
                    INVALID_NEXT_TOKEN, TOO_MANY_TAGS, BAD_DIGEST, HEADERS_TOO_LARGE, MALFORMED_URL, REQUEST_TIMEOUT -> 400;
            case ACCESS_DENIED, SIGNATURE_MISMATCH, INVALID_ACCESS_KEY, REQUEST_TIME_SKEWED -> 403;
            case NO_SUCH_JOB, NO_SUCH_RESOURCE -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case ENTITY_TOO_LARGE -> 413;
            case URI_TOO_LONG -> 414;
            case NOT_IMPLEMENTED -> 501;
            case INTERNAL -> 500;
        };
    }

    /** The code OSS and COS give an error. */
    public static String storageCode(ApiError error) {
        return switch (error) {
            case MALFORMED_BODY -> "MalformedXML";
            case INVALID_ARGUMENT, INVALID_NEXT_TOKEN, TOO_MANY_TAGS -> "InvalidArgument";
            case INVALID_REQUEST, IDEMPOTENCY_CONFLICT, JOB_STATUS_CONFLICT -> "InvalidRequest";
            case ACCESS_DENIED -> "AccessDenied";
            case SIGNATURE_MISMATCH -> "SignatureDoesNotMatch";
            case BAD_DIGEST -> "InvalidDigest";
            case INVALID_ACCESS_KEY -> "InvalidAccessKeyId";
            case REQUEST_TIME_SKEWED -> "RequestTimeTooSkewed";
            case NO_SUCH_JOB -> "NoSuchJob";
            case NO_SUCH_RESOURCE -> "NoSuchResource";
            case METHOD_NOT_ALLOWED -> "MethodNotAllowed";
            case ENTITY_TOO_LARGE -> "EntityTooLarge";
            case URI_TOO_LONG -> "RequestURITooLong";
            case HEADERS_TOO_LARGE -> "RequestHeaderSectionTooLarge";
            case MALFORMED_URL -> "InvalidURI";
            case REQUEST_TIMEOUT -> "RequestTimeout";
            case NOT_IMPLEMENTED -> "NotImplemented";
            case INTERNAL -> "InternalError";
        };
    }
}

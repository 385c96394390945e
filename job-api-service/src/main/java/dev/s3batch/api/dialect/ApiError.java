package dev.s3batch.api.dialect;

/** What went wrong with a request, independent of dialect; each dialect renders it with its own code and document. */
public enum ApiError {
    /** The body is not well-formed XML, or not the expected document. */
    MALFORMED_BODY,
    /** A field is missing or has a value outside what the API accepts. */
    INVALID_ARGUMENT,
    /** The request is well-formed but cannot be done, e.g. a ClientRequestToken reused for another request. */
    INVALID_REQUEST,
    /** The same ClientRequestToken was sent before with a different request. */
    IDEMPOTENCY_CONFLICT,
    /** The job's status does not allow the requested status change. */
    JOB_STATUS_CONFLICT,
    /** A pagination token that this service did not hand out. */
    INVALID_NEXT_TOKEN,
    /** More tags than a job may carry. */
    TOO_MANY_TAGS,
    /** The request is not signed, or the signing account may not act as the account the request names. */
    ACCESS_DENIED,
    /** A body digest the client sent (Content-MD5, x-oss-content-sha256) is not the digest of the body received. */
    BAD_DIGEST,
    /** The signature does not match the request. */
    SIGNATURE_MISMATCH,
    /** No account has the access key the request was signed with. */
    INVALID_ACCESS_KEY,
    /** The request's signing time is too far from the server's clock, or its validity window is over. */
    REQUEST_TIME_SKEWED,
    /** No such job for this account. */
    NO_SUCH_JOB,
    /** No operation of the API lives at this path. */
    NO_SUCH_RESOURCE,
    /** The path exists, but not with this HTTP method. */
    METHOD_NOT_ALLOWED,
    /** The request body is larger than the limit. */
    ENTITY_TOO_LARGE,
    /** The request line is longer than the limit. */
    URI_TOO_LONG,
    /** The request's headers are larger than the limit. */
    HEADERS_TOO_LARGE,
    /** The URL cannot be parsed (a bad percent-escape, a malformed request line). */
    MALFORMED_URL,
    /** The request (its body) did not arrive within the read timeout. */
    REQUEST_TIMEOUT,
    /** A valid request for something s3batch does not do yet. */
    NOT_IMPLEMENTED,
    /** An unexpected failure on our side. */
    INTERNAL
}

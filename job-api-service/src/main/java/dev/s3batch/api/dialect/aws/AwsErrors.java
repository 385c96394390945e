package dev.s3batch.api.dialect.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.XmlBodies;
import jakarta.ws.rs.core.Response;

/**
 * The S3 Control error envelope, {@code <ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse>}:
 * the AWS SDK for Java reads only this form, and maps codes that equal a modelled exception name to that exception.
 */
public final class AwsErrors {
    private AwsErrors() {
    }

    public static Response render(ApiError error, String message, String requestId) {
        record Kind(int status, String code) {
        }
        Kind k = switch (error) {
            case MALFORMED_BODY, INVALID_ARGUMENT -> new Kind(400, "BadRequestException");
            case INVALID_REQUEST -> new Kind(400, "InvalidRequestException");
            case IDEMPOTENCY_CONFLICT -> new Kind(400, "IdempotencyException");
            case JOB_STATUS_CONFLICT -> new Kind(400, "JobStatusException");
            case INVALID_NEXT_TOKEN -> new Kind(400, "InvalidNextTokenException");
            case TOO_MANY_TAGS -> new Kind(400, "TooManyTagsException");
            case ACCESS_DENIED -> new Kind(403, "AccessDenied");
            case SIGNATURE_MISMATCH -> new Kind(403, "SignatureDoesNotMatch");
            case INVALID_ACCESS_KEY -> new Kind(403, "InvalidAccessKeyId");
            case REQUEST_TIME_SKEWED -> new Kind(403, "RequestTimeTooSkewed");
            case NO_SUCH_JOB -> new Kind(404, "NotFoundException");
            case NOT_IMPLEMENTED -> new Kind(501, "NotImplemented");
            case INTERNAL -> new Kind(500, "InternalServiceException");
        };
        ObjectNode root = XmlBodies.object();
        root.putObject("Error").put("Code", k.code()).put("Message", message);
        root.put("RequestId", requestId);
        return Response.status(k.status()).type("application/xml").header("x-amz-request-id", requestId)
                .entity(XmlBodies.write("ErrorResponse", root)).build();
    }
}

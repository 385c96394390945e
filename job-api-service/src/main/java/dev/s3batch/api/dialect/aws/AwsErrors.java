package dev.s3batch.api.dialect.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ErrorCodes;
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
        String code = switch (error) {
            case MALFORMED_BODY, INVALID_ARGUMENT, BAD_DIGEST, MALFORMED_URL, HEADERS_TOO_LARGE, REQUEST_TIMEOUT -> "BadRequestException";
            case INVALID_REQUEST -> "InvalidRequestException";
            case IDEMPOTENCY_CONFLICT -> "IdempotencyException";
            case JOB_STATUS_CONFLICT -> "JobStatusException";
            case INVALID_NEXT_TOKEN -> "InvalidNextTokenException";
            case TOO_MANY_TAGS -> "TooManyTagsException";
            case NO_SUCH_JOB, NO_SUCH_RESOURCE -> "NotFoundException";
            case INTERNAL -> "InternalServiceException";
            case ACCESS_DENIED, SIGNATURE_MISMATCH, INVALID_ACCESS_KEY, REQUEST_TIME_SKEWED, NOT_IMPLEMENTED, METHOD_NOT_ALLOWED,
                    ENTITY_TOO_LARGE, URI_TOO_LONG ->
                    ErrorCodes.storageCode(error);
        };
        ObjectNode root = XmlBodies.object();
        root.putObject("Error").put("Code", code).put("Message", message);
        root.put("RequestId", requestId);
        return Response.status(ErrorCodes.status(error)).type("application/xml").header("x-amz-request-id", requestId)
                .entity(XmlBodies.write("ErrorResponse", root)).build();
    }
}

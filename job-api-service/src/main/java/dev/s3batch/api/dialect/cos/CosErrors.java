package dev.s3batch.api.dialect.cos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.XmlBodies;
import jakarta.ws.rs.core.Response;

/** The COS error document, {@code <Error><Code/><Message/><Resource/><RequestId/><TraceId/></Error>}, with COS's codes. */
public final class CosErrors {
    private CosErrors() {
    }

    public static Response render(ApiError error, String message, String resource, String requestId) {
        int status = switch (error) {
            case MALFORMED_BODY, INVALID_ARGUMENT, INVALID_REQUEST, IDEMPOTENCY_CONFLICT, JOB_STATUS_CONFLICT,
                    INVALID_NEXT_TOKEN, TOO_MANY_TAGS -> 400;
            case ACCESS_DENIED, SIGNATURE_MISMATCH, INVALID_ACCESS_KEY, REQUEST_TIME_SKEWED -> 403;
            case NO_SUCH_JOB -> 404;
            case NOT_IMPLEMENTED -> 501;
            case INTERNAL -> 500;
        };
        String code = switch (error) {
            case MALFORMED_BODY -> "MalformedXML";
            case INVALID_ARGUMENT, INVALID_NEXT_TOKEN, TOO_MANY_TAGS -> "InvalidArgument";
            case INVALID_REQUEST, IDEMPOTENCY_CONFLICT, JOB_STATUS_CONFLICT -> "InvalidRequest";
            case ACCESS_DENIED -> "AccessDenied";
            case SIGNATURE_MISMATCH -> "SignatureDoesNotMatch";
            case INVALID_ACCESS_KEY -> "InvalidAccessKeyId";
            case REQUEST_TIME_SKEWED -> "RequestTimeTooSkewed";
            case NO_SUCH_JOB -> "NoSuchJob";
            case NOT_IMPLEMENTED -> "NotImplemented";
            case INTERNAL -> "InternalError";
        };
        ObjectNode body = XmlBodies.object();
        body.put("Code", code);
        body.put("Message", message);
        body.put("Resource", resource);
        body.put("RequestId", requestId);
        body.put("TraceId", requestId);
        return Response.status(status).type("application/xml").header("x-cos-request-id", requestId)
                .entity(XmlBodies.write("Error", body)).build();
    }
}

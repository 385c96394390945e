package dev.s3batch.api.dialect.oss;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.XmlBodies;
import jakarta.ws.rs.core.Response;

/** The OSS error document: {@code <Error><Code/><Message/><RequestId/><HostId/><EC/></Error>}. */
public final class OssErrors {
    private OssErrors() {
    }

    public static Response render(ApiError error, String message, String requestId, String host) {
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
        body.put("RequestId", requestId);
        body.put("HostId", host == null ? "" : host);
        // EC: OSS's numeric error class; 0017 is the batch-job service.
        body.put("EC", "0017-0000" + status);
        return Response.status(status).type("application/xml").header("x-oss-request-id", requestId)
                .entity(XmlBodies.write("Error", body)).build();
    }
}

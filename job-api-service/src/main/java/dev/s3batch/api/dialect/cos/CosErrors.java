package dev.s3batch.api.dialect.cos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ErrorCodes;
import dev.s3batch.api.dialect.XmlBodies;
import jakarta.ws.rs.core.Response;

/** The COS error document, {@code <Error><Code/><Message/><Resource/><RequestId/><TraceId/></Error>}, with COS's codes. */
public final class CosErrors {
    private CosErrors() {
    }

    public static Response render(ApiError error, String message, String resource, String requestId) {
        int status = ErrorCodes.status(error);
        String code = ErrorCodes.storageCode(error);
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

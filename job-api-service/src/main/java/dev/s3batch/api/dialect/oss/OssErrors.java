package dev.s3batch.api.dialect.oss;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ErrorCodes;
import dev.s3batch.api.dialect.XmlBodies;
import jakarta.ws.rs.core.Response;

/** The OSS error document: {@code <Error><Code/><Message/><RequestId/><HostId/><EC/></Error>}. */
public final class OssErrors {
    private OssErrors() {
    }

    public static Response render(ApiError error, String message, String requestId, String host) {
        int status = ErrorCodes.status(error);
        String code = ErrorCodes.storageCode(error);
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

package dev.s3batch.api.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** {@code /console} without its slash: to the console's page ({@code /console/}, served from META-INF/resources). */
@Path("/console")
public class ConsolePages {
    @GET
    public Response console() {
        return Response.seeOther(URI.create("/console/")).build();
    }
}

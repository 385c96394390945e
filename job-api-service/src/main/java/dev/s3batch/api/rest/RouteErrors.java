package dev.s3batch.api.rest;

import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.aws.AwsErrors;
import dev.s3batch.api.dialect.cos.CosErrors;
import dev.s3batch.api.dialect.oss.OssErrors;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Requests that match no operation — an unknown path, or a known path with another HTTP method — get the error document
 * of the dialect the path belongs to ({@code /v20180820/…} AWS, {@code /jobs…} COS, anything else OSS), never an empty
 * or HTML body: 404 {@code NoSuchResource} (AWS {@code NotFoundException}), 405 {@code MethodNotAllowed}, 413
 * {@code EntityTooLarge}.
 */
@ApplicationScoped
public class RouteErrors {

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri, HttpHeaders headers) {
        return render(uri.getPath(), headers.getHeaderString("Host"), ApiError.NO_SUCH_RESOURCE,
                "No operation of this API lives at this path.");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri, HttpHeaders headers) {
        return render(uri.getPath(), headers.getHeaderString("Host"), ApiError.METHOD_NOT_ALLOWED,
                "The specified method is not allowed against this resource.");
    }

    /**
     * Paths no resource class claims at all reach the router's last route; a body over the size limit fails the route
     * with 413 before any resource runs.
     */
    void lastRoute(@Observes Router router) {
        long maxBody = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", io.quarkus.runtime.configuration.MemorySize.class)
                .map(io.quarkus.runtime.configuration.MemorySize::asLongValue).orElse(10L << 20);
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > maxBody) {
                write(ctx, render(ctx.normalizedPath(), ctx.request().getHeader("Host"), ApiError.ENTITY_TOO_LARGE,
                        "Your proposed upload exceeds the maximum allowed size (" + maxBody + " bytes)."));
                return;
            }
            ctx.next();
        });
        router.route().last().handler(ctx -> {
            if (ctx.response().ended()) {
                return;
            }
            write(ctx, render(ctx.normalizedPath(), ctx.request().getHeader("Host"), ApiError.NO_SUCH_RESOURCE,
                    "No operation of this API lives at this path."));
        });
    }

    private static void write(io.vertx.ext.web.RoutingContext ctx, Response r) {
        ctx.response().setStatusCode(r.getStatus());
        r.getStringHeaders().forEach((name, values) -> ctx.response().putHeader(name, values));
        ctx.response().end(String.valueOf(r.getEntity()));
    }

    static Response render(String path, String host, ApiError error, String message) {
        String requestId = UUID.randomUUID().toString();
        String p = path == null ? "/" : path;
        if (p.startsWith("/v20180820")) {
            return AwsErrors.render(error, message, requestId);
        }
        if (p.startsWith("/jobs")) {
            return CosErrors.render(error, message, p, requestId);
        }
        return OssErrors.render(error, message, requestId, host);
    }
}

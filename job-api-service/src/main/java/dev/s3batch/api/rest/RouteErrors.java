package dev.s3batch.api.rest;

import dev.s3batch.api.config.ApiConfig;
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
 * Requests that match no operation — an unknown path, or a known path with another HTTP method — or that break a limit
 * get the error document of the dialect the path belongs to ({@code /v20180820/…} AWS, {@code /jobs…} COS, anything
 * else OSS), never an empty or HTML body: 404 {@code NoSuchResource} (AWS {@code NotFoundException}), 405
 * {@code MethodNotAllowed}, 413 {@code EntityTooLarge} (by Content-Length, or a chunked body over the limit), 414
 * {@code RequestURITooLong}, 400 {@code RequestHeaderSectionTooLarge}, {@code InvalidURI} and {@code RequestTimeout}
 * (a body that stops arriving; the connection is closed).
 */
@ApplicationScoped
public class RouteErrors {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RouteErrors.class);
    private final ApiConfig config;
    private final io.vertx.core.Vertx vertx;

    public RouteErrors(ApiConfig config, io.vertx.core.Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

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
     * The first route checks the limits before any resource runs (a body over the size limit by its Content-Length,
     * the URI, the headers) and starts the read timeout; failures of later routes (Quarkus's body handler failing a
     * chunked body over the limit with 413, an unparseable URL with 400) get the dialect's document; paths no resource
     * class claims at all reach the router's last route.
     */
    void lastRoute(@Observes Router router) {
        long maxBody = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", io.quarkus.runtime.configuration.MemorySize.class)
                .map(io.quarkus.runtime.configuration.MemorySize::asLongValue).orElse(10L << 20);
        String tooLarge = "Your proposed upload exceeds the maximum allowed size (" + maxBody + " bytes).";
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            var request = ctx.request();
            String length = request.getHeader("Content-Length");
            if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > maxBody) {
                answer(ctx, ApiError.ENTITY_TOO_LARGE, tooLarge);
                return;
            }
            if (request.uri().length() > config.maxUriLength()) {
                answer(ctx, ApiError.URI_TOO_LONG, "The request URI is longer than " + config.maxUriLength() + " characters.");
                return;
            }
            try {
                new java.net.URI(request.uri()); // what Quarkus checks when vertx.disableURIValidation is not set
            } catch (java.net.URISyntaxException e) {
                answer(ctx, ApiError.MALFORMED_URL, MALFORMED_URL);
                return;
            }
            long headerBytes = 0;
            for (var h : request.headers()) {
                headerBytes += h.getKey().length() + h.getValue().length() + 4;
            }
            if (headerBytes > config.maxHeaderBytes()) {
                answer(ctx, ApiError.HEADERS_TOO_LARGE, "Your request's headers exceed " + config.maxHeaderBytes() + " bytes.");
                return;
            }
            if (!request.isEnded()) {
                long timer = vertx.setTimer(config.requestReadTimeout().toMillis(), id -> {
                    if (!request.isEnded() && !ctx.response().ended()) {
                        ctx.response().putHeader("Connection", "close");
                        answer(ctx, ApiError.REQUEST_TIMEOUT, "Your socket connection to the server was not read from within the timeout period.")
                                .onComplete(done -> request.connection().close());
                    }
                });
                ctx.addEndHandler(v -> vertx.cancelTimer(timer));
            }
            ctx.next();
        });
        // a path that cannot be decoded (/%ZZ) matches no route, its failure reaches the router's error handler
        router.errorHandler(400, ctx -> {
            if (!ctx.response().ended()) {
                answer(ctx, ApiError.MALFORMED_URL, MALFORMED_URL);
            }
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.response().ended()) {
                return;
            }
            ApiError error = switch (ctx.statusCode()) {
                case 413 -> ApiError.ENTITY_TOO_LARGE;
                case 414 -> ApiError.URI_TOO_LONG;
                case 400 -> ApiError.MALFORMED_URL;
                default -> ApiError.INTERNAL;
            };
            if (error == ApiError.INTERNAL) {
                write(ctx, internal(path(ctx), ctx.request().getHeader("Host"), ctx.failure()));
                return;
            }
            answer(ctx, error, switch (error) {
                case ENTITY_TOO_LARGE -> tooLarge;
                case URI_TOO_LONG -> "The request URI is too long.";
                default -> MALFORMED_URL;
            });
        });
        router.route().last().handler(ctx -> {
            if (ctx.response().ended()) {
                return;
            }
            answer(ctx, ApiError.NO_SUCH_RESOURCE, "No operation of this API lives at this path.");
        });
    }

    private static final String MALFORMED_URL = "Couldn't parse the specified URI.";

    /**
     * A failure nothing else answered: logged at ERROR with the request id the client gets in its error document, so
     * an operator finds the cause from the id a user reports; the answer names no class.
     */
    static Response internal(String path, String host, Throwable failure) {
        String requestId = UUID.randomUUID().toString();
        LOG.errorf(failure, "request %s failed", requestId);
        return render(path, host, ApiError.INTERNAL, "We encountered an internal error. Please try again.", requestId);
    }

    /** Answers the request with the error document of its path's dialect. */
    private static io.vertx.core.Future<Void> answer(io.vertx.ext.web.RoutingContext ctx, ApiError error, String message) {
        return write(ctx, render(path(ctx), ctx.request().getHeader("Host"), error, message));
    }

    /** The request's path for choosing the dialect: the raw path, which a malformed escape cannot break. */
    private static String path(io.vertx.ext.web.RoutingContext ctx) {
        String p = ctx.request().path();
        return p == null ? "/" : p;
    }

    private static io.vertx.core.Future<Void> write(io.vertx.ext.web.RoutingContext ctx, Response r) {
        ctx.response().setStatusCode(r.getStatus());
        r.getStringHeaders().forEach((name, values) -> ctx.response().putHeader(name, values));
        return ctx.response().end(String.valueOf(r.getEntity()));
    }

    static Response render(String path, String host, ApiError error, String message) {
        return render(path, host, error, message, UUID.randomUUID().toString());
    }

    private static Response render(String path, String host, ApiError error, String message, String requestId) {
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

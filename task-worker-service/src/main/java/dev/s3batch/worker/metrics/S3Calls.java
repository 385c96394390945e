package dev.s3batch.worker.metrics;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Names each S3 request by its API call — from the method, the sub-resource in the query and the copy-source header —
 * records its latency and status ({@link WorkerMetrics#request}) and makes it a client span {@code S3.<call>} of the
 * trace current when the request was sent (the task's batch: {@code BatchExecutor} makes it current, the client's
 * dispatcher carries it to the thread that sends). An OkHttp interceptor on the client every store client shares.
 * The span names the bucket, never the key (nor anything of the request's signature).
 */
public final class S3Calls implements Interceptor {
    private final WorkerMetrics metrics;
    private final Tracer tracer;

    public S3Calls(WorkerMetrics metrics, OpenTelemetry otel) {
        this.metrics = metrics;
        this.tracer = otel.getTracer("dev.s3batch.worker.s3");
    }

    @Override
    public Response intercept(Chain chain) throws java.io.IOException {
        Request request = chain.request();
        String call = name(request.method(), request.url(), request.header("x-amz-copy-source") != null);
        HttpUrl url = request.url();
        var builder = tracer.spanBuilder("S3." + call).setSpanKind(SpanKind.CLIENT)
                .setAttribute("rpc.system", "aws-api").setAttribute("rpc.service", "S3").setAttribute("rpc.method", call)
                .setAttribute("http.request.method", request.method())
                .setAttribute("server.address", url.host()).setAttribute("server.port", (long) url.port());
        if (!url.pathSegments().get(0).isEmpty()) {
            builder.setAttribute("aws.s3.bucket", url.pathSegments().get(0)); // path-style: /bucket/key
        }
        Span span = builder.startSpan();
        long start = System.nanoTime();
        try (Scope ignored = span.makeCurrent()) {
            Response response = chain.proceed(request);
            metrics.request(call, response.code(), Duration.ofNanos(System.nanoTime() - start));
            span.setAttribute("http.response.status_code", (long) response.code());
            if (response.code() >= 400) {
                span.setStatus(StatusCode.ERROR);
            }
            return response;
        } catch (java.io.IOException | RuntimeException e) {
            metrics.request(call, 0, Duration.ofNanos(System.nanoTime() - start));
            span.setAttribute("error.type", e.getClass().getName());
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /** The S3 API call a request is: a fixed set of names, so the tag is bounded. */
    static String name(String method, HttpUrl url, boolean copySource) {
        boolean object = url.pathSegments().stream().filter(s -> !s.isEmpty()).count() > 1; // path-style: /bucket/key
        String sub = null;
        for (String q : new String[]{"tagging", "acl", "restore", "legal-hold", "retention", "uploads", "uploadId", "versions", "location"}) {
            if (url.queryParameter(q) != null || url.queryParameterNames().contains(q)) {
                sub = q;
                break;
            }
        }
        String suffix = sub == null ? "" : switch (sub) {
            case "tagging" -> "Tagging";
            case "acl" -> "Acl";
            case "restore" -> "Restore";
            case "legal-hold" -> "LegalHold";
            case "retention" -> "Retention";
            case "uploads" -> "CreateMultipartUpload";
            case "uploadId" -> "Multipart";
            case "versions" -> "Versions";
            default -> "Location";
        };
        if (suffix.equals("CreateMultipartUpload")) {
            return suffix;
        }
        if (suffix.equals("Multipart")) {
            return switch (method) {
                case "PUT" -> copySource ? "UploadPartCopy" : "UploadPart";
                case "POST" -> "CompleteMultipartUpload";
                case "DELETE" -> "AbortMultipartUpload";
                default -> "ListParts";
            };
        }
        if (suffix.equals("Restore")) {
            return "RestoreObject";
        }
        if (suffix.equals("Versions")) {
            return "ListObjectVersions";
        }
        if (suffix.equals("Location")) {
            return "GetBucketLocation";
        }
        String target = object ? "Object" : "Bucket";
        String verb = switch (method) {
            case "GET" -> "Get";
            case "PUT" -> "Put";
            case "DELETE" -> "Delete";
            case "HEAD" -> "Head";
            default -> "Post";
        };
        if (suffix.isEmpty()) {
            if (!object) {
                return method.equals("GET") ? "ListObjects" : verb + "Bucket";
            }
            return method.equals("PUT") && copySource ? "CopyObject" : verb + "Object";
        }
        return verb + target + suffix;
    }
}

package dev.s3batch.worker.metrics;

import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Names each S3 request by its API call — from the method, the sub-resource in the query and the copy-source header —
 * and records its latency and status ({@link WorkerMetrics#request}). An OkHttp interceptor on the client every store
 * client shares.
 */
public final class S3Calls implements Interceptor {
    private final WorkerMetrics metrics;

    public S3Calls(WorkerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Response intercept(Chain chain) throws java.io.IOException {
        Request request = chain.request();
        String call = name(request.method(), request.url(), request.header("x-amz-copy-source") != null);
        long start = System.nanoTime();
        try {
            Response response = chain.proceed(request);
            metrics.request(call, response.code(), Duration.ofNanos(System.nanoTime() - start));
            return response;
        } catch (java.io.IOException | RuntimeException e) {
            metrics.request(call, 0, Duration.ofNanos(System.nanoTime() - start));
            throw e;
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

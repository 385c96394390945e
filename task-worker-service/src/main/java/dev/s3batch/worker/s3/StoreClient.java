package dev.s3batch.worker.s3;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import io.minio.MinioAsyncClient;
import io.minio.http.Method;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import okhttp3.Headers;
import okhttp3.RequestBody;

/**
 * The MinIO client with the S3 calls it lacks — object and bucket ACLs, a CopyObject whose every header is the
 * caller's, RestoreObject with its answer's status, a PutObject streamed from another store's GET — sent through
 * MinIO's own signed request path, so they share its connection pool, region and error parsing (a store's error
 * document fails the future with {@link io.minio.errors.ErrorResponseException}).
 */
public class StoreClient extends MinioAsyncClient {
    private final String region;

    public StoreClient(MinioAsyncClient client, String region) {
        super(client);
        this.region = region;
    }

    /** A store's answer: status, headers and body (read whole: these answers are small XML documents). */
    public record Answer(int status, Headers headers, String body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    /**
     * Sends one signed request to {@code bucket}/{@code key} ({@code key} null: the bucket itself) and reads the whole
     * answer. {@code query} values may be empty ({@code ?acl}).
     */
    public CompletableFuture<Answer> send(Method method, String bucket, String key, Multimap<String, String> headers,
            Multimap<String, String> query, String body) {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return execute(method, bucket, key, headers, query, bytes, bytes == null ? 0 : bytes.length);
    }

    /**
     * Sends a bodiless PUT without the {@code Content-MD5} MinIO adds to every PUT: an UploadPartCopy carrying the
     * digest of its empty body is refused by Ceph RGW (400 BadDigest: it checks the digest against the copied range).
     */
    public CompletableFuture<Answer> sendWithoutDigest(Method method, String bucket, String key, Multimap<String, String> headers,
            Multimap<String, String> query) {
        return sendSigned(method, bucket, key, headers, query, RequestBody.create(new byte[0]), EMPTY_SHA256);
    }

    /**
     * Sends {@code length} bytes read from {@code body} as they come (a PutObject or UploadPart of an object streamed
     * from another store), signed with {@code UNSIGNED-PAYLOAD}: its digest cannot be known before it is sent. The
     * stream is read on the HTTP client's thread; a stream that ends early fails the request.
     */
    public CompletableFuture<Answer> sendStream(Method method, String bucket, String key, Multimap<String, String> headers,
            Multimap<String, String> query, java.io.InputStream body, long length) {
        return sendSigned(method, bucket, key, headers, query, new RequestBody() {
            @Override
            public okhttp3.MediaType contentType() {
                return null;
            }

            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(okio.BufferedSink sink) throws java.io.IOException {
                byte[] buffer = new byte[64 << 10];
                long left = length;
                while (left > 0) {
                    int n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new java.io.EOFException("the source ended " + left + " bytes early");
                    }
                    sink.write(buffer, 0, n);
                    left -= n;
                }
            }
        }, "UNSIGNED-PAYLOAD");
    }

    /** Builds and signs a request as MinIO would (its URL, its SigV4 signer, its connection pool), with this body and payload hash. */
    private CompletableFuture<Answer> sendSigned(Method method, String bucket, String key, Multimap<String, String> headers,
            Multimap<String, String> query, RequestBody body, String payloadHash) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        try {
            okhttp3.HttpUrl url = buildUrl(method, bucket, key, region, query);
            io.minio.credentials.Credentials credentials = provider.fetch();
            okhttp3.Request.Builder request = new okhttp3.Request.Builder().url(url).method(method.toString(), body);
            headers.forEach(request::addHeader);
            request.header("Host", url.port() == okhttp3.HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + url.port())
                    .header("x-amz-date", java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).format(AMZ_DATE))
                    .header("x-amz-content-sha256", payloadHash);
            if (credentials.sessionToken() != null) {
                request.header("X-Amz-Security-Token", credentials.sessionToken());
            }
            okhttp3.Request signed = io.minio.Signer.signV4S3(request.build(), region, credentials.accessKey(), credentials.secretKey(), payloadHash);
            httpClient.newCall(signed).enqueue(new okhttp3.Callback() {
                @Override
                public void onFailure(okhttp3.Call call, java.io.IOException e) {
                    answer.completeExceptionally(e);
                }

                @Override
                public void onResponse(okhttp3.Call call, okhttp3.Response response) {
                    try {
                        Answer read = read(response);
                        if (response.isSuccessful()) {
                            answer.complete(read);
                        } else if (read.body().contains("<Error>")) {
                            answer.completeExceptionally(new io.minio.errors.ErrorResponseException(
                                    io.minio.Xml.unmarshal(io.minio.messages.ErrorResponse.class, read.body()), response, null));
                        } else {
                            answer.completeExceptionally(new io.minio.errors.ServerException("HTTP " + response.code(), response.code(), null));
                        }
                    } catch (Exception e) {
                        answer.completeExceptionally(e);
                    }
                }
            });
        } catch (Exception e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    private static final java.time.format.DateTimeFormatter AMZ_DATE = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private CompletableFuture<Answer> execute(Method method, String bucket, String key, Multimap<String, String> headers,
            Multimap<String, String> query, Object body, int length) {
        try {
            Headers.Builder h = new Headers.Builder();
            headers.forEach(h::add);
            return executeAsync(method, bucket, key, region, h.build(), query, body, length).thenApply(response -> {
                try {
                    return read(response);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The whole answer, and the response closed. */
    private static Answer read(okhttp3.Response response) throws java.io.IOException {
        try (response) {
            return new Answer(response.code(), response.headers(), response.body() == null ? "" : response.body().string());
        }
    }

    /**
     * {@code upload}'s result; when it fails, the multipart upload {@code uploadId} is aborted first and the failure is
     * the upload's (an abort that fails too leaves the upload to the store's cleanup).
     */
    public <T> CompletableFuture<T> abortingOnFailure(CompletableFuture<T> upload, String bucket, String key, String uploadId) {
        return upload.exceptionallyCompose(e -> call(() -> abortMultipartUploadAsync(bucket, null, key, uploadId, null, null))
                .handle((aborted, ignored) -> null).thenCompose(a -> CompletableFuture.<T>failedFuture(e)));
    }

    /** A MinIO call that throws before it starts (its arguments, its signer), as a future that fails instead. */
    public interface Call<T> {
        CompletableFuture<T> start() throws Exception;
    }

    public static <T> CompletableFuture<T> call(Call<T> call) {
        try {
            return call.start();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public static Multimap<String, String> none() {
        return ImmutableMultimap.of();
    }

    public static Multimap<String, String> subresource(String name) {
        return ImmutableMultimap.of(name, "");
    }

    /** {@code ?name} of one version of an object ({@code versionId} null: the latest). */
    public static Multimap<String, String> subresource(String name, String versionId) {
        return versionId == null ? subresource(name) : ImmutableMultimap.of(name, "", "versionId", versionId);
    }
}

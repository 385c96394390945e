package dev.s3batch.e2e.client;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectTagsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** Arranges and inspects objects for the demo and the tests: buckets, many small objects, manifests, tags, reports. */
public final class S3Fixtures {
    private final MinioClient s3;
    private final MinioAsyncClient async;

    public S3Fixtures(String endpoint, String accessKey, String secretKey) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(64);
        OkHttpClient http = new OkHttpClient.Builder().dispatcher(dispatcher).build();
        this.s3 = MinioClient.builder().endpoint(endpoint).region("us-east-1").credentials(accessKey, secretKey).build();
        this.async = MinioAsyncClient.builder().endpoint(endpoint).region("us-east-1").credentials(accessKey, secretKey)
                .httpClient(http).build();
    }

    public MinioClient client() {
        return s3;
    }

    public void bucket(String name) throws Exception {
        if (!s3.bucketExists(BucketExistsArgs.builder().bucket(name).build())) {
            s3.makeBucket(MakeBucketArgs.builder().bucket(name).build());
        }
    }

    /** Puts {@code count} small objects named {@code key.apply(i)}, 64 at a time; {@code done} sees the running count. */
    public void putObjects(String bucket, int count, IntFunction<String> key, IntConsumer done) throws Exception {
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<?>> all = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            byte[] body = ("object " + i + "\n").getBytes(StandardCharsets.UTF_8);
            all.add(async.putObject(PutObjectArgs.builder().bucket(bucket).object(key.apply(i))
                    .stream(new ByteArrayInputStream(body), body.length, -1).build())
                    .whenComplete((r, e) -> {
                        inFlight.release();
                        done.accept(finished.incrementAndGet());
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    /** Uploads text and returns the object's ETag. */
    public String putText(String bucket, String key, String text) throws Exception {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(new ByteArrayInputStream(body), body.length, -1)
                .contentType("text/csv").build());
        return s3.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).etag().replace("\"", "");
    }

    /**
     * Uploads a CSV manifest {@code object} in {@code bucket} naming {@code keys} of that bucket ({@code Bucket,Key},
     * keys URL-encoded) and returns its ETag.
     */
    public String putManifest(String bucket, String object, List<String> keys) throws Exception {
        StringBuilder csv = new StringBuilder();
        keys.forEach(k -> csv.append(bucket).append(',').append(dev.s3batch.model.manifest.S3Keys.encode(k)).append('\n'));
        return putText(bucket, object, csv.toString());
    }

    public String getText(String bucket, String key) throws Exception {
        try (var in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The tags of many objects, read 64 at a time. */
    public Map<String, Map<String, String>> tagsOfAll(String bucket, List<String> keys) throws Exception {
        Semaphore inFlight = new Semaphore(64);
        Map<String, Map<String, String>> out = new java.util.concurrent.ConcurrentHashMap<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String key : keys) {
            inFlight.acquire();
            all.add(async.getObjectTags(GetObjectTagsArgs.builder().bucket(bucket).object(key).build())
                    .whenComplete((t, e) -> {
                        inFlight.release();
                        if (t != null) {
                            out.put(key, t.get());
                        }
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return out;
    }

    /** The keys under a prefix. */
    public List<String> list(String bucket, String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (var item : s3.listObjects(io.minio.ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }

    public Map<String, String> tags(String bucket, String key) throws Exception {
        return s3.getObjectTags(GetObjectTagsArgs.builder().bucket(bucket).object(key).build()).get();
    }
}

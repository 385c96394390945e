package dev.s3batch.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableMultimap;
import dev.s3batch.e2e.client.AwsJobClient;
import dev.s3batch.e2e.client.CosJobClient;
import dev.s3batch.e2e.client.OssJobClient;
import dev.s3batch.e2e.client.S3Fixtures;
import dev.s3batch.worker.s3.StoreClient;
import io.minio.DeleteObjectTagsArgs;
import io.minio.GetObjectTagsArgs;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.SetObjectTagsArgs;
import io.minio.http.Method;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;

/**
 * {@code ./s3batch bench --operation NAME[,NAME…]}: for each operation, the store's ceiling — the same S3 call(s) in a
 * tight asynchronous loop, 64 in flight, on as many objects of their own — and an s3batch job of that operation, in the
 * same run on the same server; printed as rates and their ratio. Operations: tagging, add-tags, delete-tags, acl, copy,
 * copy-16m (16 MiB objects, also in bytes/s), delete, lambda and checksum-16m (a CRC32C FULL_OBJECT job on 16 MiB
 * objects against streaming GETs of the same objects, in bytes/s). The ceiling of add-tags is its two calls (GET then PUT
 * tagging). For lambda the bench is the function: an HTTP server on the stack's webhook port that answers Succeeded at
 * once; its ceiling is the same invocation events POSTed in a loop with the function's 16 in flight.
 */
final class OperationBench {
    static final List<String> ALL = List.of("tagging", "add-tags", "delete-tags", "acl", "copy", "copy-16m", "delete", "lambda", "checksum-16m");
    /** Invocations in flight: the stack's function allows 16 per worker (s3batch.functions.local-webhook.concurrency). */
    static final int WEBHOOK_IN_FLIGHT = 16;
    private final Bench bench;
    private final S3Fixtures s3;
    private final OssJobClient oss;
    private final CosJobClient cos;
    private final StoreClient store;
    private final AwsJobClient aws;
    private final String stamp;

    OperationBench(Bench bench, S3Fixtures s3, OssJobClient oss, CosJobClient cos, String stamp) {
        this.bench = bench;
        this.s3 = s3;
        this.oss = oss;
        this.cos = cos;
        this.stamp = stamp;
        this.store = Bench.storeClient();
        this.aws = AwsJobClient.of(Bench.env("S3BATCH_API_URL"), Bench.env("S3BATCH_API_ACCESS_KEY"), Bench.env("S3BATCH_API_SECRET_KEY"),
                Bench.env("S3BATCH_API_ACCOUNT_ID"));
    }

    /** One operation: objects for the ceiling and for the job, the ceiling loop, the job, the figures. */
    void run(String operation, int objects) throws Exception {
        boolean big = operation.endsWith("-16m");
        int count = big ? Math.max(16, objects / 500) : objects; // 16 MiB objects: the local store keeps them in memory
        String name = operation.replace('-', '_');
        String ceilingBucket = "bench-" + operation + "-ceiling-" + stamp;
        // a checksum job only reads: it reads the ceiling's objects, so the in-memory store holds twice as many
        boolean readOnly = operation.startsWith("checksum");
        String jobBucket = readOnly ? ceilingBucket : "bench-" + operation + "-job-" + stamp;
        String ceilingCopies = "bench-" + operation + "-ceiling-copies-" + stamp;
        String jobCopies = "bench-" + operation + "-job-copies-" + stamp;
        for (String b : List.of(ceilingBucket, jobBucket, "bench-reports")) {
            s3.bucket(b);
        }
        if (operation.startsWith("copy")) {
            s3.bucket(ceilingCopies);
            s3.bucket(jobCopies);
        }
        bench.log("%s: uploading %,d objects%s%s", operation, count, big ? " of 16 MiB" : "", readOnly ? "" : " twice");
        if (big) {
            putBig(ceilingBucket, count);
            if (!readOnly) {
                putBig(jobBucket, count);
            }
        } else {
            s3.putObjects(ceilingBucket, count, Bench::key, n -> { });
            s3.putObjects(jobBucket, count, Bench::key, n -> { });
        }
        if (operation.equals("delete-tags") || operation.equals("add-tags")) {
            bench.log("%s: tagging every object first (not timed)", operation);
            loop(ceilingBucket, count, (b, k) -> tags(b, k, Map.of("owner", "bench")));
            loop(jobBucket, count, (b, k) -> tags(b, k, Map.of("owner", "bench")));
        }

        try (Webhook webhook = operation.equals("lambda") ? Webhook.start() : null) {
            measure(operation, name, count, ceilingBucket, jobBucket, ceilingCopies, jobCopies);
        }
        if (big) {
            List<String> buckets = operation.startsWith("copy") ? List.of(ceilingBucket, jobBucket, ceilingCopies, jobCopies)
                    : readOnly ? List.of(ceilingBucket) : List.of(ceilingBucket, jobBucket);
            for (String b : buckets) { // give the store its memory back
                loop(b, count, (bucket, k) -> StoreClient.call(() -> store.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(k).build())));
            }
        }
    }

    private void measure(String operation, String name, int count, String ceilingBucket, String jobBucket, String ceilingCopies,
            String jobCopies) throws Exception {
        boolean big = operation.endsWith("-16m");
        long t0 = System.nanoTime();
        loop(ceilingBucket, count, operation.equals("lambda") ? WEBHOOK_IN_FLIGHT : 64, ceilingCall(operation, ceilingCopies));
        double ceiling = count / Bench.seconds(t0);
        bench.figure(name + "_ceiling_rate", ceiling, "objects/s");

        String etag = s3.putManifest(jobBucket, "manifest.csv", Bench.keys(0, count));
        long created = System.nanoTime();
        String jobId = create(operation, jobBucket, etag, jobCopies);
        JsonNode job = operation.equals("lambda") || operation.startsWith("checksum") ? awaitAws(jobId)
                : operation.startsWith("copy") || operation.equals("delete") ? cos.awaitTerminal(jobId, Duration.ofHours(2))
                : oss.awaitTerminal(jobId, Duration.ofHours(2), j -> Bench.sleep(750));
        double jobSeconds = Bench.seconds(created);
        long succeeded = job.path("ProgressSummary").path("NumberOfTasksSucceeded").asLong();
        if (!job.path("Status").asText().equals("Complete") || succeeded != count) {
            throw new IllegalStateException(operation + " bench job ended " + job);
        }
        bench.figure(name + "_job_rate_create_to_complete", count / jobSeconds, "objects/s");
        bench.figure(name + "_job_ratio_create_to_complete_vs_ceiling", count / jobSeconds / ceiling, "ratio");
        Double taskSeconds = bench.activeSeconds(jobId);
        if (taskSeconds != null) {
            bench.figure(name + "_job_rate_first_to_last_task", count / taskSeconds, "objects/s");
            bench.figure(name + "_job_ratio_first_to_last_task_vs_ceiling", count / taskSeconds / ceiling, "ratio");
        }
        if (big) {
            bench.figure(name + "_ceiling_bytes_per_second", ceiling * (16 << 20) / 1048576.0, "MiB/s");
            bench.figure(name + "_job_bytes_per_second_create_to_complete", count * 16.0 / jobSeconds, "MiB/s");
        }
    }

    /** The raw S3 call(s) of an operation on one object. */
    private BiFunction<String, String, CompletableFuture<?>> ceilingCall(String operation, String copies) {
        return switch (operation) {
            case "tagging" -> (b, k) -> tags(b, k, Map.of("bench", "ceiling"));
            case "add-tags" -> (b, k) -> StoreClient.call(() -> store.getObjectTags(GetObjectTagsArgs.builder().bucket(b).object(k).build()))
                    .thenCompose(t -> {
                        Map<String, String> merged = new HashMap<>(t.get());
                        merged.put("bench", "ceiling");
                        return tags(b, k, merged);
                    });
            case "delete-tags" -> (b, k) -> StoreClient.call(() -> store.deleteObjectTags(DeleteObjectTagsArgs.builder().bucket(b).object(k).build()));
            case "acl" -> (b, k) -> store.send(Method.PUT, b, k, ImmutableMultimap.of("x-amz-acl", "public-read"), StoreClient.subresource("acl"), null);
            case "copy", "copy-16m" -> (b, k) -> store.send(Method.PUT, copies, k, ImmutableMultimap.of("x-amz-copy-source", "/" + b + "/" + k,
                    "x-amz-metadata-directive", "COPY"), StoreClient.none(), null);
            case "delete" -> (b, k) -> StoreClient.call(() -> store.removeObject(RemoveObjectArgs.builder().bucket(b).object(k).build()));
            case "lambda" -> Webhook::invoke;
            case "checksum-16m" -> (b, k) -> StoreClient.call(() -> store.getObject(io.minio.GetObjectArgs.builder().bucket(b).object(k).build()))
                    .thenApplyAsync(in -> {
                        try (in) {
                            return in.transferTo(java.io.OutputStream.nullOutputStream());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            default -> throw new IllegalArgumentException("unknown operation " + operation + " (one of " + String.join(", ", ALL) + ")");
        };
    }

    /** Creates the job of an operation: OSS for the tag and ACL operations, COS for copy and delete (OSS has neither), AWS for lambda. */
    private String create(String operation, String bucket, String etag, String copies) throws Exception {
        if (operation.equals("checksum-16m")) {
            return aws.createJob("bench-checksum-" + stamp, o -> o.s3ComputeObjectChecksum(c -> c.checksumAlgorithm("CRC32C").checksumType("FULL_OBJECT")),
                    bucket, "manifest.csv", etag, false, "bench-checksum/" + stamp, "batch-role", 10, "bench-reports");
        }
        if (operation.equals("lambda")) {
            return aws.createJob("bench-lambda-" + stamp, o -> o.lambdaInvoke(l -> l.functionArn(Bench.env("S3BATCH_WEBHOOK_FUNCTION_ARN"))),
                    bucket, "manifest.csv", etag, false, "bench-lambda/" + stamp, "batch-role", 10, "bench-reports");
        }
        String element = switch (operation) {
            case "tagging" -> "<PutObjectTagging>" + OssJobClient.tagSet("bench", stamp) + "</PutObjectTagging>";
            case "add-tags" -> "<AddObjectTagging>" + OssJobClient.tagSet("bench", stamp) + "</AddObjectTagging>";
            case "delete-tags" -> "<DeleteObjectTagging/>";
            case "acl" -> "<PutObjectAcl><ObjectAcl>public-read</ObjectAcl></PutObjectAcl>";
            case "copy", "copy-16m" -> "<COSPutObjectCopy><TargetResource>qcs::cos:ap-guangzhou::" + copies + "</TargetResource></COSPutObjectCopy>";
            case "delete" -> "<COSDeleteObject/>";
            default -> throw new IllegalArgumentException(operation);
        };
        if (operation.startsWith("copy") || operation.equals("delete")) {
            return cos.create(CosJobClient.createBody(element, bucket, "manifest.csv", etag, "bench-reports", "bench-" + operation + "/" + stamp, "batch-role", false));
        }
        return oss.create(OssJobClient.job("bench-" + operation + "-" + stamp, element, bucket, "manifest.csv", etag, "bench-reports",
                "bench-" + operation + "/" + stamp, "AllTasks"));
    }

    private CompletableFuture<?> tags(String bucket, String key, Map<String, String> tags) {
        return StoreClient.call(() -> store.setObjectTags(SetObjectTagsArgs.builder().bucket(bucket).object(key).tags(tags).build()));
    }

    /** The AWS job's DescribeJob as the OSS and COS clients give theirs (Status, ProgressSummary), once it has ended. */
    private JsonNode awaitAws(String jobId) throws InterruptedException {
        var job = aws.awaitTerminal(jobId, Duration.ofHours(2));
        com.fasterxml.jackson.databind.node.ObjectNode out = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        out.put("Status", job.statusAsString());
        out.putObject("ProgressSummary").put("NumberOfTasksSucceeded", job.progressSummary().numberOfTasksSucceeded());
        return out;
    }

    /** Runs {@code call} on every object, 64 in flight. */
    static void loop(String bucket, int count, BiFunction<String, String, CompletableFuture<?>> call) throws Exception {
        loop(bucket, count, 64, call);
    }

    /** Runs {@code call} on every object, {@code inFlight} at once. */
    static void loop(String bucket, int count, int slots, BiFunction<String, String, CompletableFuture<?>> call) throws Exception {
        Semaphore inFlight = new Semaphore(slots);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            all.add(call.apply(bucket, Bench.key(i)).whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    private void putBig(String bucket, int count) throws Exception {
        byte[] body = new byte[16 << 20];
        new Random(1).nextBytes(body);
        for (int i = 0; i < count; i++) {
            s3.client().putObject(PutObjectArgs.builder().bucket(bucket).object(Bench.key(i))
                    .stream(new ByteArrayInputStream(body), body.length, -1).build());
        }
    }

    static List<String> parse(String names) {
        List<String> ops = names.equals("all") ? ALL : List.of(names.split(","));
        ops.forEach(op -> {
            if (!ALL.contains(op)) {
                throw new IllegalArgumentException("unknown operation " + op + " (one of " + String.join(", ", ALL) + ", or all)");
            }
        });
        return ops;
    }
}

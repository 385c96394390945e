package dev.s3batch.worker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.model.event.TaskBatch;
import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.event.TaskResult;
import dev.s3batch.model.job.Operation;
import dev.s3batch.worker.config.S3Config;
import dev.s3batch.worker.config.WorkerConfig;
import dev.s3batch.worker.jobstate.JobState;
import dev.s3batch.worker.jobstate.JobStateView;
import dev.s3batch.worker.operation.ObjectOperation;
import dev.s3batch.worker.s3.S3Clients;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.ErrorResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Retries, error mapping and concurrency of a batch run, with a scripted operation in place of S3. */
public class BatchExecutorTests {
    static final WorkerConfig CONFIG = new WorkerConfig() {
        public int concurrency() { return 4; }
        public int maxAttempts() { return 4; }
        public Duration initialBackoff() { return Duration.ofMillis(1); }
        public Duration maxBackoff() { return Duration.ofMillis(5); }
        public Duration requestTimeout() { return Duration.ofSeconds(1); }
        public Duration jobStateTtl() { return Duration.ofMillis(500); }
        public int maxInFlight() { return 8; }
        public int minInFlight() { return 2; }
    };
    static final S3Config S3 = new S3Config() {
        public String endpoint() { return "http://127.0.0.1:9"; }
        public String region() { return "us-east-1"; }
        public String accessKey() { return "a"; }
        public String secretKey() { return "b"; }
    };
    final BatchExecutor executor = new BatchExecutor(new S3Clients(S3, CONFIG), CONFIG, JobStateView.ALWAYS_RUN);

    public static ErrorResponseException s3Error(int status, String code) {
        Response response = new Response.Builder().request(new Request.Builder().url("http://127.0.0.1/b/k").build())
                .protocol(Protocol.HTTP_1_1).code(status).message(code).build();
        return new ErrorResponseException(new ErrorResponse(code, code + " message", "b", "k", "/b/k", "req", "host"), response, null);
    }

    final dev.s3batch.worker.jobstate.PriorityGate gate = executor.gate("role");

    TaskResult run(ObjectOperation op, TaskRef task) {
        return executor.run(op, "Test", null, task, gate, io.opentelemetry.context.Context.root()).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void transientErrorsAreRetriedUntilTheySucceed() {
        AtomicInteger calls = new AtomicInteger();
        ObjectOperation flaky = (s3, t) -> switch (calls.incrementAndGet()) {
            case 1 -> CompletableFuture.failedFuture(s3Error(503, "SlowDown"));
            case 2 -> CompletableFuture.failedFuture(new SocketTimeoutException("read timed out"));
            case 3 -> CompletableFuture.failedFuture(s3Error(500, "InternalError"));
            default -> CompletableFuture.completedFuture(dev.s3batch.worker.operation.Outcome.of(200));
        };
        TaskResult r = run(flaky, TaskRef.of("b", "k", null));
        assertEquals(4, calls.get());
        assertEquals(TaskResult.success(TaskRef.of("b", "k", null), 200), r);
    }

    @Test
    void slowDownsShrinkTheEndpointsRequestSlotsAndABare503IsASlowDown() {
        assertEquals(8, gate.limit());
        AtomicInteger calls = new AtomicInteger();
        TaskResult r = run((s3, t) -> calls.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new io.minio.errors.ServerException("server failed with HTTP status code 503", 503, ""))
                : CompletableFuture.completedFuture(dev.s3batch.worker.operation.Outcome.of(200)), TaskRef.of("b", "k", null));
        assertEquals(200, r.httpStatus());
        assertTrue(gate.limit() < 8, "slots after a SlowDown: " + gate.limit());
        TaskResult failed = run((s3, t) -> CompletableFuture.failedFuture(new io.minio.errors.ServerException("x", 502, "")), TaskRef.of("b", "k", null));
        assertEquals(502, failed.httpStatus());
        assertTrue(!failed.message().contains("Exception"), failed.message());
    }

    @Test
    void tasksOfAJobThatIsWindingDownAreSkippedNotRunNorCounted() {
        // a task looks at the job's state twice (before and after taking a request slot); the job is Active for the
        // first two tasks' lookups, then Cancelling: the tasks not yet started are skipped
        AtomicInteger lookups = new AtomicInteger();
        JobStateView cancelledAfterTwo = id -> io.smallrye.mutiny.Uni.createFrom().item(lookups.incrementAndGet() <= 4
                ? JobState.UNKNOWN : new JobState(dev.s3batch.model.job.JobStatus.CANCELLING, 0));
        BatchExecutor serial = new BatchExecutor(new S3Clients(S3, CONFIG), new WorkerConfig() {
            public int concurrency() { return 1; }
            public int maxAttempts() { return 1; }
            public Duration initialBackoff() { return Duration.ofMillis(1); }
            public Duration maxBackoff() { return Duration.ofMillis(1); }
            public Duration requestTimeout() { return Duration.ofSeconds(1); }
            public Duration jobStateTtl() { return Duration.ZERO; }
            public int maxInFlight() { return 1; }
            public int minInFlight() { return 1; }
        }, cancelledAfterTwo);
        AtomicInteger calls = new AtomicInteger();
        ObjectOperation op = (s3, t) -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(dev.s3batch.worker.operation.Outcome.of(200));
        };
        List<TaskRef> tasks = java.util.stream.IntStream.range(0, 5).mapToObj(i -> TaskRef.of("b", "k" + i, null)).toList();
        var outcome = serial.execute(new TaskBatch(java.util.UUID.randomUUID(), 0, "role", new Operation.PutObjectTagging(List.of()), tasks), op)
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(2, calls.get(), "only the tasks started before the cancel was seen ran");
        assertEquals(List.of("k0", "k1"), outcome.results().stream().map(TaskResult::key).toList());
        assertEquals(3, outcome.skipped());
        assertEquals(0, outcome.failed(), "a skipped task is not a failed one");
    }

    @Test
    void aBucketOrKeyTheClientRefusesIsTheRowsFaultNotOurs() {
        TaskResult r = run((s3, t) -> {
            throw new IllegalArgumentException("bucket name 'A..B' does not follow Amazon S3 standards");
        }, TaskRef.of("A..B", "k", null));
        assertEquals(400, r.httpStatus());
        assertEquals("InvalidArgument", r.errorCode());
        assertTrue(r.message().contains("A..B"), r.message());
        TaskResult other = run((s3, t) -> {
            throw new IllegalStateException("boom");
        }, TaskRef.of("b", "k", null));
        assertEquals(500, other.httpStatus());
        assertTrue(!other.message().contains("Exception"), "no Java class name reaches a report: " + other.message());
    }

    @Test
    void permanentErrorsAreNotRetriedAndKeepTheirStatusAndCode() {
        AtomicInteger calls = new AtomicInteger();
        TaskResult r = run((s3, t) -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(s3Error(404, "NoSuchKey"));
        }, TaskRef.of("b", "gone", "v1"));
        assertEquals(1, calls.get());
        assertEquals(404, r.httpStatus());
        assertEquals("NoSuchKey", r.errorCode());
        assertEquals("v1", r.versionId());
    }

    @Test
    void aTaskStillFailingAfterTheLastAttemptReportsTheLastError() {
        AtomicInteger calls = new AtomicInteger();
        TaskResult r = run((s3, t) -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new IOException("connection reset"));
        }, TaskRef.of("b", "k", null));
        assertEquals(CONFIG.maxAttempts(), calls.get());
        assertEquals(503, r.httpStatus());
        assertEquals("ServiceUnavailable", r.errorCode());
        assertTrue(r.message().contains("connection reset"));
        assertTrue(!r.message().contains("Exception"), r.message());
    }

    @Test
    void aRejectedManifestRowFailsWithoutAnyS3Call() {
        AtomicInteger calls = new AtomicInteger();
        TaskResult r = run((s3, t) -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(dev.s3batch.worker.operation.Outcome.of(200));
        }, TaskRef.rejected("oops", "malformed row: 1 field(s), expected 2"));
        assertEquals(0, calls.get());
        assertEquals(400, r.httpStatus());
        assertEquals("InvalidManifestRow", r.errorCode());
    }

    @Test
    void objectsInBucketsTheRoleDoesNotAllowAreRefusedWithoutAnS3Call() {
        var role = java.util.Optional.of(new dev.s3batch.model.role.Role("r", "acct", List.of("arn"), List.of("*"), List.of("allowed"),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()));
        TaskResult refused = BatchExecutor.permitted(role, TaskRef.of("elsewhere", "k", null), List.of()).orElseThrow();
        assertEquals(403, refused.httpStatus());
        assertEquals("AccessDenied", refused.errorCode());
        assertTrue(BatchExecutor.permitted(role, TaskRef.of("allowed", "k", null), List.of()).isEmpty());
        TaskResult copyRefused = BatchExecutor.permitted(role, TaskRef.of("allowed", "k", null), List.of("elsewhere")).orElseThrow();
        assertEquals("The job's role may not write to bucket elsewhere.", copyRefused.message(), "a copy's destination is checked too");
        assertTrue(BatchExecutor.permitted(java.util.Optional.empty(), TaskRef.of("elsewhere", "k", null), List.of("x")).isEmpty(), "no roles configured");
    }

    @Test
    void aBatchGetsOneResultPerTaskInOrderWithBoundedConcurrency() {
        // run the real executor path with a scripted operation: swap the operation via a custom batch runner
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        ObjectOperation slow = (s3, t) -> CompletableFuture.supplyAsync(() -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            seen.merge(t.key(), 1, Integer::sum);
            return dev.s3batch.worker.operation.Outcome.of(t.key().endsWith("7") ? 404 : 200);
        });
        List<TaskRef> tasks = java.util.stream.IntStream.range(0, 40).mapToObj(i -> TaskRef.of("b", "k" + i, null)).toList();
        var outcome = executor.execute(new TaskBatch(java.util.UUID.randomUUID(), 3, "role", new Operation.PutObjectTagging(List.of()), tasks), slow)
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(3, outcome.seq());
        assertEquals(tasks.stream().map(TaskRef::key).toList(), outcome.results().stream().map(TaskResult::key).toList());
        assertEquals(40, seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "each task ran once");
        assertTrue(maxInFlight.get() <= CONFIG.concurrency(), "at most " + CONFIG.concurrency() + " in flight, saw " + maxInFlight.get());
        assertTrue(maxInFlight.get() > 1, "tasks ran concurrently");
    }
}

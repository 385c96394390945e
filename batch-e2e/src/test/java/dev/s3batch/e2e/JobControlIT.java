package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.JobReport;
import dev.s3batch.e2e.client.OssJobClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Job control that acts on the work, on the real stack: a cancel stops the workers, a job cancelled while Preparing
 * ends at once, the OSS failure threshold fails a job, and status events carry progress.
 */
class JobControlIT {
    static final String REPORTS = "it-reports";
    static RunningServices services;

    @BeforeAll
    static void start() throws Exception {
        services = RunningServices.get();
        services.s3.bucket(REPORTS);
    }

    static String newBucket() throws Exception {
        return services.bucketWithObjects("it-ctl-", 0);
    }

    static JsonNode awaitStatus(OssJobClient api, String jobId, Set<String> statuses, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode job = api.describe(jobId);
            if (statuses.contains(job.path("Status").asText()) || System.nanoTime() > deadline) {
                return job;
            }
            Thread.sleep(50);
        }
    }

    /**
     * A 20,000-object job cancelled mid-flight. The bound on objects touched after the cancel was acknowledged: the
     * worker runs at most 2 batches of a tier at once (two consumers per tier channel) and the outcomes of at most ~2
     * more may be on their way to the report service, all of 250 objects here — 1,000 objects; a worker sees the cancel
     * within its 0.5 s state cache, and the tasks it starts meanwhile belong to those same batches. We allow 1,500.
     */
    @Test
    void aCancelStopsTheWorkersAndTheReportListsExactlyWhatRan() throws Exception {
        int n = 20_000;
        String bucket = newBucket();
        List<String> keys = IntStream.range(0, n).mapToObj(i -> "o" + i).toList();
        services.s3.putObjects(bucket, n, keys::get, d -> { });
        String etag = services.s3.putManifest(bucket, "m.csv", keys);
        String jobId = services.api.create(OssJobClient.taggingJob("cancel20k-" + bucket, bucket, "m.csv", etag, REPORTS, "cancel20k",
                "AllTasks", "run", "cancelled"));

        JsonNode running = services.api.awaitCounted(jobId, 3_000, Duration.ofMinutes(2));
        assertEquals("Active", running.path("Status").asText(), running.toString());
        OssJobClient.Reply cancel = services.api.updateJobStatus(jobId, "Cancelled", "stop it");
        assertEquals(200, cancel.status(), cancel.body());
        long countedAtAck = OssJobClient.counted(services.api.describe(jobId));
        assertEquals("InvalidRequest", services.api.updateJobStatus(jobId, "Cancelled", "again").errorCode(), "cancelling twice");

        JsonNode done = services.api.awaitTerminal(jobId, Duration.ofMinutes(2), j -> { });
        assertEquals("Cancelled", done.path("Status").asText());
        long succeeded = done.path("ProgressSummary").path("NumberOfTasksSucceeded").asLong();
        assertEquals(0, done.path("ProgressSummary").path("NumberOfTasksFailed").asLong());

        Thread.sleep(3_000);
        JsonNode later = services.api.describe(jobId);
        assertEquals(done.path("ProgressSummary"), later.path("ProgressSummary"), "counters never change after the terminal status");

        Map<String, Map<String, String>> tags = services.s3.tagsOfAll(bucket, keys);
        Set<String> tagged = new HashSet<>();
        tags.forEach((k, t) -> {
            if ("cancelled".equals(t.get("run"))) {
                tagged.add(k);
            }
        });
        assertTrue(tagged.size() < n, "the job stopped: " + tagged.size() + " of " + n + " tagged");
        assertTrue(tagged.size() - countedAtAck <= 1_500,
                "objects touched after the cancel was acknowledged: " + (tagged.size() - countedAtAck));
        assertEquals(succeeded, tagged.size(), "every object touched is counted (the job drained before its report was sealed)");

        JobReport report = JobReport.read(services.s3, REPORTS, "cancel20k", jobId);
        assertEquals(succeeded, report.rows(), "the report lists exactly the counted tasks");
        Set<String> reported = new HashSet<>();
        report.succeededRows().forEach(r -> reported.add(r.split(",")[1]));
        assertEquals(tagged, reported);
        assertEquals(List.of(), services.s3.list(REPORTS, "cancel20k/" + jobId + "/staging/"), "no staged part remains");

        List<JsonNode> events = JobStatusEvents.of(services.stack.kafkaBootstrapServers(), jobId, 6, Duration.ofSeconds(30));
        assertEquals(List.of("New->Preparing", "Preparing->Ready", "Ready->Active", "Active->Cancelling", "Cancelling->Cancelled"),
                JobStatusEvents.transitions(events));
        JsonNode last = events.get(events.size() - 1).path("data").path("progress");
        assertEquals(n, last.path("totalTasks").asLong());
        assertEquals(succeeded, last.path("tasksSucceeded").asLong());
        assertTrue(last.path("elapsedActiveSeconds").asLong() >= 1, last.toString());
        List<JsonNode> progress = JobStatusEvents.of(services.stack.kafkaBootstrapServers(), jobId, JobStatusEvents.PROGRESS, 1,
                Duration.ofSeconds(10));
        assertFalse(progress.isEmpty(), "a progress event while Active");
        assertEquals("Active", progress.get(0).path("data").path("status").asText());
        assertEquals(n, progress.get(0).path("data").path("progress").path("totalTasks").asLong());
    }

    @Test
    void aJobCancelledWhilePreparingIsCancelledWithinTwoSeconds() throws Exception {
        String bucket = newBucket();
        // 3,000,000 rows (about 60 MB): counting them takes the planner a few seconds
        ByteArrayOutputStream manifest = new ByteArrayOutputStream(64 << 20);
        byte[] prefix = (bucket + ",k").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3_000_000; i++) {
            manifest.write(prefix);
            manifest.write(Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
            manifest.write('\n');
        }
        byte[] body = manifest.toByteArray();
        String etag = services.s3.client().putObject(PutObjectArgs.builder().bucket(bucket).object("big.csv")
                .stream(new ByteArrayInputStream(body), body.length, -1).build()).etag();
        String jobId = services.api.create(OssJobClient.taggingJob("prep-" + bucket, bucket, "big.csv", etag, REPORTS, "prep",
                "AllTasks", "k", "v"));
        JsonNode preparing = awaitStatus(services.api, jobId, Set.of("Preparing", "Ready", "Active"), Duration.ofSeconds(30));
        assertEquals("Preparing", preparing.path("Status").asText());
        assertEquals(200, services.api.updateJobStatus(jobId, "Cancelled", null).status());
        long acked = System.nanoTime();
        JsonNode done = awaitStatus(services.api, jobId, Set.of("Cancelled"), Duration.ofSeconds(30));
        double seconds = (System.nanoTime() - acked) / 1e9;
        assertEquals("Cancelled", done.path("Status").asText());
        assertTrue(seconds < 2.0, "Cancelled " + seconds + " s after the cancel");
        assertEquals(0, OssJobClient.counted(done));
    }

    /**
     * A manifest that ends exactly where the planner's window is full (8 batches of 250 in the tests): the planner stops
     * at the end of the manifest without knowing it, and resumes at an offset equal to its size — which S3 answers with
     * InvalidRange. The job must still complete.
     */
    @Test
    void aManifestEndingExactlyAtTheWindowCompletes() throws Exception {
        String bucket = newBucket();
        int n = 2_000;
        List<String> keys = IntStream.range(0, n).mapToObj(i -> "o" + i).toList();
        services.s3.putObjects(bucket, n, keys::get, d -> { });
        String etag = services.s3.putManifest(bucket, "m.csv", keys);
        String jobId = services.api.create(OssJobClient.taggingJob("window-" + bucket, bucket, "m.csv", etag, REPORTS, "window",
                "FailedTasksOnly", "k", "v"));
        JsonNode done = services.api.awaitTerminal(jobId, Duration.ofMinutes(2), j -> { });
        assertEquals("Complete", done.path("Status").asText(), done.toString());
        assertEquals(n, done.path("ProgressSummary").path("NumberOfTasksSucceeded").asLong());
    }

    /**
     * OSS: more than 20 % of the job's tasks failed → Failed, the rest skipped, the report holds what ran. The 30 %
     * failures come first, so the threshold trips early and the skipping is seen well before the end.
     */
    @Test
    void anOssJobWithThirtyPercentFailuresFails() throws Exception {
        String bucket = newBucket();
        int n = 5_000;
        int missing = 1_500;
        List<String> keys = IntStream.range(0, n).mapToObj(i -> i < missing ? "missing-" + i : "o" + i).toList();
        services.s3.putObjects(bucket, n - missing, i -> "o" + (i + missing), d -> { });
        String etag = services.s3.putManifest(bucket, "m.csv", keys);
        String jobId = services.api.create(OssJobClient.taggingJob("oss30-" + bucket, bucket, "m.csv", etag, REPORTS, "oss30",
                "AllTasks", "k", "v"));
        JsonNode done = services.api.awaitTerminal(jobId, Duration.ofMinutes(2), j -> { });
        assertEquals("Failed", done.path("Status").asText(), done.toString());
        JsonNode failure = done.path("FailureReasons").path("JobFailure");
        assertEquals("FailureThresholdExceeded", failure.path("FailureCode").asText());
        long failed = done.path("ProgressSummary").path("NumberOfTasksFailed").asLong();
        long succeeded = done.path("ProgressSummary").path("NumberOfTasksSucceeded").asLong();
        assertTrue(failed > n / 5, "failed " + failed);
        assertTrue(succeeded + failed < n, "the remaining tasks were skipped: " + (succeeded + failed) + " of " + n);
        JobReport report = JobReport.read(services.s3, REPORTS, "oss30", jobId);
        assertEquals(succeeded, report.succeededRows().size());
        assertEquals(failed, report.failedRows().size());
        List<String> transitions = JobStatusEvents.transitions(
                JobStatusEvents.of(services.stack.kafkaBootstrapServers(), jobId, 6, Duration.ofSeconds(30)));
        assertEquals(List.of("New->Preparing", "Preparing->Ready", "Ready->Active", "Active->Failing", "Failing->Failed"), transitions);

        OssJobClient.Reply priority = services.api.updateJobPriority(jobId, 99);
        assertEquals(400, priority.status());
        assertEquals("InvalidRequest", priority.errorCode(), "a finished job's priority cannot change");
    }

    /**
     * AWS: the threshold applies once 1,000 tasks have run and more than 50 % of them failed. 40 % of 2,000 failed →
     * Complete; 60 % → Failed.
     */
    @Test
    void awsJobsFailOnlyPastHalfTheirTasksFailedAfterAThousand() throws Exception {
        String bucket = newBucket();
        int n = 2_000;
        services.s3.putObjects(bucket, 1_200, i -> "o" + i, d -> { });
        String forty = services.s3.putManifest(bucket, "forty.csv", IntStream.range(0, n)
                .mapToObj(i -> i % 5 < 2 ? "missing-" + i : "o" + (i % 1_200)).toList());
        String sixty = services.s3.putManifest(bucket, "sixty.csv", IntStream.range(0, n)
                .mapToObj(i -> i % 5 < 3 ? "missing-" + i : "o" + (i % 1_200)).toList());
        try (AwsControl aws = AwsControl.of(services)) {
            String completeId = aws.createTaggingJob("aws40-" + bucket, bucket, "forty.csv", forty, 10);
            String failedId = aws.createTaggingJob("aws60-" + bucket, bucket, "sixty.csv", sixty, 10);
            var complete = aws.awaitTerminal(completeId, Duration.ofMinutes(2));
            assertEquals("Complete", complete.statusAsString());
            assertEquals(800, complete.progressSummary().numberOfTasksFailed());
            var failed = aws.awaitTerminal(failedId, Duration.ofMinutes(2));
            assertEquals("Failed", failed.statusAsString());
            assertEquals("FailureThresholdExceeded", failed.failureReasons().get(0).failureCode());
            long ran = failed.progressSummary().numberOfTasksSucceeded() + failed.progressSummary().numberOfTasksFailed();
            assertTrue(ran >= 1_000, "not before 1,000 tasks ran: " + ran);
            assertTrue(failed.progressSummary().numberOfTasksFailed() * 2 > ran);
        }
    }

    /** ListJobs by creation time (epoch seconds, inclusive), newest first; bad page sizes and unknown parameters refused. */
    @Test
    void listJobsFiltersByCreationTime() throws Exception {
        String bucket = newBucket();
        String etag = services.s3.putText(bucket, "m.csv", "\n");
        String first = services.otherApi.create(OssJobClient.taggingJob("t1-" + bucket, bucket, "m.csv", etag, REPORTS, "t", "AllTasks", "k", "v")
                .replace("acs:ram::1234567890123456:role/batch-role", "acs:ram::2222222222222222:role/batch-role"));
        long firstAt = services.otherApi.describe(first).path("CreationTime").asLong();
        Thread.sleep(1_100);
        String second = services.otherApi.create(OssJobClient.taggingJob("t2-" + bucket, bucket, "m.csv", etag, REPORTS, "t", "AllTasks", "k", "v")
                .replace("acs:ram::1234567890123456:role/batch-role", "acs:ram::2222222222222222:role/batch-role"));
        long secondAt = services.otherApi.describe(second).path("CreationTime").asLong();
        assertTrue(secondAt > firstAt);

        assertEquals(List.of(second, first), ids(services.otherApi.listJobs("&creation-time-start=" + firstAt)));
        assertEquals(List.of(second), ids(services.otherApi.listJobs("&creation-time-start=" + secondAt)));
        assertEquals(List.of(first), ids(services.otherApi.listJobs("&creation-time-start=" + firstAt + "&creation-time-end=" + (secondAt - 1))));
        assertEquals(List.of(first), ids(services.otherApi.listJobs("&creation-time-start=" + firstAt + "&creation-time-end=" + firstAt
                + "&max-keys=1")));
        assertEquals("InvalidArgument", services.otherApi.listJobs("&max-keys=0").errorCode());
        assertEquals("InvalidArgument", services.otherApi.listJobs("&creation-time-start=yesterday").errorCode());
        assertEquals("InvalidArgument", services.otherApi.listJobs("&creation-time-start=" + secondAt + "&creation-time-end=" + firstAt).errorCode());
        assertEquals("InvalidArgument", services.otherApi.listJobs("&createdAfter=" + firstAt).errorCode(), "unknown parameter");
    }

    static List<String> ids(OssJobClient.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        JsonNode jobs = reply.xml().path("Jobs").path("JobListDescriptor");
        List<JsonNode> list = jobs.isArray() ? iterate(jobs) : jobs.isMissingNode() ? List.of() : List.of(jobs);
        return list.stream().map(j -> j.path("JobId").asText()).toList();
    }

    static List<JsonNode> iterate(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}

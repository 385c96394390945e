package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.JobReport;
import dev.s3batch.e2e.client.OssJobClient;
import dev.s3batch.model.manifest.S3Keys;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PutObjectTagging job through the four real services, on real Kafka, PostgreSQL and Ceph RGW: submitted through
 * the OSS API, followed through DescribeJob, checked on the objects themselves and in the report.
 */
class TaggingJobIT {
    static RunningServices services;
    static final String REPORTS = "it-reports";

    @BeforeAll
    static void start() throws Exception {
        services = RunningServices.get();
        services.s3.bucket(REPORTS);
    }

    static String newBucket() throws Exception {
        String b = "it-" + UUID.randomUUID().toString().substring(0, 13);
        services.s3.bucket(b);
        return b;
    }

    static String key(int i) {
        return String.format("data/part %04d/obj+%d.bin", i / 100, i);
    }

    @Test
    void everyObjectIsTaggedAndReportAndCountersAgree() throws Exception {
        int n = 2_345; // three batches, the last one partial
        String bucket = newBucket();
        services.s3.putObjects(bucket, n, TaggingJobIT::key, done -> { });
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < n; i++) {
            csv.append(bucket).append(',').append(S3Keys.encode(key(i))).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        String etag = services.s3.putText(bucket, "manifest.csv", csv + "\n\n");
        String jobId = services.api.create(OssJobClient.taggingJob("all-" + bucket, bucket, "manifest.csv", etag.toUpperCase(),
                REPORTS, "runs/" + bucket + "/", "AllTasks", "team", "storage", "run", bucket));

        JsonNode job = services.api.awaitTerminal(jobId, Duration.ofMinutes(5), j -> { });

        assertEquals("Complete", job.path("Status").asText(), job.toString());
        JsonNode progress = job.path("ProgressSummary");
        assertEquals(n, progress.path("TotalNumberOfTasks").asInt());
        assertEquals(n, progress.path("NumberOfTasksSucceeded").asInt());
        assertEquals(0, progress.path("NumberOfTasksFailed").asInt());
        assertTrue(job.path("TerminationDate").asLong() >= job.path("CreationTime").asLong());
        List<String> keys = java.util.stream.IntStream.range(0, n).mapToObj(TaggingJobIT::key).toList();
        Map<String, Map<String, String>> tags = services.s3.tagsOfAll(bucket, keys);
        assertEquals(n, tags.size());
        for (String k : keys) {
            assertEquals(Map.of("team", "storage", "run", bucket), tags.get(k), k);
        }
        JobReport report = JobReport.read(services.s3, REPORTS, "runs/" + bucket, jobId);
        assertEquals(n, report.rows());
        assertEquals(0, report.failedRows().size());
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < n; i++) {
            expected.add(bucket + "," + S3Keys.encode(key(i)) + ",,200,");
        }
        assertEquals(expected, new HashSet<>(report.succeededRows()), "one row per manifest row, key URL-encoded");
        assertEquals("Bucket,Key,VersionId,HTTPStatus,Error", report.manifest().path("ReportSchema").asText());
        assertEquals("Report_CSV_20250901", report.manifest().path("Format").asText());
        List<String> transitions = JobStatusEvents.transitions(
                JobStatusEvents.of(services.stack.kafkaBootstrapServers(), jobId, 5, Duration.ofSeconds(30)));
        assertEquals(List.of("New->Preparing", "Preparing->Ready", "Ready->Active", "Active->Completing", "Completing->Complete"),
                transitions);
    }

    @Test
    void missingKeysAreReported404AndTheRestSucceed() throws Exception {
        String bucket = newBucket();
        services.s3.putObjects(bucket, 150, TaggingJobIT::key, done -> { });
        StringBuilder csv = new StringBuilder();
        Set<String> missing = new HashSet<>();
        for (int i = 0; i < 180; i++) {
            csv.append(bucket).append(',').append(S3Keys.encode(key(i))).append('\n');
            if (i >= 150) {
                missing.add(S3Keys.encode(key(i)));
            }
        }
        String etag = services.s3.putText(bucket, "m.csv", csv.toString());
        String jobId = services.api.create(OssJobClient.taggingJob("missing-" + bucket, bucket, "m.csv", etag,
                REPORTS, "missing", "AllTasks", "k", "v"));

        JsonNode job = services.api.awaitTerminal(jobId, Duration.ofMinutes(3), j -> { });

        assertEquals("Complete", job.path("Status").asText(), "a job whose tasks partly fail still completes");
        assertEquals(150, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt());
        assertEquals(30, job.path("ProgressSummary").path("NumberOfTasksFailed").asInt());
        JobReport report = JobReport.read(services.s3, REPORTS, "missing", jobId);
        assertEquals(150, report.succeededRows().size());
        assertEquals(30, report.failedRows().size());
        for (String row : report.failedRows()) {
            String[] f = row.split(",", -1);
            assertTrue(missing.contains(f[1]), row);
            assertEquals("404", f[3], row);
            assertTrue(f[4].startsWith("NoSuchKey"), row);
        }
        assertEquals(Map.of("k", "v"), services.s3.tags(bucket, key(0)));
    }

    @Test
    void failedTasksOnlyReportListsJustTheFailuresAndBadRowsFailAlone() throws Exception {
        String bucket = newBucket();
        services.s3.putObjects(bucket, 10, TaggingJobIT::key, done -> { });
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            csv.append(bucket).append(',').append(S3Keys.encode(key(i))).append('\n');
        }
        csv.append("just-one-column\n").append(bucket).append(",bad%zz\n");
        String etag = services.s3.putText(bucket, "m.csv", csv.toString());
        String jobId = services.api.create(OssJobClient.taggingJob("failed-only-" + bucket, bucket, "m.csv", etag,
                REPORTS, "failed-only", "FailedTasksOnly", "k", "v"));

        JsonNode job = services.api.awaitTerminal(jobId, Duration.ofMinutes(3), j -> { });

        assertEquals("Complete", job.path("Status").asText());
        assertEquals(12, job.path("ProgressSummary").path("TotalNumberOfTasks").asInt());
        assertEquals(2, job.path("ProgressSummary").path("NumberOfTasksFailed").asInt());
        JobReport report = JobReport.read(services.s3, REPORTS, "failed-only", jobId);
        assertEquals(0, report.succeededRows().size());
        assertEquals(2, report.failedRows().size());
        assertTrue(report.failedRows().stream().allMatch(r -> r.contains(",400,") && r.contains("InvalidManifestRow")),
                report.failedRows().toString());
    }

    @Test
    void aJobNeedingConfirmationWaitsSuspendedAndRunsOnceConfirmed() throws Exception {
        String bucket = newBucket();
        services.s3.putObjects(bucket, 2, i -> i == 0 ? "a" : "b", d -> { });
        String etag = services.s3.putText(bucket, "m.csv", bucket + ",a\n" + bucket + ",b\n");
        String xml = OssJobClient.taggingJob("confirm-" + bucket, bucket, "m.csv", etag, REPORTS, "confirm", "AllTasks", "k", "v")
                .replace("<ConfirmationRequired>false</ConfirmationRequired>", "<ConfirmationRequired>true</ConfirmationRequired>");
        String jobId = services.api.create(xml);
        JsonNode job = null;
        for (int i = 0; i < 120; i++) {
            job = services.api.describe(jobId);
            if (job.path("Status").asText().equals("Suspended")) {
                break;
            }
            Thread.sleep(250);
        }
        assertEquals("Suspended", job.path("Status").asText());
        assertEquals(2, job.path("ProgressSummary").path("TotalNumberOfTasks").asInt());
        assertTrue(job.path("SuspendedDate").asLong() > 0);
        assertTrue(services.s3.tags(bucket, "a").isEmpty(), "nothing runs before confirmation");

        assertEquals(200, services.api.updateJobStatus(jobId, "Ready", "looks right").status());
        JsonNode done = services.api.awaitTerminal(jobId, Duration.ofMinutes(2), j -> { });
        assertEquals("Complete", done.path("Status").asText());
        assertEquals(Map.of("k", "v"), services.s3.tags(bucket, "b"));
    }

    @Test
    void aCancelledJobEndsCancelledWithoutRunning() throws Exception {
        String bucket = newBucket();
        services.s3.putObjects(bucket, 1, i -> "a", d -> { });
        String etag = services.s3.putText(bucket, "m.csv", bucket + ",a\n");
        String xml = OssJobClient.taggingJob("cancel-" + bucket, bucket, "m.csv", etag, REPORTS, "cancel", "AllTasks", "k", "v")
                .replace("<ConfirmationRequired>false</ConfirmationRequired>", "<ConfirmationRequired>true</ConfirmationRequired>");
        String jobId = services.api.create(xml);
        for (int i = 0; i < 120 && !services.api.describe(jobId).path("Status").asText().equals("Suspended"); i++) {
            Thread.sleep(250);
        }
        assertEquals(200, services.api.updateJobStatus(jobId, "Cancelled", "changed my mind").status());
        JsonNode job = services.api.awaitTerminal(jobId, Duration.ofMinutes(1), j -> { });
        assertEquals("Cancelled", job.path("Status").asText());
        assertEquals("changed my mind", job.path("StatusUpdateReason").asText());
        assertTrue(services.s3.tags(bucket, "a").isEmpty());
        List<String> transitions = JobStatusEvents.transitions(
                JobStatusEvents.of(services.stack.kafkaBootstrapServers(), jobId, 4, Duration.ofSeconds(30)));
        assertEquals(List.of("New->Preparing", "Preparing->Suspended", "Suspended->Cancelling", "Cancelling->Cancelled"), transitions);
    }
}

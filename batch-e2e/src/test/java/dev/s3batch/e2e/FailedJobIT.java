package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.OssJobClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jobs that cannot run end Failed with a reason, and nothing crashes. */
class FailedJobIT {
    static RunningServices services;

    @BeforeAll
    static void start() throws Exception {
        services = RunningServices.get();
        services.s3.bucket("it-reports");
    }

    static JsonNode runToEnd(String xml) throws Exception {
        String jobId = services.api.create(xml);
        return services.api.awaitTerminal(jobId, Duration.ofMinutes(2), j -> { });
    }

    static String bucket() throws Exception {
        String b = "it-" + UUID.randomUUID().toString().substring(0, 13);
        services.s3.bucket(b);
        return b;
    }

    @Test
    void aManifestThatDoesNotExistFailsTheJob() throws Exception {
        String b = bucket();
        JsonNode job = runToEnd(OssJobClient.taggingJob("nomanifest-" + b, b, "no/such/manifest.csv", null, "it-reports", "f", "AllTasks", "k", "v"));
        assertEquals("Failed", job.path("Status").asText());
        JsonNode failure = job.path("FailureReasons").path("JobFailure");
        assertEquals("ManifestNotFound", failure.path("FailureCode").asText(), job.toString());
        assertTrue(failure.path("FailureReason").asText().contains("no/such/manifest.csv"));
        assertEquals(0, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt());
        List<String> transitions = JobStatusEvents.transitions(
                JobStatusEvents.of(services.stack.kafkaBootstrapServers(), job.path("JobId").asText(), 3, Duration.ofSeconds(30)));
        assertEquals(List.of("New->Preparing", "Preparing->Failing", "Failing->Failed"), transitions);
    }

    @Test
    void aManifestWhoseEtagDiffersFailsTheJobBeforeAnyTaskRuns() throws Exception {
        String b = bucket();
        services.s3.putObjects(b, 3, i -> "o" + i, d -> { });
        services.s3.putText(b, "m.csv", b + ",o0\n" + b + ",o1\n" + b + ",o2\n");
        JsonNode job = runToEnd(OssJobClient.taggingJob("etag-" + b, b, "m.csv", "0123456789abcdef0123456789abcdef",
                "it-reports", "f", "AllTasks", "k", "v"));
        assertEquals("Failed", job.path("Status").asText());
        assertEquals("ManifestETagMismatch", job.path("FailureReasons").path("JobFailure").path("FailureCode").asText());
        assertTrue(services.s3.tags(b, "o0").isEmpty(), "no task ran");
    }

    @Test
    void aReportBucketThatDoesNotExistFailsTheJobBeforeAnyTaskRuns() throws Exception {
        String b = bucket();
        services.s3.putObjects(b, 1, i -> "o" + i, d -> { });
        String etag = services.s3.putText(b, "m.csv", b + ",o0\n");
        JsonNode job = runToEnd(OssJobClient.taggingJob("noreport-" + b, b, "m.csv", etag, "no-such-report-bucket-" + b.substring(3),
                "f", "AllTasks", "k", "v"));
        assertEquals("Failed", job.path("Status").asText());
        assertEquals("ReportBucketNotFound", job.path("FailureReasons").path("JobFailure").path("FailureCode").asText());
        assertTrue(services.s3.tags(b, "o0").isEmpty());
    }

    @Test
    void anEmptyManifestCompletesWithNoTasksAndNoReport() throws Exception {
        String b = bucket();
        String etag = services.s3.putText(b, "m.csv", "\n\n");
        JsonNode job = runToEnd(OssJobClient.taggingJob("empty-" + b, b, "m.csv", etag, "it-reports", "empty", "AllTasks", "k", "v"));
        assertEquals("Complete", job.path("Status").asText());
        assertEquals(0, job.path("ProgressSummary").path("TotalNumberOfTasks").asInt());
    }

    /**
     * A job whose stored description no planner can read (edited by hand, or written by a newer version) fails with
     * InternalError instead of being claimed again and again forever. The planner is stopped while the job is created
     * and its spec is spoiled in the database, then started again.
     */
    @Test
    void aJobWhoseStoredSpecCannotBeReadFailsInsteadOfBeingRetriedForever() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-poison-", 3);
        String etag = services.s3.putManifest(bucket, "m.csv", List.of("o0", "o1", "o2"));
        java.util.Map<String, String> env = services.stack.env();
        String jobId;
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(env.get("QUARKUS_DATASOURCE_JDBC_URL"),
                env.get("QUARKUS_DATASOURCE_USERNAME"), env.get("QUARKUS_DATASOURCE_PASSWORD"))) {
            services.kill("manifest-planner-service");
            try (AwsControl aws = AwsControl.of(services)) {
                jobId = aws.createTaggingJob("poison-" + UUID.randomUUID(), bucket, "m.csv", etag, 10);
                try (java.sql.PreparedStatement spoil = db.prepareStatement("UPDATE batch_job SET spec = '{\"not\": \"a job spec\"' WHERE job_id = ?")) {
                    spoil.setObject(1, UUID.fromString(jobId));
                    assertEquals(1, spoil.executeUpdate());
                }
            } finally {
                services.restartStopped();
            }
            String status = null;
            String reasons = null;
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline && !"Failed".equals(status)) {
                Thread.sleep(250);
                try (java.sql.PreparedStatement read = db.prepareStatement("SELECT status, failure_reasons FROM batch_job WHERE job_id = ?")) {
                    read.setObject(1, UUID.fromString(jobId));
                    try (java.sql.ResultSet row = read.executeQuery()) {
                        row.next();
                        status = row.getString(1);
                        reasons = row.getString(2);
                    }
                }
            }
            assertEquals("Failed", status, reasons);
            assertTrue(reasons.contains("InternalError") && reasons.contains("stored description"), reasons);
        }
    }
}

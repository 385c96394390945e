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
}

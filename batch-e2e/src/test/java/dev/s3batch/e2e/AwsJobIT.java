package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.model.manifest.S3Keys;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.JobStatus;

/** A job submitted and followed with the real AWS SDK's S3ControlClient, run by the real services, reported in the AWS layout. */
class AwsJobIT {

    @Test
    void anS3ControlJobRunsToCompleteWithAnAwsReport() throws Exception {
        RunningServices services = RunningServices.get();
        String account = services.stack.env().get("S3BATCH_API_ACCOUNT_ID");
        String bucket = "it-aws-" + UUID.randomUUID().toString().substring(0, 8);
        services.s3.bucket(bucket);
        services.s3.bucket("it-reports");
        int n = 600;
        services.s3.putObjects(bucket, n, i -> "in dir/" + i, d -> { });
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < n; i++) {
            csv.append(bucket).append(',').append(S3Keys.encode("in dir/" + i)).append('\n');
        }
        csv.append(bucket).append(',').append("not-there\n");
        String etag = services.s3.putText(bucket, "manifest.csv", csv.toString());
        try (AwsControl aws = AwsControl.of(services)) {
            S3ControlClient client = aws.client;
            String jobId = aws.createTaggingJob("aws-" + bucket, bucket, "manifest.csv", etag, 5000);

            JobStatus status = null;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                status = client.describeJob(b -> b.accountId(account).jobId(jobId)).job().status();
                if (status == JobStatus.COMPLETE || status == JobStatus.FAILED) {
                    break;
                }
                Thread.sleep(250);
            }
            var job = client.describeJob(b -> b.accountId(account).jobId(jobId)).job();
            assertEquals(JobStatus.COMPLETE, job.status());
            assertEquals(n + 1, job.progressSummary().totalNumberOfTasks());
            assertEquals(n, job.progressSummary().numberOfTasksSucceeded());
            assertEquals(1, job.progressSummary().numberOfTasksFailed());
            assertEquals(Map.of("via", "s3control"), services.s3.tags(bucket, "in dir/7"));

            JsonNode manifest = new ObjectMapper().readTree(services.s3.getText("it-reports", "aws/job-" + jobId + "/manifest.json"));
            assertEquals("Report_CSV_20180820", manifest.path("Format").asText());
            Set<String> rows = new HashSet<>();
            for (JsonNode f : manifest.path("Results")) {
                assertTrue(f.path("Key").asText().matches("aws/job-" + jobId + "/results/[0-9a-f]{40}\\.csv"), f.toString());
                rows.addAll(services.s3.getText(f.path("Bucket").asText(), f.path("Key").asText()).lines().toList());
            }
            assertEquals(n + 1, rows.size());
            assertTrue(rows.contains(bucket + ",in%20dir%2F7,,succeeded,200,,Successful"), rows.iterator().next());
            assertTrue(rows.contains(bucket + ",not-there,,failed,404,NoSuchKey,NoSuchKey"), rows.toString().substring(0, 300));
            List<String> priorities = List.of(String.valueOf(job.priority()));
            assertEquals(List.of("5000"), priorities);
        }
    }
}

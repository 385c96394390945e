package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.JobReport;
import dev.s3batch.e2e.client.OssJobClient;
import dev.s3batch.testkit.FaultProxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.S3GlacierJobTier;

/**
 * Restore (OSS RestoreObject, AWS S3InitiateRestoreObject) against Ceph RGW, which has no archive tier and answers
 * RestoreObject 501: a recording proxy in front of the real store (the role {@code recorded} reaches the store through
 * it) shows the exact request each task sent — {@code POST /<bucket>/<key>?restore} with the S3 {@code RestoreRequest}
 * body of the job's days and tier — and the store's real answer, which is what the report says. Nothing is faked: the
 * success path needs an archive-capable store (README: "Restore").
 */
class RestoreIT {

    @Test
    void eachTaskSendsTheRestoreRequestAndReportsTheStoresAnswer() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-restore-", 6);
        URI store = URI.create(services.stack.s3Endpoint());
        int port = Integer.parseInt(services.stack.env().get("S3BATCH_RECORDING_PROXY_PORT"));
        try (FaultProxy proxy = FaultProxy.start(store.getHost(), store.getPort(), port, FaultProxy.Faults.NONE);
                AwsControl aws = AwsControl.of(services)) {
            proxy.record((method, uri) -> method.equals("POST") && uri.contains("restore"));

            // OSS: Days 3, Tier Bulk, on o0–o2
            String manifest = services.s3.putManifest(bucket, "oss.csv", List.of("o0", "o1", "o2"));
            String oss = services.api.create(OssJobClient.job("restore-" + bucket, "<RestoreObject><Days>3</Days><Tier>Bulk</Tier></RestoreObject>",
                    bucket, "oss.csv", manifest, "it-reports", "restore-oss", "AllTasks").replace("role/batch-role", "role/recorded"));
            JsonNode job = services.api.awaitTerminal(oss, Duration.ofMinutes(3), j -> { });
            // every task failed (the store has no restore): more than OSS's 20 % — the job fails, as OSS's would
            assertEquals("Failed", job.path("Status").asText(), job.toString());
            assertEquals(3, job.path("ProgressSummary").path("NumberOfTasksFailed").asInt(), job.toString());
            JobReport report = JobReport.read(services.s3, "it-reports", "restore-oss", oss);
            assertEquals(3, report.failedRows().size());
            assertTrue(report.failedRows().stream().allMatch(r -> r.matches(bucket + ",o[012],,501,NotImplemented")), report.failedRows().toString());
            List<FaultProxy.Recorded> sent = proxy.recorded();
            assertEquals(Set.of("/" + bucket + "/o0?restore=", "/" + bucket + "/o1?restore=", "/" + bucket + "/o2?restore="),
                    sent.stream().map(FaultProxy.Recorded::uri).collect(Collectors.toSet()));
            for (FaultProxy.Recorded r : sent) {
                assertEquals("<RestoreRequest xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Days>3</Days><GlacierJobParameters><Tier>Bulk"
                        + "</Tier></GlacierJobParameters></RestoreRequest>", r.body(), r.uri());
                assertTrue(r.headers().get("Authorization").startsWith("AWS4-HMAC-SHA256"), "signed");
                assertEquals(501, r.status(), "the store's own answer");
            }

            // AWS: ExpirationInDays 2, GlacierJobTier STANDARD, on o3–o5 (AWS's threshold needs 1,000 tasks: Complete)
            String awsManifest = services.s3.putManifest(bucket, "aws.csv", List.of("o3", "o4", "o5"));
            String id = aws.createJob("aws-restore-" + bucket, o -> o.s3InitiateRestoreObject(r -> r.expirationInDays(2)
                    .glacierJobTier(S3GlacierJobTier.STANDARD)), bucket, "aws.csv", awsManifest, false, "restore-aws", "recorded", 10);
            JobDescriptor described = aws.awaitTerminal(id, Duration.ofMinutes(3));
            assertEquals("Complete", described.statusAsString(), described.toString());
            assertEquals(3L, described.progressSummary().numberOfTasksFailed());
            assertEquals(2, described.operation().s3InitiateRestoreObject().expirationInDays());
            assertEquals(S3GlacierJobTier.STANDARD, described.operation().s3InitiateRestoreObject().glacierJobTier());
            List<FaultProxy.Recorded> awsSent = proxy.recorded().stream().filter(r -> r.uri().matches(".*/o[345]\\?restore=")).toList();
            assertEquals(3, awsSent.size(), proxy.recorded().toString());
            assertTrue(awsSent.stream().allMatch(r -> r.body().equals("<RestoreRequest xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Days>2"
                    + "</Days><GlacierJobParameters><Tier>Standard</Tier></GlacierJobParameters></RestoreRequest>")), awsSent.toString());
            List<String> rows = JobReport.readControl(services.s3, "it-reports", "restore-aws", id).failedRows();
            assertEquals(3, rows.size());
            assertTrue(rows.stream().allMatch(r -> r.matches(bucket + ",o[345],,failed,501,NotImplemented,NotImplemented")), rows.toString());
        }
    }
}

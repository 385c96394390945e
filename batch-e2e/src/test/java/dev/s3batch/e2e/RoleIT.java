package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.JobReport;
import dev.s3batch.e2e.client.OssJobClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A job acts only where its role allows: the stack's narrow role may tag objects in it-allowed-objects only, so rows
 * naming another bucket fail 403 AccessDenied (without touching the object), and the rest succeed.
 */
class RoleIT {

    @Test
    void objectsOutsideTheRolesBucketsAreRefusedAndTheRestDone() throws Exception {
        RunningServices services = RunningServices.get();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String elsewhere = "it-elsewhere-" + tag;
        for (String b : new String[]{"it-reports", "it-narrow-manifests", "it-allowed-objects", elsewhere}) {
            services.s3.bucket(b);
        }
        // 8 allowed and 2 refused: 20 % failed, at (not over) OSS's failure threshold, so the job completes
        services.s3.putObjects("it-allowed-objects", 8, i -> tag + "/" + i, d -> { });
        services.s3.putObjects(elsewhere, 2, i -> tag + "/" + i, d -> { });
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            rows.append("it-allowed-objects,").append(tag).append("%2F").append(i).append('\n');
        }
        String csv = rows + elsewhere + "," + tag + "%2F0\n" + elsewhere + "," + tag + "%2F1\n";
        String etag = services.s3.putText("it-narrow-manifests", tag + ".csv", csv);
        String xml = OssJobClient.taggingJob("narrow-" + tag, "it-narrow-manifests", tag + ".csv", etag, "it-reports", "narrow",
                "AllTasks", "scope", "narrow").replace("role/batch-role", "role/narrow");
        String jobId = services.api.create(xml);

        JsonNode job = services.api.awaitTerminal(jobId, Duration.ofMinutes(2), j -> { });

        assertEquals("Complete", job.path("Status").asText(), job.toString());
        assertEquals(8, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt());
        assertEquals(2, job.path("ProgressSummary").path("NumberOfTasksFailed").asInt());
        assertEquals(Map.of("scope", "narrow"), services.s3.tags("it-allowed-objects", tag + "/1"));
        assertTrue(services.s3.tags(elsewhere, tag + "/1").isEmpty(), "the role may not touch this bucket");
        JobReport report = JobReport.read(services.s3, "it-reports", "narrow", jobId);
        assertEquals(2, report.failedRows().size());
        assertTrue(report.failedRows().stream().allMatch(r -> r.startsWith(elsewhere + ",") && r.contains(",403,AccessDenied")),
                report.failedRows().toString());
    }

    @Test
    void theServicesActWithTheRolesOwnKeys() throws Exception {
        RunningServices services = RunningServices.get();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        services.s3.bucket("it-reports");
        services.s3.bucket("it-badkeys-" + tag);
        String etag = services.s3.putText("it-badkeys-" + tag, "m.csv", "it-badkeys-" + tag + ",a\n");
        String jobId = services.api.create(OssJobClient.taggingJob("badkeys-" + tag, "it-badkeys-" + tag, "m.csv", etag,
                "it-reports", "badkeys", "AllTasks", "k", "v").replace("role/batch-role", "role/bad-keys"));
        JsonNode job = services.api.awaitTerminal(jobId, Duration.ofMinutes(2), j -> { });
        assertEquals("Failed", job.path("Status").asText(), "the role's keys, unknown to the store, were used to read the manifest");
        // with the stack's own keys the manifest would have been read; the store refused the role's
        assertEquals("ManifestAccessDenied", job.path("FailureReasons").path("JobFailure").path("FailureCode").asText(), job.toString());
    }

    @Test
    void aRoleThatMayNotReadTheManifestBucketIsRefusedAtCreateJob() throws Exception {
        RunningServices services = RunningServices.get();
        String xml = OssJobClient.taggingJob("narrow-denied-" + UUID.randomUUID(), "it-some-other-manifests", "m.csv", null,
                "it-reports", "narrow", "AllTasks", "k", "v").replace("role/batch-role", "role/narrow");
        OssJobClient.Reply reply = services.api.createJob(xml);
        assertEquals(403, reply.status(), reply.body());
        assertEquals("AccessDenied", reply.errorCode());
    }
}

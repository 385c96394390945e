package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.e2e.client.JobReport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.S3ControlException;

/**
 * AWS S3PutObjectLegalHold and S3PutObjectRetention on a lock-enabled (so versioned) Ceph RGW bucket, which enforces
 * object lock. Read back with the AWS SDK's S3 client: the hold and retention are really set, a held version cannot be
 * deleted, shortening a COMPLIANCE retention fails object by object with the store's answer in the report, and
 * BypassGovernanceRetention works with a role that allows it and is refused at CreateJob with one that does not.
 */
class ObjectLockIT {

    @Test
    void legalHoldAndRetentionAreSetAndEnforced() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = "it-lock-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = IndependentS3.of(services); AwsControl aws = AwsControl.of(services)) {
            s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
            List<String> versions = IntStream.range(0, 4).mapToObj(i -> s3.putObject(b -> b.bucket(bucket).key("o" + i),
                    RequestBody.fromString("object " + i)).versionId()).toList();
            String etag = services.s3.putManifest(bucket, "all.csv", List.of("o0", "o1", "o2", "o3"));

            // legal hold ON on every object: set, and a held version cannot be deleted
            JobDescriptor hold = run(aws, o -> o.s3PutObjectLegalHold(h -> h.legalHold(l -> l.status("ON"))), bucket, "all.csv", etag, "batch-role");
            assertEquals(4L, hold.progressSummary().numberOfTasksSucceeded(), hold.toString());
            for (int i = 0; i < 4; i++) {
                String key = "o" + i;
                assertEquals("ON", s3.getObjectLegalHold(b -> b.bucket(bucket).key(key)).legalHold().statusAsString(), key);
            }
            S3Exception refused = assertThrows(S3Exception.class, () -> s3.deleteObject(b -> b.bucket(bucket).key("o0").versionId(versions.get(0))));
            assertEquals(403, refused.statusCode(), "the store enforces the hold");

            // COMPLIANCE on o0, o1 for two days; shortening it to one day fails per object with the store's answer
            Instant twoDays = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
            String first = services.s3.putManifest(bucket, "first.csv", List.of("o0", "o1"));
            JobDescriptor comply = run(aws, o -> o.s3PutObjectRetention(r -> r.retention(t -> t.mode("COMPLIANCE").retainUntilDate(twoDays))),
                    bucket, "first.csv", first, "batch-role");
            assertEquals(2L, comply.progressSummary().numberOfTasksSucceeded(), comply.toString());
            var retention = s3.getObjectRetention(b -> b.bucket(bucket).key("o1")).retention();
            assertEquals("COMPLIANCE", retention.modeAsString());
            assertEquals(twoDays, retention.retainUntilDate());
            Instant oneDay = twoDays.minus(Duration.ofDays(1));
            JobDescriptor shorter = run(aws, o -> o.s3PutObjectRetention(r -> r.bypassGovernanceRetention(true)
                    .retention(t -> t.mode("COMPLIANCE").retainUntilDate(oneDay))), bucket, "first.csv", first, "batch-role");
            assertEquals(2L, shorter.progressSummary().numberOfTasksFailed(), "not even a bypass shortens COMPLIANCE: " + shorter);
            List<String> rows = JobReport.readControl(services.s3, "it-reports", "lock", shorter.jobId()).failedRows();
            assertTrue(rows.stream().allMatch(r -> r.matches(bucket + ",o[01],,failed,403,AccessDenied,.*")), rows.toString());
            assertEquals(twoDays, s3.getObjectRetention(b -> b.bucket(bucket).key("o0")).retention().retainUntilDate());

            // GOVERNANCE on o2, o3; shortening needs BypassGovernanceRetention, which the role must allow
            String second = services.s3.putManifest(bucket, "second.csv", List.of("o2", "o3"));
            run(aws, o -> o.s3PutObjectRetention(r -> r.retention(t -> t.mode("GOVERNANCE").retainUntilDate(twoDays))),
                    bucket, "second.csv", second, "batch-role");
            JobDescriptor noBypass = run(aws, o -> o.s3PutObjectRetention(r -> r.retention(t -> t.mode("GOVERNANCE").retainUntilDate(oneDay))),
                    bucket, "second.csv", second, "lock-only");
            assertEquals(2L, noBypass.progressSummary().numberOfTasksFailed(), "without the bypass the store refuses: " + noBypass);
            S3ControlException denied = assertThrows(S3ControlException.class, () -> aws.createJob("bypass-" + UUID.randomUUID(),
                    o -> o.s3PutObjectRetention(r -> r.bypassGovernanceRetention(true).retention(t -> t.mode("GOVERNANCE").retainUntilDate(oneDay))),
                    bucket, "second.csv", second, false, "lock", "lock-only", 10));
            assertEquals(403, denied.statusCode(), "a role without BypassGovernanceRetention may not ask for it");
            JobDescriptor bypass = run(aws, o -> o.s3PutObjectRetention(r -> r.bypassGovernanceRetention(true)
                    .retention(t -> t.mode("GOVERNANCE").retainUntilDate(oneDay))), bucket, "second.csv", second, "batch-role");
            assertEquals(2L, bypass.progressSummary().numberOfTasksSucceeded(), bypass.toString());
            assertEquals(oneDay, s3.getObjectRetention(b -> b.bucket(bucket).key("o3")).retention().retainUntilDate());
        }
    }

    static JobDescriptor run(AwsControl aws, java.util.function.Consumer<software.amazon.awssdk.services.s3control.model.JobOperation.Builder> op,
            String bucket, String manifest, String etag, String role) throws InterruptedException {
        String id = aws.createJob("lock-" + UUID.randomUUID(), op, bucket, manifest, etag, false, "lock", role, 10);
        JobDescriptor job = aws.awaitTerminal(id, Duration.ofMinutes(3));
        assertEquals("Complete", job.statusAsString(), job.toString());
        return job;
    }
}

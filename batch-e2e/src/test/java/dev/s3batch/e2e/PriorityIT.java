package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.OssJobClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admission, pausing and expiry, each with the planner restarted with small limits of its own (and restored after):
 * a high-priority job pauses a low one when the active limit is full; admission is fair between accounts; a job left
 * Suspended fails when its confirmation period is over.
 */
class PriorityIT {
    static final String REPORTS = "it-reports";
    static final String PLANNER = "manifest-planner-service";
    static RunningServices services;

    @BeforeAll
    static void start() throws Exception {
        services = RunningServices.get();
        services.s3.bucket(REPORTS);
    }

    @AfterAll
    static void restore() throws Exception {
        services.restart(PLANNER, Map.of());
    }

    static String job(OssJobClient api, String token, String bucket, String manifest, String etag, int priority, boolean confirm,
            String role) {
        String xml = OssJobClient.taggingJob(token, bucket, manifest, etag, REPORTS, "prio", "FailedTasksOnly", "job", token)
                .replace("<Priority>10</Priority>", "<Priority>" + priority + "</Priority>")
                .replace("<ConfirmationRequired>false</ConfirmationRequired>", "<ConfirmationRequired>" + confirm + "</ConfirmationRequired>")
                .replace("acs:ram::1234567890123456:role/batch-role", role);
        return api.create(xml);
    }

    static final String LOCAL_ROLE = "acs:ram::1234567890123456:role/batch-role";
    static final String OTHER_ROLE = "acs:ram::2222222222222222:role/batch-role";

    static String manifest(String bucket, String name, int n) throws Exception {
        return services.s3.putManifest(bucket, name, java.util.stream.IntStream.range(0, n).mapToObj(i -> "o" + i).toList());
    }

    static String status(OssJobClient api, String jobId) {
        return api.describe(jobId).path("Status").asText();
    }

    /** With one active slot, a later high-priority job pauses the low one, runs first, and the low one resumes. */
    @Test
    void aHighPriorityJobPausesALowOneAndFinishesFirst() throws Exception {
        services.restart(PLANNER, Map.of("S3BATCH_PLANNER_MAX_ACTIVE_JOBS", "1"));
        String bucket = services.bucketWithObjects("it-prio-", 6_000);
        String lowEtag = manifest(bucket, "low.csv", 6_000);
        String highEtag = manifest(bucket, "high.csv", 500);
        String low = job(services.api, "low-" + bucket, bucket, "low.csv", lowEtag, 1, false, LOCAL_ROLE);
        JsonNode lowJob = services.api.awaitCounted(low, 500, Duration.ofMinutes(2));
        assertEquals("Active", lowJob.path("Status").asText());
        String high = job(services.api, "high-" + bucket, bucket, "high.csv", highEtag, 5000, false, LOCAL_ROLE);

        JsonNode highDone = services.api.awaitTerminal(high, Duration.ofMinutes(2), j -> { });
        assertEquals("Complete", highDone.path("Status").asText());
        String lowWhenHighDone = status(services.api, low);
        assertTrue(Set.of("Paused", "Ready", "Active", "Pausing").contains(lowWhenHighDone), "the low job had not finished: " + lowWhenHighDone);
        JsonNode lowDone = services.api.awaitTerminal(low, Duration.ofMinutes(3), j -> { });
        assertEquals("Complete", lowDone.path("Status").asText());
        assertEquals(6_000, lowDone.path("ProgressSummary").path("NumberOfTasksSucceeded").asLong(), "a paused job keeps its counters");
        assertEquals(Map.of("job", "low-" + bucket), services.s3.tags(bucket, "o5999"));

        List<String> transitions = JobStatusEvents.transitions(
                JobStatusEvents.of(services.stack.kafkaBootstrapServers(), low, 8, Duration.ofSeconds(30)));
        assertEquals(List.of("New->Preparing", "Preparing->Ready", "Ready->Active", "Active->Pausing", "Pausing->Paused",
                "Paused->Active", "Active->Completing", "Completing->Complete"), transitions);
    }

    /**
     * Two active slots, one per account. Account "local" has one job running and two more Ready of higher priority than
     * account "other"'s one. Admission applies the per-account limit before the global one, so "other"'s job runs beside
     * "local"'s first instead of waiting behind "local"'s Ready jobs (which took every place of the old top-N pick).
     */
    @Test
    void anAccountAtItsLimitDoesNotHoldBackAnother() throws Exception {
        services.restart(PLANNER, Map.of("S3BATCH_PLANNER_MAX_ACTIVE_JOBS", "2", "S3BATCH_PLANNER_MAX_ACTIVE_JOBS_PER_ACCOUNT", "1"));
        String bucket = services.bucketWithObjects("it-fair-", 5_000);
        // local's first job must still run when other's ends: 20,000 tasks (each object four times) give it ~15 s
        // on a busy 2-core machine, where 5,000 were done before other's job was admitted, prepared and run
        String bigEtag = services.s3.putManifest(bucket, "big.csv", java.util.stream.IntStream.range(0, 20_000).mapToObj(i -> "o" + i % 5_000).toList());
        String smallEtag = manifest(bucket, "small.csv", 200);
        String a1 = job(services.api, "a1-" + bucket, bucket, "big.csv", bigEtag, 100, false, LOCAL_ROLE);
        JsonNode a1Active = JobControlIT.awaitStatus(services.api, a1, Set.of("Active"), Duration.ofSeconds(30));
        assertEquals("Active", a1Active.path("Status").asText());
        String a2 = job(services.api, "a2-" + bucket, bucket, "small.csv", smallEtag, 100, false, LOCAL_ROLE);
        String a3 = job(services.api, "a3-" + bucket, bucket, "small.csv", smallEtag, 100, false, LOCAL_ROLE);
        for (String a : List.of(a2, a3)) {
            assertEquals("Ready", JobControlIT.awaitStatus(services.api, a, Set.of("Ready"), Duration.ofSeconds(30)).path("Status").asText());
        }
        String b1 = job(services.otherApi, "b1-" + bucket, bucket, "small.csv", smallEtag, 1, false, OTHER_ROLE);

        JsonNode b1Done = services.otherApi.awaitTerminal(b1, Duration.ofMinutes(2), j -> { });
        assertEquals("Complete", b1Done.path("Status").asText());
        JsonNode a1Now = services.api.describe(a1);
        assertTrue(OssJobClient.counted(a1Now) < 20_000, "other's job finished while local's first was still running: " + a1Now);
        assertEquals(0, OssJobClient.counted(services.api.describe(a3)), "local's third job waits for its account's slot");
        for (String a : List.of(a1, a2, a3)) {
            assertEquals("Complete", services.api.awaitTerminal(a, Duration.ofMinutes(2), j -> { }).path("Status").asText());
        }
    }

    /** A job left Suspended past the confirmation period (here 3 s) fails with a reason. */
    @Test
    void aSuspendedJobFailsWhenItsConfirmationPeriodIsOver() throws Exception {
        services.restart(PLANNER, Map.of("S3BATCH_PLANNER_SUSPENDED_EXPIRY", "PT3S", "S3BATCH_PLANNER_IDLE_POLL", "1s"));
        String bucket = services.bucketWithObjects("it-exp-", 2);
        String etag = manifest(bucket, "m.csv", 2);
        String jobId = job(services.api, "exp-" + bucket, bucket, "m.csv", etag, 10, true, LOCAL_ROLE);
        JsonNode suspended = JobControlIT.awaitStatus(services.api, jobId, Set.of("Suspended"), Duration.ofSeconds(30));
        assertEquals("Suspended", suspended.path("Status").asText());
        try (AwsControl aws = AwsControl.of(services)) {
            // the same job through the AWS dialect, which has SuspendedCause
            assertTrue(aws.describe(jobId).suspendedCause().startsWith("AwaitingConfirmation"), aws.describe(jobId).toString());
        }
        JsonNode done = services.api.awaitTerminal(jobId, Duration.ofSeconds(30), j -> { });
        assertEquals("Failed", done.path("Status").asText());
        assertEquals("ConfirmationExpired", done.path("FailureReasons").path("JobFailure").path("FailureCode").asText());
        assertTrue(services.s3.tags(bucket, "o0").isEmpty(), "nothing ran");
        assertEquals(List.of("New->Preparing", "Preparing->Suspended", "Suspended->Failing", "Failing->Failed"), JobStatusEvents.transitions(
                JobStatusEvents.of(services.stack.kafkaBootstrapServers(), jobId, 4, Duration.ofSeconds(30))));
    }
}

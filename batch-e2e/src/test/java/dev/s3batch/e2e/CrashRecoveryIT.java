package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.JobReport;
import dev.s3batch.e2e.client.OssJobClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost, nothing counted twice: the worker and the report service are killed (SIGKILL) while a job runs, and
 * started again. Batches in flight are redelivered and run again; the job still ends with every object tagged, counters
 * equal to the manifest, and exactly one report row per manifest row.
 */
class CrashRecoveryIT {

    @Test
    void aJobSurvivesItsWorkerAndReportServiceBeingKilled() throws Exception {
        RunningServices services = RunningServices.get();
        String bucket = "it-crash-" + UUID.randomUUID().toString().substring(0, 8);
        services.s3.bucket(bucket);
        services.s3.bucket("it-reports");
        int n = 6_000;
        services.s3.putObjects(bucket, n, i -> "k/" + i, d -> { });
        String etag = services.s3.putManifest(bucket, "m.csv", IntStream.range(0, n).mapToObj(i -> "k/" + i).toList());
        String jobId = services.api.create(OssJobClient.taggingJob("crash-" + bucket, bucket, "m.csv", etag,
                "it-reports", "crash", "AllTasks", "survived", "yes"));

        // wait for the job to be well under way, then crash the worker and the report service
        services.api.awaitCounted(jobId, 1_000, Duration.ofMinutes(1));
        services.kill("task-worker-service");
        services.kill("report-service");
        long atCrash = services.api.describe(jobId).path("ProgressSummary").path("NumberOfTasksSucceeded").asLong();
        assertTrue(atCrash > 0 && atCrash < n, "the crash must hit a running job, it hit at " + atCrash + "/" + n);
        services.restartStopped();

        JsonNode job = services.api.awaitTerminal(jobId, Duration.ofMinutes(5), j -> { });

        assertEquals("Complete", job.path("Status").asText(), "crash at " + atCrash + "/" + n + ": " + job);
        assertEquals(n, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt());
        assertEquals(0, job.path("ProgressSummary").path("NumberOfTasksFailed").asInt());
        JobReport report = JobReport.read(services.s3, "it-reports", "crash", jobId);
        assertEquals(n, report.rows(), "one report row per manifest row");
        assertEquals(n, new HashSet<>(report.succeededRows()).size(), "no row twice");
        Map<String, Map<String, String>> tags = services.s3.tagsOfAll(bucket, IntStream.range(0, n).mapToObj(i -> "k/" + i).toList());
        assertEquals(n, tags.values().stream().filter(t -> t.equals(Map.of("survived", "yes"))).count());
        List<String> staged = services.s3.list("it-reports", "crash/" + jobId + "/staging/");
        assertEquals(List.of(), staged, "staged parts are cleaned up, including those of killed deliveries");
    }

    /**
     * PostgreSQL stopped for 3 s mid-job and started again: no service is restarted by hand, and the job still completes
     * exactly. (An outcome whose accounting failed on the lost connection used to stop the report service's channel
     * for good, leaving the job Active.)
     */
    @Test
    void aJobSurvivesAPostgreSqlRestart() throws Exception {
        RunningServices services = RunningServices.get();
        String bucket = services.bucketWithObjects("it-pgdown-", 4_000);
        services.s3.bucket("it-reports");
        String etag = services.s3.putManifest(bucket, "m.csv", IntStream.range(0, 4_000).mapToObj(i -> "o" + i).toList());
        String jobId = services.api.create(OssJobClient.taggingJob("pgdown-" + bucket, bucket, "m.csv", etag,
                "it-reports", "pgdown", "AllTasks", "survived", "db"));
        long done = OssJobClient.counted(services.api.awaitCounted(jobId, 500, Duration.ofSeconds(30)));
        assertTrue(done < 4_000, "the outage must hit a running job");
        services.control.command(Map.of(), "deploy/postgres.sh", "restart");

        JsonNode job = awaitTerminalThroughOutage(services, jobId);
        assertEquals("Complete", job.path("Status").asText(), job.toString());
        assertEquals(4_000, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt());
        JobReport report = JobReport.read(services.s3, "it-reports", "pgdown", jobId);
        assertEquals(4_000, report.rows());
        assertEquals(4_000, new HashSet<>(report.succeededRows()).size(), "no row twice");
    }

    /**
     * The planner killed while it expands a gzipped inventory (mid-file: the window holds 2,000 of 6,000 rows in three
     * files) resumes at its cursor: every object tagged once, one report row each.
     */
    @Test
    void aPlannerKilledMidInventoryResumesWithoutLosingOrRepeatingATask() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        int n = 6_000;
        String bucket = services.bucketWithObjects("it-crash-inv-", n);
        var inv = dev.s3batch.e2e.client.Inventories.write(services.s3, dev.s3batch.e2e.client.Inventories.Cloud.AWS, false, bucket, bucket,
                List.of(ManifestKindsIT.rows(bucket, 0, 2_500), ManifestKindsIT.rows(bucket, 2_500, 5_000), ManifestKindsIT.rows(bucket, 5_000, n)));
        String jobId = services.api.create(OssJobClient.taggingJob("crash-inv-" + bucket, bucket, inv.manifestKey(), inv.etag(),
                        "it-reports", "crash-inv", "AllTasks", "survived", "planner")
                .replace("<Fields>Bucket,Key</Fields>", "").replace("OSS_BatchOperations_CSV_20250611", "OSS_InventoryReport_CSV_20250611"));
        services.api.awaitCounted(jobId, 1_000, Duration.ofMinutes(1));
        services.kill("manifest-planner-service");
        long atCrash = OssJobClient.counted(services.api.describe(jobId));
        assertTrue(atCrash < n, "the crash must hit a job still expanding, it hit at " + atCrash + "/" + n);
        services.restartStopped();
        assertExactlyOnce(services, jobId, bucket, n, "crash-inv", "planner");
    }

    /**
     * The planner killed while it lists a prefix (small pages, so the listing takes a while) resumes after the last
     * stored key: the job has exactly the prefix's objects, each tagged once, one report row each.
     */
    @Test
    void aPlannerKilledMidListingResumesAfterTheLastStoredKey() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        int n = 8_000;
        String bucket = services.bucketWithObjects("it-crash-list-", n);
        services.restart("manifest-planner-service", Map.of("S3BATCH_PLANNER_LISTING_PAGE_SIZE", "10"));
        try (var probe = new dev.s3batch.e2e.chaos.JobProbe(services.stack.env())) {
            String jobId = services.api.create(ManifestKindsIT.prefixJob(bucket, "", "crash-list").replace("<Key>via</Key><Value>prefix</Value>", "<Key>survived</Key><Value>planner</Value>"));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (probe.listingChunks(jobId) < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            services.kill("manifest-planner-service");
            long chunks = probe.listingChunks(jobId);
            assertTrue(chunks >= 1 && chunks < n / 1_000, "the crash must hit the listing midway: " + chunks + " chunks stored");
            assertEquals("Preparing", services.api.describe(jobId).path("Status").asText());
            services.restart("manifest-planner-service", Map.of());
            assertExactlyOnce(services, jobId, bucket, n, "crash-list", "planner");
            assertEquals(0, probe.listingChunks(jobId), "the listing is forgotten once the job has ended");
        } finally {
            services.restart("manifest-planner-service", Map.of());
        }
    }

    private static void assertExactlyOnce(RunningServices services, String jobId, String bucket, int n, String reportPrefix, String tag)
            throws Exception {
        JsonNode job = services.api.awaitTerminal(jobId, Duration.ofMinutes(5), j -> { });
        assertEquals("Complete", job.path("Status").asText(), job.toString());
        assertEquals(n, job.path("ProgressSummary").path("TotalNumberOfTasks").asInt(), job.toString());
        assertEquals(n, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt(), job.toString());
        JobReport report = JobReport.read(services.s3, "it-reports", reportPrefix, jobId);
        assertEquals(n, report.rows(), "one report row per object");
        assertEquals(n, new HashSet<>(report.succeededRows()).size(), "no row twice");
        Map<String, Map<String, String>> tags = services.s3.tagsOfAll(bucket, IntStream.range(0, n).mapToObj(i -> "o" + i).toList());
        assertEquals(n, tags.values().stream().filter(t -> t.equals(Map.of("survived", tag))).count());
    }

    /** DescribeJob answers 500 while the database is down; poll through that. */
    private static JsonNode awaitTerminalThroughOutage(RunningServices services, String jobId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try {
                return services.api.awaitTerminal(jobId, Duration.ofMinutes(3), j -> { });
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}

package dev.s3batch.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.Inventories;
import dev.s3batch.e2e.client.OssJobClient;
import dev.s3batch.e2e.client.S3Fixtures;
import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * The manifest kinds against what the store can give: the planner reading a gzipped bucket inventory of several files
 * (rows/s and heap, in a JVM of its own limited to 256 MB, next to the CSV figures), and a KeyPrefixManifestGenerator
 * job's listing (Preparing to Suspended, chunks stored) against a raw ListObjectsV2 loop over the same bucket.
 */
final class ManifestBench {
    private final Bench bench;
    private final S3Fixtures s3;
    private final OssJobClient api;

    ManifestBench(Bench bench, S3Fixtures s3, OssJobClient api) {
        this.bench = bench;
        this.s3 = s3;
        this.api = api;
    }

    /** The planner over an inventory of {@code rows} rows in {@code files} gzipped files. */
    void inventory(long rows, int files, String stamp) throws Exception {
        String bucket = "bench-inventory-" + stamp;
        s3.bucket(bucket);
        long[] perFile = new long[files];
        Arrays.fill(perFile, rows / files);
        perFile[files - 1] += rows % files;
        bench.log("writing a %,d-row AWS inventory in %d gzipped files", rows, files);
        long each = rows / files;
        var written = Inventories.write(s3, Inventories.Cloud.AWS, false, bucket, "bench-bucket", perFile,
                (file, i) -> Inventories.Row.current("bench-bucket", "photos/" + ((file * each + i) % 1000) + "/image-" + (file * each + i) + ".jpg"));
        String[] r = bench.forkPlanner(rows, "inventory", Bench.env("S3BATCH_S3_ENDPOINT"), Bench.env("S3BATCH_S3_ACCESS_KEY"),
                Bench.env("S3BATCH_S3_SECRET_KEY"), bucket, written.manifestKey());
        if (Long.parseLong(r[0]) != rows) {
            throw new IllegalStateException("the inventory bench read " + r[0] + " rows of " + rows);
        }
        double secs = Double.parseDouble(r[1]);
        bench.figure("planner_inventory_rows_per_second_" + rows, rows / secs, "rows/s");
        bench.figure("planner_inventory_peak_heap_used_" + rows, Long.parseLong(r[2]) / 1048576.0, "MB");
        bench.figure("planner_inventory_heap_after_gc_" + rows, Long.parseLong(r[3]) / 1048576.0, "MB");
    }

    /**
     * A prefix job's listing of the {@code objects} objects of {@code bucket}, against a raw ListObjectsV2 loop. Each is
     * run twice, one after the other: the first run of a freshly started planner includes its JIT warming up (shown as
     * {@code listing_job_rate_first}); the figures and the ratio are the second run's.
     */
    void listing(String bucket, int objects, String reports, String stamp) throws Exception {
        double raw = 0;
        double job = 0;
        for (int round = 1; round <= 2; round++) {
            raw = rawListing(bucket);
            job = jobListing(bucket, reports, stamp + "-" + round);
            if (round == 1) {
                bench.figure("listing_job_rate_first", job, "objects/s");
            }
        }
        bench.figure("listing_raw_list_objects_v2_rate", raw, "objects/s");
        bench.figure("listing_job_rate", job, "objects/s");
        bench.figure("listing_ratio_job_vs_raw", job / raw, "ratio");
    }

    private double rawListing(String bucket) throws Exception {
        long t0 = System.nanoTime();
        long listed = 0;
        for (Result<Item> r : s3.client().listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).maxKeys(1000).build())) {
            r.get();
            listed++;
        }
        return listed / Bench.seconds(t0);
    }

    /** Objects/s of a KeyPrefixManifestGenerator job from Preparing to Suspended (listed, stored, counted); then cancelled. */
    private double jobListing(String bucket, String reports, String stamp) throws Exception {
        String xml = OssJobClient.taggingJob("bench-list-" + stamp, bucket, "unused", null, reports, "bench-list/" + stamp, "AllTasks", "b", "l")
                .replace("<ConfirmationRequired>false</ConfirmationRequired>", "<ConfirmationRequired>true</ConfirmationRequired>")
                .replaceAll("(?s)<Manifest>.*</Manifest>", "<KeyPrefixManifestGenerator><SourceBucket>" + bucket
                        + "</SourceBucket><Prefix></Prefix></KeyPrefixManifestGenerator>");
        String jobId = api.create(xml);
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        JsonNode job;
        while (!(job = api.describe(jobId)).path("Status").asText().equals("Suspended")) {
            if (System.nanoTime() > deadline || job.path("Status").asText().equals("Failed")) {
                throw new IllegalStateException("the listing job did not reach Suspended: " + job);
            }
            Thread.sleep(100);
        }
        long tasks = job.path("ProgressSummary").path("TotalNumberOfTasks").asLong();
        Map<String, Instant> times = bench.statusTimes(jobId);
        api.updateJobStatus(jobId, "Cancelled", "bench");
        return tasks / (Duration.between(times.get("Preparing"), times.get("Suspended")).toNanos() / 1e9);
    }
}

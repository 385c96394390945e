package dev.s3batch.e2e.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.JobReport;
import dev.s3batch.e2e.client.OssJobClient;
import dev.s3batch.e2e.client.S3Fixtures;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code ./s3batch demo}: creates a bucket of small objects and a CSV manifest naming them, submits a PutObjectTagging
 * job through the OSS API, shows its progress until it ends, then prints the counters and the report's first lines.
 * Addresses come from the environment deploy/stack.sh writes ({@code S3BATCH_API_URL}, {@code S3BATCH_S3_*}).
 */
public final class DemoJob {
    public static void main(String[] args) throws Exception {
        // OkHttp's idle threads are not daemons and would keep the JVM up for a minute after the demo ends
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        int objects = 10_000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--objects") && i + 1 < args.length) {
                objects = Integer.parseInt(args[++i]);
            }
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        S3Fixtures s3 = new S3Fixtures(env("S3BATCH_S3_ENDPOINT"), env("S3BATCH_S3_ACCESS_KEY"), env("S3BATCH_S3_SECRET_KEY"));
        OssJobClient api = new OssJobClient(env("S3BATCH_API_URL"), env("S3BATCH_API_ACCESS_KEY"), env("S3BATCH_API_SECRET_KEY"));
        String data = "s3batch-demo-" + stamp;
        String reports = "s3batch-demo-reports";
        System.out.printf("1/4 creating bucket %s with %,d objects%n", data, objects);
        s3.bucket(data);
        s3.bucket(reports);
        final int total = objects;
        long t0 = System.nanoTime();
        s3.putObjects(data, objects, DemoJob::key, n -> {
            if (n % 500 == 0 || n == total) {
                System.out.printf("\r    uploaded %,d/%,d", n, total);
            }
        });
        System.out.printf("  (%.1f s)%n", (System.nanoTime() - t0) / 1e9);

        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < objects; i++) {
            csv.append(data).append(',').append(dev.s3batch.model.manifest.S3Keys.encode(key(i))).append('\n');
        }
        String etag = s3.putText(data, "manifests/manifest.csv", csv.toString());
        System.out.printf("2/4 manifest s3://%s/manifests/manifest.csv (%,d rows, ETag %s)%n", data, objects, etag);

        String xml = OssJobClient.taggingJob("demo-" + stamp, data, "manifests/manifest.csv", etag, reports, "demo/" + stamp,
                "AllTasks", "project", "s3batch-demo", "stage", "tagged");
        long submitted = System.nanoTime();
        String jobId = api.create(xml);
        System.out.printf("3/4 CreateJob (OSS POST /?batchJob) -> JobId %s%n", jobId);
        JsonNode job = api.awaitTerminal(jobId, Duration.ofMinutes(30), j -> progress(j, submitted));
        double seconds = (System.nanoTime() - submitted) / 1e9;
        JsonNode p = job.path("ProgressSummary");
        long done = p.path("NumberOfTasksSucceeded").asLong() + p.path("NumberOfTasksFailed").asLong();
        System.out.printf("%n4/4 job %s: %s in %.1f s (%,.0f objects/s from CreateJob to the end)%n", jobId,
                job.path("Status").asText(), seconds, done / seconds);
        System.out.printf("    total %,d  succeeded %,d  failed %,d  active %d s%n", p.path("TotalNumberOfTasks").asLong(),
                p.path("NumberOfTasksSucceeded").asLong(), p.path("NumberOfTasksFailed").asLong(),
                p.path("Timers").path("ElapsedTimeInActiveSeconds").asLong());
        for (JsonNode f : job.path("FailureReasons").path("JobFailure")) {
            System.out.printf("    failure: %s %s%n", f.path("FailureCode").asText(), f.path("FailureReason").asText());
        }
        if (!job.path("Status").asText().equals("Complete")) {
            return 1;
        }
        JobReport report = JobReport.read(s3, reports, "demo/" + stamp, jobId);
        System.out.printf("    report: s3://%s/%s (%,d rows: %,d succeeded, %,d failed)%n", reports, report.manifestKey(),
                report.rows(), report.succeededRows().size(), report.failedRows().size());
        for (JsonNode r : report.manifest().path("Results")) {
            System.out.printf("      %s  %s%n", r.path("TaskExecutionStatus").asText(), r.path("Key").asText());
        }
        System.out.println("    first lines:");
        report.succeededRows().stream().limit(5).forEach(l -> System.out.println("      " + l));
        report.failedRows().stream().limit(5).forEach(l -> System.out.println("      " + l));
        System.out.printf("    object %s now has tags %s%n", key(0), s3.tags(data, key(0)));
        console();
        return 0;
    }

    /** Where the web console is, and the local account's key to sign in with (the demo stack's own, documented key). */
    static void console() {
        System.out.printf("%nWeb console: %s/console/  (this job: Batch Operation, then its id)%n", env("S3BATCH_API_URL"));
        System.out.printf("    sign in with the local account's key: access key ID %s, secret access key %s%n", env("S3BATCH_API_ACCESS_KEY"),
                env("S3BATCH_API_SECRET_KEY"));
    }

    static String key(int i) {
        return String.format("photos/2026/img %05d.jpg", i);
    }

    private static void progress(JsonNode job, long submitted) {
        JsonNode p = job.path("ProgressSummary");
        long total = p.path("TotalNumberOfTasks").asLong();
        long ok = p.path("NumberOfTasksSucceeded").asLong();
        long failed = p.path("NumberOfTasksFailed").asLong();
        double s = (System.nanoTime() - submitted) / 1e9;
        System.out.printf(Locale.ROOT, "\r    %-10s %,7d/%,d tasks  %3.0f%%  (%,d succeeded, %,d failed)  %5.1f s  %,6.0f obj/s   ",
                job.path("Status").asText(), ok + failed, total, total == 0 ? 0.0 : 100.0 * (ok + failed) / total, ok, failed, s,
                (ok + failed) / Math.max(s, 0.001));
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run through ./s3batch demo");
        }
        return v;
    }
}

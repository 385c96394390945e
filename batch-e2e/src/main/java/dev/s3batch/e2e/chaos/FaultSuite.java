package dev.s3batch.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.JobReport;
import dev.s3batch.e2e.client.OssJobClient;
import dev.s3batch.e2e.client.S3Fixtures;
import dev.s3batch.testkit.FaultProxy;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * The fault suite: tagging jobs run while something breaks, each checked for exactness afterwards — the job Complete,
 * its counters and its report rows equal to the manifest, no report row twice, every object carrying the job's tag (read
 * back with an independent client). The faults:
 * <ul>
 * <li>{@code store}: a {@link FaultProxy} between the planner, workers and report service and the store (10 % 503
 * SlowDown, 1 % resets, 1 % 5-second stalls) for the whole job;</li>
 * <li>{@code worker}, {@code report}: the service killed (SIGKILL) at a random moment, then started again;</li>
 * <li>{@code planner}: killed while the job is being expanded (holding its lease when the probe catches it);</li>
 * <li>{@code api}: job-api-service killed right after CreateJob, restarted once status events wait in the outbox;</li>
 * <li>{@code kafka}, {@code postgres}: the broker or the database stopped for 3 s at a random moment and started again
 * (no service restarted by hand).</li>
 * </ul>
 * Recovery is measured from the restart (the service started, the broker or database back) to progress: a task counted,
 * a batch planned, or (api) the outbox drained.
 */
public final class FaultSuite {
    public static final List<String> FAULTS = List.of("store", "worker", "report", "planner", "api", "kafka", "postgres");
    static final List<String> STORE_CLIENTS = List.of("manifest-planner-service", "task-worker-service", "report-service");
    static final String REPORTS = "chaos-reports";
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(15);

    /** One run of one fault, as checked afterwards. */
    public record Outcome(String fault, int run, String status, long objects, long succeeded, long failed, int reportRows,
            int uniqueRows, long tagged, Double recoverySeconds, double jobSeconds, String note) {
        /** Objects the job should have tagged and did not. */
        public long lost() {
            return objects - tagged;
        }

        /** Tasks counted or reported more than once. */
        public long duplicated() {
            return Math.max(0, reportRows - uniqueRows) + Math.max(0, succeeded + failed - objects);
        }

        public boolean exact() {
            return status.equals("Complete") && succeeded == objects && failed == 0 && reportRows == objects && uniqueRows == objects
                    && tagged == objects;
        }
    }

    private final StackControl stack;
    private final OssJobClient api;
    private final S3Fixtures s3;
    private final PrintStream out;

    public FaultSuite(StackControl stack, PrintStream out) {
        this.stack = stack;
        Map<String, String> env = stack.env();
        this.api = new OssJobClient(env.get("S3BATCH_API_URL"), env.get("S3BATCH_API_ACCESS_KEY"), env.get("S3BATCH_API_SECRET_KEY"));
        this.s3 = new S3Fixtures(env.get("S3BATCH_S3_ENDPOINT"), env.get("S3BATCH_S3_ACCESS_KEY"), env.get("S3BATCH_S3_SECRET_KEY"));
        this.out = out;
    }

    /** Runs each fault {@code runs} times on jobs of {@code objects} objects; prints a line per run and a summary. */
    public List<Outcome> run(List<String> faults, int objects, int runs) throws Exception {
        String bucket = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        s3.bucket(bucket);
        s3.bucket(REPORTS);
        out.printf("fault suite: %d objects in %s, %d run(s) of %s%n", objects, bucket, runs, String.join(", ", faults));
        s3.putObjects(bucket, objects, i -> "o" + i, done -> { });
        List<String> keys = IntStream.range(0, objects).mapToObj(i -> "o" + i).toList();
        String etag = s3.putManifest(bucket, "m.csv", keys);
        List<Outcome> outcomes = new ArrayList<>();
        try (JobProbe probe = new JobProbe(stack.env())) {
            for (String fault : faults) {
                for (int run = 1; run <= runs; run++) {
                    Outcome o = runOne(probe, fault, run, bucket, etag, keys);
                    outcomes.add(o);
                    out.printf(Locale.ROOT, "%-9s run %d  %-8s counted %d+%d  report rows %d (unique %d)  tagged %d/%d  lost %d  duplicated %d"
                                    + "  recovery %s  job %.1f s  %s%n", o.fault(), o.run(), o.status(), o.succeeded(), o.failed(),
                            o.reportRows(), o.uniqueRows(), o.tagged(), o.objects(), o.lost(), o.duplicated(),
                            o.recoverySeconds() == null ? "-" : String.format(Locale.ROOT, "%.1f s", o.recoverySeconds()), o.jobSeconds(), o.note());
                }
            }
        }
        out.println();
        out.println("fault      runs  exact  lost  duplicated  recovery max (s)");
        for (String fault : faults) {
            List<Outcome> of = outcomes.stream().filter(o -> o.fault().equals(fault)).toList();
            double worst = of.stream().filter(o -> o.recoverySeconds() != null).mapToDouble(Outcome::recoverySeconds).max().orElse(Double.NaN);
            out.printf(Locale.ROOT, "%-9s  %4d  %5d  %4d  %10d  %s%n", fault, of.size(), of.stream().filter(Outcome::exact).count(),
                    of.stream().mapToLong(Outcome::lost).sum(), of.stream().mapToLong(Outcome::duplicated).sum(),
                    Double.isNaN(worst) ? "-" : String.format(Locale.ROOT, "%.1f", worst));
        }
        return outcomes;
    }

    private Outcome runOne(JobProbe probe, String fault, int run, String bucket, String etag, List<String> keys) throws Exception {
        int n = keys.size();
        String value = fault + "-" + run + "-" + UUID.randomUUID().toString().substring(0, 6);
        String prefix = "chaos/" + value;
        FaultProxy proxy = null;
        long start = System.nanoTime();
        if (fault.equals("store")) {
            URI store = URI.create(stack.env().get("S3BATCH_S3_ENDPOINT"));
            proxy = FaultProxy.start(store.getHost(), store.getPort(), 0, FaultProxy.Faults.STANDARD);
            stack.restart(STORE_CLIENTS, Map.of("S3BATCH_SERVICES_S3_ENDPOINT", "http://127.0.0.1:" + proxy.port()));
            start = System.nanoTime();
        }
        String jobId = api.create(OssJobClient.taggingJob("chaos-" + value, bucket, "m.csv", etag, REPORTS, prefix, "AllTasks", "chaos", value));
        Double recovery = null;
        String note = "";
        switch (fault) {
            case "store" -> { }
            case "worker", "report" -> {
                long at = awaitCountedShare(probe, jobId, n);
                stack.kill(fault.equals("worker") ? "task-worker-service" : "report-service");
                long t0 = System.nanoTime();
                stack.servicesUp();
                recovery = secondsUntil(t0, () -> progressed(probe.job(jobId), at));
                note = "killed at " + at + "/" + n;
            }
            case "planner" -> {
                JobProbe.JobRow row = awaitExpanding(probe, jobId);
                stack.kill("manifest-planner-service");
                long t0 = System.nanoTime();
                stack.servicesUp();
                long seq = row.nextSeq();
                recovery = secondsUntil(t0, () -> {
                    JobProbe.JobRow now = probe.job(jobId);
                    return now != null && (now.nextSeq() > seq || now.expanded() || now.terminal());
                });
                note = "killed at batch " + seq + (row.leaseOwner() != null ? ", holding the job's lease" : ", between claims");
            }
            case "api" -> {
                stack.kill("job-api-service");
                long pending = awaitPendingOutbox(probe);
                long t0 = System.nanoTime();
                stack.servicesUp();
                recovery = secondsUntil(t0, () -> probe.pendingOutbox() == 0);
                note = pending + " outbox row(s) pending at restart";
            }
            case "kafka", "postgres" -> {
                long at = awaitCountedShare(probe, jobId, n);
                stack.command(Map.of("OUTAGE_SECONDS", "3"), "deploy/" + (fault.equals("kafka") ? "kafka.sh" : "postgres.sh"), "restart");
                long t0 = System.nanoTime();
                JobProbe.JobRow back = probe.job(jobId);
                while (back == null) { // the database answers again a moment after its script returned
                    Thread.sleep(20);
                    back = probe.job(jobId);
                }
                long since = back.counted();
                recovery = secondsUntil(t0, () -> progressed(probe.job(jobId), since));
                note = "down at " + at + "/" + n;
            }
            default -> throw new IllegalArgumentException("unknown fault " + fault + " (" + String.join(", ", FAULTS) + ")");
        }
        JsonNode job = awaitTerminal(jobId);
        double jobSeconds = (System.nanoTime() - start) / 1e9;
        if (proxy != null) {
            note = proxy.counts();
            stack.restart(STORE_CLIENTS, Map.of());
            proxy.close();
        }
        var summary = job.path("ProgressSummary");
        JobReport report = job.path("Status").asText().equals("Complete") ? JobReport.read(s3, REPORTS, prefix, jobId) : null;
        int rows = report == null ? 0 : report.rows();
        List<String> all = new ArrayList<>();
        if (report != null) {
            all.addAll(report.succeededRows());
            all.addAll(report.failedRows());
        }
        long tagged = s3.tagsOfAll(bucket, keys).values().stream().filter(t -> value.equals(t.get("chaos"))).count();
        return new Outcome(fault, run, job.path("Status").asText(), n, summary.path("NumberOfTasksSucceeded").asLong(),
                summary.path("NumberOfTasksFailed").asLong(), rows, new HashSet<>(all).size(), tagged, recovery, jobSeconds, note);
    }

    /** Waits until a random share (10–60 %) of the job is counted; returns the count then. */
    private static long awaitCountedShare(JobProbe probe, String jobId, int n) throws InterruptedException {
        long target = Math.max(1, (long) (n * ThreadLocalRandom.current().nextDouble(0.1, 0.6)));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JobProbe.JobRow row = probe.job(jobId);
            if (row != null && (row.counted() >= target || row.terminal())) {
                return row.counted();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("job " + jobId + " did not reach " + target + " counted tasks");
    }

    /** Waits until the job is being expanded, preferring a moment when the planner holds its lease. */
    private static JobProbe.JobRow awaitExpanding(JobProbe probe, String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long leaseDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JobProbe.JobRow row = probe.job(jobId);
            if (row != null && row.status().equals("Active") && !row.expanded() && row.nextSeq() > 0
                    && (row.leaseOwner() != null || System.nanoTime() > leaseDeadline)) {
                return row;
            }
            if (row != null && (row.expanded() || row.terminal())) {
                return row; // expanded before the probe caught it: a kill now still tests a restart mid-job
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("job " + jobId + " was not expanded");
    }

    /** Waits (up to 15 s) until status events wait in the outbox with job-api-service down; how many. */
    private static long awaitPendingOutbox(JobProbe probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long pending = 0;
        while (System.nanoTime() < deadline && (pending = probe.pendingOutbox()) < 3) {
            Thread.sleep(50);
        }
        return pending;
    }

    private static boolean progressed(JobProbe.JobRow row, long countedBefore) {
        return row != null && (row.counted() > countedBefore || row.terminal());
    }

    private static double secondsUntil(long t0, BooleanSupplier condition) throws InterruptedException {
        long deadline = t0 + Duration.ofMinutes(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no progress within 5 minutes of the restart");
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** DescribeJob until the job ends, polling through outages of the API or the database. */
    private JsonNode awaitTerminal(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (true) {
            try {
                return api.awaitTerminal(jobId, JOB_TIMEOUT, j -> { });
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}

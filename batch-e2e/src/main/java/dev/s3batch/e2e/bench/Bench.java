package dev.s3batch.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.e2e.client.OssJobClient;
import dev.s3batch.e2e.client.S3Fixtures;
import dev.s3batch.worker.s3.StoreClient;
import io.minio.MinioAsyncClient;
import io.minio.SetObjectTagsArgs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code ./s3batch bench}: the job rate against the store's own ceiling, measured in one run on the local stack, and
 * the other figures of the benchmark issue. Prints one {@code name value unit} line per figure and writes them to a
 * results file. It asserts nothing: the machines are shared and noisy, so figures are read as ratios within one run.
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> results = new ArrayList<>();
    private final PrintStream out = System.out;

    public static void main(String[] args) throws Exception {
        int objects = 100_000;
        List<Long> plannerRows = List.of(1_000_000L, 10_000_000L);
        int smallJobs = 20;
        Path resultsFile = null;
        List<String> operations = List.of();
        int bigCopy = 0;
        boolean manifestsOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--big-copy" -> bigCopy = Integer.parseInt(args[++i]);
                case "--manifests" -> manifestsOnly = true;
                case "--operation" -> operations = OperationBench.parse(args[++i]);
                case "--objects" -> objects = Integer.parseInt(args[++i]);
                case "--planner-rows" -> plannerRows = java.util.Arrays.stream(args[++i].split(",")).map(Long::parseLong).toList();
                case "--small-jobs" -> smallJobs = Integer.parseInt(args[++i]);
                case "--out" -> resultsFile = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--objects N, --planner-rows N[,N], --small-jobs N, --operation NAME[,NAME]|all, --big-copy GiB, --manifests, --out FILE)");
            }
        }
        Bench bench = new Bench();
        if (bigCopy > 0) {
            new BigCopyBench(bench, s3Fixtures(), cosClient())
                    .run(bigCopy, LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        } else if (manifestsOnly) {
            bench.runManifests(objects, plannerRows);
        } else if (operations.isEmpty()) {
            bench.run(objects, plannerRows, smallJobs);
        } else {
            bench.runOperations(operations, objects);
        }
        if (resultsFile != null) {
            Files.createDirectories(resultsFile.toAbsolutePath().getParent());
            Files.write(resultsFile, bench.results);
            System.out.println("results written to " + resultsFile);
        }
        System.exit(0); // OkHttp's idle threads would keep the JVM up for a minute
    }

    /** {@code --operation}: each operation's job against its raw ceiling ({@link OperationBench}). */
    void runOperations(List<String> operations, int objects) throws Exception {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        OperationBench ops = new OperationBench(this, s3Fixtures(), ossClient(), cosClient(), stamp);
        figure("objects", objects, "objects");
        for (String op : operations) {
            ops.run(op, objects);
        }
    }

    /** Seconds from the job's Active to its Completing (first to last task), from its job-status events; null if unknown. */
    Double activeSeconds(String jobId) throws Exception {
        Map<String, Instant> times = statusTimes(jobId);
        Instant active = times.get("Active");
        Instant completing = times.get("Completing");
        return active == null || completing == null ? null : Duration.between(active, completing).toNanos() / 1e9;
    }

    void run(int objects, List<Long> plannerRows, int smallJobs) throws Exception {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        S3Fixtures s3 = s3Fixtures();
        OssJobClient api = ossClient();
        String ceilingBucket = "bench-ceiling-" + stamp;
        String jobBucket = "bench-job-" + stamp;
        String reports = "bench-reports";
        s3.bucket(ceilingBucket);
        s3.bucket(jobBucket);
        s3.bucket(reports);
        figure("objects", objects, "objects");

        log("uploading %,d objects for the ceiling and %,d for the job", objects, objects);
        long t0 = System.nanoTime();
        s3.putObjects(ceilingBucket, objects, Bench::key, n -> { });
        s3.putObjects(jobBucket, objects, Bench::key, n -> { });
        figure("put_rate", 2.0 * objects / seconds(t0), "objects/s");

        // 1. ceiling: PutObjectTagging in a tight asynchronous loop, 64 requests in flight
        t0 = System.nanoTime();
        tagAll(ceilingBucket, objects);
        double ceiling = objects / seconds(t0);
        figure("ceiling_tagging_rate", ceiling, "objects/s");

        // 2. job: the same operation on as many fresh objects, as an s3batch job; bookkeeping counted around it
        String etag = s3.putManifest(jobBucket, "manifest.csv", keys(0, objects));
        Map<TopicPartition, Long> offsetsBefore = endOffsets();
        long xactsBefore = pgTransactions();
        long created = System.nanoTime();
        String jobId = api.create(OssJobClient.taggingJob("bench-" + stamp, jobBucket, "manifest.csv", etag, reports,
                "bench/" + stamp, "AllTasks", "bench", stamp));
        int[] polls = {0};
        JsonNode job = api.awaitTerminal(jobId, Duration.ofHours(2), j -> {
            polls[0]++;
            sleep(750); // poll gently: every DescribeJob is a database transaction too
        });
        double jobSeconds = seconds(created);
        long xactsAfter = pgTransactions();
        Map<TopicPartition, Long> offsetsAfter = endOffsets();
        if (!job.path("Status").asText().equals("Complete")) {
            throw new IllegalStateException("bench job ended " + job);
        }
        double jobRate = objects / jobSeconds;
        figure("job_rate_create_to_complete", jobRate, "objects/s");
        Map<String, Instant> times = statusTimes(jobId);
        Instant active = times.get("Active");
        Instant completing = times.get("Completing");
        if (active != null && completing != null) {
            double taskSeconds = Duration.between(active, completing).toNanos() / 1e9;
            figure("job_rate_first_to_last_task", objects / taskSeconds, "objects/s");
            figure("job_ratio_first_to_last_task_vs_ceiling", objects / taskSeconds / ceiling, "ratio");
        }
        figure("job_ratio_create_to_complete_vs_ceiling", jobRate / ceiling, "ratio");
        figure("job_seconds", jobSeconds, "s");

        // 5. bookkeeping per 1,000 objects during the job
        long records = 0;
        for (var e : offsetsAfter.entrySet()) {
            if (!e.getKey().topic().equals("s3batch.bench.v1")) {
                records += e.getValue() - offsetsBefore.getOrDefault(e.getKey(), 0L);
            }
        }
        figure("kafka_records_per_1000_objects", records * 1000.0 / objects, "records");
        figure("pg_transactions_per_1000_objects", (xactsAfter - xactsBefore) * 1000.0 / objects, "transactions");
        figure("pg_transactions_of_describe_polls", polls[0], "transactions");
        figure("pg_transactions_per_1000_objects_without_polls", (xactsAfter - xactsBefore - polls[0]) * 1000.0 / objects, "transactions");

        // 3. small-job latency: one-object jobs one after another, CreateJob -> Complete (report written)
        s3.putObjects(jobBucket, 1, i -> "small-object", n -> { });
        String smallEtag = s3.putText(jobBucket, "small.csv", jobBucket + ",small-object\n");
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < smallJobs; i++) {
            long start = System.nanoTime();
            String id = api.create(OssJobClient.taggingJob("small-" + stamp + "-" + i, jobBucket, "small.csv", smallEtag, reports,
                    "bench-small/" + stamp, "AllTasks", "n", String.valueOf(i)));
            JsonNode small = api.awaitTerminal(id, Duration.ofMinutes(2), j -> sleep(5));
            if (!small.path("Status").asText().equals("Complete")) {
                throw new IllegalStateException("small job ended " + small);
            }
            latencies.add(seconds(start));
        }
        Collections.sort(latencies);
        figure("small_job_latency_median", latencies.get(latencies.size() / 2), "s");
        figure("small_job_latency_max", latencies.get(latencies.size() - 1), "s");

        // 6. job control: a high-priority job created while a large low-priority one runs, then the low one cancelled
        jobControl(api, s3, jobBucket, reports, stamp, objects, ceiling);

        // 4. planner expansion, each size in a JVM of its own, limited to 256 MB of heap
        for (long rows : plannerRows) {
            String[] r = forkPlanner(rows);
            double secs = Double.parseDouble(r[1]);
            figure("planner_rows_per_second_" + rows, rows / secs, "rows/s");
            figure("planner_peak_heap_used_" + rows, Long.parseLong(r[2]) / 1048576.0, "MB");
            figure("planner_heap_after_gc_" + rows, Long.parseLong(r[3]) / 1048576.0, "MB");
        }

        // 7. manifest kinds: the planner over a gzipped inventory of each size, a prefix listing of the ceiling's objects
        manifests(s3, api, ceilingBucket, reports, objects, plannerRows, stamp);
    }

    /** {@code --manifests}: only the manifest kinds' figures ({@link ManifestBench}), over {@code objects} fresh objects. */
    void runManifests(int objects, List<Long> inventoryRows) throws Exception {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        S3Fixtures s3 = s3Fixtures();
        String bucket = "bench-list-" + stamp;
        s3.bucket(bucket);
        s3.bucket("bench-reports");
        log("uploading %,d objects to list", objects);
        s3.putObjects(bucket, objects, Bench::key, n -> { });
        figure("objects", objects, "objects");
        manifests(s3, ossClient(), bucket, "bench-reports", objects, inventoryRows, stamp);
    }

    private void manifests(S3Fixtures s3, OssJobClient api, String listBucket, String reports, int objects, List<Long> inventoryRows,
            String stamp) throws Exception {
        ManifestBench manifests = new ManifestBench(this, s3, api);
        for (long rows : inventoryRows) {
            manifests.inventory(rows, 10, stamp + "-" + rows);
        }
        manifests.listing(listBucket, objects, reports, stamp);
    }

    /**
     * priority_first_task_seconds: a priority-5000 job created while a priority-1 job of up to 50,000 objects runs, from
     * its CreateJob to its first batch's outcome (an upper bound on its first task, by one batch's run time);
     * priority_share: its objects/s from Active to Completing over the store's ceiling; cancel_stop_seconds: the low job
     * cancelled next, from the cancel request to the outcome of the last batch that still ran a task.
     */
    private void jobControl(OssJobClient api, S3Fixtures s3, String bucket, String reports, String stamp, int objects, double ceiling)
            throws Exception {
        int lowN = Math.min(50_000, objects);
        int highN = Math.max(1, Math.min(2_000, objects / 10));
        String lowEtag = s3.putManifest(bucket, "low.csv", keys(0, lowN));
        String highEtag = s3.putManifest(bucket, "high.csv", keys(objects - highN, objects));
        Map<TopicPartition, Long> before = endOffsets();
        String lowId = api.create(OssJobClient.taggingJob("low-" + stamp, bucket, "low.csv", lowEtag, reports, "bench-low/" + stamp,
                "FailedTasksOnly", "control", "low").replace("<Priority>10</Priority>", "<Priority>1</Priority>"));
        api.awaitCounted(lowId, Math.min(2_000, lowN / 10), Duration.ofMinutes(10));
        Instant highCreated = Instant.now();
        String highId = api.create(OssJobClient.taggingJob("high-" + stamp, bucket, "high.csv", highEtag, reports, "bench-high/" + stamp,
                "FailedTasksOnly", "control", "high").replace("<Priority>10</Priority>", "<Priority>5000</Priority>"));
        JsonNode highJob = api.awaitTerminal(highId, Duration.ofMinutes(10), j -> sleep(100));
        List<Instant> highOutcomes = outcomeTimes(highId, before, true);
        if (!highOutcomes.isEmpty()) {
            figure("priority_first_task_seconds", Duration.between(highCreated, highOutcomes.get(0)).toNanos() / 1e9, "s");
        }
        Map<String, Instant> highTimes = statusTimes(highId);
        if (highJob.path("Status").asText().equals("Complete") && highTimes.containsKey("Active") && highTimes.containsKey("Completing")) {
            double secs = Math.max(1e-3, Duration.between(highTimes.get("Active"), highTimes.get("Completing")).toNanos() / 1e9);
            figure("priority_share", highN / secs / ceiling, "ratio");
        }

        Instant cancelled = Instant.now();
        api.updateJobStatus(lowId, "Cancelled", "bench");
        JsonNode lowDone = api.awaitTerminal(lowId, Duration.ofMinutes(5), j -> sleep(100));
        List<Instant> lowOutcomes = outcomeTimes(lowId, before, true);
        if (lowDone.path("Status").asText().equals("Cancelled") && !lowOutcomes.isEmpty()) {
            Instant last = lowOutcomes.get(lowOutcomes.size() - 1);
            figure("cancel_stop_seconds", Math.max(0, Duration.between(cancelled, last).toNanos() / 1e9), "s");
            figure("cancel_tasks_run_of_low_job", lowDone.path("ProgressSummary").path("NumberOfTasksSucceeded").asLong(), "tasks");
        } else {
            log("the low-priority job ended %s before it could be cancelled; no cancel figure", lowDone.path("Status").asText());
        }
    }

    /** The Kafka timestamps of a job's batch outcomes since {@code from}, in order; only those that ran a task if asked. */
    private List<Instant> outcomeTimes(String jobId, Map<TopicPartition, Long> from, boolean ranATask) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", env("KAFKA_BOOTSTRAP_SERVERS"));
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        List<Instant> times = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor("s3batch.outcomes.v1").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            parts.forEach(tp -> c.seek(tp, from.getOrDefault(tp, 0L)));
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (jobId.equals(r.key()) && (!ranATask || JSON.readTree(r.value()).path("results").size() > 0)) {
                        times.add(Instant.ofEpochMilli(r.timestamp()));
                    }
                }
            }
        }
        Collections.sort(times);
        return times;
    }

    /** PutObjectTagging on every object, 64 in flight: the ceiling the tagging job is measured against. */
    private void tagAll(String bucket, int objects) throws Exception {
        StoreClient store = storeClient();
        OperationBench.loop(bucket, objects, (b, k) -> StoreClient.call(() -> store.setObjectTags(SetObjectTagsArgs.builder().bucket(b)
                .object(k).tags(Map.of("bench", "ceiling")).build())));
    }

    /** The stack's store, through the worker's own client, its OkHttp dispatcher opened to 128 requests. */
    static StoreClient storeClient() {
        Dispatcher d = new Dispatcher();
        d.setMaxRequests(128);
        d.setMaxRequestsPerHost(128);
        return new StoreClient(MinioAsyncClient.builder().endpoint(env("S3BATCH_S3_ENDPOINT")).region("us-east-1")
                .credentials(env("S3BATCH_S3_ACCESS_KEY"), env("S3BATCH_S3_SECRET_KEY"))
                .httpClient(new OkHttpClient.Builder().dispatcher(d).build()).build(), "us-east-1");
    }

    static S3Fixtures s3Fixtures() {
        return new S3Fixtures(env("S3BATCH_S3_ENDPOINT"), env("S3BATCH_S3_ACCESS_KEY"), env("S3BATCH_S3_SECRET_KEY"));
    }

    static OssJobClient ossClient() {
        return new OssJobClient(env("S3BATCH_API_URL"), env("S3BATCH_API_ACCESS_KEY"), env("S3BATCH_API_SECRET_KEY"));
    }

    static dev.s3batch.e2e.client.CosJobClient cosClient() {
        return new dev.s3batch.e2e.client.CosJobClient(env("S3BATCH_API_URL"), env("S3BATCH_API_ACCESS_KEY"), env("S3BATCH_API_SECRET_KEY"));
    }

    /** {@link PlannerBench} in a JVM of its own limited to 256 MB of heap, with {@code more} arguments. */
    String[] forkPlanner(long rows, String... more) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                PlannerBench.class.getName(), String.valueOf(rows), env("KAFKA_BOOTSTRAP_SERVERS")));
        command.addAll(List.of(more));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            line = r.lines().reduce((a, b) -> b).orElse("");
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("planner bench for " + rows + " rows failed");
        }
        return line.split(" ");
    }

    /** When the job entered each status, from its job-status CloudEvents. */
    Map<String, Instant> statusTimes(String jobId) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", env("KAFKA_BOOTSTRAP_SERVERS"));
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        Map<String, Instant> times = new java.util.HashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor("s3batch.job-status.v1").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (jobId.equals(r.key())) {
                        JsonNode e = JSON.readTree(r.value());
                        times.put(e.path("data").path("to").asText(), Instant.parse(e.path("time").asText()));
                    }
                }
            }
        }
        return times;
    }

    private Map<TopicPartition, Long> endOffsets() {
        Properties p = new Properties();
        p.put("bootstrap.servers", env("KAFKA_BOOTSTRAP_SERVERS"));
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.listTopics().values().stream().flatMap(List::stream)
                    .filter(i -> i.topic().startsWith("s3batch."))
                    .map(i -> new TopicPartition(i.topic(), i.partition())).collect(Collectors.toList());
            return c.endOffsets(parts);
        }
    }

    /** Committed plus rolled-back transactions of the stack's database so far. */
    private long pgTransactions() throws Exception {
        sleep(1500); // statistics reach pg_stat_database within about a second
        try (Connection c = DriverManager.getConnection(env("QUARKUS_DATASOURCE_JDBC_URL"), env("QUARKUS_DATASOURCE_USERNAME"),
                env("QUARKUS_DATASOURCE_PASSWORD"));
             ResultSet r = c.createStatement().executeQuery(
                     "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")) {
            r.next();
            return r.getLong(1) - 1; // this query's own transaction
        }
    }

    void figure(String name, double value, String unit) {
        String line = String.format(Locale.ROOT, "%s %s %s", name,
                value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.3f", value), unit);
        results.add(line);
        out.println(line);
    }

    void log(String format, Object... args) {
        System.err.printf("# " + format + "%n", args);
    }

    /** The keys {@code key(from)} … {@code key(to - 1)}. */
    static List<String> keys(int from, int to) {
        return java.util.stream.IntStream.range(from, to).mapToObj(Bench::key).toList();
    }

    static String key(int i) {
        return String.format("bench/%03d/object-%07d", i % 1000, i);
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run through ./s3batch bench");
        }
        return v;
    }
}

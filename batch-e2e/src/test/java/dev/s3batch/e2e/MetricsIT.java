package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.OssJobClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/metrics} of the four services on the real stack, read before and after a tagging job of 300 objects, 20
 * of them missing: the domain metrics moved by what the job did — tasks by outcome and error code, S3 requests by
 * call and status, rows and batches planned, outcomes accounted, report bytes, jobs by status — and no series names
 * the job, its bucket or a key.
 */
class MetricsIT {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void domainMetricsMoveAsAJobRuns() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-metrics-", 280);
        List<String> keys = new ArrayList<>(IntStream.range(0, 300).mapToObj(i -> "o" + i).toList()); // o280–o299 do not exist
        String etag = services.s3.putManifest(bucket, "manifest.csv", keys);
        Map<String, String> urls = Map.of("api", services.stack.env().get("S3BATCH_API_URL"),
                "planner", services.stack.env().get("S3BATCH_URL_PLANNER"), "worker", services.stack.env().get("S3BATCH_URL_WORKER"),
                "report", services.stack.env().get("S3BATCH_URL_REPORT"));
        Metrics worker = Metrics.of(urls.get("worker"));
        Metrics planner = Metrics.of(urls.get("planner"));
        Metrics report = Metrics.of(urls.get("report"));
        Metrics api = Metrics.of(urls.get("api"));

        String jobId = services.api.create(OssJobClient.job("metrics-" + bucket, "<PutObjectTagging>" + OssJobClient.tagSet("m", "1")
                + "</PutObjectTagging>", bucket, "manifest.csv", etag, "it-reports", "metrics", "AllTasks"));
        JsonNode job = services.api.awaitTerminal(jobId, Duration.ofMinutes(3), j -> { });
        assertEquals("Complete", job.path("Status").asText(), job.toString());

        Metrics workerAfter = Metrics.of(urls.get("worker"));
        assertTrue(workerAfter.delta(worker, "s3batch_tasks_total", "operation", "PutObjectTagging", "outcome", "succeeded", "error", "none") >= 280,
                workerAfter.lines("s3batch_tasks_total"));
        assertTrue(workerAfter.delta(worker, "s3batch_tasks_total", "operation", "PutObjectTagging", "outcome", "failed", "error", "NoSuchKey") >= 20,
                workerAfter.lines("s3batch_tasks_total"));
        assertTrue(workerAfter.delta(worker, "s3batch_s3_requests_seconds_count", "call", "PutObjectTagging", "status", "200") >= 280,
                workerAfter.lines("s3batch_s3_requests_seconds_count"));
        assertTrue(workerAfter.delta(worker, "s3batch_s3_requests_seconds_count", "call", "PutObjectTagging", "status", "404") >= 20);
        assertTrue(workerAfter.has("s3batch_s3_requests_seconds_bucket"), "latency is a histogram");

        Metrics plannerAfter = Metrics.of(urls.get("planner"));
        assertTrue(plannerAfter.delta(planner, "s3batch_planner_rows_published_total") >= 300, plannerAfter.lines("s3batch_planner"));
        assertTrue(plannerAfter.delta(planner, "s3batch_planner_batches_published_total") >= 2, "300 rows in batches of 250");

        Metrics reportAfter = Metrics.of(urls.get("report"));
        assertTrue(reportAfter.delta(report, "s3batch_report_tasks_accounted_total", "outcome", "succeeded") >= 280, reportAfter.lines("s3batch_report"));
        assertTrue(reportAfter.delta(report, "s3batch_report_tasks_accounted_total", "outcome", "failed") >= 20);
        assertTrue(reportAfter.delta(report, "s3batch_report_batches_accounted_total", "result", "counted") >= 2);
        assertTrue(reportAfter.delta(report, "s3batch_report_written_bytes_total", "kind", "report") > 0);

        // the API refreshes its gauges every poll interval: the job is counted Complete within a few seconds
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Metrics apiAfter = Metrics.of(urls.get("api"));
        while (apiAfter.delta(api, "s3batch_jobs", "status", "Complete") < 1 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            apiAfter = Metrics.of(urls.get("api"));
        }
        assertTrue(apiAfter.delta(api, "s3batch_jobs", "status", "Complete") >= 1, apiAfter.lines("s3batch_jobs"));
        assertTrue(apiAfter.has("s3batch_outbox_oldest_age_seconds"), apiAfter.lines("s3batch_outbox"));

        for (Metrics m : List.of(workerAfter, plannerAfter, reportAfter, apiAfter)) {
            assertFalse(m.text.contains(jobId) || m.text.contains(bucket) || m.text.contains("o299"), "no series names the job, bucket or key");
        }

        // every series the Grafana dashboard plots is one a service serves (transient failures appear with the first one)
        String dashboard = java.nio.file.Files.readString(services.stack.root().resolve("k8s/grafana-dashboard.json"));
        Matcher names = Pattern.compile("s3batch_[a-z0-9_]+").matcher(dashboard);
        List<Metrics> all = List.of(workerAfter, plannerAfter, reportAfter, apiAfter);
        while (names.find()) {
            String name = names.group();
            assertTrue(name.equals("s3batch_task_transient_failures_total") || all.stream().anyMatch(m -> m.has(name)),
                    "the dashboard plots " + name + ", which no service serves");
        }
    }

    @Test
    void theWorkerAndTheReportServiceAreReadyOnlyWithTheStore() throws Exception {
        RunningServices services = RunningServices.get();
        for (String service : List.of("S3BATCH_URL_WORKER", "S3BATCH_URL_REPORT")) {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(services.stack.env().get(service) + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            JsonNode checks = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ready.body()).path("checks");
            JsonNode s3 = null;
            for (JsonNode c : checks) {
                if (c.path("name").asText().equals("s3")) {
                    s3 = c;
                }
            }
            assertTrue(s3 != null && s3.path("status").asText().equals("UP"), ready.body());
            assertEquals(services.stack.s3Endpoint(), s3.path("data").path("endpoint").asText());
        }
    }

    @Test
    void eachServiceDocumentsItsOwnHttpApi() throws Exception {
        RunningServices services = RunningServices.get();
        for (String service : List.of("S3BATCH_API_URL", "S3BATCH_URL_PLANNER", "S3BATCH_URL_WORKER", "S3BATCH_URL_REPORT")) {
            String base = services.stack.env().get(service);
            HttpResponse<String> doc = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, doc.statusCode(), base);
            JsonNode paths = new com.fasterxml.jackson.databind.ObjectMapper().readTree(doc.body()).path("paths");
            for (String path : List.of("/q/metrics", "/q/health/ready", "/q/health/live")) {
                assertTrue(paths.has(path), base + " documents " + path + ": " + paths.fieldNames());
            }
            paths.fieldNames().forEachRemaining(path -> assertTrue(path.startsWith("/q/") || path.startsWith("/console"),
                    "only what is s3batch's own (the dialect APIs are their clouds'): " + path));
            if (service.equals("S3BATCH_API_URL")) {
                for (String path : List.of("/console/api/session", "/console/api/jobs", "/console/api/jobs/{id}/status")) {
                    assertTrue(paths.has(path), "the console's API: " + path);
                }
            }
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/swagger-ui/")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), base + "/q/swagger-ui/");
        }
    }

    /** One scrape of a service's {@code /q/metrics}, in Prometheus's text format. */
    record Metrics(String text) {
        static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? ([-+0-9.eE]+|NaN|[+-]Inf)$");

        static Metrics of(String baseUrl) throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), baseUrl + "/q/metrics");
            return new Metrics(r.body());
        }

        /** The sum of the samples of {@code name} whose labels include these {@code key, value} pairs. */
        double sum(String name, String... labels) {
            double total = 0;
            for (String line : text.lines().toList()) {
                Matcher m = LINE.matcher(line);
                if (!m.matches() || !m.group(1).equals(name)) {
                    continue;
                }
                String l = m.group(3) == null ? "" : m.group(3);
                boolean all = true;
                for (int i = 0; i < labels.length; i += 2) {
                    all &= l.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
                }
                if (all) {
                    total += Double.parseDouble(m.group(4));
                }
            }
            return total;
        }

        double delta(Metrics before, String name, String... labels) {
            return sum(name, labels) - before.sum(name, labels);
        }

        boolean has(String name) {
            return text.lines().anyMatch(l -> l.startsWith(name + "{") || l.startsWith(name + " "));
        }

        String lines(String prefix) {
            return String.join("\n", text.lines().filter(l -> l.startsWith(prefix)).toList());
        }
    }
}

package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.s3batch.e2e.client.JobReport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * AWS LambdaInvoke on the real stack: the worker POSTs each object's invocation event to a real HTTP server in this
 * test (the function {@code s3batch-webhook} the stack maps to 127.0.0.1:PORT_BASE+52), which answers Succeeded,
 * TemporaryFailure once, or PermanentFailure by key. The requests received and the report rows are checked.
 */
class LambdaInvokeIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyObjectIsHandedToTheWebhookAndItsAnswersAreTheReport() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-lambda-", 0);
        List<String> keys = Stream.of("ok/", "temp/", "perm/").flatMap(p -> IntStream.range(0, 10).mapToObj(i -> p + i)).toList();
        services.s3.putObjects(bucket, keys.size(), keys::get, d -> { });
        String etag = services.s3.putManifest(bucket, "lambda.csv", keys);

        List<JsonNode> events = new CopyOnWriteArrayList<>();
        Set<String> unauthorized = ConcurrentHashMap.newKeySet();
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        String token = "Bearer " + services.stack.env().get("S3BATCH_WEBHOOK_TOKEN");
        System.setProperty("sun.net.httpserver.nodelay", "true"); // no delayed-ACK wait per request
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(services.stack.env().get("S3BATCH_WEBHOOK_PORT"))), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/invoke", exchange -> {
            JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
            events.add(event);
            JsonNode task = event.path("tasks").path(0);
            String key = task.path("s3Key").asText();
            if (!token.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.add(key);
            }
            int n = calls.merge(key, 1, Integer::sum);
            String[] answer = key.startsWith("ok/") ? new String[]{"Succeeded", "resized " + key}
                    : key.startsWith("temp/") ? (n == 1 ? new String[]{"TemporaryFailure", "busy"} : new String[]{"Succeeded", "resized on retry"})
                    : new String[]{"PermanentFailure", "cannot resize " + key};
            byte[] body = JSON.writeValueAsBytes(Map.of("invocationSchemaVersion", "2.0", "treatMissingKeysAs", "PermanentFailure",
                    "invocationId", event.path("invocationId").asText(),
                    "results", List.of(Map.of("taskId", task.path("taskId").asText(), "resultCode", answer[0], "resultString", answer[1]))));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (AwsControl aws = AwsControl.of(services)) {
            String function = services.stack.env().get("S3BATCH_WEBHOOK_FUNCTION_ARN");
            String jobId = aws.createJob("lambda-" + bucket, o -> o.lambdaInvoke(l -> l.functionArn(function).invocationSchemaVersion("2.0")
                    .userArguments(Map.of("size", "128"))), bucket, "lambda.csv", etag, false, "lambda", "batch-role", 10);
            var job = aws.awaitTerminal(jobId, Duration.ofMinutes(3));
            assertEquals("Complete", job.statusAsString(), job.toString());
            assertEquals(20, job.progressSummary().numberOfTasksSucceeded(), job.toString());
            assertEquals(10, job.progressSummary().numberOfTasksFailed(), job.toString());

            assertEquals(40, events.size(), "one invocation per object, a temporary failure invoked again");
            assertEquals(Set.of(), unauthorized, "every request carries the configured Authorization");
            for (JsonNode e : events) {
                assertEquals("2.0", e.path("invocationSchemaVersion").asText());
                assertEquals(jobId, e.path("job").path("id").asText());
                assertEquals("128", e.path("job").path("userArguments").path("size").asText());
                assertEquals(bucket, e.path("tasks").path(0).path("s3Bucket").asText());
            }
            keys.forEach(k -> assertEquals(k.startsWith("temp/") ? 2 : 1, calls.get(k), k));

            JobReport report = JobReport.readControl(services.s3, "it-reports", "lambda", jobId);
            assertEquals(20, report.succeededRows().size());
            assertEquals(10, report.failedRows().size());
            for (String k : keys) {
                String row = Stream.concat(report.succeededRows().stream(), report.failedRows().stream())
                        .filter(r -> r.startsWith(bucket + "," + k.replace("/", "%2F") + ",")).findFirst().orElseThrow(() -> new AssertionError(k));
                String expected = k.startsWith("ok/") ? ",succeeded,200,,resized " + k : k.startsWith("temp/") ? ",succeeded,200,,resized on retry"
                        : ",failed,200,PermanentFailure,cannot resize " + k;
                assertTrue(row.endsWith(expected), row + " should end " + expected);
            }
        } finally {
            server.stop(0);
        }
    }
}

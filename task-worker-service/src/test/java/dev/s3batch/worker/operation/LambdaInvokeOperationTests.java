package dev.s3batch.worker.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.function.Function;
import dev.s3batch.model.job.Operation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook executor against a real HTTP server in the test: the events it sends and what each answer comes to. */
class LambdaInvokeOperationTests {
    static final ObjectMapper JSON = new ObjectMapper();
    static final LambdaInvokeOperation.Retry RETRY = new LambdaInvokeOperation.Retry(3, Duration.ofMillis(10), Duration.ofMillis(40));

    HttpServer server;
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** Answers an event: HTTP status and body. */
    volatile java.util.function.Function<JsonNode, Map.Entry<Integer, String>> answer;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/invoke", exchange -> {
            JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
            received.add(event);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Map.Entry<Integer, String> a = answer.apply(event);
            if (a.getKey() == 0) {
                try {
                    Thread.sleep(1_500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            byte[] body = a.getValue().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.getKey(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    LambdaInvokeOperation operation(String version, Map<String, String> args) {
        Function f = new Function("fn", "acct", "arn:aws:lambda:us-east-1:123456789012:function:fn",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/invoke"), Optional.of("Bearer sekret"),
                Duration.ofMillis(500), 4);
        return new LambdaInvokeOperation(new Operation.LambdaInvoke(f.arn(), version, args), f, "job-1", RETRY);
    }

    static String reply(JsonNode event, String code, String text) {
        return "{\"invocationSchemaVersion\":\"1.0\",\"treatMissingKeysAs\":\"PermanentFailure\",\"invocationId\":\""
                + event.path("invocationId").asText() + "\",\"results\":[{\"taskId\":\"" + event.path("tasks").path(0).path("taskId").asText()
                + "\",\"resultCode\":\"" + code + "\",\"resultString\":\"" + text + "\"}]}";
    }

    Outcome run(LambdaInvokeOperation op, TaskRef task) {
        return op.run(null, task).join();
    }

    TaskFailure failure(LambdaInvokeOperation op, TaskRef task) {
        try {
            op.run(null, task).join();
        } catch (CompletionException e) {
            return (TaskFailure) e.getCause();
        }
        throw new AssertionError("the task succeeded");
    }

    @Test
    void schema1EventAndASuccessWithItsResultString() {
        answer = e -> Map.entry(200, reply(e, "Succeeded", "did " + e.path("tasks").path(0).path("s3Key").asText()));
        Outcome out = run(operation(null, Map.of()), TaskRef.of("photos", "a b.jpg", "v7"));
        assertEquals(new Outcome(200, "did a b.jpg"), out);
        JsonNode e = received.get(0);
        assertEquals("1.0", e.path("invocationSchemaVersion").asText());
        assertEquals("job-1", e.path("job").path("id").asText());
        assertFalse(e.path("job").has("userArguments"));
        JsonNode t = e.path("tasks").path(0);
        assertEquals("arn:aws:s3:::photos", t.path("s3BucketArn").asText());
        assertEquals("v7", t.path("s3VersionId").asText());
        assertFalse(t.has("s3Bucket"));
        assertEquals("Bearer sekret", authorizations.get(0), "the configured Authorization header is sent");
    }

    @Test
    void schema2EventCarriesTheBucketAndTheUserArguments() {
        answer = e -> Map.entry(200, reply(e, "Succeeded", "ok"));
        run(operation("2.0", Map.of("k1", "v1", "k2", "v2")), TaskRef.of("photos", "x", null));
        JsonNode e = received.get(0);
        assertEquals("2.0", e.path("invocationSchemaVersion").asText());
        assertEquals(Map.of("k1", "v1", "k2", "v2"), JSON.convertValue(e.path("job").path("userArguments"), Map.class));
        assertEquals("photos", e.path("tasks").path(0).path("s3Bucket").asText());
        assertTrue(e.path("tasks").path(0).path("s3VersionId").isNull());
    }

    @Test
    void aTemporaryFailureIsInvokedAgainWithTheSameIdsAndSucceedsOrFailsAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        answer = e -> Map.entry(200, reply(e, calls.incrementAndGet() < 3 ? "TemporaryFailure" : "Succeeded", "attempt " + calls.get()));
        assertEquals(new Outcome(200, "attempt 3"), run(operation(null, Map.of()), TaskRef.of("b", "k", null)));
        assertEquals(3, received.size());
        assertEquals(1, received.stream().map(e -> e.path("invocationId").asText()).distinct().count(), "an invocation again, the same ids");

        received.clear();
        answer = e -> Map.entry(200, reply(e, "TemporaryFailure", "busy"));
        TaskFailure f = failure(operation(null, Map.of()), TaskRef.of("b", "k", null));
        assertEquals("TemporaryFailure", f.code());
        assertEquals("busy (after 3 invocations)", f.getMessage());
        assertEquals(3, received.size());
    }

    @Test
    void aPermanentFailureAMissingResultAndBadAnswersFailAtOnceSayingWhy() {
        answer = e -> Map.entry(200, reply(e, "PermanentFailure", "no such image"));
        TaskFailure permanent = failure(operation(null, Map.of()), TaskRef.of("b", "k", null));
        assertEquals(List.of("PermanentFailure", "no such image"), List.of(permanent.code(), permanent.getMessage()));
        assertEquals(1, received.size(), "not invoked again");

        answer = e -> Map.entry(200, "{\"treatMissingKeysAs\":\"Succeeded\",\"results\":[]}");
        assertEquals(200, run(operation(null, Map.of()), TaskRef.of("b", "k", null)).httpStatus(), "treatMissingKeysAs decides a missing result");
        answer = e -> Map.entry(200, "{\"results\":[]}");
        assertEquals("PermanentFailure", failure(operation(null, Map.of()), TaskRef.of("b", "k", null)).code());

        for (var bad : List.of(Map.entry(200, "not json"), Map.entry(200, "[1]"), Map.entry(200, "{\"results\":{}}"))) {
            answer = e -> bad;
            assertEquals("FunctionResponseInvalid", failure(operation(null, Map.of()), TaskRef.of("b", "k", null)).code(), bad.getValue());
        }
        answer = e -> Map.entry(200, reply(e, "Maybe", ""));
        assertTrue(failure(operation(null, Map.of()), TaskRef.of("b", "k", null)).getMessage().contains("'Maybe'"));

        received.clear();
        answer = e -> Map.entry(403, "denied");
        TaskFailure forbidden = failure(operation(null, Map.of()), TaskRef.of("b", "k", null));
        assertEquals(List.of(403, "FunctionError"), List.of(forbidden.httpStatus(), forbidden.code()));
        assertEquals(1, received.size(), "a 4xx is not retried");
    }

    @Test
    void fiveHundredsTimeoutsAndRefusedConnectionsAreRetriedThenFail() {
        answer = e -> Map.entry(503, "later");
        TaskFailure busy = failure(operation(null, Map.of()), TaskRef.of("b", "k", null));
        assertEquals(List.of(503, "FunctionError"), List.of(busy.httpStatus(), busy.code()));
        assertEquals(3, received.size());

        answer = e -> Map.entry(0, ""); // never answers within the 500 ms timeout
        TaskFailure slow = failure(operation(null, Map.of()), TaskRef.of("b", "k", null));
        assertEquals("FunctionTimeout", slow.code());
        assertTrue(slow.getMessage().contains("after 3 invocations"), slow.getMessage());

        server.stop(0);
        TaskFailure gone = failure(operation(null, Map.of()), TaskRef.of("b", "k", null));
        assertEquals("FunctionUnreachable", gone.code());
        assertFalse(gone.getMessage().contains("sekret"));
    }
}

package dev.s3batch.worker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.s3batch.model.event.TaskBatch;
import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.Operation;
import dev.s3batch.worker.config.S3Config;
import dev.s3batch.worker.jobstate.JobStateView;
import dev.s3batch.worker.metrics.WorkerMetrics;
import dev.s3batch.worker.operation.ObjectOperation;
import dev.s3batch.worker.operation.Outcome;
import dev.s3batch.worker.s3.S3Clients;
import dev.s3batch.worker.s3.StoreClient;
import io.minio.http.Method;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each S3 request of a task is a client span of its batch's trace — also a request sent from the previous one's
 * callback on the HTTP client's thread — named by its S3 call, with the bucket and status and never the key; against
 * a real HTTP server standing in for the store (it answers 404 NoSuchKey for one key).
 */
class S3CallSpansTests {
    @Test
    void eachS3RequestOfATaskIsASpanOfItsBatchsTrace() throws Exception {
        HttpServer store = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        store.createContext("/", exchange -> {
            boolean missing = exchange.getRequestURI().getPath().endsWith("/gone");
            byte[] body = (missing ? "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"
                    : exchange.getRequestMethod().equals("GET") ? "<Tagging><TagSet/></Tagging>" : "").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(missing ? 404 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        store.start();
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build()).build()) {
            S3Config s3 = new S3Config() {
                public String endpoint() { return "http://127.0.0.1:" + store.getAddress().getPort(); }
                public String region() { return "us-east-1"; }
                public String accessKey() { return "a"; }
                public String secretKey() { return "b"; }
            };
            BatchExecutor executor = new BatchExecutor(new S3Clients(s3, BatchExecutorTests.CONFIG, WorkerMetrics.none(), otel),
                    BatchExecutorTests.CONFIG, JobStateView.ALWAYS_RUN);
            // a GetObjectTagging, then — from its callback, on the HTTP client's thread — a PutObjectTagging
            ObjectOperation readThenWrite = (client, task) -> client.send(Method.GET, task.bucket(), task.key(), StoreClient.none(),
                            StoreClient.subresource("tagging"), null)
                    .thenCompose(read -> client.send(Method.PUT, task.bucket(), task.key(), StoreClient.none(), StoreClient.subresource("tagging"),
                            "<Tagging><TagSet/></Tagging>"))
                    .thenApply(written -> Outcome.of(written.status()));
            TaskBatch batch = new TaskBatch(UUID.randomUUID(), 0, "role", new Operation.PutObjectTagging(List.of()),
                    List.of(TaskRef.of("photos", "a/secret-name.jpg", null), TaskRef.of("photos", "gone", null), TaskRef.of("photos", "b.jpg", null)));

            Span parent = otel.getTracer("test").spanBuilder("batch").startSpan();
            var outcome = (Object) null;
            try (Scope ignored = parent.makeCurrent()) {
                outcome = executor.execute(batch, readThenWrite).await().atMost(Duration.ofSeconds(20));
            } finally {
                parent.end();
            }
            assertTrue(outcome != null);

            List<SpanData> calls = exported.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("S3.")).toList();
            // two calls for each object that is there, one for the missing one (its 404 ends the task)
            assertEquals(5, calls.size(), calls.toString());
            assertEquals(3, calls.stream().filter(s -> s.getName().equals("S3.GetObjectTagging")).count());
            assertEquals(2, calls.stream().filter(s -> s.getName().equals("S3.PutObjectTagging")).count());
            for (SpanData call : calls) {
                assertEquals(parent.getSpanContext().getTraceId(), call.getTraceId(), "in the batch's trace: " + call);
                assertEquals(parent.getSpanContext().getSpanId(), call.getParentSpanId(), "a child of the batch's span: " + call);
                assertEquals(SpanKind.CLIENT, call.getKind());
                assertEquals("photos", call.getAttributes().get(AttributeKey.stringKey("aws.s3.bucket")));
                assertEquals("S3", call.getAttributes().get(AttributeKey.stringKey("rpc.service")));
                assertFalse(call.toString().contains("secret-name"), "no key in a span: " + call);
                assertFalse(call.toString().contains("Signature") || call.toString().contains("Credential"), "nothing of the signature: " + call);
            }
            SpanData missing = calls.stream().filter(s -> s.getAttributes().get(AttributeKey.longKey("http.response.status_code")) == 404)
                    .findFirst().orElseThrow();
            assertEquals(StatusCode.ERROR, missing.getStatus().getStatusCode());
            assertEquals(4, calls.stream().filter(s -> s.getAttributes().get(AttributeKey.longKey("http.response.status_code")) == 200).count());
        } finally {
            store.stop(0);
        }
    }
}

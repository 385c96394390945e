package dev.s3batch.e2e.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench's function: an HTTP server on the stack's webhook port ({@code S3BATCH_WEBHOOK_PORT}) that answers every
 * LambdaInvoke event at once with Succeeded for its task; and {@link #invoke}, the raw loop's POST of such an event.
 */
final class Webhook implements AutoCloseable {
    private static final Pattern TASK_ID = Pattern.compile("\"taskId\"\\s*:\\s*\"([^\"]*)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final HttpServer server;

    private Webhook(HttpServer server) {
        this.server = server;
    }

    static Webhook start() throws Exception {
        // without TCP_NODELAY the JDK's server and its clients wait out delayed ACKs: ~40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(Bench.env("S3BATCH_WEBHOOK_PORT"))), 128);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/invoke", exchange -> {
            String event = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = TASK_ID.matcher(event);
            String taskId = m.find() ? m.group(1) : "";
            byte[] body = ("{\"invocationSchemaVersion\":\"1.0\",\"treatMissingKeysAs\":\"PermanentFailure\",\"results\":[{\"taskId\":\""
                    + taskId + "\",\"resultCode\":\"Succeeded\",\"resultString\":\"ok\"}]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new Webhook(server);
    }

    /** POSTs a schema-1.0 event for one object, as the worker does. */
    static CompletableFuture<?> invoke(String bucket, String key) {
        String event = "{\"invocationSchemaVersion\":\"1.0\",\"invocationId\":\"bench\",\"job\":{\"id\":\"bench\"},\"tasks\":[{\"taskId\":\""
                + key + "\",\"s3Key\":\"" + key + "\",\"s3VersionId\":null,\"s3BucketArn\":\"arn:aws:s3:::" + bucket + "\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Bench.env("S3BATCH_WEBHOOK_PORT") + "/invoke"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event)).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

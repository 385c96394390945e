package dev.s3batch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The proxy against a real HTTP server: requests pass through unchanged (Host, body, HEAD), and faults are what they say. */
class FaultProxyTest {
    static HttpServer target() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            byte[] out = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host=" + exchange.getRequestHeaders().getFirst("Host")
                    + " body=" + new String(in)).getBytes();
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().add("Content-Length", String.valueOf(out.length));
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, out.length);
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void requestsPassThroughUnchangedAndFaultsAreInjected() throws Exception {
        HttpServer server = target();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", server.getAddress().getPort(), 0, FaultProxy.Faults.NONE)) {
            URI base = URI.create("http://127.0.0.1:" + proxy.port());
            HttpResponse<String> put = http.send(HttpRequest.newBuilder().timeout(Duration.ofSeconds(10)).uri(base.resolve("/b/k?tagging")).PUT(HttpRequest.BodyPublishers.ofString("<Tagging/>"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode());
            assertEquals("PUT /b/k?tagging host=127.0.0.1:" + proxy.port() + " body=<Tagging/>", put.body(), "the client's Host is kept");
            HttpResponse<String> head = http.send(HttpRequest.newBuilder().timeout(Duration.ofSeconds(10)).uri(base.resolve("/b")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, head.statusCode());

            proxy.faults(new FaultProxy.Faults(1, 0, 0, Duration.ZERO));
            HttpResponse<String> slow = http.send(HttpRequest.newBuilder().timeout(Duration.ofSeconds(10)).uri(base.resolve("/b/k")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, slow.statusCode());
            assertTrue(slow.body().contains("<Code>SlowDown</Code>"), slow.body());

            proxy.faults(new FaultProxy.Faults(0, 1, 0, Duration.ZERO));
            assertThrows(java.io.IOException.class, () -> http.send(HttpRequest.newBuilder().timeout(Duration.ofSeconds(10)).uri(base.resolve("/b/k")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));

            proxy.faults(new FaultProxy.Faults(0, 0, 1, Duration.ofMillis(700)));
            long t0 = System.nanoTime();
            assertEquals(200, http.send(HttpRequest.newBuilder().timeout(Duration.ofSeconds(10)).uri(base.resolve("/b/k")).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertTrue(System.nanoTime() - t0 >= 600_000_000L, "stalled");
            assertEquals(1, proxy.slowDowns());
            assertEquals(1, proxy.resets());
            assertEquals(1, proxy.stalls());
        } finally {
            server.stop(0);
        }
    }
}

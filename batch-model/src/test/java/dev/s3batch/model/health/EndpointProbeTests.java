package dev.s3batch.model.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointProbeTests {

    @Test
    void anAnswerIsUpEvenADenialAndNoConnectionIsDown() throws Exception {
        HttpServer store = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        store.createContext("/", exchange -> {
            exchange.sendResponseHeaders(403, -1); // an unsigned request to a store
            exchange.close();
        });
        store.start();
        try {
            EndpointProbe probe = new EndpointProbe("http://user:secret@127.0.0.1:" + store.getAddress().getPort(), Duration.ofSeconds(1), Duration.ZERO);
            EndpointProbe.Result r = probe.probe();
            assertTrue(r.up());
            assertEquals(403, r.status());
            assertFalse(probe.shown().contains("secret"), "the endpoint is shown without user information: " + probe.shown());
        } finally {
            store.stop(0);
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        EndpointProbe.Result down = new EndpointProbe("http://127.0.0.1:" + closed, Duration.ofSeconds(1), Duration.ZERO).probe();
        assertFalse(down.up());
        assertEquals("no connection", down.error());
    }

    @Test
    void aStoreThatDoesNotAnswerIsDownWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) { // accepts (backlog) but never answers
            long start = System.nanoTime();
            EndpointProbe.Result r = new EndpointProbe("http://127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(300), Duration.ofSeconds(5)).probe();
            assertFalse(r.up());
            assertTrue(r.error().startsWith("no answer"), r.error());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos());
        }
    }
}

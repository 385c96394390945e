package dev.s3batch.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.model.role.Role;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's store reads: a store that takes the connection and never answers fails the call in its timeout. */
class ConsoleStoreTests {
    static final Role ROLE = new Role("r", "local", List.of("arn:aws:iam::123456789012:role/r"), List.of("*"), List.of("allowed"),
            Optional.empty(), Optional.of("AKID"), Optional.of("role-secret-never-shown"), Optional.empty());

    @Test
    void aStoreThatNeverAnswersFailsTheCallInItsTimeoutWithoutShowingAnything() throws Exception {
        try (ServerSocket hung = new ServerSocket(0)) {
            List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hung.accept()); // read nothing, answer nothing
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ConsoleStore store = new ConsoleStore(config("http://127.0.0.1:" + hung.getLocalPort()), Duration.ofSeconds(1));
            long start = System.nanoTime();
            ApiException e = assertThrows(ApiException.class, () -> store.head(ROLE, "allowed", "manifest.csv"));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "failed within its timeout (MinIO retries once)");
            assertEquals(ApiError.INTERNAL, e.error());
            assertFalse(e.getMessage().contains("role-secret-never-shown") || e.getMessage().contains("Exception"), e.getMessage());
        }
    }

    @Test
    void aBucketTheRoleMayNotUseIsRefusedBeforeAnyRequest() {
        ConsoleStore store = new ConsoleStore(config("http://127.0.0.1:9"), Duration.ofSeconds(1));
        ApiException e = assertThrows(ApiException.class, () -> store.head(ROLE, "elsewhere", "k"));
        assertEquals(ApiError.ACCESS_DENIED, e.error());
    }

    /** A role with an endpoint but no keys of its own acts on the services' store, as the planner and workers do. */
    @Test
    void aRoleWithoutKeysOfItsOwnReadsTheServicesStoreWhateverItsEndpoint() throws Exception {
        com.sun.net.httpserver.HttpServer store = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        store.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("ETag", "\"abc123\"");
            exchange.getResponseHeaders().add("Content-Length", "42");
            exchange.getResponseHeaders().add("Last-Modified", "Mon, 30 Nov 2026 12:00:00 GMT");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        store.start();
        try {
            Role keyless = new Role("k", "local", List.of("arn:aws:iam::123456789012:role/k"), List.of("*"), List.of("allowed"),
                    Optional.of("http://127.0.0.1:9"), Optional.empty(), Optional.empty(), Optional.empty());
            ConsoleStore console = new ConsoleStore(config("http://127.0.0.1:" + store.getAddress().getPort()), Duration.ofSeconds(5));
            assertEquals("abc123", console.head(keyless, "allowed", "manifest.csv").etag());
        } finally {
            store.stop(0);
        }
    }

    static ConsoleStore.StoreConfig config(String endpoint) {
        return new ConsoleStore.StoreConfig() {
            public Optional<String> endpoint() { return Optional.of(endpoint); }
            public String region() { return "us-east-1"; }
            public Optional<String> accessKey() { return Optional.of("a"); }
            public Optional<String> secretKey() { return Optional.of("b"); }
        };
    }
}

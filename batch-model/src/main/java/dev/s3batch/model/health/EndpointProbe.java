package dev.s3batch.model.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Whether an S3 endpoint answers: any HTTP answer (an unsigned {@code GET /} gets 403 from a store) means the store is
 * reachable; a refused connection or no answer within the timeout means it is not. Results are kept for {@code ttl},
 * so readiness probes do not load the store.
 */
public final class EndpointProbe {
    private final URI endpoint;
    private final Duration timeout;
    private final Duration ttl;
    private final HttpClient http;
    private volatile Result last;

    /** What the last probe found: {@code status} 0 when there was no answer. */
    public record Result(boolean up, int status, String error, long atNanos) {
    }

    public EndpointProbe(String endpoint, Duration timeout, Duration ttl) {
        this.endpoint = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
        this.timeout = timeout;
        this.ttl = ttl;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public Result probe() {
        Result r = last;
        if (r != null && System.nanoTime() - r.atNanos() < ttl.toNanos()) {
            return r;
        }
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(endpoint).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
            r = new Result(true, answer.statusCode(), null, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r = new Result(false, 0, "interrupted", System.nanoTime());
        } catch (Exception e) {
            r = new Result(false, 0, e instanceof java.net.http.HttpTimeoutException ? "no answer within " + timeout.toMillis() + " ms"
                    : "no connection", System.nanoTime());
        }
        last = r;
        return r;
    }

    /** The endpoint without user information or query (what a health answer may show). */
    public String shown() {
        return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
    }
}

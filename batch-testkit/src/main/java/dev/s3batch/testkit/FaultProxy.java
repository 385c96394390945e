package dev.s3batch.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP proxy in front of the store that misbehaves as stores and networks do: a share of requests answered
 * {@code 503 SlowDown} (S3's error document, the request not forwarded), a share whose connection is closed without an
 * answer (a reset, as the client sees it), and a share held for a while before they are forwarded (a stall). The rest
 * pass through unchanged — the {@code Host} header included, so SigV4 signatures made for the proxy's address verify at
 * the store only if the store is told the same host; services pointed at the proxy sign for it, and the proxy keeps
 * their Host.
 * <p>
 * It also records, when asked ({@link #record}), the requests it forwards whose method and URI match — method, URI,
 * headers, body and the store's status — so a test can check the exact request s3batch sent and the store's real
 * answer to it (RestoreObject, which no local store implements).
 */
public final class FaultProxy implements AutoCloseable {
    /** What share of requests gets each fault. */
    public record Faults(double slowDown, double reset, double stall, Duration stallTime) {
        public static final Faults NONE = new Faults(0, 0, 0, Duration.ZERO);
        /** The fault suite's mix: 10 % SlowDown, 1 % resets, 1 % 5-second stalls. */
        public static final Faults STANDARD = new Faults(0.10, 0.01, 0.01, Duration.ofSeconds(5));
    }

    /** A forwarded request as the store received it, and the status the store answered. */
    public record Recorded(String method, String uri, java.util.Map<String, String> headers, String body, int status) {
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "te",
            "trailer", "upgrade");
    private static final String SLOW_DOWN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
            + "<Message>Please reduce your request rate.</Message><RequestId>fault-proxy</RequestId></Error>";

    private final Vertx vertx;
    private final HttpServer server;
    private final HttpClient client;
    private final String targetHost;
    private final int targetPort;
    private volatile Faults faults;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong slowDowns = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong stalls = new AtomicLong();
    private volatile java.util.function.BiPredicate<String, String> recording = (method, uri) -> false;
    private final java.util.List<Recorded> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();

    private FaultProxy(String targetHost, int targetPort, Faults faults) {
        this.vertx = Vertx.vertx();
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.faults = faults;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(256));
        this.server = vertx.createHttpServer().requestHandler(this::handle);
    }

    /** A proxy on {@code 127.0.0.1:listenPort} (0: any free port) forwarding to {@code targetHost:targetPort}. */
    public static FaultProxy start(String targetHost, int targetPort, int listenPort, Faults faults) throws Exception {
        FaultProxy proxy = new FaultProxy(targetHost, targetPort, faults);
        proxy.server.listen(listenPort, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return proxy;
    }

    public int port() {
        return server.actualPort();
    }

    public void faults(Faults faults) {
        this.faults = faults;
    }

    /** Records from now on the forwarded requests for which {@code methodAndUri} holds. */
    public void record(java.util.function.BiPredicate<String, String> methodAndUri) {
        this.recording = methodAndUri;
    }

    public java.util.List<Recorded> recorded() {
        return java.util.List.copyOf(recorded);
    }

    /** Requests seen, and how many got each fault. */
    public String counts() {
        return requests.get() + " requests: " + slowDowns.get() + " SlowDown, " + resets.get() + " reset, " + stalls.get() + " stalled";
    }

    public long requests() {
        return requests.get();
    }

    public long slowDowns() {
        return slowDowns.get();
    }

    public long resets() {
        return resets.get();
    }

    public long stalls() {
        return stalls.get();
    }

    private void handle(HttpServerRequest request) {
        requests.incrementAndGet();
        Faults f = faults;
        double roll = ThreadLocalRandom.current().nextDouble();
        if (roll < f.slowDown()) {
            slowDowns.incrementAndGet();
            request.body().onComplete(body -> request.response().setStatusCode(503).putHeader("Content-Type", "application/xml")
                    .end(SLOW_DOWN));
        } else if (roll < f.slowDown() + f.reset()) {
            resets.incrementAndGet();
            request.connection().close();
        } else if (roll < f.slowDown() + f.reset() + f.stall()) {
            stalls.incrementAndGet();
            request.pause();
            vertx.setTimer(Math.max(1, f.stallTime().toMillis()), id -> forward(request));
        } else {
            forward(request);
        }
    }

    private void forward(HttpServerRequest request) {
        request.pause();
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(targetHost).setPort(targetPort)
                .setURI(request.uri());
        request.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(java.util.Locale.ROOT)) && !h.getKey().equalsIgnoreCase("host")) {
                options.addHeader(h.getKey(), h.getValue());
            }
        });
        var authority = request.authority(); // the Host the client addressed (Vert.x keeps it apart from the headers)
        boolean record = recording.test(request.method().name(), request.uri());
        java.util.concurrent.atomic.AtomicReference<String> body = new java.util.concurrent.atomic.AtomicReference<>("");
        client.request(options).compose(upstream -> {
            if (authority != null) {
                upstream.authority(authority); // the Host the client signed, not the store's
            }
            boolean hasBody = request.getHeader("Content-Length") != null || request.getHeader("Transfer-Encoding") != null;
            if (!hasBody) {
                request.resume();
                return upstream.send(); // a bodiless request stays bodiless (a HEAD sent chunked is refused by the store)
            }
            if (record) {
                var whole = request.body(); // takes the body's handlers first, then lets it flow
                request.resume();
                return whole.compose(bytes -> {
                    body.set(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
                    return upstream.send(bytes);
                });
            }
            return upstream.send(request);
        }).onSuccess(answer -> {
            if (record) {
                java.util.Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
                recorded.add(new Recorded(request.method().name(), request.uri(), headers, body.get(), answer.statusCode()));
            }
            var response = request.response().setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
            answer.headers().forEach(h -> {
                if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    response.putHeader(h.getKey(), h.getValue());
                }
            });
            if (answer.getHeader("Content-Length") == null) {
                response.setChunked(true);
            }
            answer.pipeTo(response);
        }).onFailure(e -> {
            if (!request.response().ended()) {
                request.response().setStatusCode(502).end();
            }
        });
    }

    @Override
    public void close() {
        server.close();
        client.close();
        vertx.close();
    }
}

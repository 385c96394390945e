package dev.s3batch.worker.s3;

import dev.s3batch.worker.config.S3Config;
import dev.s3batch.worker.config.WorkerConfig;
import dev.s3batch.worker.metrics.S3Calls;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import dev.s3batch.worker.metrics.WorkerMetrics;
import io.minio.MinioAsyncClient;
import dev.s3batch.model.role.ReplicationTarget;
import dev.s3batch.model.role.Role;
import dev.s3batch.model.role.Roles;
import dev.s3batch.model.role.RolesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The asynchronous S3 client acting for a job's role. OkHttp
 * allows 5 requests per host by default; the dispatcher is opened up so the configured concurrency really is in flight.
 */
@ApplicationScoped
public class S3Clients {
    private final S3Config s3;
    private final OkHttpClient http;
    private final Roles roles;
    private final StoreClient client;
    private final Map<String, StoreClient> byRole = new ConcurrentHashMap<>();

    public S3Clients(S3Config s3, WorkerConfig worker) {
        this(s3, worker, WorkerMetrics.none(), OpenTelemetry.noop());
    }

    @jakarta.inject.Inject
    public S3Clients(S3Config s3, WorkerConfig worker, WorkerMetrics metrics, OpenTelemetry otel) {
        this.s3 = s3;
        this.roles = RolesConfig.read(ConfigProvider.getConfig());
        // OkHttp's own dispatcher pool, each call run in the trace context current when it was sent (the S3 spans' parent)
        ExecutorService calls = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "OkHttp Dispatcher");
            t.setDaemon(true);
            return t;
        });
        Dispatcher dispatcher = new Dispatcher(Context.taskWrapping(calls));
        dispatcher.setMaxRequests(worker.concurrency() * 8);
        dispatcher.setMaxRequestsPerHost(worker.concurrency() * 8);
        long timeout = worker.requestTimeout().toMillis();
        this.http = new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(worker.concurrency() * 4, 5, TimeUnit.MINUTES))
                .connectTimeout(timeout, TimeUnit.MILLISECONDS).readTimeout(timeout, TimeUnit.MILLISECONDS)
                .writeTimeout(timeout, TimeUnit.MILLISECONDS).retryOnConnectionFailure(false)
                .addInterceptor(new S3Calls(metrics, otel)).build();
        this.client = client(s3.endpoint(), s3.accessKey(), s3.secretKey());
    }

    private StoreClient client(String endpoint, String accessKey, String secretKey) {
        return new StoreClient(MinioAsyncClient.builder().endpoint(endpoint).region(s3.region()).credentials(accessKey, secretKey)
                .httpClient(http).build(), s3.region());
    }

    /** The role's own endpoint and keys when it has them ({@code s3batch.roles.<id>.*}), otherwise the service's. */
    public StoreClient forRole(String roleArn) {
        return roles.byArn(roleArn).filter(Role::hasOwnCredentials)
                .map(role -> byRole.computeIfAbsent(role.id(), id -> client(role.endpointOr(s3.endpoint()),
                        role.accessKey().orElseThrow(), role.secretKey().orElseThrow())))
                .orElse(client);
    }

    /**
     * The client that writes the role's replicas when they go elsewhere than the role's own store and keys
     * ({@code s3batch.roles.<id>.replication.endpoint / access-key / secret-key}); empty: the role's own client copies them.
     */
    public Optional<StoreClient> forReplicas(String roleArn) {
        return roles.byArn(roleArn).filter(role -> role.replication().filter(ReplicationTarget::elsewhere).isPresent())
                .map(role -> byRole.computeIfAbsent(role.id() + "\0replicas", id -> {
                    ReplicationTarget target = role.replication().orElseThrow();
                    String endpoint = target.endpoint().orElseGet(() -> endpoint(roleArn));
                    return target.accessKey().isPresent()
                            ? client(endpoint, target.accessKey().get(), target.secretKey().orElseThrow())
                            : client(endpoint, role.accessKey().orElse(s3.accessKey()), role.secretKey().orElse(s3.secretKey()));
                }));
    }

    /** The store endpoint the role's requests go to. */
    public String endpoint(String roleArn) {
        return roles.byArn(roleArn).filter(Role::hasOwnCredentials).flatMap(Role::endpoint).orElse(s3.endpoint());
    }

    /** The job's role, when roles are configured. */
    public Optional<Role> role(String roleArn) {
        return roles.byArn(roleArn);
    }
}

package dev.s3batch.worker.s3;

import dev.s3batch.worker.config.S3Config;
import dev.s3batch.worker.config.WorkerConfig;
import io.minio.MinioAsyncClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The asynchronous S3 client acting for a job's role (today every role maps to the one configured endpoint). OkHttp
 * allows 5 requests per host by default; the dispatcher is opened up so the configured concurrency really is in flight.
 */
@ApplicationScoped
public class S3Clients {
    private final MinioAsyncClient client;

    public S3Clients(S3Config s3, WorkerConfig worker) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(worker.concurrency() * 8);
        dispatcher.setMaxRequestsPerHost(worker.concurrency() * 8);
        long timeout = worker.requestTimeout().toMillis();
        OkHttpClient http = new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(worker.concurrency() * 4, 5, TimeUnit.MINUTES))
                .connectTimeout(timeout, TimeUnit.MILLISECONDS).readTimeout(timeout, TimeUnit.MILLISECONDS)
                .writeTimeout(timeout, TimeUnit.MILLISECONDS).retryOnConnectionFailure(false).build();
        this.client = MinioAsyncClient.builder().endpoint(s3.endpoint()).region(s3.region())
                .credentials(s3.accessKey(), s3.secretKey()).httpClient(http).build();
    }

    public MinioAsyncClient forRole(String roleArn) {
        return client;
    }
}

package dev.s3batch.api.console;

import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.model.role.Role;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the console reads from the store, always with the keys of a role of the signed-in account (its own endpoint and
 * keys when it has them, otherwise the service's {@code s3batch.s3.*}) and only in buckets the role may use: the
 * buckets a role can list, an object's ETag (a manifest's), a job's report files. Blocking: call from worker threads.
 */
@ApplicationScoped
public class ConsoleStore {
    /** The store the services act on ({@code s3batch.s3.*}, the same settings as the planner, workers and report service). */
    @ConfigMapping(prefix = "s3batch.s3")
    public interface StoreConfig {
        Optional<String> endpoint();

        @WithDefault("us-east-1")
        String region();

        Optional<String> accessKey();

        /** Never logged nor shown. */
        Optional<String> secretKey();
    }

    /** An object's metadata as the wizard shows it. */
    public record Head(String etag, long size, String lastModified) {
    }

    private final StoreConfig config;
    private final okhttp3.OkHttpClient http;
    private final Map<String, MinioClient> byRole = new ConcurrentHashMap<>();

    /** A page waits on these calls: a store that does not answer fails them in 30 s, not MinIO's default minutes. */
    @jakarta.inject.Inject
    public ConsoleStore(StoreConfig config) {
        this(config, java.time.Duration.ofSeconds(30));
    }

    ConsoleStore(StoreConfig config, java.time.Duration timeout) {
        this.config = config;
        this.http = new okhttp3.OkHttpClient.Builder().connectTimeout(java.time.Duration.ofSeconds(5)).readTimeout(timeout)
                .writeTimeout(timeout).build();
    }

    /** The buckets {@code role} can list (ListBuckets with its keys) and may use, by name. */
    public List<String> buckets(Role role) {
        return call(() -> client(role).listBuckets().stream().map(b -> b.name()).filter(role::allowsBucket).sorted().toList());
    }

    /** HeadObject of {@code bucket}/{@code key}. */
    public Head head(Role role, String bucket, String key) {
        allowed(role, bucket);
        StatObjectResponse stat = call(() -> client(role).statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()));
        return new Head(stat.etag(), stat.size(), stat.lastModified() == null ? null : stat.lastModified().toInstant().toString());
    }

    /** The body of {@code bucket}/{@code key}, streamed; the caller closes it. */
    public InputStream get(Role role, String bucket, String key) {
        allowed(role, bucket);
        return call(() -> client(role).getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    /** The body of {@code bucket}/{@code key}, streamed, or empty when there is no such object. */
    public Optional<InputStream> find(Role role, String bucket, String key) {
        allowed(role, bucket);
        return call(() -> {
            try {
                return Optional.of(client(role).getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
            } catch (ErrorResponseException e) {
                if ("NoSuchKey".equals(e.errorResponse().code())) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private static void allowed(Role role, String bucket) {
        if (!role.allowsBucket(bucket)) {
            throw new ApiException(ApiError.ACCESS_DENIED, "The role " + role.arns().get(0) + " may not use bucket " + bucket + ".");
        }
    }

    private MinioClient client(Role role) {
        // where the planner, workers and report service send the role's requests (Role.endpointOr)
        String endpoint = role.endpointOr(config.endpoint().orElse(null));
        if (endpoint == null) {
            throw new ApiException(ApiError.NOT_IMPLEMENTED,
                    "The console cannot reach the store: s3batch.s3.endpoint is not configured for the API service.");
        }
        String access = role.hasOwnCredentials() ? role.accessKey().orElseThrow() : config.accessKey().orElse(null);
        String secret = role.hasOwnCredentials() ? role.secretKey().orElseThrow() : config.secretKey().orElse(null);
        if (access == null || secret == null) {
            throw new ApiException(ApiError.NOT_IMPLEMENTED, "The console cannot reach the store: s3batch.s3.access-key and "
                    + "secret-key are not configured for the API service.");
        }
        return byRole.computeIfAbsent(role.id(), id -> MinioClient.builder().endpoint(endpoint).region(config.region())
                .credentials(access, secret).httpClient(http).build());
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    /** The store's answer, or its refusal as the console shows it (its code and message; a 404 names what is missing). */
    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            String message = "The store refused: " + code + (e.errorResponse().message() == null ? "" : " (" + e.errorResponse().message() + ")");
            throw new ApiException(e.response().code() == 403 ? ApiError.ACCESS_DENIED : ApiError.INVALID_REQUEST, message + ".");
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw new ApiException(ApiError.INTERNAL, "The store could not be reached. Please try again.");
        }
    }
}

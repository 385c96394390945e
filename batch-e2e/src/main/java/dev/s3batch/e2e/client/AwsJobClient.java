package dev.s3batch.e2e.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.JobOperation;
import software.amazon.awssdk.services.s3control.model.JobManifestFieldName;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;
import software.amazon.awssdk.services.s3control.model.JobReportFormat;
import software.amazon.awssdk.services.s3control.model.JobReportScope;
import software.amazon.awssdk.services.s3control.model.S3Tag;

/** The AWS SDK's S3ControlClient, unmodified but for its endpoint, pointed at s3batch's API: jobs the AWS dialect creates. */
public class AwsJobClient implements AutoCloseable {
    public final S3ControlClient client;
    public final String account;

    protected AwsJobClient(S3ControlClient client, String account) {
        this.client = client;
        this.account = account;
    }

    /** A client of the API at {@code apiUrl} signing with the account's key pair; {@code account} is its 12-digit id. */
    public static S3ControlClient client(String apiUrl, String accessKey, String secretKey) {
        URI api = URI.create(apiUrl);
        return S3ControlClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .endpointProvider(p -> CompletableFuture.completedFuture(Endpoint.builder().url(api).build()))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
                .build();
    }

    public static AwsJobClient of(String apiUrl, String accessKey, String secretKey, String account) {
        return new AwsJobClient(client(apiUrl, accessKey, secretKey), account);
    }

    /** A tagging job over a CSV manifest, reported (AllTasks) under {@code it-reports/aws}. */
    public String createTaggingJob(String token, String bucket, String manifestKey, String etag, int priority) {
        return createJob(token, o -> o.s3PutObjectTagging(t -> t.tagSet(S3Tag.builder().key("via").value("s3control").build())),
                bucket, manifestKey, etag, false, "aws", "batch-role", priority);
    }

    /**
     * A job of {@code operation} over a CSV manifest ({@code Bucket,Key}, and {@code VersionId} when {@code versioned}),
     * reported (AllTasks) under {@code it-reports/<reportPrefix>}, acting as the role {@code roleName} of the account.
     */
    public String createJob(String token, java.util.function.Consumer<JobOperation.Builder> operation, String bucket, String manifestKey,
            String etag, boolean versioned, String reportPrefix, String roleName, int priority) {
        return createJob(token, operation, bucket, manifestKey, etag, versioned, reportPrefix, roleName, priority, "it-reports");
    }

    /** As above, reported to {@code reportBucket}. */
    public String createJob(String token, java.util.function.Consumer<JobOperation.Builder> operation, String bucket, String manifestKey,
            String etag, boolean versioned, String reportPrefix, String roleName, int priority, String reportBucket) {
        List<JobManifestFieldName> fields = versioned
                ? List.of(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY, JobManifestFieldName.VERSION_ID)
                : List.of(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY);
        return client.createJob(b -> b.accountId(account).clientRequestToken(token).confirmationRequired(false)
                .operation(operation)
                .report(r -> r.bucket("arn:aws:s3:::" + reportBucket).format(JobReportFormat.REPORT_CSV_20180820).enabled(true)
                        .prefix(reportPrefix).reportScope(JobReportScope.ALL_TASKS))
                .manifest(m -> m.spec(s -> s.format(JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820).fields(fields))
                        .location(l -> l.objectArn("arn:aws:s3:::" + bucket + "/" + manifestKey).eTag(etag)))
                .priority(priority).roleArn("arn:aws:iam::123456789012:role/" + roleName)).jobId();
    }

    /**
     * A tagging job ({@code key=value}) whose manifest {@code manifest} sets (a Manifest or a ManifestGenerator), reported
     * (AllTasks) under {@code it-reports/<reportPrefix>}, acting as the account's batch-role.
     */
    public String createTagging(String key, String value, String reportPrefix,
            java.util.function.Consumer<software.amazon.awssdk.services.s3control.model.CreateJobRequest.Builder> manifest) {
        var request = software.amazon.awssdk.services.s3control.model.CreateJobRequest.builder().accountId(account)
                .clientRequestToken(reportPrefix + "-" + java.util.UUID.randomUUID()).confirmationRequired(false)
                .operation(o -> o.s3PutObjectTagging(t -> t.tagSet(S3Tag.builder().key(key).value(value).build())))
                .report(r -> r.bucket("arn:aws:s3:::it-reports").format(JobReportFormat.REPORT_CSV_20180820).enabled(true)
                        .prefix(reportPrefix).reportScope(JobReportScope.ALL_TASKS))
                .priority(10).roleArn("arn:aws:iam::123456789012:role/batch-role");
        manifest.accept(request);
        return client.createJob(request.build()).jobId();
    }

    public JobDescriptor describe(String jobId) {
        return client.describeJob(b -> b.accountId(account).jobId(jobId)).job();
    }

    public JobDescriptor awaitTerminal(String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobDescriptor job = describe(jobId);
            String status = job.statusAsString();
            if (status.equals("Complete") || status.equals("Failed") || status.equals("Cancelled") || System.nanoTime() > deadline) {
                return job;
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}

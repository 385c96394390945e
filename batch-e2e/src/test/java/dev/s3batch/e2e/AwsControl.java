package dev.s3batch.e2e;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import java.util.List;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.JobOperation;
import software.amazon.awssdk.services.s3control.model.JobManifestFieldName;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;
import software.amazon.awssdk.services.s3control.model.JobReportFormat;
import software.amazon.awssdk.services.s3control.model.JobReportScope;
import software.amazon.awssdk.services.s3control.model.S3Tag;

/** The AWS SDK's S3ControlClient pointed at the test stack's API, for jobs the AWS dialect creates. */
final class AwsControl implements AutoCloseable {
    final S3ControlClient client;
    final String account;

    private AwsControl(S3ControlClient client, String account) {
        this.client = client;
        this.account = account;
    }

    static AwsControl of(RunningServices services) {
        URI api = URI.create(services.stack.env().get("S3BATCH_API_URL"));
        S3ControlClient client = S3ControlClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        services.stack.env().get("S3BATCH_API_ACCESS_KEY"), services.stack.env().get("S3BATCH_API_SECRET_KEY"))))
                .endpointProvider(p -> CompletableFuture.completedFuture(Endpoint.builder().url(api).build()))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
                .build();
        return new AwsControl(client, services.stack.env().get("S3BATCH_API_ACCOUNT_ID"));
    }

    /** A tagging job over a CSV manifest, reported (AllTasks) under {@code it-reports/aws}. */
    String createTaggingJob(String token, String bucket, String manifestKey, String etag, int priority) {
        return createJob(token, o -> o.s3PutObjectTagging(t -> t.tagSet(S3Tag.builder().key("via").value("s3control").build())),
                bucket, manifestKey, etag, false, "aws", "batch-role", priority);
    }

    /**
     * A job of {@code operation} over a CSV manifest ({@code Bucket,Key}, and {@code VersionId} when {@code versioned}),
     * reported (AllTasks) under {@code it-reports/<reportPrefix>}, acting as the role {@code roleName} of the account.
     */
    String createJob(String token, java.util.function.Consumer<JobOperation.Builder> operation, String bucket, String manifestKey,
            String etag, boolean versioned, String reportPrefix, String roleName, int priority) {
        List<JobManifestFieldName> fields = versioned
                ? List.of(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY, JobManifestFieldName.VERSION_ID)
                : List.of(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY);
        return client.createJob(b -> b.accountId(account).clientRequestToken(token).confirmationRequired(false)
                .operation(operation)
                .report(r -> r.bucket("arn:aws:s3:::it-reports").format(JobReportFormat.REPORT_CSV_20180820).enabled(true)
                        .prefix(reportPrefix).reportScope(JobReportScope.ALL_TASKS))
                .manifest(m -> m.spec(s -> s.format(JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820).fields(fields))
                        .location(l -> l.objectArn("arn:aws:s3:::" + bucket + "/" + manifestKey).eTag(etag)))
                .priority(priority).roleArn("arn:aws:iam::123456789012:role/" + roleName)).jobId();
    }

    /**
     * A tagging job ({@code key=value}) whose manifest {@code manifest} sets (a Manifest or a ManifestGenerator), reported
     * (AllTasks) under {@code it-reports/<reportPrefix>}, acting as the account's batch-role.
     */
    String createTagging(String key, String value, String reportPrefix,
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

    JobDescriptor describe(String jobId) {
        return client.describeJob(b -> b.accountId(account).jobId(jobId)).job();
    }

    JobDescriptor awaitTerminal(String jobId, Duration timeout) throws InterruptedException {
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

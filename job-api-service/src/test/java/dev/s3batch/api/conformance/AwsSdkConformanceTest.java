package dev.s3batch.api.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.testkit.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.BadRequestException;
import software.amazon.awssdk.services.s3control.model.CreateJobRequest;
import software.amazon.awssdk.services.s3control.model.DescribeJobResponse;
import software.amazon.awssdk.services.s3control.model.IdempotencyException;
import software.amazon.awssdk.services.s3control.model.InvalidNextTokenException;
import software.amazon.awssdk.services.s3control.model.InvalidRequestException;
import software.amazon.awssdk.services.s3control.model.JobManifest;
import software.amazon.awssdk.services.s3control.model.JobManifestFieldName;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;
import software.amazon.awssdk.services.s3control.model.JobReportFormat;
import software.amazon.awssdk.services.s3control.model.JobReportScope;
import software.amazon.awssdk.services.s3control.model.JobStatus;
import software.amazon.awssdk.services.s3control.model.JobStatusException;
import software.amazon.awssdk.services.s3control.model.ListJobsResponse;
import software.amazon.awssdk.services.s3control.model.NotFoundException;
import software.amazon.awssdk.services.s3control.model.RequestedJobStatus;
import software.amazon.awssdk.services.s3control.model.S3Tag;
import software.amazon.awssdk.services.s3control.model.TooManyTagsException;

/**
 * The AWS SDK for Java v2 {@code S3ControlClient}, unmodified but for its endpoint (a custom endpoint provider, since
 * the SDK would otherwise put the account id in front of the host) and one attempt per call, drives every S3 Control
 * job operation against job-api-service, and at least one error of each.
 */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class AwsSdkConformanceTest {
    static final String ACCOUNT = "123456789012";

    @TestHTTPResource("/")
    URL base;

    S3ControlClient client;

    @BeforeEach
    void client() {
        URI endpoint = URI.create(base.toString().replaceAll("/$", ""));
        client = S3ControlClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .endpointProvider(params -> CompletableFuture.completedFuture(Endpoint.builder().url(endpoint).build()))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(1)).build())
                .build();
    }

    static CreateJobRequest.Builder job(String token) {
        return CreateJobRequest.builder().accountId(ACCOUNT).clientRequestToken(token).confirmationRequired(true)
                .operation(o -> o.s3PutObjectTagging(t -> t.tagSet(S3Tag.builder().key("k1").value("v1").build())))
                .report(r -> r.bucket("arn:aws:s3:::report-bucket").format(JobReportFormat.REPORT_CSV_20180820).enabled(true)
                        .prefix("reports").reportScope(JobReportScope.ALL_TASKS))
                .manifest(JobManifest.builder()
                        .spec(s -> s.format(JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820)
                                .fields(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY))
                        .location(l -> l.objectArn("arn:aws:s3:::manifest-bucket/manifest.csv").eTag("60e460c9d1046e73f7dde5043ac3ae85"))
                        .build())
                .description("tag objects").priority(10).roleArn("arn:aws:iam::123456789012:role/batch-role")
                .tags(S3Tag.builder().key("dept").value("eng").build());
    }

    @Test
    void createAndDescribeAJob() {
        String id = client.createJob(job("tok-" + UUID.randomUUID()).build()).jobId();
        DescribeJobResponse d = client.describeJob(b -> b.accountId(ACCOUNT).jobId(id));
        assertEquals(id, d.job().jobId());
        assertEquals(JobStatus.NEW, d.job().status());
        assertEquals(10, d.job().priority());
        assertEquals("arn:aws:s3:us-east-1:123456789012:job/" + id, d.job().jobArn());
        assertEquals("k1", d.job().operation().s3PutObjectTagging().tagSet().get(0).key());
        assertEquals(List.of(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY), d.job().manifest().spec().fields());
        assertEquals("arn:aws:s3:::manifest-bucket/manifest.csv", d.job().manifest().location().objectArn());
        assertEquals("arn:aws:s3:::report-bucket", d.job().report().bucket());
        assertEquals(JobReportScope.ALL_TASKS, d.job().report().reportScope());
        assertTrue(d.job().confirmationRequired());
        assertNotNull(d.job().creationTime());
        assertNull(d.job().terminationDate());
        assertEquals(0, d.job().progressSummary().totalNumberOfTasks());
    }

    @Test
    void createJobErrors() {
        String token = "tok-" + UUID.randomUUID();
        String first = client.createJob(job(token).build()).jobId();
        assertEquals(first, client.createJob(job(token).build()).jobId(), "the same request again is the same job");
        assertThrows(IdempotencyException.class, () -> client.createJob(job(token).priority(11).build()));
        assertThrows(BadRequestException.class, () -> client.createJob(job("tok-" + UUID.randomUUID()).roleArn("not-an-arn").build()));
        assertThrows(BadRequestException.class, () -> client.createJob(job("tok-" + UUID.randomUUID())
                .report(r -> r.bucket("arn:aws:s3:::b").format(JobReportFormat.REPORT_CSV_20180820).enabled(true)
                        .reportScope("SomeTasks")).build()));
    }

    @Test
    void describeJobErrors() {
        assertThrows(NotFoundException.class, () -> client.describeJob(b -> b.accountId(ACCOUNT).jobId(UUID.randomUUID().toString())));
        String id = client.createJob(job("tok-" + UUID.randomUUID()).build()).jobId();
        assertThrows(NotFoundException.class, () -> client.describeJob(b -> b.accountId("999999999999").jobId(id)),
                "another account does not see the job");
    }

    @Test
    void listJobsFiltersAndPages() {
        String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000L);
        String a = client.createJob(job("tok-" + UUID.randomUUID()).accountId(account).build()).jobId();
        String b = client.createJob(job("tok-" + UUID.randomUUID()).accountId(account).build()).jobId();
        client.updateJobStatus(r -> r.accountId(account).jobId(a).requestedJobStatus(RequestedJobStatus.CANCELLED));
        ListJobsResponse page1 = client.listJobs(r -> r.accountId(account).maxResults(1));
        assertEquals(List.of(b), page1.jobs().stream().map(j -> j.jobId()).toList());
        assertEquals("S3PutObjectTagging", page1.jobs().get(0).operationAsString());
        ListJobsResponse page2 = client.listJobs(r -> r.accountId(account).maxResults(1).nextToken(page1.nextToken()));
        assertEquals(List.of(a), page2.jobs().stream().map(j -> j.jobId()).toList());
        ListJobsResponse cancelling = client.listJobs(r -> r.accountId(account).jobStatuses(JobStatus.CANCELLING, JobStatus.FAILED));
        assertEquals(List.of(a), cancelling.jobs().stream().map(j -> j.jobId()).toList());
        assertThrows(InvalidNextTokenException.class, () -> client.listJobs(r -> r.accountId(account).nextToken("bm90LW91cnM")));
        assertThrows(InvalidRequestException.class, () -> client.listJobs(r -> r.accountId(account).maxResults(1001)));
    }

    @Test
    void updateJobPriorityAndItsErrors() {
        String id = client.createJob(job("tok-" + UUID.randomUUID()).build()).jobId();
        assertEquals(2147483647, client.updateJobPriority(r -> r.accountId(ACCOUNT).jobId(id).priority(2147483647)).priority());
        assertEquals(2147483647, client.describeJob(b -> b.accountId(ACCOUNT).jobId(id)).job().priority());
        assertThrows(BadRequestException.class, () -> client.updateJobPriority(r -> r.accountId(ACCOUNT).jobId(id).priority(-1)));
        assertThrows(NotFoundException.class, () -> client.updateJobPriority(r -> r.accountId(ACCOUNT).jobId(UUID.randomUUID().toString()).priority(1)));
    }

    @Test
    void updateJobStatusAndItsErrors() {
        String id = client.createJob(job("tok-" + UUID.randomUUID()).build()).jobId();
        assertThrows(JobStatusException.class, () -> client.updateJobStatus(r -> r.accountId(ACCOUNT).jobId(id)
                .requestedJobStatus(RequestedJobStatus.READY)), "only a Suspended job can be confirmed");
        var cancelled = client.updateJobStatus(r -> r.accountId(ACCOUNT).jobId(id).requestedJobStatus(RequestedJobStatus.CANCELLED)
                .statusUpdateReason("no longer needed"));
        assertEquals(JobStatus.CANCELLING, cancelled.status());
        assertEquals("no longer needed", cancelled.statusUpdateReason());
        assertThrows(JobStatusException.class, () -> client.updateJobStatus(r -> r.accountId(ACCOUNT).jobId(id)
                .requestedJobStatus(RequestedJobStatus.CANCELLED)));
        assertThrows(NotFoundException.class, () -> client.updateJobStatus(r -> r.accountId(ACCOUNT).jobId(UUID.randomUUID().toString())
                .requestedJobStatus(RequestedJobStatus.CANCELLED)));
    }

    @Test
    void jobTaggingAndItsErrors() {
        String id = client.createJob(job("tok-" + UUID.randomUUID()).build()).jobId();
        assertEquals(List.of(S3Tag.builder().key("dept").value("eng").build()), client.getJobTagging(r -> r.accountId(ACCOUNT).jobId(id)).tags());
        client.putJobTagging(r -> r.accountId(ACCOUNT).jobId(id).tags(S3Tag.builder().key("a").value("1").build(),
                S3Tag.builder().key("b").value("").build()));
        assertEquals(List.of("a", "b"), client.getJobTagging(r -> r.accountId(ACCOUNT).jobId(id)).tags().stream().map(S3Tag::key).toList());
        client.deleteJobTagging(r -> r.accountId(ACCOUNT).jobId(id));
        assertEquals(List.of(), client.getJobTagging(r -> r.accountId(ACCOUNT).jobId(id)).tags());
        List<S3Tag> many = java.util.stream.IntStream.range(0, 51).mapToObj(i -> S3Tag.builder().key("k" + i).value("v").build()).toList();
        assertThrows(TooManyTagsException.class, () -> client.putJobTagging(r -> r.accountId(ACCOUNT).jobId(id).tags(many)));
        assertThrows(NotFoundException.class, () -> client.getJobTagging(r -> r.accountId(ACCOUNT).jobId(UUID.randomUUID().toString())));
        assertThrows(NotFoundException.class, () -> client.deleteJobTagging(r -> r.accountId(ACCOUNT).jobId(UUID.randomUUID().toString())));
    }
}

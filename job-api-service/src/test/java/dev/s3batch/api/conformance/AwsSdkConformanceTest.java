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
import software.amazon.awssdk.services.s3control.model.S3ControlException;
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
    /** A function configured for the account (test application.properties, s3batch.functions.acme-resize). */
    static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:resize";

    @TestHTTPResource("/")
    URL base;

    S3ControlClient client;

    @BeforeEach
    void client() {
        client = client("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }

    /** The stock client, pointed at the service with a custom endpoint provider, one attempt per call. */
    S3ControlClient client(String accessKey, String secretKey) {
        URI endpoint = URI.create(base.toString().replaceAll("/$", ""));
        return S3ControlClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .endpointProvider(params -> CompletableFuture.completedFuture(Endpoint.builder().url(endpoint).build()))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(1)).build())
                .build();
    }

    static void assertDenied(int status, String code, org.junit.jupiter.api.function.Executable call) {
        S3ControlException e = assertThrows(S3ControlException.class, call);
        assertEquals(status, e.statusCode());
        assertEquals(code, e.awsErrorDetails().errorCode());
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

    /** Every operation s3batch runs in the AWS dialect, created by the SDK and read back by it. */
    @Test
    void everyAwsOperationIsCreatedAndDescribedByTheSdk() {
        String id = client.createJob(job("tok-" + UUID.randomUUID()).operation(o -> o.s3DeleteObjectTagging(d -> { })).build()).jobId();
        var described = client.describeJob(b -> b.accountId(ACCOUNT).jobId(id)).job().operation();
        org.junit.jupiter.api.Assertions.assertNotNull(described.s3DeleteObjectTagging(), described.toString());
        org.junit.jupiter.api.Assertions.assertNull(described.s3PutObjectTagging(), described.toString());
        List<software.amazon.awssdk.services.s3control.model.JobOperation> sent = List.of(
                software.amazon.awssdk.services.s3control.model.JobOperation.builder().s3PutObjectAcl(a -> a.accessControlPolicy(p -> p
                        .cannedAccessControlList(software.amazon.awssdk.services.s3control.model.S3CannedAccessControlList.BUCKET_OWNER_READ))).build(),
                software.amazon.awssdk.services.s3control.model.JobOperation.builder().s3PutObjectAcl(a -> a.accessControlPolicy(p -> p
                        .accessControlList(l -> l.owner(w -> w.id("o1").displayName("Owner")).grants(software.amazon.awssdk.services.s3control.model.S3Grant.builder()
                                .grantee(g -> g.typeIdentifier("emailAddress").identifier("a@example.com")).permission("WRITE_ACP").build())))).build(),
                software.amazon.awssdk.services.s3control.model.JobOperation.builder().s3InitiateRestoreObject(r -> r.expirationInDays(9)
                        .glacierJobTier("STANDARD")).build(),
                software.amazon.awssdk.services.s3control.model.JobOperation.builder().s3PutObjectLegalHold(h -> h.legalHold(l -> l.status("ON"))).build(),
                software.amazon.awssdk.services.s3control.model.JobOperation.builder().s3PutObjectRetention(r -> r.bypassGovernanceRetention(true)
                        .retention(t -> t.mode("GOVERNANCE").retainUntilDate(java.time.Instant.parse("2031-06-01T00:00:00Z")))).build(),
                software.amazon.awssdk.services.s3control.model.JobOperation.builder().s3PutObjectCopy(c -> c.targetResource("arn:aws:s3:::dest")
                        .targetKeyPrefix("p/").cannedAccessControlList("public-read").accessControlGrants(software.amazon.awssdk.services.s3control.model.S3Grant
                                .builder().grantee(g -> g.typeIdentifier("id").identifier("u2").displayName("U")).permission("READ").build())
                        .metadataDirective("REPLACE").newObjectMetadata(m -> m.cacheControl("no-cache").contentDisposition("inline")
                                .contentEncoding("gzip").contentLanguage("de").contentType("text/plain").httpExpiresDate(java.time.Instant.parse("2031-01-01T00:00:00Z"))
                                .userMetadata(java.util.Map.of("color", "blue")).sseAlgorithm("KMS"))
                        .newObjectTagging(S3Tag.builder().key("k").value("v").build()).storageClass("GLACIER_IR")
                        .modifiedSinceConstraint(java.time.Instant.parse("2020-01-01T00:00:00Z"))
                        .unModifiedSinceConstraint(java.time.Instant.parse("2032-01-01T00:00:00Z")).sseAwsKmsKeyId("testkey-1")
                        .objectLockLegalHoldStatus("OFF").objectLockMode("GOVERNANCE").objectLockRetainUntilDate(java.time.Instant.parse("2033-01-01T00:00:00Z"))
                        .bucketKeyEnabled(true).checksumAlgorithm("SHA256").redirectLocation("/x").requesterPays(false)).build(),
                software.amazon.awssdk.services.s3control.model.JobOperation.builder().lambdaInvoke(l -> l.functionArn(FUNCTION)).build(),
                software.amazon.awssdk.services.s3control.model.JobOperation.builder().s3ReplicateObject(r -> { }).build(),
                software.amazon.awssdk.services.s3control.model.JobOperation.builder().s3ComputeObjectChecksum(c -> c.checksumAlgorithm("CRC64NVME")
                        .checksumType("FULL_OBJECT")).build(),
                software.amazon.awssdk.services.s3control.model.JobOperation.builder().s3ComputeObjectChecksum(c -> c.checksumAlgorithm("SHA256")).build(),
                software.amazon.awssdk.services.s3control.model.JobOperation.builder().lambdaInvoke(l -> l.functionArn(FUNCTION)
                        .invocationSchemaVersion("2.0").userArguments(java.util.Map.of("size", "128", "format", "webp"))).build());
        for (var op : sent) {
            String job = client.createJob(job("tok-" + UUID.randomUUID()).operation(op).build()).jobId();
            assertEquals(op, client.describeJob(b -> b.accountId(ACCOUNT).jobId(job)).job().operation(), "what the SDK sent is what it reads back");
        }
    }

    /** Each manifest kind of the AWS dialect, created by the SDK and read back by it exactly as sent. */
    @Test
    void everyManifestKindIsCreatedAndDescribedByTheSdk() {
        var generator = software.amazon.awssdk.services.s3control.model.JobManifestGenerator.builder().s3JobManifestGenerator(g -> g
                .expectedBucketOwner(ACCOUNT).sourceBucket("arn:aws:s3:::photos").enableManifestOutput(true)
                .manifestOutputLocation(o -> o.bucket("arn:aws:s3:::report-bucket").manifestPrefix("generated")
                        .expectedManifestBucketOwner(ACCOUNT).manifestFormat("S3InventoryReport_CSV_20211130")
                        .manifestEncryption(e -> e.ssekms(k -> k.keyId("testkey-1"))))
                .filter(f -> f.createdAfter(java.time.Instant.parse("2024-01-01T00:00:00Z")).createdBefore(java.time.Instant.parse("2031-01-01T00:00:00Z"))
                        .keyNameConstraint(k -> k.matchAnyPrefix("2024/").matchAnySuffix(".jpg").matchAnySubstring("cat"))
                        .objectSizeGreaterThanBytes(10L).objectSizeLessThanBytes(1_000_000L).matchAnyStorageClassWithStrings("STANDARD", "GLACIER_IR")))
                .build();
        String id = client.createJob(job("tok-" + UUID.randomUUID()).manifest((JobManifest) null).manifestGenerator(generator).build()).jobId();
        var described = client.describeJob(b -> b.accountId(ACCOUNT).jobId(id)).job();
        assertEquals(generator, described.manifestGenerator(), "what the SDK sent is what it reads back");
        assertNull(described.manifest());
        assertNull(described.generatedManifestDescriptor(), "nothing is generated before the planner lists the bucket");

        var plain = software.amazon.awssdk.services.s3control.model.JobManifestGenerator.builder().s3JobManifestGenerator(g -> g
                .sourceBucket("arn:aws:s3:::photos").enableManifestOutput(false)).build();
        String plainId = client.createJob(job("tok-" + UUID.randomUUID()).manifest((JobManifest) null).manifestGenerator(plain).build()).jobId();
        assertEquals(plain, client.describeJob(b -> b.accountId(ACCOUNT).jobId(plainId)).job().manifestGenerator());

        JobManifest inventory = JobManifest.builder().spec(s -> s.format(JobManifestFormat.S3_INVENTORY_REPORT_CSV_20161130)
                        .fields(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY, JobManifestFieldName.VERSION_ID))
                .location(l -> l.objectArn("arn:aws:s3:::manifest-bucket/inv/photos/daily/2025-10-29T12-49Z/manifest.json").eTag("60e460c9d1046e73f7dde5043ac3ae85"))
                .build();
        String inv = client.createJob(job("tok-" + UUID.randomUUID()).manifest(inventory).build()).jobId();
        assertEquals(inventory, client.describeJob(b -> b.accountId(ACCOUNT).jobId(inv)).job().manifest());

        assertDenied(400, "BadRequestException", () -> client.createJob(job("tok-" + UUID.randomUUID()).manifestGenerator(plain).build())); // both
        assertDenied(400, "BadRequestException", () -> client.createJob(job("tok-" + UUID.randomUUID()).manifest((JobManifest) null)
                .manifestGenerator(b -> b.s3JobManifestGenerator(g -> g.sourceBucket("arn:aws:s3:::photos").enableManifestOutput(false)
                        .filter(f -> f.keyNameConstraint(k -> k.matchAnyPrefix("a", "b"))))).build()));
        assertDenied(501, "NotImplemented", () -> client.createJob(job("tok-" + UUID.randomUUID()).manifest((JobManifest) null)
                .manifestGenerator(b -> b.s3JobManifestGenerator(g -> g.sourceBucket("arn:aws:s3:::photos").enableManifestOutput(false)
                        .filter(f -> f.eligibleForReplication(true)))).build()));
        assertDenied(403, "AccessDenied", () -> client.createJob(job("tok-" + UUID.randomUUID()).roleArn("arn:aws:iam::123456789012:role/narrow")
                .manifest((JobManifest) null).manifestGenerator(plain).build())); // the narrow role may not list photos
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
    void theRoleMustBeTheAccountsAndAllowTheOperationOnTheBuckets() {
        assertDenied(403, "AccessDenied", () -> client.createJob(job("tok-" + UUID.randomUUID())
                .roleArn("arn:aws:iam::123456789012:role/unknown").build()));
        assertDenied(403, "AccessDenied", () -> client.createJob(job("tok-" + UUID.randomUUID())
                .roleArn("arn:aws:iam::999999999999:role/batch-role").build()));  // another account's role
        assertDenied(403, "AccessDenied", () -> client.createJob(job("tok-" + UUID.randomUUID())
                .roleArn("arn:aws:iam::123456789012:role/restore-only").build()));  // not allowed to tag
        String ok = client.createJob(job("tok-" + UUID.randomUUID()).roleArn("arn:aws:iam::123456789012:role/narrow").build()).jobId();
        assertEquals(JobStatus.NEW, client.describeJob(b -> b.accountId(ACCOUNT).jobId(ok)).job().status());
        assertDenied(403, "AccessDenied", () -> client.createJob(job("tok-" + UUID.randomUUID())
                .roleArn("arn:aws:iam::123456789012:role/narrow")
                .report(r -> r.bucket("arn:aws:s3:::someone-elses-bucket").format(JobReportFormat.REPORT_CSV_20180820).enabled(true)
                        .prefix("reports").reportScope(JobReportScope.ALL_TASKS)).build()));  // report bucket not allowed
    }

    @Test
    void badOperationFieldsAreTheClientsErrorAndUnbuiltOnesSayNotImplemented() {
        assertThrows(BadRequestException.class, () -> client.createJob(job("tok-" + UUID.randomUUID())
                .operation(o -> o.s3InitiateRestoreObject(r -> r.expirationInDays(-1))).build()));
        assertThrows(BadRequestException.class, () -> client.createJob(job("tok-" + UUID.randomUUID())
                .operation(o -> o.s3PutObjectLegalHold(h -> h.legalHold(l -> l.status("MAYBE")))).build()));
        assertThrows(BadRequestException.class, () -> client.createJob(job("tok-" + UUID.randomUUID())
                .operation(o -> o.s3PutObjectRetention(r -> r.retention(t -> t.mode("FOREVER")))).build()));
        assertThrows(BadRequestException.class, () -> client.createJob(job("tok-" + UUID.randomUUID())
                .roleArn("arn:aws:iam::123456789012:role/unreplicated").operation(o -> o.s3ReplicateObject(r -> { })).build()),
                "a role with no replication destination");
        assertThrows(BadRequestException.class, () -> client.createJob(job("tok-" + UUID.randomUUID())
                .operation(o -> o.s3ComputeObjectChecksum(c -> c.checksumAlgorithm("CRC64NVME").checksumType("COMPOSITE"))).build()));
        assertDenied(501, "NotImplemented", () -> client.createJob(job("tok-" + UUID.randomUUID())
                .operation(o -> o.s3ComputeObjectChecksum(c -> c.checksumAlgorithm("XXHASH64"))).build()));
        assertThrows(BadRequestException.class, () -> client.createJob(job("tok-" + UUID.randomUUID())
                .operation(o -> o.lambdaInvoke(l -> l.functionArn("arn:aws:lambda:us-east-1:123456789012:function:unmapped"))).build()),
                "a function no operator mapped to an endpoint");
        assertThrows(BadRequestException.class, () -> client.createJob(job("tok-" + UUID.randomUUID())
                .operation(o -> o.lambdaInvoke(l -> l.functionArn(FUNCTION).userArguments(java.util.Map.of("k", "v")))).build()),
                "UserArguments need schema 2.0");
    }

    @Test
    void describeJobErrors() {
        assertThrows(NotFoundException.class, () -> client.describeJob(b -> b.accountId(ACCOUNT).jobId(UUID.randomUUID().toString())));
        String id = client.createJob(job("tok-" + UUID.randomUUID()).build()).jobId();
        try (S3ControlClient other = client("AKIAOTHEROTHEROTHER1", "other-secret-key")) {
            assertThrows(NotFoundException.class, () -> other.describeJob(b -> b.accountId("999999999999").jobId(id)),
                    "another account does not see the job");
        }
        assertDenied(403, "AccessDenied", () -> client.describeJob(b -> b.accountId("999999999999").jobId(id)));
    }

    @Test
    void requestsMustBeSignedByAKnownKeyWithItsSecretAndInTime() throws Exception {
        assertDenied(403, "SignatureDoesNotMatch", () -> client("AKIAIOSFODNN7EXAMPLE", "not-the-secret").listJobs(r -> r.accountId(ACCOUNT)));
        assertDenied(403, "InvalidAccessKeyId", () -> client("AKIANOSUCHKEY0000000", "x").listJobs(r -> r.accountId(ACCOUNT)));
        var http = java.net.http.HttpClient.newHttpClient();
        var unsigned = http.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "v20180820/jobs"))
                .header("x-amz-account-id", ACCOUNT).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, unsigned.statusCode());
        assertTrue(unsigned.body().contains("<Code>AccessDenied</Code>"), unsigned.body());
        // the SDK's own SigV4 signer, with a clock 20 minutes behind
        var request = software.amazon.awssdk.http.SdkHttpRequest.builder().uri(URI.create(base + "v20180820/jobs"))
                .method(software.amazon.awssdk.http.SdkHttpMethod.GET).putHeader("x-amz-account-id", ACCOUNT).build();
        var signed = software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .request(request)
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(software.amazon.awssdk.http.auth.spi.signer.HttpSigner.SIGNING_CLOCK,
                        java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(-20))));
        var builder = java.net.http.HttpRequest.newBuilder(URI.create(base + "v20180820/jobs")).GET();
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        var stale = http.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, stale.statusCode());
        assertTrue(stale.body().contains("<Code>RequestTimeTooSkewed</Code>"), stale.body());
    }

    @Test
    void listJobsFiltersAndPages() {
        String account = "111111111111";
        S3ControlClient client = client("AKIALISTERLISTER0001", "lister-secret-key");
        String role = "arn:aws:iam::111111111111:role/batch-role";
        String a = client.createJob(job("tok-" + UUID.randomUUID()).accountId(account).roleArn(role).build()).jobId();
        String b = client.createJob(job("tok-" + UUID.randomUUID()).accountId(account).roleArn(role).build()).jobId();
        client.updateJobStatus(r -> r.accountId(account).jobId(a).requestedJobStatus(RequestedJobStatus.CANCELLED));
        ListJobsResponse page1 = client.listJobs(r -> r.accountId(account).maxResults(1));
        assertEquals(List.of(b), page1.jobs().stream().map(j -> j.jobId()).toList());
        assertEquals("S3PutObjectTagging", page1.jobs().get(0).operationAsString());
        ListJobsResponse page2 = client.listJobs(r -> r.accountId(account).maxResults(1).nextToken(page1.nextToken()));
        assertEquals(List.of(a), page2.jobs().stream().map(j -> j.jobId()).toList());
        ListJobsResponse cancelling = client.listJobs(r -> r.accountId(account).jobStatuses(JobStatus.CANCELLING, JobStatus.FAILED));
        List<String> ids = cancelling.jobs().stream().map(j -> j.jobId()).toList();
        assertTrue(ids.contains(a) && !ids.contains(b), ids.toString());
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

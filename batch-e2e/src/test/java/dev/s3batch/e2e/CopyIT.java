package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.CosJobClient;
import dev.s3batch.e2e.client.JobReport;
import dev.s3batch.model.manifest.S3Keys;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.S3CopyObjectOperation;
import software.amazon.awssdk.services.s3control.model.S3SSEAlgorithm;

/**
 * COSPutObjectCopy and S3PutObjectCopy on the real services and Ceph RGW, each copy read back with the AWS SDK's S3
 * client: key (the console's add, replace and delete prefix operations), body, metadata, tags, storage class, ACL and
 * encryption — the final state the job asked for even where RGW on its own does otherwise (it ignores the tagging
 * directive, drops tags when metadata is replaced, and ignores encryption on CopyObject). A 64 MiB object is copied by
 * multipart UploadPartCopy (the suite lowers the single-request limit to 16 MiB) with its metadata and tags.
 */
class CopyIT {
    static final String ALL_USERS = AclIT.ALL_USERS;
    static final List<String> DOCS = IntStream.range(0, 5).mapToObj(i -> "docs/a" + i).toList();
    static final String BIG = "big/blob";
    static final List<String> DOCS_AND_BIG = java.util.stream.Stream.concat(DOCS.stream(), java.util.stream.Stream.of(BIG)).toList();
    static RunningServices services;
    static S3Client s3;
    static CosJobClient cos;
    static String source;
    static byte[] big;

    @BeforeAll
    static void sourceObjects() throws Exception {
        services = RunningServices.get();
        services.s3.bucket("it-reports");
        s3 = IndependentS3.of(services);
        cos = services.cos();
        source = services.bucketWithObjects("it-copy-src-", 0);
        for (String key : DOCS) {
            s3.putObject(b -> b.bucket(source).key(key).contentType("text/plain").metadata(Map.of("color", "red")).tagging("team=red"),
                    RequestBody.fromString("body of " + key));
        }
        big = new byte[64 << 20];
        new Random(7).nextBytes(big);
        s3.putObject(b -> b.bucket(source).key(BIG).contentType("application/x-blob").metadata(Map.of("size", "big")).tagging("kind=blob"),
                RequestBody.fromBytes(big));
    }

    @Test
    void addingAPrefixCopiesBodyMetadataTagsAndTheBigObjectByMultipart() throws Exception {
        String dest = services.bucketWithObjects("it-copy-dst-", 0);
        String etag = services.s3.putManifest(source, "add.csv", DOCS_AND_BIG);
        String id = cos.create(CosJobClient.createBody("<COSPutObjectCopy><TargetResource>qcs::cos:ap-guangzhou::" + dest + "</TargetResource>"
                + "<TargetKeyPrefix>added/</TargetKeyPrefix><StorageClass>STANDARD_IA</StorageClass></COSPutObjectCopy>",
                source, "add.csv", etag, "copy-add", "batch-role", false));
        JsonNode job = cos.awaitTerminal(id, Duration.ofMinutes(3));
        assertEquals("Complete", job.path("Status").asText(), job.toString());
        assertEquals(6, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt(), job.toString());
        for (String key : DOCS) {
            String copy = "added/" + key;
            assertEquals("body of " + key, s3.getObjectAsBytes(b -> b.bucket(dest).key(copy)).asUtf8String());
            HeadObjectResponse head = s3.headObject(b -> b.bucket(dest).key(copy));
            assertEquals("text/plain", head.contentType(), copy);
            assertEquals(Map.of("color", "red"), head.metadata(), copy);
            assertEquals("STANDARD_IA", head.storageClassAsString(), copy);
            assertEquals(Map.of("team", "red"), tags(dest, copy), copy);
        }
        String bigCopy = "added/" + BIG;
        assertArrayEquals(big, s3.getObjectAsBytes(b -> b.bucket(dest).key(bigCopy)).asByteArray(), "the multipart copy's body");
        HeadObjectResponse head = s3.headObject(b -> b.bucket(dest).key(bigCopy));
        assertTrue(head.eTag().matches("\"[0-9a-f]{32}-8\""), "8 parts of 8 MiB: " + head.eTag());
        assertEquals("application/x-blob", head.contentType());
        assertEquals(Map.of("size", "big"), head.metadata());
        assertEquals("STANDARD_IA", head.storageClassAsString());
        assertEquals(Map.of("kind", "blob"), tags(dest, bigCopy), "multipart copies no tags: s3batch puts them");
        List<String> rows = JobReport.readControl(services.s3, "it-reports", "copy-add", id).succeededRows();
        assertEquals(6, rows.size());
        assertTrue(rows.contains(source + "," + S3Keys.encode("docs/a0") + ",,succeeded,200,," + dest + "/" + S3Keys.encode("added/docs/a0")),
                "the ResultMessage names the copy: " + rows);
    }

    @Test
    void replacingAPrefixWithReplacedMetadataTagsAndAcl() throws Exception {
        String dest = services.bucketWithObjects("it-copy-dst-", 0);
        String etag = services.s3.putManifest(source, "replace.csv", DOCS_AND_BIG);
        String id = cos.create(CosJobClient.createBody("<COSPutObjectCopy><TargetResource>qcs::cos:ap-guangzhou::" + dest + "</TargetResource>"
                + "<PrefixReplace>true</PrefixReplace><ResourcesPrefix>docs/</ResourcesPrefix><TargetKeyPrefix>archive/</TargetKeyPrefix>"
                + "<AccessControlDirective>Replaced</AccessControlDirective><CannedAccessControlList>public-read</CannedAccessControlList>"
                + "<MetadataDirective>Replaced</MetadataDirective><NewObjectMetadata><CacheControl>no-cache</CacheControl>"
                + "<ContentType>application/json</ContentType><UserMetadata><member><Key>team</Key><Value>blue</Value></member></UserMetadata>"
                + "</NewObjectMetadata><TaggingDirective>Replaced</TaggingDirective><NewObjectTagging><COSTag><Key>k</Key><Value>v</Value>"
                + "</COSTag></NewObjectTagging></COSPutObjectCopy>", source, "replace.csv", etag, "copy-replace", "batch-role", false));
        JsonNode job = cos.awaitTerminal(id, Duration.ofMinutes(3));
        assertEquals(5, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt(), job.toString());
        assertEquals(1, job.path("ProgressSummary").path("NumberOfTasksFailed").asInt(), job.toString());
        JsonNode described = job.path("Operation").path("COSPutObjectCopy");
        assertEquals("Replaced", described.path("TaggingDirective").asText(), "DescribeJob gives the copy back as sent: " + described);
        assertEquals("v", described.path("NewObjectTagging").path("COSTag").path("Value").asText(), described.toString());
        for (String key : DOCS) {
            String copy = "archive/" + key.substring("docs/".length());
            HeadObjectResponse head = s3.headObject(b -> b.bucket(dest).key(copy));
            assertEquals("application/json", head.contentType(), copy);
            assertEquals("no-cache", head.cacheControl(), copy);
            assertEquals(Map.of("team", "blue"), head.metadata(), copy);
            assertEquals(Map.of("k", "v"), tags(dest, copy), "RGW drops or copies tags on its own; the job's tags are the copy's");
            assertTrue(s3.getObjectAcl(b -> b.bucket(dest).key(copy)).grants().stream()
                    .anyMatch(g -> ALL_USERS.equals(g.grantee().uri()) && g.permissionAsString().equals("READ")), copy);
        }
        List<String> failed = JobReport.readControl(services.s3, "it-reports", "copy-replace", id).failedRows();
        assertEquals(1, failed.size());
        assertTrue(failed.get(0).startsWith(source + "," + S3Keys.encode(BIG) + ",,failed,400,InvalidArgument,"), failed.get(0));
        assertTrue(services.s3.list(dest, "").stream().noneMatch(k -> k.contains("blob")), "the object outside docs/ was not copied");
    }

    @Test
    void deletingAPrefixWithAddedMetadataAndTagsAndTheSourcesAcl() throws Exception {
        String dest = services.bucketWithObjects("it-copy-dst-", 0);
        String owner = s3.getObjectAcl(b -> b.bucket(source).key("docs/a0")).owner().id();
        s3.putObjectAcl(b -> b.bucket(source).key("docs/a0").accessControlPolicy(p -> p.owner(o -> o.id(owner)).grants(
                software.amazon.awssdk.services.s3.model.Grant.builder().grantee(g -> g.type("Group").uri(ALL_USERS)).permission("READ").build())));
        String etag = services.s3.putManifest(source, "strip.csv", DOCS);
        String id = cos.create(CosJobClient.createBody("<COSPutObjectCopy><TargetResource>qcs::cos:ap-guangzhou::" + dest + "</TargetResource>"
                + "<PrefixReplace>true</PrefixReplace><ResourcesPrefix>docs/</ResourcesPrefix><AccessControlDirective>Copy</AccessControlDirective>"
                + "<MetadataDirective>Add</MetadataDirective><NewObjectMetadata><UserMetadata><member><Key>extra</Key><Value>1</Value></member>"
                + "</UserMetadata></NewObjectMetadata><TaggingDirective>Add</TaggingDirective><NewObjectTagging><COSTag><Key>new</Key>"
                + "<Value>1</Value></COSTag></NewObjectTagging></COSPutObjectCopy>", source, "strip.csv", etag, "copy-strip", "batch-role", false));
        JsonNode job = cos.awaitTerminal(id, Duration.ofMinutes(3));
        assertEquals(5, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt(), job.toString());
        for (String key : DOCS) {
            String copy = key.substring("docs/".length());
            HeadObjectResponse head = s3.headObject(b -> b.bucket(dest).key(copy));
            assertEquals("text/plain", head.contentType(), copy);
            assertEquals(Map.of("color", "red", "extra", "1"), head.metadata(), copy);
            assertEquals(Map.of("team", "red", "new", "1"), tags(dest, copy), copy);
            boolean isPublic = s3.getObjectAcl(b -> b.bucket(dest).key(copy)).grants().stream().anyMatch(g -> ALL_USERS.equals(g.grantee().uri()));
            assertEquals(copy.equals("a0"), isPublic, copy + ": the source's ACL, copied");
        }
    }

    @Test
    void anAwsCopyOfAVersionEncryptedWithKmsAndConditionsThatFail() throws Exception {
        String dest = services.bucketWithObjects("it-copy-dst-", 0);
        String versioned = services.bucketWithObjects("it-copy-ver-", 0);
        s3.putBucketVersioning(b -> b.bucket(versioned).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String first = s3.putObject(b -> b.bucket(versioned).key("v"), RequestBody.fromString("first")).versionId();
        s3.putObject(b -> b.bucket(versioned).key("v"), RequestBody.fromString("second"));
        String etag = services.s3.putText(versioned, "kms.csv", versioned + ",v," + first + "\n" + source + ",docs%2Fa1,\n");
        try (AwsControl aws = AwsControl.of(services)) {
            String id = aws.createJob("copy-" + UUID.randomUUID(), o -> o.s3PutObjectCopy(S3CopyObjectOperation.builder()
                            .targetResource("arn:aws:s3:::" + dest).targetKeyPrefix("kms/").newObjectMetadata(m -> m.sseAlgorithm(S3SSEAlgorithm.KMS))
                            .sseAwsKmsKeyId("testkey-1").build()),
                    versioned, "kms.csv", etag, true, "copy-kms", "batch-role", 10);
            JobDescriptor job = aws.awaitTerminal(id, Duration.ofMinutes(3));
            assertEquals(2L, job.progressSummary().numberOfTasksSucceeded(), job.toString());
            assertEquals("testkey-1", job.operation().s3PutObjectCopy().sseAwsKmsKeyId());
            assertEquals("first", s3.getObjectAsBytes(b -> b.bucket(dest).key("kms/v")).asUtf8String(), "the manifest's version was copied");
            for (String copy : List.of("kms/v", "kms/docs/a1")) {
                HeadObjectResponse head = s3.headObject(b -> b.bucket(dest).key(copy));
                assertEquals("aws:kms", head.serverSideEncryptionAsString(), copy + " is encrypted although RGW ignores it on CopyObject");
                assertEquals("testkey-1", head.ssekmsKeyId(), copy);
            }
            assertEquals("body of docs/a1", s3.getObjectAsBytes(b -> b.bucket(dest).key("kms/docs/a1")).asUtf8String());

            // conditions: not modified since a future time, unmodified since 2001 — each object fails with 412
            String conditional = services.s3.putManifest(source, "cond.csv", List.of("docs/a2", "docs/a3"));
            for (boolean modifiedSince : List.of(true, false)) {
                Instant when = modifiedSince ? Instant.now().plus(Duration.ofDays(1)) : Instant.parse("2001-01-01T00:00:00Z");
                String cond = aws.createJob("cond-" + UUID.randomUUID(), o -> o.s3PutObjectCopy(c -> {
                    c.targetResource("arn:aws:s3:::" + dest).targetKeyPrefix("cond/");
                    if (modifiedSince) {
                        c.modifiedSinceConstraint(when);
                    } else {
                        c.unModifiedSinceConstraint(when);
                    }
                }), source, "cond.csv", conditional, false, "copy-cond", "batch-role", 10);
                JobDescriptor condJob = aws.awaitTerminal(cond, Duration.ofMinutes(3));
                assertEquals(2L, condJob.progressSummary().numberOfTasksFailed(), condJob.toString());
                List<String> rows = JobReport.readControl(services.s3, "it-reports", "copy-cond", cond).failedRows();
                assertTrue(rows.stream().allMatch(r -> r.contains(",failed,412,PreconditionFailed,")), rows.toString());
            }
            assertTrue(services.s3.list(dest, "cond/").isEmpty(), "nothing copied when the condition fails");
        }
    }

    /**
     * With S3's own 5 GiB limit (the default), a plain copy is one CopyObject per object — no HEAD first — as the
     * recording proxy in front of the store shows (the role {@code recorded} reaches the store through it).
     */
    @Test
    void aPlainCopyIsOneRequestPerObject() throws Exception {
        String dest = services.bucketWithObjects("it-copy-dst-", 0);
        String etag = services.s3.putManifest(source, "plain.csv", DOCS);
        java.net.URI store = java.net.URI.create(services.stack.s3Endpoint());
        int port = Integer.parseInt(services.stack.env().get("S3BATCH_RECORDING_PROXY_PORT"));
        services.restart("task-worker-service", Map.of("S3BATCH_WORKER_COPY_MULTIPART_THRESHOLD", "5368709120"));
        try (dev.s3batch.testkit.FaultProxy proxy = dev.s3batch.testkit.FaultProxy.start(store.getHost(), store.getPort(), port,
                dev.s3batch.testkit.FaultProxy.Faults.NONE)) {
            proxy.record((method, uri) -> uri.startsWith("/" + source + "/docs/") || uri.startsWith("/" + dest + "/"));
            String id = cos.create(CosJobClient.createBody("<COSPutObjectCopy><TargetResource>qcs::cos:ap-guangzhou::" + dest
                    + "</TargetResource></COSPutObjectCopy>", source, "plain.csv", etag, "copy-plain", "recorded", false));
            JsonNode job = cos.awaitTerminal(id, Duration.ofMinutes(3));
            assertEquals(5, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt(), job.toString());
            List<String> sent = proxy.recorded().stream().map(r -> r.method() + " " + r.uri() + " " + r.headers().get("x-amz-copy-source")).toList();
            assertEquals(DOCS.stream().map(k -> "PUT /" + dest + "/" + k + " /" + source + "/" + k).collect(Collectors.toSet()),
                    java.util.Set.copyOf(sent), "one CopyObject per object, nothing else");
            assertEquals(5, sent.size(), sent.toString());
            for (String key : DOCS) {
                assertEquals(Map.of("team", "red"), tags(dest, key), "the store copied the tags itself");
                assertEquals(Map.of("color", "red"), s3.headObject(b -> b.bucket(dest).key(key)).metadata());
            }
        } finally {
            services.restart("task-worker-service", Map.of());
        }
    }

    /**
     * Object lock: the copy has the legal hold and retention the job asked for. Encryption the store cannot do (Ceph
     * RGW 16 has no SSE-S3): the task fails with the store's answer and no unencrypted copy is left behind.
     */
    @Test
    void objectLockFieldsAreSetAndEncryptionTheStoreCannotDoLeavesNoCopy() throws Exception {
        String locked = "it-copy-lock-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(locked).objectLockEnabledForBucket(true));
        Instant until = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String etag = services.s3.putManifest(source, "lock.csv", List.of("docs/a4"));
        try (AwsControl aws = AwsControl.of(services)) {
            String id = aws.createJob("lock-" + UUID.randomUUID(), o -> o.s3PutObjectCopy(c -> c.targetResource("arn:aws:s3:::" + locked)
                    .objectLockLegalHoldStatus("ON").objectLockMode("GOVERNANCE").objectLockRetainUntilDate(until)),
                    source, "lock.csv", etag, false, "copy-lock", "batch-role", 10);
            JobDescriptor job = aws.awaitTerminal(id, Duration.ofMinutes(3));
            assertEquals(1L, job.progressSummary().numberOfTasksSucceeded(), job.toString());
            assertEquals("ON", s3.getObjectLegalHold(b -> b.bucket(locked).key("docs/a4")).legalHold().statusAsString());
            var retention = s3.getObjectRetention(b -> b.bucket(locked).key("docs/a4")).retention();
            assertEquals("GOVERNANCE", retention.modeAsString());
            assertEquals(until, retention.retainUntilDate());

            String dest = services.bucketWithObjects("it-copy-dst-", 0);
            String aes = aws.createJob("aes-" + UUID.randomUUID(), o -> o.s3PutObjectCopy(c -> c.targetResource("arn:aws:s3:::" + dest)
                    .newObjectMetadata(m -> m.sseAlgorithm(S3SSEAlgorithm.AES256))), source, "lock.csv", etag, false, "copy-aes", "batch-role", 10);
            JobDescriptor failed = aws.awaitTerminal(aes, Duration.ofMinutes(3));
            assertEquals(1L, failed.progressSummary().numberOfTasksFailed(), failed.toString());
            List<String> rows = JobReport.readControl(services.s3, "it-reports", "copy-aes", aes).failedRows();
            assertTrue(rows.size() == 1 && rows.get(0).startsWith(source + "," + S3Keys.encode("docs/a4") + ",,failed,"), rows.toString());
            assertTrue(services.s3.list(dest, "").isEmpty(), "no unencrypted copy stays: " + rows);
        }
    }

    @Test
    void aCopyToABucketTheRoleMayNotWriteIsRefusedAtCreateJob() throws Exception {
        String etag = services.s3.putManifest(source, "denied.csv", DOCS);
        HttpResponse<String> denied = cos.send("POST", "/jobs", CosJobClient.createBody("<COSPutObjectCopy><TargetResource>qcs::cos:ap-guangzhou::"
                + "it-copy-elsewhere</TargetResource></COSPutObjectCopy>", "it-copy-source", "denied.csv", etag, "copy-denied", "copier", false));
        assertEquals(403, denied.statusCode(), denied.body());
        assertTrue(denied.body().contains("AccessDenied") && denied.body().contains("destination bucket it-copy-elsewhere"), denied.body());
    }

    static Map<String, String> tags(String bucket, String key) {
        return s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }
}

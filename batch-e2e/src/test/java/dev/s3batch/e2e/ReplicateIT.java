package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.e2e.client.JobReport;
import dev.s3batch.model.manifest.S3Keys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Type;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.S3ControlException;

/**
 * AWS S3ReplicateObject on the real stack, every version of a versioned bucket's objects named by the manifest: to the
 * role's destination on the same store (the account's batch-role: server-side copies) and to another store (the role
 * {@code replicator}: the gateway under another name, as another user — each object streamed). Read back with the AWS
 * SDK as each destination's owner: every version's content, the metadata, the tags, the ACL (the source owner's grant
 * made to the destination's owner), the newest version current although the manifest names it first; a 20 MiB object
 * by multipart; a job run again writes nothing twice; a role without a destination is refused at CreateJob.
 */
class ReplicateIT {

    @Test
    void everyVersionIsReplicatedWithItsMetadataTagsAndAclOnTheSameStoreAndElsewhere() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = "it-repl-" + UUID.randomUUID().toString().substring(0, 8);
        String run = "run-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        try (S3Client s3 = IndependentS3.of(services); S3Client other = IndependentS3.replicaStore(services); AwsControl aws = AwsControl.of(services)) {
            versionedBucket(s3, bucket);
            versionedBucket(s3, "it-replicas");
            versionedBucket(other, "it-replicas-elsewhere");

            // the source: metadata, tags and a public-read ACL; three versions of one key; 0 bytes; 20 MiB; a key to encode
            Map<String, List<byte[]>> versions = new LinkedHashMap<>();
            List<String[]> rows = new ArrayList<>();
            String meta = run + "meta.txt";
            put(s3, bucket, meta, "hello".getBytes(), rows, versions, b -> b.contentType("text/plain").cacheControl("max-age=60")
                    .contentDisposition("inline").metadata(Map.of("color", "blue")).tagging("team=a&env=prod").acl(ObjectCannedACL.PUBLIC_READ));
            byte[] big = new byte[20 << 20];
            new Random(7).nextBytes(big);
            put(s3, bucket, run + "big.bin", big, rows, versions, b -> b.contentType("application/octet-stream"));
            // the AWS SDK's empty PUT is refused by RGW 16 over plain HTTP (400): the MinIO client makes the empty object
            String empty = run + "empty";
            rows.add(new String[]{empty, services.s3.client().putObject(io.minio.PutObjectArgs.builder().bucket(bucket).object(empty)
                    .stream(new java.io.ByteArrayInputStream(new byte[0]), 0, -1).build()).versionId()});
            versions.put(empty, List.of(new byte[0]));
            put(s3, bucket, run + "ä b+c.txt", "unicode".getBytes(), rows, versions, b -> b.tagging("k=v"));
            String v = run + "v.txt";
            List<String[]> vRows = new ArrayList<>();
            for (String text : List.of("one", "two", "three")) {
                put(s3, bucket, v, text.getBytes(), vRows, versions, b -> { });
            }
            // the versions newest first, as S3 lists them: the oldest is replicated last and must not end current
            java.util.Collections.reverse(vRows);
            rows.addAll(vRows);
            StringBuilder csv = new StringBuilder();
            rows.forEach(r -> csv.append(bucket).append(',').append(S3Keys.encode(r[0])).append(',').append(r[1]).append('\n'));
            String etag = services.s3.putText(bucket, "manifest.csv", csv.toString());

            JobDescriptor same = run(aws, bucket, etag, "batch-role", rows.size());
            check(s3, "it-replicas", versions, meta, v, ownerOf(s3, "it-replicas"));
            JobDescriptor elsewhere = run(aws, bucket, etag, "replicator", rows.size());
            check(other, "it-replicas-elsewhere", versions, meta, v, ownerOf(other, "it-replicas-elsewhere"));
            assertTrue(!ownerOf(s3, "it-replicas").equals(ownerOf(other, "it-replicas-elsewhere")), "the other store is another user's");

            // run again: nothing is written twice
            int before = other.listObjectVersions(b -> b.bucket("it-replicas-elsewhere").prefix(run)).versions().size();
            JobDescriptor again = run(aws, bucket, etag, "replicator", rows.size());
            assertEquals(before, other.listObjectVersions(b -> b.bucket("it-replicas-elsewhere").prefix(run)).versions().size(),
                    "a second run writes no version");
            List<String> report = JobReport.readControl(services.s3, "it-reports", "replicate", again.jobId()).succeededRows();
            assertTrue(report.stream().allMatch(r -> r.contains("already a replica")), report.toString());
            List<String> first = JobReport.readControl(services.s3, "it-reports", "replicate", same.jobId()).succeededRows();
            assertTrue(first.stream().anyMatch(r -> r.startsWith(bucket + "," + S3Keys.encode(meta) + ",") && r.endsWith(",it-replicas/" + S3Keys.encode(meta))),
                    first.toString());
            assertTrue(JobReport.readControl(services.s3, "it-reports", "replicate", elsewhere.jobId()).succeededRows().stream()
                    .filter(r -> r.contains("non-current version")).count() == 2, "the two older versions of " + v + " are written as non-current");
        }
    }

    @Test
    void aRoleWithoutAReplicationDestinationIsRefusedAtCreateJob() throws Exception {
        RunningServices services = RunningServices.get();
        String bucket = services.bucketWithObjects("it-repl-none-", 1);
        String etag = services.s3.putManifest(bucket, "m.csv", List.of("obj-0"));
        try (AwsControl aws = AwsControl.of(services)) {
            S3ControlException refused = assertThrows(S3ControlException.class, () -> aws.createJob("repl-" + UUID.randomUUID(),
                    o -> o.s3ReplicateObject(r -> { }), bucket, "m.csv", etag, false, "replicate", "recorded", 10));
            assertEquals(400, refused.statusCode());
            assertTrue(refused.getMessage().contains("no replication destination"), refused.getMessage());
        }
    }

    private static void versionedBucket(S3Client s3, String bucket) {
        try {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    }

    private static void put(S3Client s3, String bucket, String key, byte[] body, List<String[]> rows, Map<String, List<byte[]>> versions,
            java.util.function.Consumer<software.amazon.awssdk.services.s3.model.PutObjectRequest.Builder> more) {
        String version = s3.putObject(b -> more.accept(b.bucket(bucket).key(key)), RequestBody.fromBytes(body)).versionId();
        rows.add(new String[]{key, version});
        versions.computeIfAbsent(key, k -> new ArrayList<>()).add(body);
    }

    private static JobDescriptor run(AwsControl aws, String bucket, String etag, String role, int tasks) throws InterruptedException {
        String id = aws.createJob("repl-" + UUID.randomUUID(), o -> o.s3ReplicateObject(r -> { }), bucket, "manifest.csv", etag, true,
                "replicate", role, 10);
        JobDescriptor job = aws.awaitTerminal(id, Duration.ofMinutes(3));
        assertEquals("Complete", job.statusAsString(), job.toString());
        assertEquals(tasks, job.progressSummary().numberOfTasksSucceeded(), job.toString());
        return job;
    }

    private static String ownerOf(S3Client s3, String bucket) {
        return s3.getBucketAcl(b -> b.bucket(bucket)).owner().id();
    }

    /** Each key's current replica is its newest version, every version is there, and the metadata, tags and ACL came along. */
    private static void check(S3Client s3, String destination, Map<String, List<byte[]>> versions, String meta, String v,
            String owner) {
        for (var e : versions.entrySet()) {
            String key = e.getKey();
            List<byte[]> bodies = e.getValue();
            assertArrayEquals(bodies.get(bodies.size() - 1), s3.getObjectAsBytes(b -> b.bucket(destination).key(key)).asByteArray(),
                    destination + "/" + key + " is the newest version");
            HeadObjectResponse head = s3.headObject(b -> b.bucket(destination).key(key));
            assertTrue(head.metadata().containsKey("s3batch-source-version-id"), head.metadata().toString());
        }
        List<String> all = new ArrayList<>();
        for (var version : s3.listObjectVersions(b -> b.bucket(destination).prefix(v)).versions()) {
            all.add(s3.getObjectAsBytes(b -> b.bucket(destination).key(v).versionId(version.versionId())).asUtf8String());
        }
        assertTrue(all.containsAll(List.of("one", "two", "three")), "every version of " + v + " is replicated: " + all);

        String big = meta.replace("meta.txt", "big.bin");
        assertTrue(s3.headObject(b -> b.bucket(destination).key(big)).eTag().endsWith("-3\""), "20 MiB in three 8 MiB parts");
        HeadObjectResponse head = s3.headObject(b -> b.bucket(destination).key(meta));
        assertEquals("text/plain", head.contentType());
        assertEquals("max-age=60", head.cacheControl());
        assertEquals("inline", head.contentDisposition());
        assertEquals("blue", head.metadata().get("color"));
        assertEquals(Map.of("team", "a", "env", "prod"), tags(s3.getObjectTagging(b -> b.bucket(destination).key(meta)).tagSet()));
        assertEquals(Map.of("k", "v"), tags(s3.getObjectTagging(b -> b.bucket(destination).key(meta.replace("meta.txt", "ä b+c.txt"))).tagSet()));
        assertEquals(Map.of(), tags(s3.getObjectTagging(b -> b.bucket(destination).key(meta.replace("meta.txt", "empty"))).tagSet()));
        GetObjectAclResponse acl = s3.getObjectAcl(b -> b.bucket(destination).key(meta));
        assertEquals(owner, acl.owner().id());
        assertTrue(acl.grants().stream().anyMatch(g -> g.grantee().type() == Type.GROUP && g.grantee().uri().endsWith("/AllUsers")
                && g.permission() == Permission.READ), acl.toString());
        assertTrue(acl.grants().stream().anyMatch(g -> owner.equals(g.grantee().id()) && g.permission() == Permission.FULL_CONTROL), acl.toString());
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> m = new LinkedHashMap<>();
        tags.forEach(t -> m.put(t.key(), t.value()));
        return m;
    }
}

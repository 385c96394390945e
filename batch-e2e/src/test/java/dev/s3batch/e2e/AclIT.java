package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.JobReport;
import dev.s3batch.e2e.client.OssJobClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.S3Grant;
import software.amazon.awssdk.services.s3control.model.S3GranteeTypeIdentifier;
import software.amazon.awssdk.services.s3control.model.S3Permission;

/**
 * OSS PutObjectAcl (a canned ACL, and {@code default}: the bucket's ACL) and AWS S3PutObjectAcl (a list of grants) on
 * the real services and Ceph RGW, each object's ACL read back with the AWS SDK's S3 client: the manifest's objects have
 * exactly the ACL asked for, the others keep theirs, and the report has a 200 row per object.
 */
class AclIT {
    static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

    @Test
    void cannedDefaultAndGrantListAclsEndOnTheObjects() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-acl-", 60);
        try (S3Client s3 = IndependentS3.of(services); AwsControl aws = AwsControl.of(services)) {
            String owner = s3.getObjectAcl(b -> b.bucket(bucket).key("o0")).owner().id();
            // public-read-write, as a document (the SDK sends a canned ACL as an empty PUT, which RGW answers 411)
            s3.putBucketAcl(b -> b.bucket(bucket).accessControlPolicy(p -> p.owner(o -> o.id(owner)).grants(
                    Grant.builder().grantee(g -> g.type(Type.CANONICAL_USER).id(owner)).permission(Permission.FULL_CONTROL).build(),
                    Grant.builder().grantee(g -> g.type(Type.GROUP).uri(ALL_USERS)).permission(Permission.READ).build(),
                    Grant.builder().grantee(g -> g.type(Type.GROUP).uri(ALL_USERS)).permission(Permission.WRITE).build())));

            // OSS: public-read on o0–o19
            String first = services.s3.putManifest(bucket, "first.csv", keys(0, 20));
            String canned = services.api.create(OssJobClient.job("acl-" + bucket, "<PutObjectAcl><ObjectAcl>public-read</ObjectAcl></PutObjectAcl>",
                    bucket, "first.csv", first, "it-reports", "acl-canned", "AllTasks"));
            JsonNode job = services.api.awaitTerminal(canned, Duration.ofMinutes(3), j -> { });
            assertEquals("Complete", job.path("Status").asText(), job.toString());
            assertEquals(20, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt(), job.toString());
            JobReport report = JobReport.read(services.s3, "it-reports", "acl-canned", canned);
            assertEquals(20, report.succeededRows().size());
            assertTrue(report.succeededRows().stream().allMatch(r -> r.endsWith(",200,")), report.succeededRows().get(0));

            // OSS: default (the bucket's ACL, public-read-write) on o20–o39
            String second = services.s3.putManifest(bucket, "second.csv", keys(20, 40));
            String inherit = services.api.create(OssJobClient.job("acl-default-" + bucket, "<PutObjectAcl><ObjectAcl>default</ObjectAcl></PutObjectAcl>",
                    bucket, "second.csv", second, "it-reports", "acl-default", "AllTasks"));
            job = services.api.awaitTerminal(inherit, Duration.ofMinutes(3), j -> { });
            assertEquals(20, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt(), job.toString());

            // AWS: a list of grants on o40–o49 — the owner keeps FULL_CONTROL, everyone may read the ACL
            String third = services.s3.putManifest(bucket, "third.csv", keys(40, 50));
            String grants = aws.createJob("aws-acl-" + bucket, o -> o.s3PutObjectAcl(a -> a.accessControlPolicy(p -> p.accessControlList(l -> l
                            .owner(w -> w.id(owner))
                            .grants(S3Grant.builder().grantee(g -> g.typeIdentifier(S3GranteeTypeIdentifier.ID).identifier(owner))
                                            .permission(S3Permission.FULL_CONTROL).build(),
                                    S3Grant.builder().grantee(g -> g.typeIdentifier(S3GranteeTypeIdentifier.URI).identifier(ALL_USERS))
                                            .permission(S3Permission.READ_ACP).build())))),
                    bucket, "third.csv", third, false, "acl-grants", "batch-role", 10);
            JobDescriptor described = aws.awaitTerminal(grants, Duration.ofMinutes(3));
            assertEquals(10L, described.progressSummary().numberOfTasksSucceeded(), described.toString());
            assertEquals(2, described.operation().s3PutObjectAcl().accessControlPolicy().accessControlList().grants().size(),
                    "DescribeJob gives the grants back");

            // AWS: grants without an Owner on o50–o54 — each object's own owner, read from the store's ACL document (RGW's
            // grantees carry xsi:type, which MinIO's ACL model could not read: every task failed as an internal error)
            String fourth = services.s3.putManifest(bucket, "fourth.csv", keys(50, 55));
            String ownerless = aws.createJob("aws-acl-ownerless-" + bucket, o -> o.s3PutObjectAcl(a -> a.accessControlPolicy(p -> p
                            .accessControlList(l -> l.grants(S3Grant.builder().grantee(g -> g.typeIdentifier(S3GranteeTypeIdentifier.ID)
                                            .identifier(owner)).permission(S3Permission.FULL_CONTROL).build(),
                                    S3Grant.builder().grantee(g -> g.typeIdentifier(S3GranteeTypeIdentifier.URI).identifier(ALL_USERS))
                                            .permission(S3Permission.WRITE_ACP).build())))),
                    bucket, "fourth.csv", fourth, false, "acl-grants", "batch-role", 10);
            described = aws.awaitTerminal(ownerless, Duration.ofMinutes(3));
            assertEquals(5L, described.progressSummary().numberOfTasksSucceeded(), described.toString());

            for (int i = 0; i < 60; i++) {
                Set<String> expected = i < 20 ? Set.of("owner:FULL_CONTROL", "all:READ")
                        : i < 40 ? Set.of("owner:FULL_CONTROL", "all:READ", "all:WRITE")
                        : i < 50 ? Set.of("owner:FULL_CONTROL", "all:READ_ACP")
                        : i < 55 ? Set.of("owner:FULL_CONTROL", "all:WRITE_ACP")
                        : Set.of("owner:FULL_CONTROL");
                String key = keyOf(i);
                GetObjectAclResponse acl = s3.getObjectAcl(b -> b.bucket(bucket).key(key));
                assertEquals(expected, grants(acl, owner), "o" + i);
            }
        }
    }

    static List<String> keys(int from, int to) {
        return IntStream.range(from, to).mapToObj(AclIT::keyOf).toList();
    }

    static String keyOf(int i) {
        return "o" + i;
    }

    /** The grants as {@code owner:PERMISSION} and {@code all:PERMISSION}. */
    static Set<String> grants(GetObjectAclResponse acl, String owner) {
        return acl.grants().stream().map((Grant g) -> (owner.equals(g.grantee().id()) ? "owner"
                : ALL_USERS.equals(g.grantee().uri()) ? "all" : String.valueOf(g.grantee())) + ":" + g.permissionAsString())
                .collect(Collectors.toSet());
    }
}

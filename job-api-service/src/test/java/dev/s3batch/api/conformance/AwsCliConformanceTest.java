package dev.s3batch.api.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.testkit.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Debian's AWS CLI v2 ({@code /usr/bin/aws}, installed by {@code ./s3batch test}), unmodified: it puts the account in
 * front of the endpoint's host ({@code 123456789012.s3-control.test}), so it reaches the service through
 * {@code HTTP_PROXY}, which makes every request an absolute-form target with an account-prefixed Host. Drives all eight
 * S3 Control job commands and an error of each.
 */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class AwsCliConformanceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CLI = "/usr/bin/aws";

    @TestHTTPResource("/")
    URL base;

    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (Exception e) {
                throw new IllegalStateException(out + err, e);
            }
        }
    }

    Run aws(String... args) throws Exception {
        assertTrue(new File(CLI).canExecute(), CLI + " is missing: ./s3batch test installs Debian's awscli");
        List<String> cmd = new ArrayList<>(List.of(CLI, "s3control"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--account-id", "123456789012", "--endpoint-url", "http://s3-control.test:" + base.getPort(), "--output", "json"));
        Path home = Files.createTempDirectory("aws-home");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().put("AWS_MAX_ATTEMPTS", "1");
        pb.environment().put("HTTP_PROXY", "http://127.0.0.1:" + base.getPort());
        pb.environment().remove("NO_PROXY");
        pb.environment().remove("no_proxy");
        Path out = Files.createTempFile("aws-out", ".txt");
        Path err = Files.createTempFile("aws-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("aws " + String.join(" ", args) + " hung");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static void assertError(Run r, String code) {
        assertTrue(r.exit() != 0, r.out());
        assertTrue(r.err().contains("(" + code + ")"), r.err());
    }

    String createJob(String token, int priority) throws Exception {
        return createJob(token, priority, "{\"S3PutObjectTagging\":{\"TagSet\":[{\"Key\":\"k1\",\"Value\":\"v1\"}]}}");
    }

    String createJob(String token, int priority, String operation) throws Exception {
        Run r = aws("create-job", "--client-request-token", token, "--confirmation-required", "--priority", String.valueOf(priority),
                "--role-arn", "arn:aws:iam::123456789012:role/batch-role",
                "--operation", operation,
                "--manifest", "{\"Spec\":{\"Format\":\"S3BatchOperations_CSV_20180820\",\"Fields\":[\"Bucket\",\"Key\"]},"
                        + "\"Location\":{\"ObjectArn\":\"arn:aws:s3:::manifest-bucket/manifest.csv\",\"ETag\":\"60e460c9d1046e73f7dde5043ac3ae85\"}}",
                "--report", "{\"Bucket\":\"arn:aws:s3:::report-bucket\",\"Format\":\"Report_CSV_20180820\",\"Enabled\":true,"
                        + "\"Prefix\":\"reports\",\"ReportScope\":\"AllTasks\"}",
                "--tags", "Key=dept,Value=eng");
        assertEquals(0, r.exit(), r.err());
        return r.json().path("JobId").asText();
    }

    /** Every operation s3batch runs in the AWS dialect, created by the CLI and read back by it. */
    @Test
    void everyAwsOperationIsCreatedAndDescribedByTheCli() throws Exception {
        String id = createJob("cli-" + UUID.randomUUID(), 10, "{\"S3DeleteObjectTagging\":{}}");
        JsonNode operation = aws("describe-job", "--job-id", id).json().path("Job").path("Operation");
        assertTrue(operation.has("S3DeleteObjectTagging") && !operation.has("S3PutObjectTagging"), operation.toString());
        String[] sent = {
                "{\"S3PutObjectAcl\":{\"AccessControlPolicy\":{\"AccessControlList\":{\"Owner\":{\"ID\":\"o1\"},\"Grants\":[{\"Grantee\":"
                        + "{\"TypeIdentifier\":\"uri\",\"Identifier\":\"http://acs.amazonaws.com/groups/global/AllUsers\"},\"Permission\":\"READ\"}]}}}}",
                "{\"S3InitiateRestoreObject\":{\"ExpirationInDays\":4,\"GlacierJobTier\":\"BULK\"}}",
                "{\"S3PutObjectLegalHold\":{\"LegalHold\":{\"Status\":\"OFF\"}}}",
                "{\"S3ReplicateObject\":{}}",
                "{\"LambdaInvoke\":{\"FunctionArn\":\"arn:aws:lambda:us-east-1:123456789012:function:resize\"}}",
                "{\"S3PutObjectRetention\":{\"BypassGovernanceRetention\":true,\"Retention\":{\"RetainUntilDate\":\"2030-01-01T00:00:00Z\","
                        + "\"Mode\":\"GOVERNANCE\"}}}",
                "{\"S3PutObjectCopy\":{\"TargetResource\":\"arn:aws:s3:::dest\",\"TargetKeyPrefix\":\"copies/\",\"MetadataDirective\":\"REPLACE\","
                        + "\"NewObjectMetadata\":{\"ContentType\":\"text/plain\",\"UserMetadata\":{\"color\":\"blue\"},\"SSEAlgorithm\":\"KMS\"},"
                        + "\"NewObjectTagging\":[{\"Key\":\"k\",\"Value\":\"v\"}],\"SSEAwsKmsKeyId\":\"testkey-1\",\"StorageClass\":\"STANDARD_IA\","
                        + "\"UnModifiedSinceConstraint\":\"2030-01-01T00:00:00Z\"}}"};
        for (String op : sent) {
            String job = createJob("cli-" + UUID.randomUUID(), 10, op);
            JsonNode described = aws("describe-job", "--job-id", job).json().path("Job").path("Operation");
            // what the CLI sent is what it reads back (timestamps in its own rendering)
            assertEquals(JSON.readTree(op), JSON.readTree(described.toString().replace("2030-01-01T00:00:00+00:00", "2030-01-01T00:00:00Z")),
                    described.toString());
        }
    }

    /**
     * A generator and an inventory manifest: what the CLI sent is what it reads back. Debian's CLI model knows only
     * CreatedAfter, CreatedBefore (and the replication filters) of the generator's Filter; the SDK test sends the rest.
     */
    @Test
    void everyManifestKindIsCreatedAndDescribedByTheCli() throws Exception {
        String generator = "{\"S3JobManifestGenerator\":{\"ExpectedBucketOwner\":\"123456789012\",\"SourceBucket\":\"arn:aws:s3:::photos\","
                + "\"ManifestOutputLocation\":{\"Bucket\":\"arn:aws:s3:::report-bucket\",\"ManifestPrefix\":\"generated\","
                + "\"ManifestEncryption\":{\"SSES3\":{}},\"ManifestFormat\":\"S3InventoryReport_CSV_20211130\"},"
                + "\"Filter\":{\"CreatedAfter\":\"2024-01-01T00:00:00Z\",\"CreatedBefore\":\"2031-01-01T00:00:00Z\"},"
                + "\"EnableManifestOutput\":true}}";
        String inventory = "{\"Spec\":{\"Format\":\"S3InventoryReport_CSV_20161130\"},\"Location\":{\"ObjectArn\":"
                + "\"arn:aws:s3:::manifest-bucket/inv/manifest.json\",\"ETag\":\"60e460c9d1046e73f7dde5043ac3ae85\"}}";
        for (String[] manifest : List.of(new String[]{"--manifest-generator", generator}, new String[]{"--manifest", inventory})) {
            Run r = aws("create-job", "--client-request-token", "cli-" + UUID.randomUUID(), "--confirmation-required", "--priority", "10",
                    "--role-arn", "arn:aws:iam::123456789012:role/batch-role",
                    "--operation", "{\"S3PutObjectTagging\":{\"TagSet\":[{\"Key\":\"k1\",\"Value\":\"v1\"}]}}",
                    manifest[0], manifest[1], "--report", "{\"Enabled\":false}");
            assertEquals(0, r.exit(), r.err());
            JsonNode job = aws("describe-job", "--job-id", r.json().path("JobId").asText()).json().path("Job");
            JsonNode described = job.path(manifest[0].equals("--manifest") ? "Manifest" : "ManifestGenerator");
            assertEquals(JSON.readTree(manifest[1]), JSON.readTree(described.toString().replace("2024-01-01T00:00:00+00:00", "2024-01-01T00:00:00Z")
                    .replace("2031-01-01T00:00:00+00:00", "2031-01-01T00:00:00Z")),
                    job.toString());
        }
    }

    @Test
    void everyJobCommandAndAnErrorOfEach() throws Exception {
        String token = "cli-" + UUID.randomUUID();
        String id = createJob(token, 10);
        assertEquals(id, createJob(token, 10), "the same request again is the same job");
        assertError(aws("create-job", "--client-request-token", token, "--priority", "11",
                "--role-arn", "arn:aws:iam::123456789012:role/batch-role",
                "--operation", "{\"S3PutObjectTagging\":{\"TagSet\":[]}}",
                "--manifest", "{\"Spec\":{\"Format\":\"S3BatchOperations_CSV_20180820\",\"Fields\":[\"Bucket\",\"Key\"]},"
                        + "\"Location\":{\"ObjectArn\":\"arn:aws:s3:::m/m.csv\",\"ETag\":\"e\"}}",
                "--report", "{\"Enabled\":false}"), "IdempotencyException");

        JsonNode job = aws("describe-job", "--job-id", id).json().path("Job");
        assertEquals(id, job.path("JobId").asText());
        assertEquals("New", job.path("Status").asText());
        assertEquals("k1", job.path("Operation").path("S3PutObjectTagging").path("TagSet").path(0).path("Key").asText());
        assertError(aws("describe-job", "--job-id", UUID.randomUUID().toString()), "NotFoundException");

        JsonNode list = aws("list-jobs", "--job-statuses", "New", "Suspended", "--max-results", "1000").json();
        assertTrue(list.path("Jobs").toString().contains(id), list.toString());
        assertError(aws("list-jobs", "--next-token", "bm90LW91cnM"), "InvalidNextTokenException");

        assertEquals(20, aws("update-job-priority", "--job-id", id, "--priority", "20").json().path("Priority").asInt());
        assertError(aws("update-job-priority", "--job-id", UUID.randomUUID().toString(), "--priority", "1"), "NotFoundException");

        assertEquals("dept", aws("get-job-tagging", "--job-id", id).json().path("Tags").path(0).path("Key").asText());
        assertEquals(0, aws("put-job-tagging", "--job-id", id, "--tags", "Key=a,Value=1", "Key=b,Value=2").exit());
        assertEquals(2, aws("get-job-tagging", "--job-id", id).json().path("Tags").size());
        assertEquals(0, aws("delete-job-tagging", "--job-id", id).exit());
        assertEquals(0, aws("get-job-tagging", "--job-id", id).json().path("Tags").size());
        assertError(aws("get-job-tagging", "--job-id", UUID.randomUUID().toString()), "NotFoundException");
        assertError(aws("delete-job-tagging", "--job-id", UUID.randomUUID().toString()), "NotFoundException");
        List<String> many = new ArrayList<>(List.of("put-job-tagging", "--job-id", id, "--tags"));
        for (int i = 0; i < 51; i++) {
            many.add("Key=k" + i + ",Value=v");
        }
        assertError(aws(many.toArray(String[]::new)), "TooManyTagsException");

        assertError(aws("update-job-status", "--job-id", id, "--requested-job-status", "Ready"), "JobStatusException");
        JsonNode cancelled = aws("update-job-status", "--job-id", id, "--requested-job-status", "Cancelled",
                "--status-update-reason", "no longer needed").json();
        assertEquals("Cancelling", cancelled.path("Status").asText());
        assertEquals("no longer needed", cancelled.path("StatusUpdateReason").asText());
    }
}

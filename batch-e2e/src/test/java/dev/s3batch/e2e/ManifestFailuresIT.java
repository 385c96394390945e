package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.Inventories;
import dev.s3batch.e2e.client.Inventories.Cloud;
import dev.s3batch.e2e.client.OssJobClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Manifests that cannot be used end the job Failed, with a FailureReasons entry that names the file or the cause; none
 * hangs. A manifest the dialect cannot take is refused at CreateJob with the dialect's error.
 */
class ManifestFailuresIT {

    @Test
    void brokenInventoriesFailTheJobNamingTheFile() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-inv-bad-", 20);
        var rows = List.of(ManifestKindsIT.rows(bucket, 0, 10), ManifestKindsIT.rows(bucket, 10, 20));

        var missing = Inventories.write(services.s3, Cloud.AWS, false, bucket, bucket, rows);
        String firstFile = dataFile(services, bucket, missing.manifestKey(), 1);
        services.s3.client().removeObject(io.minio.RemoveObjectArgs.builder().bucket(bucket).object(firstFile).build());
        assertFails(services, bucket, missing.manifestKey(), missing.etag(), "ManifestNotFound", firstFile);

        var changed = Inventories.write(services.s3, Cloud.AWS, false, bucket, bucket, rows);
        String changedFile = dataFile(services, bucket, changed.manifestKey(), 0);
        services.s3.client().putObject(io.minio.PutObjectArgs.builder().bucket(bucket).object(changedFile)
                .stream(new java.io.ByteArrayInputStream(gzip(bucket + ",o1\n")), -1, 5 << 20).build());
        assertFails(services, bucket, changed.manifestKey(), changed.etag(), "InventoryChecksumMismatch", changedFile);

        var corrupt = Inventories.write(services.s3, Cloud.AWS, false, bucket, bucket, rows);
        String corruptFile = dataFile(services, bucket, corrupt.manifestKey(), 0);
        byte[] garbage = "not gzip at all, but of the size and MD5 the manifest gives".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        services.s3.client().putObject(io.minio.PutObjectArgs.builder().bucket(bucket).object(corruptFile)
                .stream(new java.io.ByteArrayInputStream(garbage), garbage.length, -1).build());
        String json = services.s3.getText(bucket, corrupt.manifestKey()).replaceFirst("\"size\" : \\d+,\\s*\"MD5checksum\" : \"[0-9a-f]{32}\"",
                "\"size\" : " + garbage.length + ", \"MD5checksum\" : \"" + md5(garbage) + "\"");
        String corruptEtag = services.s3.putText(bucket, corrupt.manifestKey(), json);
        assertFails(services, bucket, corrupt.manifestKey(), corruptEtag, "InventoryInvalid", corruptFile);

        String notJson = services.s3.putText(bucket, "inv/not-json/manifest.json", "<xml>not json</xml>");
        assertFails(services, bucket, "inv/not-json/manifest.json", notJson, "InventoryInvalid", "is not JSON");

        String noKey = services.s3.putText(bucket, "inv/no-key/manifest.json", services.s3.getText(bucket, missing.manifestKey())
                .replaceFirst("\"fileSchema\" : \"Bucket, Key, ", "\"fileSchema\" : \"Bucket, Name, "));
        assertFails(services, bucket, "inv/no-key/manifest.json", noKey, "InventoryInvalid", "no Key column");
    }

    @Test
    void aGeneratorOnABucketThatIsNotThereOrThatTheRoleCannotListFails() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String absent = "it-absent-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode job = services.api.awaitTerminal(services.api.create(ManifestKindsIT.prefixJob(absent, "", "gen-absent")),
                Duration.ofMinutes(2), j -> { });
        assertEquals("Failed", job.path("Status").asText(), job.toString());
        JsonNode failure = job.path("FailureReasons").path("JobFailure");
        assertEquals("ManifestGenerationFailed", failure.path("FailureCode").asText(), job.toString());
        assertTrue(failure.path("FailureReason").asText().contains(absent + " does not exist"), job.toString());

        String bucket = services.bucketWithObjects("it-gen-badkeys-", 3);
        JsonNode denied = services.api.awaitTerminal(services.api.create(ManifestKindsIT.prefixJob(bucket, "", "gen-badkeys")
                .replace("role/batch-role", "role/bad-keys")), Duration.ofMinutes(2), j -> { });
        assertEquals("Failed", denied.path("Status").asText(), denied.toString());
        assertTrue(denied.path("FailureReasons").path("JobFailure").path("FailureReason").asText().contains(bucket), denied.toString());
    }

    @Test
    void fieldsOrAFormatTheDialectDoesNotHaveAreRefusedAtCreateJob() throws Exception {
        RunningServices services = RunningServices.get();
        String xml = OssJobClient.taggingJob("bad-fields-" + UUID.randomUUID(), "b", "m.json", null, "it-reports", "x", "AllTasks", "k", "v")
                .replace("OSS_BatchOperations_CSV_20250611", "OSS_InventoryReport_CSV_20250611").replace("Bucket,Key", "Bucket,Name");
        OssJobClient.Reply reply = services.api.createJob(xml);
        assertEquals(400, reply.status(), reply.body());
        assertEquals("InvalidArgument", reply.errorCode());
        OssJobClient.Reply cosFormat = services.api.createJob(xml.replace("OSS_InventoryReport_CSV_20250611", "COSInventoryReport_CSV_V1")
                .replace("Bucket,Name", "Bucket,Key"));
        assertEquals(400, cosFormat.status(), cosFormat.body());
    }

    private static void assertFails(RunningServices services, String bucket, String manifestKey, String etag, String code, String named)
            throws Exception {
        String xml = OssJobClient.taggingJob("bad-inv-" + UUID.randomUUID(), bucket, manifestKey, etag, "it-reports", "bad-inv", "AllTasks", "k", "v")
                .replace("<Fields>Bucket,Key</Fields>", "").replace("OSS_BatchOperations_CSV_20250611", "OSS_InventoryReport_CSV_20250611");
        JsonNode job = services.api.awaitTerminal(services.api.create(xml), Duration.ofMinutes(2), j -> { });
        assertEquals("Failed", job.path("Status").asText(), job.toString());
        JsonNode failure = job.path("FailureReasons").path("JobFailure");
        assertEquals(code, failure.path("FailureCode").asText(), job.toString());
        assertTrue(failure.path("FailureReason").asText().contains(named), "names " + named + ": " + job);
    }

    /** The key of the {@code index}-th data file an inventory's manifest.json names. */
    private static String dataFile(RunningServices services, String bucket, String manifestKey, int index) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(services.s3.getText(bucket, manifestKey))
                .path("files").get(index).path("key").asText();
    }

    private static byte[] gzip(String text) throws java.io.IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String md5(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    }
}

package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.e2e.client.JobReport;
import dev.s3batch.testkit.ReferenceChecksums;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * AWS S3ComputeObjectChecksum on the real stack: objects of random content — one of them a 12 MiB multipart upload —
 * checksummed by a job per algorithm, each report value checked against the value computed here from the bytes
 * ({@link ReferenceChecksums}: CRC64NVME bit by bit from its definition). COMPOSITE: a single-part object's is its
 * full-object checksum; a multipart object's needs the part boundaries, which Ceph RGW 16 does not give (it ignores
 * {@code ?partNumber=}): the 5 MiB parts of the MinIO upload are proven by its ETag, while an upload of parts of
 * different sizes proves none and fails saying so.
 */
class ChecksumIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAlgorithmGivesTheObjectsChecksumsAsComputedIndependently() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-checksum-", 0);
        Map<String, byte[]> objects = new LinkedHashMap<>();
        Random random = new Random(42);
        for (int size : new int[]{0, 1, 1000, 1 << 20}) {
            byte[] body = new byte[size];
            random.nextBytes(body);
            objects.put("single-" + size, body);
        }
        byte[] big = new byte[12 << 20];
        random.nextBytes(big);
        objects.put("multipart-12m", big);
        for (var o : objects.entrySet()) {
            // unknown length and 5 MiB parts: the 12 MiB object is uploaded in 3 parts
            services.s3.client().putObject(PutObjectArgs.builder().bucket(bucket).object(o.getKey())
                    .stream(new ByteArrayInputStream(o.getValue()), o.getKey().startsWith("multipart") ? -1 : o.getValue().length,
                            o.getKey().startsWith("multipart") ? 5L << 20 : -1).build());
        }
        // parts of different sizes (6, 5 and 1 MiB), uploaded part by part: no one part size gives its ETag
        byte[] uneven = new byte[12 << 20];
        random.nextBytes(uneven);
        objects.put("uneven-12m", uneven);
        try (var s3 = IndependentS3.of(services)) {
            String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("uneven-12m")).uploadId();
            List<software.amazon.awssdk.services.s3.model.CompletedPart> done = new java.util.ArrayList<>();
            int[] cuts = {0, 6 << 20, 11 << 20, 12 << 20};
            for (int p = 1; p < cuts.length; p++) {
                int part = p;
                String partEtag = s3.uploadPart(b -> b.bucket(bucket).key("uneven-12m").uploadId(upload).partNumber(part),
                        software.amazon.awssdk.core.sync.RequestBody.fromBytes(java.util.Arrays.copyOfRange(uneven, cuts[p - 1], cuts[p]))).eTag();
                done.add(software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(part).eTag(partEtag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key("uneven-12m").uploadId(upload).multipartUpload(m -> m.parts(done)));
        }
        String etag = services.s3.putManifest(bucket, "checksum.csv", List.copyOf(objects.keySet()));
        assertTrue(services.s3.client().statObject(io.minio.StatObjectArgs.builder().bucket(bucket).object("multipart-12m").build())
                .etag().endsWith("-3"), "the big object is a multipart upload");

        try (AwsControl aws = AwsControl.of(services)) {
            for (String algorithm : List.of("CRC32", "CRC32C", "CRC64NVME", "MD5", "SHA1", "SHA256", "SHA512")) {
                Map<String, JsonNode> results = run(services, aws, bucket, etag, algorithm, "FULL_OBJECT", objects.size(), 0);
                for (var o : objects.entrySet()) {
                    JsonNode r = results.get(o.getKey());
                    assertEquals(ReferenceChecksums.base64(algorithm, o.getValue()), r.path("checksumBase64").asText(), algorithm + " " + o.getKey());
                    assertEquals("FULL_OBJECT", r.path("checksumType").asText());
                }
            }
            Map<String, JsonNode> composite = run(services, aws, bucket, etag, "SHA256", "COMPOSITE", objects.size() - 1, 1);
            assertEquals(ReferenceChecksums.base64("SHA256", objects.get("single-1000")), composite.get("single-1000").path("checksumBase64").asText());
            // RGW does not give part boundaries; the 5 MiB parts are proven by the ETag: SHA256 of the parts' SHA256s, -3
            java.io.ByteArrayOutputStream partSums = new java.io.ByteArrayOutputStream();
            for (int at = 0; at < big.length; at += 5 << 20) {
                partSums.write(ReferenceChecksums.raw("SHA256", java.util.Arrays.copyOfRange(big, at, Math.min(big.length, at + (5 << 20)))));
            }
            assertEquals(ReferenceChecksums.base64("SHA256", partSums.toByteArray()) + "-3", composite.get("multipart-12m").path("checksumBase64").asText(),
                    composite.get("multipart-12m").toString());
            assertEquals("COMPOSITE", composite.get("multipart-12m").path("checksumType").asText());
            assertTrue(composite.get("uneven-12m").path("error").asText().contains("no part size"), composite.get("uneven-12m").toString());
        }
    }

    /** Runs a checksum job over the manifest; each object's ResultMessage as JSON (a failed row: {"error": message}). */
    private static Map<String, JsonNode> run(RunningServices services, AwsControl aws, String bucket, String etag, String algorithm, String type,
            int succeeded, int failed) throws Exception {
        String jobId = aws.createJob("checksum-" + algorithm + "-" + type + "-" + bucket, o -> o.s3ComputeObjectChecksum(c -> c
                .checksumAlgorithm(algorithm).checksumType(type)), bucket, "checksum.csv", etag, false, "checksum", "batch-role", 10);
        var job = aws.awaitTerminal(jobId, Duration.ofMinutes(3));
        assertEquals("Complete", job.statusAsString(), job.toString());
        assertEquals(succeeded, job.progressSummary().numberOfTasksSucceeded(), algorithm + " " + type + ": " + job);
        assertEquals(failed, job.progressSummary().numberOfTasksFailed(), algorithm + " " + type + ": " + job);
        JobReport report = JobReport.readControl(services.s3, "it-reports", "checksum", jobId);
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (String row : report.succeededRows()) {
            List<String> cols = csv(row);
            byKey.put(cols.get(1), JSON.readTree(cols.get(6)));
        }
        for (String row : report.failedRows()) {
            List<String> cols = csv(row);
            byKey.put(cols.get(1), JSON.createObjectNode().put("error", cols.get(6)));
        }
        return byKey;
    }

    /** One report row's fields (RFC 4180 quoting). */
    static List<String> csv(String row) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted && c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                cur.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}

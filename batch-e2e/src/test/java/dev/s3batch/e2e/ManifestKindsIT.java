package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.CosJobClient;
import dev.s3batch.e2e.client.Inventories;
import dev.s3batch.e2e.client.Inventories.Cloud;
import dev.s3batch.e2e.client.Inventories.Row;
import dev.s3batch.e2e.client.JobReport;
import dev.s3batch.e2e.client.OssJobClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.model.JobManifestFieldName;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;

/**
 * Every manifest kind on the real stack, each created by its dialect's client: an inventory of each cloud (several
 * gzipped files, versions), OSS's key prefix and AWS's generator with its filters and written manifest. What the job
 * touched is read back object by object with an independent client; report rows equal tasks.
 */
class ManifestKindsIT {

    /** AWS's inventory of all versions, the job asking for versions: every version is tagged, delete markers skipped. */
    @Test
    void anAwsInventoryOfVersionsTagsEveryListedVersion() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-inv-aws-", 0);
        try (S3Client s3 = IndependentS3.of(services); AwsControl aws = AwsControl.of(services)) {
            s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String key = "k " + i;
                String v1 = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("1")).versionId();
                String v2 = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("2")).versionId();
                rows.add(new Row(bucket, key, v2, true, false, 1));
                rows.add(new Row(bucket, key, v1, false, false, 1));
            }
            String gone = s3.putObject(b -> b.bucket(bucket).key("gone"), RequestBody.fromString("g")).versionId();
            String marker = s3.deleteObject(b -> b.bucket(bucket).key("gone")).versionId();
            rows.add(new Row(bucket, "gone", marker, true, true, 0));
            rows.add(new Row(bucket, "gone", gone, false, false, 1));
            var inv = Inventories.write(services.s3, Cloud.AWS, true, bucket, bucket, List.of(rows.subList(0, 30), rows.subList(30, 60), rows.subList(60, 82)));

            String jobId = aws.createTagging("via", "aws-inventory", "inv-aws", b -> b.manifest(m -> m
                    .spec(s -> s.format(JobManifestFormat.S3_INVENTORY_REPORT_CSV_20161130)
                            .fields(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY, JobManifestFieldName.VERSION_ID))
                    .location(l -> l.objectArn("arn:aws:s3:::" + bucket + "/" + inv.manifestKey()).eTag(inv.etag()))));
            var job = aws.awaitTerminal(jobId, Duration.ofMinutes(3));
            assertEquals("Complete", job.statusAsString(), job.toString());
            assertEquals(81, job.progressSummary().numberOfTasksSucceeded(), "every version but the delete marker: " + job);
            for (Row r : rows) {
                if (!r.deleteMarker()) {
                    var tags = s3.getObjectTagging(b -> b.bucket(bucket).key(r.key()).versionId(r.versionId())).tagSet();
                    assertEquals("aws-inventory", tags.isEmpty() ? null : tags.get(0).value(), r.key() + " " + r.versionId());
                }
            }
            JobReport report = JobReport.readControl(services.s3, "it-reports", "inv-aws", jobId);
            assertEquals(81, report.rows());
        }
    }

    /** OSS's inventory (no Fields, plain CSV, upper-case MD5) over three files: exactly its objects are tagged. */
    @Test
    void anOssInventoryTagsItsObjectsAcrossSeveralFiles() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-inv-oss-", 310);
        List<List<Row>> files = List.of(rows(bucket, 0, 100), rows(bucket, 100, 200), rows(bucket, 200, 300));
        var inv = Inventories.write(services.s3, Cloud.OSS, false, bucket, bucket, files);
        String xml = OssJobClient.taggingJob("inv-oss-" + bucket, bucket, inv.manifestKey(), inv.etag(), "it-reports", "inv-oss", "AllTasks",
                        "via", "oss-inventory")
                .replace("<Fields>Bucket,Key</Fields>", "").replace("OSS_BatchOperations_CSV_20250611", "OSS_InventoryReport_CSV_20250611");
        String jobId = services.api.create(xml);
        JsonNode job = services.api.awaitTerminal(jobId, Duration.ofMinutes(3), j -> { });
        assertEquals("Complete", job.path("Status").asText(), job.toString());
        assertEquals("OSS_InventoryReport_CSV_20250611", job.path("Manifest").path("Spec").path("Format").asText());
        Map<String, Map<String, String>> tags = services.s3.tagsOfAll(bucket, IntStream.range(0, 310).mapToObj(i -> "o" + i).toList());
        for (int i = 0; i < 310; i++) {
            assertEquals(i < 300 ? Map.of("via", "oss-inventory") : Map.of(), tags.get("o" + i), "o" + i);
        }
        assertEquals(300, JobReport.read(services.s3, "it-reports", "inv-oss", jobId).rows());
    }

    /** COS's inventory of all versions, the job not asking for versions: only each object's latest version is tagged. */
    @Test
    void aCosInventoryOfVersionsWithoutVersionsAskedTagsTheLatestOnly() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-inv-cos-", 0);
        try (S3Client s3 = IndependentS3.of(services)) {
            s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
            List<Row> rows = new ArrayList<>();
            List<String> old = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String key = "c/" + i;
                String v1 = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("1")).versionId();
                String v2 = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("2")).versionId();
                rows.add(new Row(bucket, key, v1, false, false, 1));
                rows.add(new Row(bucket, key, v2, true, false, 1));
                old.add(v1);
            }
            var inv = Inventories.write(services.s3, Cloud.COS, true, bucket, bucket, List.of(rows.subList(0, 25), rows.subList(25, 60)));
            CosJobClient cos = services.cos();
            String jobId = cos.create(CosJobClient.createBody("<COSPutObjectTagging><TagSet><member><Key>via</Key><Value>cos-inventory</Value></member>"
                    + "</TagSet></COSPutObjectTagging>", bucket, inv.manifestKey(), inv.etag(), "inv-cos", "batch-role", false)
                    .replace("COSBatchOperations_CSV_V1", "COSInventoryReport_CSV_V1"));
            JsonNode job = cos.awaitTerminal(jobId, Duration.ofMinutes(3));
            assertEquals("Complete", job.path("Status").asText(), job.toString());
            assertEquals(30, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt(), job.toString());
            for (int i = 0; i < 30; i++) {
                String key = "c/" + i;
                assertEquals(List.of("cos-inventory"), s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet().stream().map(t -> t.value()).toList());
                String v1 = old.get(i);
                assertEquals(List.of(), s3.getObjectTagging(b -> b.bucket(bucket).key(key).versionId(v1)).tagSet(), "older version of " + key);
            }
        }
    }

    /** OSS's KeyPrefixManifestGenerator: the objects under the prefix and no other; an empty prefix completes with none. */
    @Test
    void anOssKeyPrefixGeneratorTagsExactlyThePrefix() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-prefix-", 0);
        services.s3.putObjects(bucket, 1200, i -> (i < 1100 ? "in/" : "out/") + i, d -> { });
        String jobId = services.api.create(prefixJob(bucket, "in/", "prefix"));
        JsonNode job = services.api.awaitTerminal(jobId, Duration.ofMinutes(3), j -> { });
        assertEquals("Complete", job.path("Status").asText(), job.toString());
        assertEquals("in/", job.path("KeyPrefixManifestGenerator").path("Prefix").asText(), job.toString());
        assertEquals(1100, job.path("ProgressSummary").path("TotalNumberOfTasks").asInt(), job.toString());
        Map<String, Map<String, String>> tags = services.s3.tagsOfAll(bucket, IntStream.range(0, 1200)
                .mapToObj(i -> (i < 1100 ? "in/" : "out/") + i).toList());
        assertEquals(1100, tags.values().stream().filter(t -> t.equals(Map.of("via", "prefix"))).count());
        assertEquals(100, tags.values().stream().filter(Map::isEmpty).count());
        assertEquals(1100, JobReport.read(services.s3, "it-reports", "prefix", jobId).rows());

        String empty = services.api.create(prefixJob(bucket, "nothing-here/", "prefix-empty"));
        JsonNode none = services.api.awaitTerminal(empty, Duration.ofMinutes(2), j -> { });
        assertEquals("Complete", none.path("Status").asText(), none.toString());
        assertEquals(0, none.path("ProgressSummary").path("TotalNumberOfTasks").asInt(), none.toString());
    }

    static String prefixJob(String bucket, String prefix, String reportPrefix) {
        return OssJobClient.taggingJob("prefix-" + UUID.randomUUID(), bucket, "unused", null, "it-reports", reportPrefix, "AllTasks", "via", "prefix")
                .replaceAll("(?s)<Manifest>.*</Manifest>", "<KeyPrefixManifestGenerator><SourceBucket>" + bucket
                        + "</SourceBucket><Prefix>" + prefix + "</Prefix></KeyPrefixManifestGenerator>");
    }

    /**
     * AWS's S3JobManifestGenerator: each filter leaves out the object made to fail it; the manifest it writes is
     * described, and is itself a manifest a second job runs on (S3InventoryReport_CSV_20161130): the same objects.
     */
    @Test
    void anAwsGeneratorFiltersAndItsWrittenManifestRunsASecondJob() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-gen-", 0);
        try (S3Client s3 = IndependentS3.of(services); AwsControl aws = AwsControl.of(services)) {
            put(s3, bucket, "p/early-cat.jpg", 100); // fails CreatedAfter
            Thread.sleep(1_500);
            Instant after = Instant.now().minusMillis(500);
            Map<String, Boolean> expected = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 30; i++) {
                expected.put(put(s3, bucket, "p/a-cat-" + i + ".jpg", 100), true);
            }
            expected.put(put(s3, bucket, "p/a-cat.png", 100), false);   // MatchAnySuffix .jpg
            expected.put(put(s3, bucket, "p/a-dog.jpg", 100), false);   // MatchAnySubstring cat
            expected.put(put(s3, bucket, "q/a-cat.jpg", 100), false);   // MatchAnyPrefix p/
            expected.put(put(s3, bucket, "p/tiny-cat.jpg", 5), false);  // ObjectSizeGreaterThanBytes 10
            expected.put(put(s3, bucket, "p/big-cat.jpg", 5000), false); // ObjectSizeLessThanBytes 1000
            expected.put("p/early-cat.jpg", false);
            Instant before = Instant.now().plusSeconds(3600);

            String first = aws.createTagging("gen", "first", "gen", b -> b.manifestGenerator(m -> m.s3JobManifestGenerator(g -> g
                    .sourceBucket("arn:aws:s3:::" + bucket).enableManifestOutput(true)
                    .manifestOutputLocation(o -> o.bucket("arn:aws:s3:::it-reports").manifestPrefix("generated")
                            .manifestFormat("S3InventoryReport_CSV_20211130"))
                    .filter(f -> f.createdAfter(after).createdBefore(before)
                            .keyNameConstraint(k -> k.matchAnyPrefix("p/").matchAnySuffix(".jpg").matchAnySubstring("cat"))
                            .objectSizeGreaterThanBytes(10L).objectSizeLessThanBytes(1000L).matchAnyStorageClassWithStrings("STANDARD")))));
            var job = aws.awaitTerminal(first, Duration.ofMinutes(3));
            assertEquals("Complete", job.statusAsString(), job.toString());
            assertEquals(30, job.progressSummary().totalNumberOfTasks(), job.toString());
            expected.forEach((key, touched) -> assertEquals(touched ? List.of("first") : List.of(),
                    s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet().stream().map(t -> t.value()).toList(), key));
            var generated = job.generatedManifestDescriptor();
            assertNotNull(generated, job.toString());
            assertEquals("arn:aws:s3:::it-reports/generated/job-" + first + "/manifest.json", generated.location().objectArn());

            String second = aws.createTagging("gen", "second", "gen2", b -> b.manifest(m -> m
                    .spec(s -> s.format(JobManifestFormat.S3_INVENTORY_REPORT_CSV_20161130))
                    .location(l -> l.objectArn(generated.location().objectArn()).eTag(generated.location().eTag()))));
            var again = aws.awaitTerminal(second, Duration.ofMinutes(3));
            assertEquals("Complete", again.statusAsString(), again.toString());
            assertEquals(30, again.progressSummary().numberOfTasksSucceeded(), again.toString());
            expected.forEach((key, touched) -> assertEquals(touched ? List.of("second") : List.of(),
                    s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet().stream().map(t -> t.value()).toList(), key));

            String none = aws.createTagging("gen", "third", "gen3", b -> b.manifestGenerator(m -> m.s3JobManifestGenerator(g -> g
                    .sourceBucket("arn:aws:s3:::" + bucket).enableManifestOutput(false).filter(f -> f.matchAnyStorageClassWithStrings("GLACIER")))));
            var nothing = aws.awaitTerminal(none, Duration.ofMinutes(2));
            assertEquals("Complete", nothing.statusAsString(), "a filter no object passes: nothing to do, " + nothing);
            assertEquals(0, nothing.progressSummary().totalNumberOfTasks());
            assertTrue(s3.getObjectTagging(b -> b.bucket(bucket).key("p/a-cat-0.jpg")).tagSet().stream().noneMatch(t -> t.value().equals("third")));
        }
    }

    static List<Row> rows(String bucket, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> Row.current(bucket, "o" + i)).toList();
    }

    private static String put(S3Client s3, String bucket, String key, int size) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(new byte[size]));
        return key;
    }
}

package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.CosJobClient;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * COS COSDeleteObject through the COS API (signed by Tencent's COSSigner) and the real services: the manifest's objects
 * are gone when read back with an independent client, the objects not in it are left, a key that did not exist is
 * reported as the store answers it (204), and the COS report has a row per task.
 */
class DeleteObjectIT {

    @Test
    void aCosDeleteJobDeletesExactlyTheManifestsObjects() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-delete-", 120);
        List<String> doomed = new ArrayList<>(IntStream.range(0, 100).mapToObj(i -> "o" + i).toList());
        doomed.add("never-existed");
        String etag = services.s3.putManifest(bucket, "delete.csv", doomed);
        CosJobClient cos = services.cos();
        String jobId = cos.create(CosJobClient.createBody("<COSDeleteObject/>", bucket, "delete.csv", etag, "cos-delete", "batch-role", false));
        JsonNode job = cos.awaitTerminal(jobId, Duration.ofMinutes(3));
        assertEquals("Complete", job.path("Status").asText(), job.toString());
        assertTrue(job.path("Operation").has("COSDeleteObject"), job.toString());
        assertEquals(101, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt(), job.toString());

        for (int i = 0; i < 120; i++) {
            assertEquals(i >= 100, exists(services, bucket, "o" + i), "o" + i);
        }
        // the COS report: manifest.json, then its CSV files
        List<String> rows = dev.s3batch.e2e.client.JobReport.readControl(services.s3, "it-reports", "cos-delete", jobId).succeededRows();
        assertEquals(101, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.startsWith(bucket + ",") && r.contains(",succeeded,204,")), rows.get(0));
    }

    /**
     * On a versioned bucket a row with a VersionId deletes that version for good (the others stay); a row without one
     * deletes as S3 does — a delete marker over the versions, which stay.
     */
    @Test
    void versionsAreDeletedByTheirIdAndARowWithoutOneLeavesADeleteMarker() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-delete-ver-", 0);
        try (var s3 = IndependentS3.of(services)) {
            s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
            String first = s3.putObject(b -> b.bucket(bucket).key("v"), software.amazon.awssdk.core.sync.RequestBody.fromString("1")).versionId();
            String second = s3.putObject(b -> b.bucket(bucket).key("v"), software.amazon.awssdk.core.sync.RequestBody.fromString("2")).versionId();
            s3.putObject(b -> b.bucket(bucket).key("plain"), software.amazon.awssdk.core.sync.RequestBody.fromString("p"));
            String etag = services.s3.putText(bucket, "versions.csv", bucket + ",v," + first + "\n" + bucket + ",plain,\n");
            var cos = services.cos();
            String jobId = cos.create(CosJobClient.createBody("<COSDeleteObject/>", bucket, "versions.csv", etag, "cos-delete-ver", "batch-role", true));
            JsonNode job = cos.awaitTerminal(jobId, Duration.ofMinutes(3));
            assertEquals(2, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt(), job.toString());
            var versions = s3.listObjectVersions(b -> b.bucket(bucket).prefix("v"));
            assertEquals(List.of(second), versions.versions().stream().filter(v -> v.key().equals("v")).map(v -> v.versionId()).toList(),
                    "the row's version is gone, the other stays");
            assertEquals("2", s3.getObjectAsBytes(b -> b.bucket(bucket).key("v")).asUtf8String());
            var plain = s3.listObjectVersions(b -> b.bucket(bucket).prefix("plain"));
            assertEquals(1, plain.deleteMarkers().size(), "a row without a version leaves a delete marker");
            assertEquals(1, plain.versions().size(), "and the version under it");
        }
    }

    static boolean exists(RunningServices services, String bucket, String key) throws Exception {
        try {
            services.s3.client().statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if (e.errorResponse().code().equals("NoSuchKey")) {
                return false;
            }
            throw e;
        }
    }
}

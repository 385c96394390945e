package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.JobReport;
import dev.s3batch.e2e.client.OssJobClient;
import io.minio.SetObjectTagsArgs;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * OSS AddObjectTagging and DeleteObjectTagging through the real services and Ceph RGW, the objects' tags read back
 * with an independent client: added tags go over each object's own, an object that would pass 10 tags fails alone
 * (400 in the report, its tags unchanged), and delete leaves no tag.
 */
class TagOperationsIT {

    @Test
    void addMergesWithEachObjectsTagsAndDeleteRemovesThemAll() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-tagops-", 300);
        Map<String, String> nine = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            nine.put("t" + i, "v");
        }
        for (int i = 0; i < 300; i++) {
            Map<String, String> own = i < 150 ? Map.of("keep", "x", "team", "old") : i >= 290 ? nine : Map.of();
            if (!own.isEmpty()) {
                services.s3.client().setObjectTags(SetObjectTagsArgs.builder().bucket(bucket).object("o" + i).tags(own).build());
            }
        }
        List<String> keys = IntStream.range(0, 300).mapToObj(i -> "o" + i).toList();
        String etag = services.s3.putManifest(bucket, "all.csv", keys);
        String add = services.api.create(OssJobClient.job("add-" + bucket, "<AddObjectTagging>" + OssJobClient.tagSet("team", "new", "added", "yes")
                + "</AddObjectTagging>", bucket, "all.csv", etag, "it-reports", "tagops-add", "AllTasks"));
        JsonNode job = services.api.awaitTerminal(add, Duration.ofMinutes(3), j -> { });
        assertEquals("Complete", job.path("Status").asText(), job.toString());
        assertEquals(290, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt());
        assertEquals(10, job.path("ProgressSummary").path("NumberOfTasksFailed").asInt());
        Map<String, Map<String, String>> tags = services.s3.tagsOfAll(bucket, keys);
        for (int i = 0; i < 300; i++) {
            Map<String, String> expected = i < 150 ? Map.of("keep", "x", "team", "new", "added", "yes")
                    : i >= 290 ? nine : Map.of("team", "new", "added", "yes");
            assertEquals(expected, tags.get("o" + i), "o" + i);
        }
        JobReport report = JobReport.read(services.s3, "it-reports", "tagops-add", add);
        assertEquals(10, report.failedRows().size());
        for (String row : report.failedRows()) {
            assertTrue(row.matches(bucket + ",o29\\d,,400,\"?InvalidArgument.*11 tags.*"), row);
        }

        String some = services.s3.putManifest(bucket, "first.csv", keys.subList(0, 150));
        String delete = services.api.create(OssJobClient.job("delete-" + bucket, "<DeleteObjectTagging/>", bucket, "first.csv", some,
                "it-reports", "tagops-delete", "AllTasks"));
        job = services.api.awaitTerminal(delete, Duration.ofMinutes(3), j -> { });
        assertEquals("Complete", job.path("Status").asText(), job.toString());
        assertEquals(150, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt());
        tags = services.s3.tagsOfAll(bucket, keys);
        for (int i = 0; i < 300; i++) {
            if (i < 150) {
                assertEquals(Map.of(), tags.get("o" + i), "o" + i);
            } else {
                assertTrue(!tags.get("o" + i).isEmpty(), "o" + i + " was not in the manifest");
            }
        }
        JobReport deleted = JobReport.read(services.s3, "it-reports", "tagops-delete", delete);
        assertEquals(150, deleted.succeededRows().size());
        assertTrue(deleted.succeededRows().stream().allMatch(r -> r.endsWith(",204,")), deleted.succeededRows().get(0));
    }
}

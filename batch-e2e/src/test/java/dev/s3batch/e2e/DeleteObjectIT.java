package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.qcloud.cos.auth.BasicCOSCredentials;
import com.qcloud.cos.auth.COSSigner;
import com.qcloud.cos.http.HttpMethodName;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * COS COSDeleteObject through the COS API (signed by Tencent's COSSigner) and the real services: the manifest's objects
 * are gone when read back with an independent client, the objects not in it are left, a key that did not exist is
 * reported as the store answers it (204), and the COS report has a row per task.
 */
class DeleteObjectIT {
    static final XmlMapper XML = new XmlMapper();

    @Test
    void aCosDeleteJobDeletesExactlyTheManifestsObjects() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-delete-", 120);
        List<String> doomed = new ArrayList<>(IntStream.range(0, 100).mapToObj(i -> "o" + i).toList());
        doomed.add("never-existed");
        String etag = services.s3.putManifest(bucket, "delete.csv", doomed);
        String body = "<CreateJobRequest><ClientRequestToken>del-" + UUID.randomUUID() + "</ClientRequestToken>"
                + "<ConfirmationRequired>false</ConfirmationRequired><Description>delete</Description><Manifest><Location><ETag>" + etag
                + "</ETag><ObjectArn>qcs::cos:ap-guangzhou::" + bucket + "/delete.csv</ObjectArn></Location><Spec><Fields><member>Bucket</member>"
                + "<member>Key</member></Fields><Format>COSBatchOperations_CSV_V1</Format></Spec></Manifest><Operation><COSDeleteObject/>"
                + "</Operation><Priority>10</Priority><Report><Bucket>qcs::cos:ap-guangzhou::it-reports</Bucket><Enabled>true</Enabled>"
                + "<Format>Report_CSV_V1</Format><Prefix>cos-delete</Prefix><ReportScope>AllTasks</ReportScope></Report>"
                + "<RoleArn>qcs::cam::uin/100000000001:roleName/batch-role</RoleArn></CreateJobRequest>";
        HttpResponse<String> created = cos(services, "POST", "/jobs", body);
        assertEquals(200, created.statusCode(), created.body());
        String jobId = XML.readTree(created.body()).path("JobId").asText();

        JsonNode job;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        do {
            Thread.sleep(200);
            job = XML.readTree(cos(services, "GET", "/jobs/" + jobId, null).body()).path("Job");
        } while (!job.path("Status").asText().matches("Complete|Failed|Cancelled") && System.nanoTime() < deadline);
        assertEquals("Complete", job.path("Status").asText(), job.toString());
        assertTrue(job.path("Operation").has("COSDeleteObject"), job.toString());
        assertEquals(101, job.path("ProgressSummary").path("NumberOfTasksSucceeded").asInt(), job.toString());

        for (int i = 0; i < 120; i++) {
            assertEquals(i >= 100, exists(services, bucket, "o" + i), "o" + i);
        }
        // the COS report: manifest.json, then its CSV files
        JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(services.s3.getText("it-reports",
                "cos-delete/job-" + jobId + "/manifest.json"));
        List<String> rows = new ArrayList<>();
        for (JsonNode f : manifest.path("Results")) {
            rows.addAll(services.s3.getText("it-reports", f.path("Key").asText()).lines().toList());
        }
        assertEquals(101, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.startsWith(bucket + ",") && r.contains(",succeeded,204,")), rows.get(0));
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

    /** A COS batch-job request, signed with Tencent's COSSigner for the local account (APPID 1250000000). */
    static HttpResponse<String> cos(RunningServices services, String method, String path, String body) throws Exception {
        URI api = URI.create(services.stack.env().get("S3BATCH_API_URL"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", api.getHost() + ":" + api.getPort());
        headers.put("x-cos-appid", "1250000000");
        Date start = new Date();
        String auth = new COSSigner().buildAuthorizationStr(HttpMethodName.valueOf(method), path, headers, Map.of(),
                new BasicCOSCredentials(services.stack.env().get("S3BATCH_API_ACCESS_KEY"), services.stack.env().get("S3BATCH_API_SECRET_KEY")),
                start, new Date(start.getTime() + 900_000), true);
        HttpRequest.Builder r = HttpRequest.newBuilder(api.resolve(path)).header("Authorization", auth).header("x-cos-appid", "1250000000")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            r.header("Content-Type", "application/xml");
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}

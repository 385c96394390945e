package dev.s3batch.e2e.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.qcloud.cos.auth.BasicCOSCredentials;
import com.qcloud.cos.auth.COSSigner;
import com.qcloud.cos.http.HttpMethodName;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** COS batch-job requests to s3batch's API, signed with Tencent's COSSigner for the local account (APPID 1250000000). */
public final class CosJobClient {
    static final XmlMapper XML = new XmlMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI api;
    private final String accessKey;
    private final String secretKey;

    public CosJobClient(String apiUrl, String accessKey, String secretKey) {
        this.api = URI.create(apiUrl);
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** A CreateJob body: a CSV manifest of Bucket,Key (and VersionId when {@code versioned}), reported AllTasks to it-reports. */
    public static String createBody(String operationXml, String bucket, String manifest, String etag, String reportPrefix, String role,
            boolean versioned) {
        return createBody(operationXml, bucket, manifest, etag, "it-reports", reportPrefix, role, versioned);
    }

    /** A CreateJob body reported (AllTasks) to {@code reportBucket}. */
    public static String createBody(String operationXml, String bucket, String manifest, String etag, String reportBucket, String reportPrefix,
            String role, boolean versioned) {
        return "<CreateJobRequest><ClientRequestToken>cos-" + UUID.randomUUID() + "</ClientRequestToken>"
                + "<ConfirmationRequired>false</ConfirmationRequired><Description>e2e</Description><Manifest><Location><ETag>" + etag
                + "</ETag><ObjectArn>qcs::cos:ap-guangzhou::" + bucket + "/" + manifest + "</ObjectArn></Location><Spec><Fields><member>Bucket</member>"
                + "<member>Key</member>" + (versioned ? "<member>VersionId</member>" : "") + "</Fields><Format>COSBatchOperations_CSV_V1</Format></Spec></Manifest><Operation>"
                + operationXml + "</Operation><Priority>10</Priority><Report><Bucket>qcs::cos:ap-guangzhou::" + reportBucket + "</Bucket><Enabled>true</Enabled>"
                + "<Format>Report_CSV_V1</Format><Prefix>" + reportPrefix + "</Prefix><ReportScope>AllTasks</ReportScope></Report>"
                + "<RoleArn>qcs::cam::uin/100000000001:roleName/" + role + "</RoleArn></CreateJobRequest>";
    }

    /** Creates a job; its id. */
    public String create(String body) throws Exception {
        HttpResponse<String> created = send("POST", "/jobs", body);
        if (created.statusCode() != 200) {
            throw new AssertionError("CreateJob answered " + created.statusCode() + ": " + created.body());
        }
        return XML.readTree(created.body()).path("JobId").asText();
    }

    public JsonNode describe(String jobId) throws Exception {
        return XML.readTree(send("GET", "/jobs/" + jobId, null).body()).path("Job");
    }

    public JsonNode awaitTerminal(String jobId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job;
        do {
            Thread.sleep(200);
            job = describe(jobId);
        } while (!job.path("Status").asText().matches("Complete|Failed|Cancelled") && System.nanoTime() < deadline);
        return job;
    }

    public HttpResponse<String> send(String method, String path, String body) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", api.getHost() + ":" + api.getPort());
        headers.put("x-cos-appid", "1250000000");
        Date start = new Date();
        String auth = new COSSigner().buildAuthorizationStr(HttpMethodName.valueOf(method), path, headers, Map.of(),
                new BasicCOSCredentials(accessKey, secretKey),
                start, new Date(start.getTime() + 900_000), true);
        HttpRequest.Builder r = HttpRequest.newBuilder(api.resolve(path)).header("Authorization", auth).header("x-cos-appid", "1250000000")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            r.header("Content-Type", "application/xml");
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.s3batch.api.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.qcloud.cos.auth.BasicCOSCredentials;
import com.qcloud.cos.auth.COSSigner;
import com.qcloud.cos.http.HttpMethodName;
import dev.s3batch.testkit.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The COS batch-job API driven as Tencent's clients send it: requests signed by cos_api's own {@code COSSigner}
 * (q-sign over host, x-cos-appid, content headers and the query), bodies as the cos-go-sdk serialises them.
 * Covers the five COS job operations and an error of each.
 */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class CosSignerConformanceTest {
    static final XmlMapper XML = new XmlMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    record Reply(int status, JsonNode body) {
    }

    static final String AK = "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE";
    static final String SK = "EXAMPLESECRETKEYEXAMPLESECRETKEY";
    static final String APPID = "1250000000";

    Reply send(String method, String path, Map<String, String> params, String appId, String body) throws Exception {
        Date start = new Date();
        return send(method, path, params, appId, body, AK, SK, start, new Date(start.getTime() + 900_000));
    }

    Reply send(String method, String path, Map<String, String> params, String appId, String body, String ak, String sk,
            Date start, Date end) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", base.getHost() + ":" + base.getPort());
        if (appId != null) {
            headers.put("x-cos-appid", appId);
        }
        if (body != null) {
            headers.put("content-type", "application/xml");
        }
        String auth = ak == null ? null : new COSSigner().buildAuthorizationStr(HttpMethodName.valueOf(method), path, headers, params,
                new BasicCOSCredentials(ak, sk), start, end, true);
        String query = params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path + (query.isEmpty() ? "" : "?" + query)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            r.header("Authorization", auth);
        }
        if (appId != null) {
            r.header("x-cos-appid", appId);
        }
        if (body != null) {
            r.header("Content-Type", "application/xml");
        }
        HttpResponse<String> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(resp.statusCode(), XML.readTree(resp.body()));
    }

    /** The capture in api-dialects.md B.2, with COSPutObjectTagging as the operation. */
    static String createBody(String token, String priority) {
        return createBody(token, priority, "qcs::cam::uin/100000000001:roleName/COSBatch_QcsRole");
    }

    static String createBody(String token, String priority, String roleArn) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CreateJobRequest><ClientRequestToken>" + token + "</ClientRequestToken>"
                + "<ConfirmationRequired>true</ConfirmationRequired><Description>tag objects</Description><Manifest><Location>"
                + "<ETag>60e460c9d1046e73f7dde5043ac3ae85</ETag><ObjectArn>qcs::cos:ap-guangzhou::srcbucket-1250000000/manifest.csv</ObjectArn>"
                + "</Location><Spec><Fields><member>Bucket</member><member>Key</member></Fields><Format>COSBatchOperations_CSV_V1</Format>"
                + "</Spec></Manifest><Operation><COSPutObjectTagging><TagSet><member><Key>k</Key><Value>v</Value></member></TagSet>"
                + "</COSPutObjectTagging></Operation><Priority>" + priority + "</Priority><Report><Bucket>qcs::cos:ap-guangzhou::reportbucket-1250000000"
                + "</Bucket><Enabled>true</Enabled><Format>Report_CSV_V1</Format><Prefix>reports</Prefix><ReportScope>AllTasks</ReportScope>"
                + "</Report><RoleArn>" + roleArn + "</RoleArn></CreateJobRequest>";
    }

    static void assertCosError(Reply r, int status, String code) {
        assertEquals(status, r.status(), r.body().toString());
        assertEquals(code, r.body().path("Code").asText(), r.body().toString());
        assertTrue(!r.body().path("RequestId").asText().isEmpty() && r.body().has("TraceId"), r.body().toString());
    }

    String create(String appId) throws Exception {
        Reply r = send("POST", "/jobs", Map.of(), appId, createBody("tok-" + UUID.randomUUID(), "10"));
        assertEquals(200, r.status(), r.body().toString());
        return r.body().path("JobId").asText();
    }

    @Test
    void createJobAndItsErrors() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        Reply first = send("POST", "/jobs", Map.of(), "1250000000", createBody(token, "10"));
        assertEquals(200, first.status());
        assertEquals(first.body().path("JobId").asText(),
                send("POST", "/jobs", Map.of(), "1250000000", createBody(token, "10")).body().path("JobId").asText());
        assertCosError(send("POST", "/jobs", Map.of(), "1250000000", createBody(token, "11")), 400, "InvalidRequest");
        assertCosError(send("POST", "/jobs", Map.of(), "1250000000", createBody("t-" + UUID.randomUUID(), "-5")), 400, "InvalidArgument");
        assertCosError(send("POST", "/jobs", Map.of(), "1250000000", "<CreateJobRequest><Manifest>"), 400, "MalformedXML");
        assertCosError(send("POST", "/jobs", Map.of(), null, createBody("t-" + UUID.randomUUID(), "10")), 400, "InvalidArgument");
        assertCosError(send("POST", "/jobs", Map.of(), "1250000999", createBody("t-" + UUID.randomUUID(), "10")), 403, "AccessDenied");
        assertCosError(send("POST", "/jobs", Map.of(), "1250000000", createBody("t-" + UUID.randomUUID(), "10",
                "qcs::cam::uin/100000000001:roleName/NotConfigured")), 403, "AccessDenied");
    }

    /** Every operation s3batch runs in the COS dialect, created and read back through Tencent's signer. */
    @Test
    void deleteObjectIsCreatedAndDescribed() throws Exception {
        String body = createBody("t-" + UUID.randomUUID(), "10").replaceAll("<Operation>.*</Operation>", "<Operation><COSDeleteObject/></Operation>");
        Reply created = send("POST", "/jobs", Map.of(), APPID, body);
        assertEquals(200, created.status(), created.body().toString());
        Reply described = send("GET", "/jobs/" + created.body().path("JobId").asText(), Map.of(), APPID, null);
        assertEquals(200, described.status(), described.body().toString());
        assertTrue(described.body().path("Job").path("Operation").has("COSDeleteObject"), described.body().toString());
    }

    /** A COS inventory report as the job's manifest (the console's "COS inventory report"), signed and described as sent. */
    @Test
    void anInventoryManifestIsCreatedAndDescribed() throws Exception {
        String body = createBody("t-" + UUID.randomUUID(), "10").replace("manifest.csv", "cos_bucket_inventory/1250000000/srcbucket/list1/20190811/manifest.json")
                .replace("COSBatchOperations_CSV_V1", "COSInventoryReport_CSV_V1");
        Reply created = send("POST", "/jobs", Map.of(), APPID, body);
        assertEquals(200, created.status(), created.body().toString());
        JsonNode manifest = send("GET", "/jobs/" + created.body().path("JobId").asText(), Map.of(), APPID, null).body().path("Job").path("Manifest");
        assertEquals("COSInventoryReport_CSV_V1", manifest.path("Spec").path("Format").asText(), manifest.toString());
        assertEquals("qcs::cos:::srcbucket-1250000000/cos_bucket_inventory/1250000000/srcbucket/list1/20190811/manifest.json",
                manifest.path("Location").path("ObjectArn").asText(), manifest.toString());
        assertCosError(send("POST", "/jobs", Map.of(), APPID, body.replace("t-", "g-").replaceAll("<Manifest>.*</Manifest>",
                "<ManifestGenerator><S3JobManifestGenerator><SourceBucket>qcs::cos:ap-guangzhou::srcbucket-1250000000</SourceBucket>"
                        + "<EnableManifestOutput>false</EnableManifestOutput></S3JobManifestGenerator></ManifestGenerator>")), 400, "InvalidArgument");
    }

    /** The COS console's copy (004_*.txt's example and the prefix operations), signed by COSSigner and read back as sent. */
    @Test
    void copyJobsAreCreatedAndDescribedBack() throws Exception {
        String copy = "<COSPutObjectCopy><TargetResource>qcs::cos:ap-guangzhou::dstbucket-1250000000</TargetResource><PrefixReplace>true"
                + "</PrefixReplace><ResourcesPrefix>old/</ResourcesPrefix><TargetKeyPrefix>new/</TargetKeyPrefix><StorageClass>STANDARD_IA</StorageClass>"
                + "<AccessControlDirective>Add</AccessControlDirective><AccessControlGrants><COSGrant><Grantee><TypeIdentifier>id</TypeIdentifier>"
                + "<Identifier>100000000002</Identifier></Grantee><Permission>READ</Permission></COSGrant></AccessControlGrants>"
                + "<MetadataDirective>Replaced</MetadataDirective><NewObjectMetadata><ContentType>text/csv</ContentType><SSEAlgorithm>SSE-COS</SSEAlgorithm>"
                + "<UserMetadata><member><Key>team</Key><Value>red</Value></member></UserMetadata></NewObjectMetadata><TaggingDirective>Add</TaggingDirective>"
                + "<NewObjectTagging><COSTag><Key>a</Key><Value>1</Value></COSTag></NewObjectTagging></COSPutObjectCopy>";
        String body = createBody("t-" + UUID.randomUUID(), "10").replaceAll("<Operation>.*</Operation>", "<Operation>" + copy + "</Operation>");
        Reply created = send("POST", "/jobs", Map.of(), APPID, body);
        assertEquals(200, created.status(), created.body().toString());
        Reply described = send("GET", "/jobs/" + created.body().path("JobId").asText(), Map.of(), APPID, null);
        // as sent, but for the region in the bucket ARN: s3batch writes COS ARNs as qcs::cos:::<bucket>, as the manifest's
        assertEquals(XML.readTree(copy.replace("ap-guangzhou", "")), described.body().path("Job").path("Operation").path("COSPutObjectCopy"), described.body().toString());
    }

    @Test
    void restoreJobFieldsAreCheckedAndDescribedBack() throws Exception {
        String restore = createBody("t-" + UUID.randomUUID(), "10").replaceAll("<Operation>.*</Operation>",
                "<Operation><COSInitiateRestoreObject><ExpirationInDays>400</ExpirationInDays><JobTier>Standard</JobTier></COSInitiateRestoreObject></Operation>");
        assertCosError(send("POST", "/jobs", Map.of(), APPID, restore), 400, "InvalidArgument");
        Reply created = send("POST", "/jobs", Map.of(), APPID, restore.replace(">400<", ">7<"));
        assertEquals(200, created.status(), created.body().toString());
        Reply described = send("GET", "/jobs/" + created.body().path("JobId").asText(), Map.of(), APPID, null);
        JsonNode op = described.body().path("Job").path("Operation").path("COSInitiateRestoreObject");
        assertEquals("7", op.path("ExpirationInDays").asText(), described.body().toString());
        assertEquals("Standard", op.path("JobTier").asText());
    }

    /** COS clients address {@code <UIN>.cos-control.<region>.myqcloud.com}; reached through a proxy, as the AWS CLI test does. */
    @Test
    void theCosControlHostFormWorksThroughAProxy() throws Exception {
        String id = create(APPID);
        String host = "100000000001.cos-control.ap-guangzhou.myqcloud.com:" + base.getPort();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", host);
        headers.put("x-cos-appid", APPID);
        Date start = new Date();
        String auth = new COSSigner().buildAuthorizationStr(HttpMethodName.GET, "/jobs/" + id, headers, Map.of(),
                new BasicCOSCredentials(AK, SK), start, new Date(start.getTime() + 900_000), true);
        HttpClient viaProxy = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(java.net.ProxySelector.of(new java.net.InetSocketAddress("127.0.0.1", base.getPort()))).build();
        HttpResponse<String> r = viaProxy.send(HttpRequest.newBuilder(URI.create("http://" + host + "/jobs/" + id))
                .header("Authorization", auth).header("x-cos-appid", APPID).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(id, XML.readTree(r.body()).path("Job").path("JobId").asText());
    }

    @Test
    void describeJobAndItsErrors() throws Exception {
        String id = create(APPID);
        Reply d = send("GET", "/jobs/" + id, Map.of(), APPID, null);
        assertEquals(200, d.status());
        JsonNode job = d.body().path("Job");
        assertEquals(id, job.path("JobId").asText());
        assertEquals("New", job.path("Status").asText());
        assertEquals("COSBatchOperations_CSV_V1", job.path("Manifest").path("Spec").path("Format").asText());
        assertEquals("qcs::cos:::srcbucket-1250000000/manifest.csv", job.path("Manifest").path("Location").path("ObjectArn").asText());
        assertEquals("k", job.path("Operation").path("COSPutObjectTagging").path("TagSet").path("member").path("Key").asText());
        assertEquals("Report_CSV_V1", job.path("Report").path("Format").asText());
        assertTrue(!job.has("JobArn"), "COS has no job ARNs");
        Date now = new Date();
        Date later = new Date(now.getTime() + 900_000);
        assertCosError(send("GET", "/jobs/" + id, Map.of(), "1250000999", null, "AKIDOTHER", "x", now, later), 403, "InvalidAccessKeyId");
        assertCosError(send("GET", "/jobs/" + id, Map.of(), "1250000999", null), 403, "AccessDenied");
        assertCosError(send("GET", "/jobs/" + id, Map.of(), "1250000111", null, "AKIDLISTERLISTER0001", "lister-cos-secret-key", now, later),
                404, "NoSuchJob");
    }

    @Test
    void requestsMustBeSignedByAKnownKeyWithItsSecretAndInTime() throws Exception {
        Date now = new Date();
        Date later = new Date(now.getTime() + 900_000);
        assertCosError(send("GET", "/jobs", Map.of(), APPID, null, null, null, now, later), 403, "AccessDenied");
        assertCosError(send("GET", "/jobs", Map.of(), APPID, null, AK, "wrong-secret", now, later), 403, "SignatureDoesNotMatch");
        Date longAgo = new Date(now.getTime() - 7_200_000);
        assertCosError(send("GET", "/jobs", Map.of(), APPID, null, AK, SK, longAgo, new Date(longAgo.getTime() + 900_000)), 403, "RequestTimeTooSkewed");
    }

    @Test
    void listJobsAndItsErrors() throws Exception {
        String appId = "1250000111";
        Date now = new Date();
        Date later = new Date(now.getTime() + 900_000);
        String ak = "AKIDLISTERLISTER0001";
        String sk = "lister-cos-secret-key";
        String role = "qcs::cam::uin/111:roleName/lister-role";
        String a = send("POST", "/jobs", Map.of(), appId, createBody("tok-" + UUID.randomUUID(), "10", role), ak, sk, now, later).body().path("JobId").asText();
        String b = send("POST", "/jobs", Map.of(), appId, createBody("tok-" + UUID.randomUUID(), "10", role), ak, sk, now, later).body().path("JobId").asText();
        Reply page1 = send("GET", "/jobs", Map.of("maxResults", "1"), appId, null, ak, sk, now, later);
        assertEquals(b, page1.body().path("Jobs").path("member").path("JobId").asText());
        assertEquals("COSPutObjectTagging", page1.body().path("Jobs").path("member").path("Operation").asText());
        Reply page2 = send("GET", "/jobs", Map.of("maxResults", "1", "nextToken", page1.body().path("NextToken").asText()), appId, null, ak, sk, now, later);
        assertEquals(a, page2.body().path("Jobs").path("member").path("JobId").asText());
        assertEquals(200, send("GET", "/jobs", Map.of("jobStatuses", "Active"), appId, null, ak, sk, now, later).status());
        assertCosError(send("GET", "/jobs", Map.of("jobStatuses", "Running"), appId, null, ak, sk, now, later), 400, "InvalidArgument");
        assertCosError(send("GET", "/jobs", Map.of("maxResults", "5000"), appId, null, ak, sk, now, later), 400, "InvalidArgument");
    }

    @Test
    void updateJobPriorityAndItsErrors() throws Exception {
        String id = create(APPID);
        Reply r = send("POST", "/jobs/" + id + "/priority", Map.of("priority", "20"), APPID, null);
        assertEquals(200, r.status());
        assertEquals("20", r.body().path("Priority").asText());
        assertCosError(send("POST", "/jobs/" + id + "/priority", Map.of("priority", "2147483648"), APPID, null), 400, "InvalidArgument");
        assertCosError(send("POST", "/jobs/" + UUID.randomUUID() + "/priority", Map.of("priority", "1"), APPID, null), 404, "NoSuchJob");
    }

    @Test
    void updateJobStatusAndItsErrors() throws Exception {
        String id = create(APPID);
        assertCosError(send("POST", "/jobs/" + id + "/status", Map.of("requestedJobStatus", "Ready"), APPID, null), 400, "InvalidRequest");
        Reply r = send("POST", "/jobs/" + id + "/status", Map.of("requestedJobStatus", "Cancelled", "statusUpdateReason", "go go"), APPID, null);
        assertEquals(200, r.status());
        assertEquals("Cancelling", r.body().path("Status").asText());
        assertEquals("go go", r.body().path("StatusUpdateReason").asText());
        assertCosError(send("POST", "/jobs/" + id + "/status", Map.of("requestedJobStatus", "Paused"), APPID, null), 400, "InvalidArgument");
    }

    /** Windows that were accepted: inverted, ten years long, or past the range of a long (which answered 500). */
    @Test
    void signatureWindowsMustBeOrderedAndShort() throws Exception {
        Date now = new Date();
        assertCosError(send("GET", "/jobs", Map.of(), APPID, null, AK, SK, new Date(now.getTime() + 600_000), new Date(now.getTime() - 600_000)),
                403, "AccessDenied");
        assertCosError(send("GET", "/jobs", Map.of(), APPID, null, AK, SK, now, new Date(now.getTime() + 10L * 365 * 86_400_000)),
                403, "AccessDenied");
        var http = java.net.http.HttpClient.newHttpClient();
        var overflow = http.send(java.net.http.HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + "/jobs"))
                .header("x-cos-appid", APPID).header("Authorization", "q-sign-algorithm=sha1&q-ak=" + AK
                        + "&q-sign-time=9223372036854775807;9223372036854775807&q-key-time=9223372036854775807;9223372036854775807"
                        + "&q-header-list=&q-url-param-list=&q-signature=00").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, overflow.statusCode(), overflow.body());
        assertTrue(overflow.body().contains("<Code>AccessDenied</Code>"), overflow.body());
    }

    /** A query parameter left out of q-url-param-list could be changed after signing (a priority was). */
    @Test
    void everyQueryParameterMustBeSigned() throws Exception {
        String id = create(APPID);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", base.getHost() + ":" + base.getPort());
        headers.put("x-cos-appid", APPID);
        Date start = new Date();
        String auth = new COSSigner().buildAuthorizationStr(HttpMethodName.POST, "/jobs/" + id + "/priority", headers, Map.of(),
                new BasicCOSCredentials(AK, SK), start, new Date(start.getTime() + 900_000), true);
        var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + "/jobs/" + id
                        + "/priority?priority=99")).header("Authorization", auth).header("x-cos-appid", APPID)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("<Code>AccessDenied</Code>"), r.body());
    }
}

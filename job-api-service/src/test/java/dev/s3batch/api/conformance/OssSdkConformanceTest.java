package dev.s3batch.api.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.sdk.service.oss2.AttributeKey;
import com.aliyun.sdk.service.oss2.AttributeMap;
import com.aliyun.sdk.service.oss2.OSSClient;
import com.aliyun.sdk.service.oss2.OperationInput;
import com.aliyun.sdk.service.oss2.OperationOptions;
import com.aliyun.sdk.service.oss2.OperationOutput;
import com.aliyun.sdk.service.oss2.credentials.StaticCredentialsProvider;
import com.aliyun.sdk.service.oss2.exceptions.ServiceException;
import com.aliyun.sdk.service.oss2.transport.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import dev.s3batch.testkit.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Alibaba's {@code alibabacloud-oss-v2} SDK, through its public {@code invokeOperation} (what {@code ossutil api
 * invoke-operation} does), signing V4 and V1 as it does against OSS: the five OSS batch-job operations and an error of each.
 */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class OssSdkConformanceTest {
    static final XmlMapper XML = new XmlMapper();

    @TestHTTPResource("/")
    URL base;

    OSSClient client(String signatureVersion, String ak, String sk) {
        return OSSClient.newBuilder().region("cn-hangzhou").endpoint(base.toString().replaceAll("/$", ""))
                .signatureVersion(signatureVersion).retryMaxAttempts(1)
                .credentialsProvider(new StaticCredentialsProvider(ak, sk)).build();
    }

    static JsonNode call(OSSClient c, String op, String method, String subResource, Map<String, String> params, String body) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(subResource, "");
        parameters.putAll(params);
        Map<String, String> headers = new LinkedHashMap<>(); // the SDK adds its own headers to this map
        OperationInput.Builder in = OperationInput.newBuilder().opName(op).method(method).parameters(parameters).headers(headers)
                .opMetadata(AttributeMap.empty().put(AttributeKey.SUBRESOURCE, List.of(subResource)));
        if (body != null) {
            headers.put("Content-Type", "application/xml");
            in.body(BinaryData.fromString(body));
        }
        OperationOutput out = c.invokeOperation(in.build(), OperationOptions.defaults());
        return XML.readTree(out.body().orElseThrow().toBytes());
    }

    /** The error an SDK call ends with: its HTTP status and OSS error code. */
    static ServiceException error(org.junit.jupiter.api.function.Executable call) {
        Throwable t = assertThrows(Throwable.class, call);
        while (t != null && !(t instanceof ServiceException)) {
            t = t.getCause();
        }
        assertTrue(t != null, "no ServiceException");
        return (ServiceException) t;
    }

    static String createBody(String token) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CreateJobRequest><ConfirmationRequired>true</ConfirmationRequired><Operation>"
                + "<PutObjectTagging><TagSet><Tag><Key>k1</Key><Value>v1</Value></Tag></TagSet></PutObjectTagging></Operation><Report>"
                + "<Bucket>acs:oss:::report-bucket</Bucket><Enabled>true</Enabled><Prefix>reports</Prefix><ReportScope>AllTasks</ReportScope>"
                + "</Report><ClientRequestToken>" + token + "</ClientRequestToken><Manifest><Location><ETag>60E460C9D1046E73F7DDE5043AC3AE85</ETag>"
                + "<Bucket>manifest-bucket</Bucket><Object>manifest.csv</Object></Location><Spec><Fields>Bucket,Key</Fields>"
                + "<Format>OSS_BatchOperations_CSV_20250611</Format></Spec></Manifest><Description>tag objects</Description>"
                + "<Priority>10</Priority><RoleArn>acs:ram::1234567890123456:role/batch-role</RoleArn></CreateJobRequest>";
    }

    /** Every tag operation s3batch runs in the OSS dialect, created by the SDK and read back by it. */
    @ParameterizedTest
    @ValueSource(strings = {"v4", "v1"})
    void everyOssOperationIsCreatedAndDescribed(String version) throws Exception {
        OSSClient c = client(version, "LTAI5tEXAMPLEEXAMPLEEXAM", "EXAMPLEsecretEXAMPLEsecretEXAM");
        Map<String, String> operations = Map.of(
                "AddObjectTagging", "<AddObjectTagging><TagSet><Tag><Key>k9</Key><Value>v9</Value></Tag></TagSet></AddObjectTagging>",
                "DeleteObjectTagging", "<DeleteObjectTagging/>",
                "PutObjectAcl", "<PutObjectAcl><ObjectAcl>default</ObjectAcl></PutObjectAcl>",
                "RestoreObject", "<RestoreObject><Days>5</Days><Tier>Bulk</Tier></RestoreObject>");
        for (var op : operations.entrySet()) {
            String body = createBody("tok-" + UUID.randomUUID()).replaceAll("(?s)<Operation>.*</Operation>", "<Operation>" + op.getValue() + "</Operation>");
            String id = call(c, "CreateJob", "POST", "batchJob", Map.of(), body).path("JobId").asText();
            JsonNode job = call(c, "DescribeJob", "GET", "batchJob", Map.of("batchJobId", id), null).path("Job");
            assertEquals(op.getKey(), job.path("Operation").fieldNames().next(), job.toString());
            JsonNode described = job.path("Operation").path(op.getKey());
            switch (op.getKey()) {
                case "AddObjectTagging" -> assertEquals("k9", described.path("TagSet").path("Tag").path("Key").asText(), job.toString());
                case "PutObjectAcl" -> assertEquals("default", described.path("ObjectAcl").asText(), job.toString());
                case "RestoreObject" -> assertEquals("5/Bulk", described.path("Days").asText() + "/" + described.path("Tier").asText(), job.toString());
                default -> { }
            }
        }
    }

    /** The seed document's inventory Manifest and KeyPrefixManifestGenerator, created by the SDK and described as sent. */
    @ParameterizedTest
    @ValueSource(strings = {"v4", "v1"})
    void everyOssManifestKindIsCreatedAndDescribed(String version) throws Exception {
        OSSClient c = client(version, "LTAI5tEXAMPLEEXAMPLEEXAM", "EXAMPLEsecretEXAMPLEsecretEXAM");
        String inventory = "<Manifest><Location><ETag>495B279A99C2BA72A66CA1E23B5FEA13</ETag><Bucket>my-bucket</Bucket>"
                + "<Object>inventory-reports/my-bucket/daily-inventory/2025-10-29T12-49Z/manifest.json</Object></Location>"
                + "<Spec><Format>OSS_InventoryReport_CSV_20250611</Format></Spec></Manifest>";
        String prefix = "<KeyPrefixManifestGenerator><SourceBucket>my-bucket</SourceBucket><Prefix>documents/2024/</Prefix></KeyPrefixManifestGenerator>";
        for (String manifest : List.of(inventory, prefix)) {
            String body = createBody("tok-" + UUID.randomUUID()).replaceAll("(?s)<Manifest>.*</Manifest>", manifest);
            String id = call(c, "CreateJob", "POST", "batchJob", Map.of(), body).path("JobId").asText();
            JsonNode job = call(c, "DescribeJob", "GET", "batchJob", Map.of("batchJobId", id), null).path("Job");
            String element = manifest.substring(1, manifest.indexOf('>'));
            assertEquals(XML.readTree(manifest), job.path(element), job.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4", "v1"})
    void everyOperationAndAnErrorOfEach(String version) throws Exception {
        OSSClient c = client(version, "LTAI5tEXAMPLEEXAMPLEEXAM", "EXAMPLEsecretEXAMPLEsecretEXAM");
        String id = call(c, "CreateJob", "POST", "batchJob", Map.of(), createBody("tok-" + UUID.randomUUID())).path("JobId").asText();
        ServiceException e = error(() -> call(c, "CreateJob", "POST", "batchJob", Map.of(), "<CreateJobRequest><Priority>"));
        assertEquals(400, e.statusCode());
        assertEquals("MalformedXML", e.errorCode());

        JsonNode job = call(c, "DescribeJob", "GET", "batchJob", Map.of("batchJobId", id), null).path("Job");
        assertEquals("Suspended|Preparing|New".contains(job.path("Status").asText()), true, job.toString());
        assertEquals("PutObjectTagging", job.path("Operation").fieldNames().next());
        assertEquals("NoSuchJob", error(() -> call(c, "DescribeJob", "GET", "batchJob", Map.of("batchJobId", UUID.randomUUID().toString()), null)).errorCode());

        JsonNode list = call(c, "ListJobs", "GET", "batchJob", Map.of("max-keys", "1000", "batchJobStatuses", "New | Preparing | Suspended"), null);
        assertTrue(list.path("Jobs").toString().contains(id), list.toString());
        assertEquals("InvalidArgument", error(() -> call(c, "ListJobs", "GET", "batchJob", Map.of("max-keys", "0x10"), null)).errorCode());

        JsonNode priority = call(c, "UpdateJobPriority", "POST", "batchJobPriority", Map.of("batchJobId", id, "targetPriority", "20"), null);
        assertEquals("20", priority.path("Priority").asText());
        assertEquals("InvalidArgument", error(() -> call(c, "UpdateJobPriority", "POST", "batchJobPriority",
                Map.of("batchJobId", id, "targetPriority", "-2"), null)).errorCode());

        JsonNode status = call(c, "UpdateJobStatus", "POST", "batchJobStatus",
                Map.of("batchJobId", id, "requestedJobStatus", "Cancelled", "statusUpdateReason", "go go"), null);
        assertEquals("Cancelling", status.path("Status").asText());
        assertEquals("go go", status.path("StatusUpdateReason").asText());
        if (version.equals("v1")) {
            // V1 covers no query: a second status change signed in the same second would carry the cancel's
            // signature, and the server refuses a signature reused for another request
            Thread.sleep(1000);
        }
        assertEquals("InvalidRequest", error(() -> call(c, "UpdateJobStatus", "POST", "batchJobStatus",
                Map.of("batchJobId", id, "requestedJobStatus", "Ready"), null)).errorCode());
    }

    /**
     * Plain {@code invokeOperation} without the SUBRESOURCE metadata (what {@code ossutil api invoke-operation} and
     * aliyun-sdk-oss 3.x do) signs V1 over the canonical resource {@code /} instead of {@code /?batchJob}.
     */
    @org.junit.jupiter.api.Test
    void v1SignedOverTheBareResourceIsAcceptedToo() throws Exception {
        OSSClient c = client("v1", "LTAI5tEXAMPLEEXAMPLEEXAM", "EXAMPLEsecretEXAMPLEsecretEXAM");
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "application/xml"));
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("batchJob", ""));
        OperationOutput out = c.invokeOperation(OperationInput.newBuilder().opName("CreateJob").method("POST").parameters(parameters)
                .headers(headers).body(BinaryData.fromString(createBody("tok-" + UUID.randomUUID()))).build(), OperationOptions.defaults());
        String id = XML.readTree(out.body().orElseThrow().toBytes()).path("JobId").asText();
        OperationOutput described = c.invokeOperation(OperationInput.newBuilder().opName("DescribeJob").method("GET")
                .parameters(new LinkedHashMap<>(Map.of("batchJob", "", "batchJobId", id))).headers(new LinkedHashMap<>()).build(),
                OperationOptions.defaults());
        assertEquals(id, XML.readTree(described.body().orElseThrow().toBytes()).path("Job").path("JobId").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4", "v1"})
    void wrongKeysAreRefusedAndAccountsAreSeparate(String version) throws Exception {
        OSSClient acme = client(version, "LTAI5tEXAMPLEEXAMPLEEXAM", "EXAMPLEsecretEXAMPLEsecretEXAM");
        String id = call(acme, "CreateJob", "POST", "batchJob", Map.of(), createBody("tok-" + UUID.randomUUID())).path("JobId").asText();
        ServiceException wrongSecret = error(() -> call(client(version, "LTAI5tEXAMPLEEXAMPLEEXAM", "not-the-secret"),
                "ListJobs", "GET", "batchJob", Map.of(), null));
        assertEquals(403, wrongSecret.statusCode());
        assertEquals("SignatureDoesNotMatch", wrongSecret.errorCode());
        assertEquals("InvalidAccessKeyId", error(() -> call(client(version, "LTAINOSUCHKEY", "x"), "ListJobs", "GET", "batchJob", Map.of(), null)).errorCode());
        OSSClient other = client(version, "LTAIOTHEROTHEROTHER1", "other-oss-secret-key");
        assertEquals("NoSuchJob", error(() -> call(other, "DescribeJob", "GET", "batchJob", Map.of("batchJobId", id), null)).errorCode(),
                "one account never sees another's jobs");
    }
}

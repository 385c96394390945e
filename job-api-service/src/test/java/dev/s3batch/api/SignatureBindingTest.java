package dev.s3batch.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.testkit.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * A signature authenticates what it covers only if the server checks it: a Content-MD5 against the body received, the
 * SigV4 scope's service and region, and the account header signed; and it authenticates one request only (the
 * signature ledger): an OSS V1 signature over {@code /} cannot be reused for another operation or job, and a priority
 * change cannot be replayed. Each of these was accepted before (OSS V4's content hash:
 * {@code OssVerifierTests}).
 */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class SignatureBindingTest {
    @TestHTTPResource("/")
    URL base;

    static String md5(String body) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aContentMd5MustBeTheBodysDigest() throws Exception {
        String body = OssJobApiTest.job(OssJobApiTest.newToken());
        String other = OssJobApiTest.job(OssJobApiTest.newToken());
        var signed = new OssV1Signing();
        OssJobApiTest.assertError(given().filter(signed).header("Content-MD5", md5(other)).body(body).when().post("/?batchJob").then(), 400, "InvalidDigest");
        OssJobApiTest.assertError(given().filter(signed).header("Content-MD5", "not base64!").body(body).when().post("/?batchJob").then(), 400, "InvalidDigest");
        given().filter(signed).header("Content-MD5", md5(body)).body(body).when().post("/?batchJob").then().statusCode(200);
    }

    HttpResponse<String> awsGet(String service, boolean signAccountHeader) throws Exception {
        return awsGet(service, "us-east-1", signAccountHeader);
    }

    HttpResponse<String> awsGet(String service, String region, boolean signAccountHeader) throws Exception {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().uri(URI.create(base + "v20180820/jobs")).method(SdkHttpMethod.GET);
        if (signAccountHeader) {
            request.putHeader("x-amz-account-id", "123456789012");
        }
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .request(request.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        var builder = java.net.http.HttpRequest.newBuilder(URI.create(base + "v20180820/jobs")).GET();
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        if (!signAccountHeader) {
            builder.header("x-amz-account-id", "123456789012");
        }
        return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> awsGet(String region) throws Exception {
        return awsGet("s3", region, true);
    }

    @Test
    void sigV4ScopeMustNameAnAcceptedRegion() throws Exception {
        assertEquals(200, awsGet("us-east-1").statusCode());
        var other = awsGet("eu-west-1");
        assertEquals(403, other.statusCode(), other.body());
        assertTrue(other.body().contains("region"), other.body());
    }

    /** The headers of an OSS V1 signature over the bare resource {@code /}, as aliyun-sdk-oss 3.x signs batch requests. */
    static java.util.Map<String, String> bareV1(String method, String body) throws Exception {
        return bareV1(method, body, java.time.Duration.ZERO);
    }

    /**
     * The same, dated {@code later} than now (within the clock skew): V1 dates have whole seconds, so a client signing
     * two requests a second apart is one whose second date is a second later — no need to wait that second here.
     */
    static java.util.Map<String, String> bareV1(String method, String body, java.time.Duration later) throws Exception {
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plus(later));
        String md5 = body.isEmpty() ? "" : md5(body);
        String toSign = method + "\n" + md5 + "\napplication/xml\n" + date + "\nx-oss-date:" + date + "\n/";
        var headers = new java.util.LinkedHashMap<String, String>();
        headers.put("x-oss-date", date);
        headers.put("Content-Type", "application/xml");
        if (!md5.isEmpty()) {
            headers.put("Content-MD5", md5);
        }
        headers.put("Authorization", OssV1Signing.authorization(toSign));
        return headers;
    }

    HttpResponse<String> send(String method, String pathAndQuery, java.util.Map<String, String> headers, String body) throws Exception {
        var builder = java.net.http.HttpRequest.newBuilder(URI.create(base + pathAndQuery.substring(1)))
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String newJob() {
        return given().filter(new OssV1Signing()).body(OssJobApiTest.job(OssJobApiTest.newToken())).when().post("/?batchJob")
                .then().statusCode(200).extract().path("CreateJobResult.JobId");
    }

    static String describe(String id, String field) {
        return given().filter(new OssV1Signing()).when().get("/?batchJob&batchJobId=" + id).then().statusCode(200)
                .extract().path("DescribeJobResult.Job." + field);
    }

    @Test
    void aBareV1SignatureCannotBeReplayedAsAnotherOperationOrOnAnotherJob() throws Exception {
        String victim = newJob();
        // a CreateJob signature over "/" (what the Java SDK signs), reused as a cancel of another job: the V1 string
        // to sign names neither the operation nor the job, so only the ledger can tell
        String body = OssJobApiTest.job(OssJobApiTest.newToken());
        var create = bareV1("POST", body);
        assertEquals(200, send("POST", "/?batchJob", create, body).statusCode());
        var hijack = new java.util.LinkedHashMap<>(create);
        var cancel = send("POST", "/?batchJobStatus&batchJobId=" + victim + "&requestedJobStatus=Cancelled", hijack, body);
        assertEquals(403, cancel.statusCode(), cancel.body());
        assertTrue(cancel.body().contains("<Code>AccessDenied</Code>"), cancel.body());
        assertTrue(!describe(victim, "Status").startsWith("Cancel"));
        // a read's signature (not bound: reads change nothing) cannot become a change either: the method is signed
        var read = bareV1("GET", "");
        assertEquals(200, send("GET", "/?batchJob&batchJobId=" + victim, read, "").statusCode());
        var asCancel = send("POST", "/?batchJobStatus&batchJobId=" + victim + "&requestedJobStatus=Cancelled", read, "");
        assertEquals(403, asCancel.statusCode(), asCancel.body());
        assertTrue(!describe(victim, "Status").startsWith("Cancel"));
    }

    @Test
    void aPriorityChangeCannotBeReplayedToUndoALaterOne() throws Exception {
        String id = newJob();
        var toFive = bareV1("POST", "");
        assertEquals(200, send("POST", "/?batchJobPriority&batchJobId=" + id + "&targetPriority=5", toFive, "").statusCode());
        // the next change is signed a second later, as a V1 client's next signature must be to differ
        var toNine = bareV1("POST", "", java.time.Duration.ofSeconds(1));
        assertEquals(200, send("POST", "/?batchJobPriority&batchJobId=" + id + "&targetPriority=9", toNine, "").statusCode());
        var replay = send("POST", "/?batchJobPriority&batchJobId=" + id + "&targetPriority=5", toFive, "");
        assertEquals(403, replay.statusCode(), replay.body());
        assertEquals("9", describe(id, "Priority"));
        // a change that failed spent nothing: the same request may be sent again (and fails the same way)
        var missing = bareV1("POST", "", java.time.Duration.ofSeconds(2));
        String unknown = "/?batchJobPriority&batchJobId=" + java.util.UUID.randomUUID() + "&targetPriority=5";
        assertEquals(404, send("POST", unknown, missing, "").statusCode());
        assertEquals(404, send("POST", unknown, missing, "").statusCode());
    }

    @Test
    void sigV4MustBeForS3AndSignTheAccountHeader() throws Exception {
        assertEquals(200, awsGet("s3", true).statusCode());
        var otherService = awsGet("execute-api", true);
        assertEquals(403, otherService.statusCode(), otherService.body());
        assertTrue(otherService.body().contains("<Code>AccessDenied</Code>"), otherService.body());
        var unsignedAccount = awsGet("s3", false);
        assertEquals(403, unsignedAccount.statusCode(), unsignedAccount.body());
    }
}

package dev.s3batch.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.testkit.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
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
 * SigV4 scope's service, and the account header signed. Each of these was accepted before (OSS V4's content hash:
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
        RestAssured.filters(new OssV1Signing());
        try {
            String body = OssJobApiTest.job(OssJobApiTest.newToken());
            String other = OssJobApiTest.job(OssJobApiTest.newToken());
            OssJobApiTest.assertError(given().header("Content-MD5", md5(other)).body(body).when().post("/?batchJob").then(), 400, "InvalidDigest");
            OssJobApiTest.assertError(given().header("Content-MD5", "not base64!").body(body).when().post("/?batchJob").then(), 400, "InvalidDigest");
            given().header("Content-MD5", md5(body)).body(body).when().post("/?batchJob").then().statusCode(200);
        } finally {
            RestAssured.reset();
        }
    }

    HttpResponse<String> awsGet(String service, boolean signAccountHeader) throws Exception {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().uri(URI.create(base + "v20180820/jobs")).method(SdkHttpMethod.GET);
        if (signAccountHeader) {
            request.putHeader("x-amz-account-id", "123456789012");
        }
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .request(request.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
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

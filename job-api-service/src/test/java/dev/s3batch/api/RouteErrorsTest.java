package dev.s3batch.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.s3batch.testkit.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Requests that match no operation get the path's dialect error document (they had empty or HTML bodies). */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class RouteErrorsTest {

    @Test
    void unknownPathsAndMethodsAnswerInTheirDialect() {
        // OSS: everything outside /jobs and /v20180820
        given().when().get("/no/such/path").then().statusCode(404).contentType(containsString("xml"))
                .body("Error.Code", equalTo("NoSuchResource")).body("Error.EC", equalTo("0017-0000404"));
        given().when().delete("/?batchJob").then().statusCode(405).contentType(containsString("xml"))
                .body("Error.Code", equalTo("MethodNotAllowed"));
        // COS
        given().header("x-cos-appid", "1250000000").when().put("/jobs").then().statusCode(405).contentType(containsString("xml"))
                .body("Error.Code", equalTo("MethodNotAllowed")).body("Error.Resource", equalTo("/jobs"));
        given().when().get("/jobs/a/b/c").then().statusCode(404).body("Error.Code", equalTo("NoSuchResource"));
        // AWS: the S3 Control envelope
        given().when().get("/v20180820/jobs/a/b/c").then().statusCode(404).contentType(containsString("xml"))
                .body("ErrorResponse.Error.Code", equalTo("NotFoundException"));
        given().when().delete("/v20180820/jobs").then().statusCode(405)
                .body("ErrorResponse.Error.Code", equalTo("MethodNotAllowed"));
        given().when().get("/v20180820/nothing-here").then().statusCode(404)
                .body("ErrorResponse.Error.Code", equalTo("NotFoundException"));
    }

    @Test
    void aBodyOverTheLimitAnswersInTheDialect() {
        String big = "<CreateJobRequest>" + "x".repeat(300 * 1024) + "</CreateJobRequest>";
        given().body(big).when().post("/?batchJob").then().statusCode(413).contentType(containsString("xml"))
                .body("Error.Code", equalTo("EntityTooLarge"));
        given().body(big).when().post("/v20180820/jobs").then().statusCode(413)
                .body("ErrorResponse.Error.Code", equalTo("EntityTooLarge"));
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    /** Writes {@code head} and {@code body} as they are on a new connection and reads what comes back until it closes or 10 s. */
    String raw(String head, byte[] body, boolean thenWait) throws Exception {
        try (var socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            if (!thenWait) {
                socket.shutdownOutput();
            }
            var in = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buf)) > 0; ) {
                    in.write(buf, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                // what arrived is the answer
            }
            return in.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void anOverLongUriOrHeaderSectionOrABadEscapeAnswersInTheDialect() throws Exception {
        given().when().get("/?batchJob&x=" + "a".repeat(9000)).then().statusCode(414).contentType(containsString("xml"))
                .body("Error.Code", equalTo("RequestURITooLong"));
        given().when().get("/jobs?x=" + "a".repeat(9000)).then().statusCode(414).body("Error.Code", equalTo("RequestURITooLong"));
        given().header("x-big", "b".repeat(20_000)).when().get("/v20180820/jobs").then().statusCode(400)
                .body("ErrorResponse.Error.Code", equalTo("BadRequestException"));
        given().header("x-big", "b".repeat(20_000)).when().get("/?batchJob").then().statusCode(400)
                .body("Error.Code", equalTo("RequestHeaderSectionTooLarge"));
        String reply = raw("GET /%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", new byte[0], false);
        org.junit.jupiter.api.Assertions.assertTrue(reply.startsWith("HTTP/1.1 400"), reply);
        org.junit.jupiter.api.Assertions.assertTrue(reply.contains("<Code>InvalidURI</Code>"), reply);
        String cos = raw("GET /jobs/%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", new byte[0], false);
        org.junit.jupiter.api.Assertions.assertTrue(cos.startsWith("HTTP/1.1 400") && cos.contains("<Code>InvalidURI</Code>"), cos);
        for (String target : new String[]{"/?batchJob&batchJobId=%ZZ", "/jobs?maxResults=%G1", "/v20180820/jobs/%E0%A4%A"}) {
            String r = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", new byte[0], false);
            org.junit.jupiter.api.Assertions.assertTrue(r.startsWith("HTTP/1.1 400") && r.contains("InvalidURI") || r.contains("BadRequestException"), r);
        }
    }

    /** A body shorter than its Content-Length, or a chunked body that never ends, held the connection for over 65 s. */
    @Test
    void aBodyThatStopsArrivingIsAnsweredAndTheConnectionClosed() throws Exception {
        long start = System.nanoTime();
        String shortBody = raw("POST /?batchJob HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n",
                "<CreateJobRequest>".getBytes(java.nio.charset.StandardCharsets.US_ASCII), true);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        org.junit.jupiter.api.Assertions.assertTrue(shortBody.startsWith("HTTP/1.1 400") && shortBody.contains("<Code>RequestTimeout</Code>"), shortBody);
        org.junit.jupiter.api.Assertions.assertTrue(seconds < 8, "answered after " + seconds + " s");
        String endless = raw("POST /jobs HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n",
                "5\r\nhello\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), true);
        org.junit.jupiter.api.Assertions.assertTrue(endless.startsWith("HTTP/1.1 400") && endless.contains("RequestTimeout"), endless);
    }

    /** A document whose root is not the operation's, or with content after its root, was read as if it were. */
    @Test
    void anotherRootOrTrailingContentIsMalformed() {
        io.restassured.RestAssured.filters(new OssV1Signing());
        try {
            String body = OssJobApiTest.job(OssJobApiTest.newToken());
            OssJobApiTest.assertError(OssJobApiTest.create(body.replace("CreateJobRequest>", "AnythingElse>")), 400, "MalformedXML");
            OssJobApiTest.assertError(OssJobApiTest.create(body + "<Second/>"), 400, "MalformedXML");
            OssJobApiTest.assertError(OssJobApiTest.create(body + "trailing text"), 400, "MalformedXML");
        } finally {
            io.restassured.RestAssured.reset();
        }
    }
}

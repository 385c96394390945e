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

package dev.s3batch.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.api.dialect.XmlBodies;
import dev.s3batch.testkit.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Control characters and lenient parsing, which answered 500 (with Quarkus's JSON body), broke a job's DescribeJob for
 * good, or passed a value through {@code trim()}: each now gets the dialect's 400 before anything is stored.
 */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class HostileInputTest {

    @BeforeAll
    static void signRequests() {
        RestAssured.filters(new OssV1Signing());
    }

    @AfterAll
    static void stopSigning() {
        RestAssured.reset();
    }

    static String newJob() {
        return OssJobApiTest.create(OssJobApiTest.job(OssJobApiTest.newToken())).statusCode(200).extract().path("CreateJobResult.JobId");
    }

    @Test
    void aControlCharacterInAPathGetsTheDialectsErrorNotA500() {
        // unsigned COS request: refused, but with COS's own XML error even though the path cannot be written as XML 1.0
        given().urlEncodingEnabled(false).header("x-cos-appid", "1250000000").when().get("/jobs/%01").then()
                .statusCode(403).contentType(containsString("xml")).body("Error.Code", equalTo("AccessDenied"));
    }

    @Test
    void aStatusUpdateReasonWithAControlCharacterIsRefusedAndTheJobLeftAlone() {
        String id = newJob();
        for (String reason : new String[]{"bad%01reason", "nul%00here", "esc%1B"}) {
            OssJobApiTest.assertError(given().urlEncodingEnabled(false).when()
                    .post("/?batchJobStatus&batchJobId=" + id + "&requestedJobStatus=Cancelled&statusUpdateReason=" + reason).then(),
                    400, "InvalidArgument");
        }
        given().when().get("/?batchJob&batchJobId=" + id).then().statusCode(200)
                .body("DescribeJobResult.Job.Status", org.hamcrest.Matchers.not(equalTo("Cancelling")));
    }

    @Test
    void exactValuesOnly() {
        String id = newJob();
        for (String status : new String[]{"Ready%00", "%20Ready%09", "ready", "Cancelled%00"}) {
            OssJobApiTest.assertError(given().urlEncodingEnabled(false).when()
                    .post("/?batchJobStatus&batchJobId=" + id + "&requestedJobStatus=" + status).then(), 400, "InvalidArgument");
        }
        for (String priority : new String[]{"%2B5", "%D9%A3", "%205", "5%00", "0x10"}) {
            OssJobApiTest.assertError(given().urlEncodingEnabled(false).when()
                    .post("/?batchJobPriority&batchJobId=" + id + "&targetPriority=" + priority).then(), 400, "InvalidArgument");
        }
        OssJobApiTest.assertError(given().urlEncodingEnabled(false).when().get("/?batchJob&max-keys=%2B10").then(), 400, "InvalidArgument");
        given().urlEncodingEnabled(false).when().get("/?batchJob&batchJobId=" + id + "%00").then().statusCode(404)
                .body("Error.Code", equalTo("NoSuchJob"));
    }

    @Test
    void anXml11BodyWithAControlCharacterIsMalformed() {
        for (String field : new String[]{"<Description>a&#1;b</Description>", "<RoleArn>acs:ram::1234567890123456:role/a&#1;</RoleArn>"}) {
            String body = OssJobApiTest.job(OssJobApiTest.newToken()).replace("<?xml version=\"1.0\"", "<?xml version=\"1.1\"")
                    .replaceFirst(field.startsWith("<Description>") ? "<Description>[^<]*</Description>" : "<RoleArn>[^<]*</RoleArn>", field);
            OssJobApiTest.assertError(OssJobApiTest.create(body), 400, "MalformedXML");
        }
    }

    @Test
    void whatWasStoredBeforeTheChecksCanStillBeWritten() {
        var root = XmlBodies.object();
        root.put("StatusUpdateReason", "bad\u0001reason\u0000");
        String xml = XmlBodies.write("Job", root);
        assertTrue(xml.contains("bad\uFFFDreason\uFFFD"), xml);
        assertEquals(-1, xml.indexOf('\u0001'));
    }
}

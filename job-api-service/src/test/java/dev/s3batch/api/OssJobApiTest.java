package dev.s3batch.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.s3batch.testkit.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The OSS dialect of job-api-service against the real test PostgreSQL and Kafka: good requests and every bad one. */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class OssJobApiTest {

    @org.junit.jupiter.api.BeforeAll
    static void signRequests() {
        io.restassured.RestAssured.filters(new OssV1Signing());
    }

    @org.junit.jupiter.api.AfterAll
    static void stopSigning() {
        io.restassured.RestAssured.reset();
    }

    static String job(String token) {
        return job(token, "<Operation><PutObjectTagging><TagSet><Tag><Key>Environment</Key><Value>Production</Value></Tag>"
                + "<Tag><Key>Team</Key><Value>DataOps</Value></Tag></TagSet></PutObjectTagging></Operation>");
    }

    /** The seed document's CSV-manifest CreateJob, with the given token and Operation element. */
    static String job(String token, String operation) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <CreateJobRequest>
                    <ConfirmationRequired>true</ConfirmationRequired>
                    %s
                    <Report><Bucket>my-bucket</Bucket><Enabled>true</Enabled><Prefix>batch-reports/</Prefix><ReportScope>AllTasks</ReportScope></Report>
                    <ClientRequestToken>%s</ClientRequestToken>
                    <Manifest>
                        <Location><ETag>1466CA50719515AAE6F92101D83B6A20</ETag><Bucket>my-bucket</Bucket><Object>manifest.csv</Object></Location>
                        <Spec><Fields>Bucket,Key</Fields><Format>OSS_BatchOperations_CSV_20250611</Format></Spec>
                    </Manifest>
                    <Description>Batch replace tags for specified objects</Description>
                    <Priority>10</Priority>
                    <RoleArn>acs:ram::1234567890123456:role/BatchRole</RoleArn>
                </CreateJobRequest>""".formatted(operation, token);
    }

    static ValidatableResponse create(String body) {
        return given().body(body).when().post("/?batchJob").then();
    }

    static void assertError(ValidatableResponse r, int status, String code) {
        r.statusCode(status).contentType(containsString("xml")).body("Error.Code", equalTo(code))
                .body("Error.Message", not(equalTo(""))).body("Error.RequestId", not(equalTo("")));
    }

    static String newToken() {
        return "tok-" + UUID.randomUUID();
    }

    @Test
    void createJobAsTheSeedDocumentShowsItThenDescribeIt() {
        String id = create(job(newToken())).statusCode(200).contentType(containsString("xml"))
                .body("CreateJobResult.JobId", matchesPattern("[0-9a-f-]{36}")).extract().path("CreateJobResult.JobId");
        given().when().get("/?batchJob&batchJobId=" + id).then().statusCode(200)
                .body("DescribeJobResult.Job.JobId", equalTo(id))
                .body("DescribeJobResult.Job.Status", equalTo("New"))
                .body("DescribeJobResult.Job.Priority", equalTo("10"))
                .body("DescribeJobResult.Job.ConfirmationRequired", equalTo("true"))
                .body("DescribeJobResult.Job.Operation.PutObjectTagging.TagSet.Tag[1].Key", equalTo("Team"))
                .body("DescribeJobResult.Job.Manifest.Spec.Fields", equalTo("Bucket,Key"))
                .body("DescribeJobResult.Job.Manifest.Location.ETag", equalTo("1466CA50719515AAE6F92101D83B6A20"))
                .body("DescribeJobResult.Job.Report.ReportScope", equalTo("AllTasks"))
                .body("DescribeJobResult.Job.ProgressSummary.Timers.ElapsedTimeInActiveSeconds", equalTo("-1"))
                .body("DescribeJobResult.Job.TerminationDate", equalTo("-1"))
                .body("DescribeJobResult.Job.CreationTime", matchesPattern("\\d{10}"));
    }

    @Test
    void xmlIsReadByElementNameInAnyOrderWithNamespaceAndWithoutDeclaration() {
        String body = job(newToken()).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "")
                .replace("<CreateJobRequest>", "<CreateJobRequest xmlns=\"http://doc.oss-cn-hangzhou.aliyuncs.com\">");
        // move Priority to the front
        body = body.replace("<Priority>10</Priority>", "").replace("<ConfirmationRequired>", "<Priority>7</Priority><ConfirmationRequired>");
        String id = create(body).statusCode(200).extract().path("CreateJobResult.JobId");
        given().when().get("/?batchJobId=" + id + "&batchJob=").then().statusCode(200).body("DescribeJobResult.Job.Priority", equalTo("7"));
    }

    @Test
    void theSameTokenAndRequestReturnsTheSameJobAndAnotherRequestIsRefused() {
        String token = newToken();
        String first = create(job(token)).statusCode(200).extract().path("CreateJobResult.JobId");
        String again = create(job(token)).statusCode(200).extract().path("CreateJobResult.JobId");
        assertEquals(first, again);
        assertError(create(job(token).replace("<Priority>10</Priority>", "<Priority>11</Priority>")), 400, "InvalidRequest");
        String other = create(job(newToken())).statusCode(200).extract().path("CreateJobResult.JobId");
        assertNotEquals(first, other);
    }

    @Test
    void malformedBodiesAreMalformedXml() {
        assertError(create("<CreateJobRequest><Priority>10</Priority>"), 400, "MalformedXML");
        assertError(create("not xml at all"), 400, "MalformedXML");
        assertError(given().when().post("/?batchJob").then(), 400, "MalformedXML");
    }

    @Test
    void externalEntitiesAndEntityExpansionAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + job(newToken()).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "").replace("Batch replace tags for specified objects", "&x;");
        assertError(create(xxe), 400, "MalformedXML");
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><r>&b;</r>";
        assertError(create(bomb), 400, "MalformedXML");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeParsing() {
        given().body("<CreateJobRequest><Description>" + "x".repeat(300 * 1024) + "</Description></CreateJobRequest>")
                .when().post("/?batchJob").then().statusCode(413);
    }

    @Test
    void missingFieldsAreInvalidArgument() {
        String good = job(newToken());
        String[][] removals = {
                {"<Priority>10</Priority>", "Priority"},
                {"<RoleArn>acs:ram::1234567890123456:role/BatchRole</RoleArn>", "RoleArn"},
                {"<Bucket>my-bucket</Bucket><Object>manifest.csv</Object>", "Manifest/Location/Bucket"},
                {"<Format>OSS_BatchOperations_CSV_20250611</Format>", "Manifest/Spec/Format"},
                {"<Fields>Bucket,Key</Fields>", "Manifest/Spec/Fields"},
                {"<ReportScope>AllTasks</ReportScope>", "Report/ReportScope"},
        };
        for (String[] r : removals) {
            ValidatableResponse resp = create(good.replace(r[0], ""));
            assertError(resp, 400, "InvalidArgument");
            resp.body("Error.Message", containsString(r[1]));
        }
        assertError(create(good.replaceAll("(?s)<Operation>.*</Operation>", "")), 400, "InvalidArgument");
        assertError(create(good.replaceAll("(?s)<Manifest>.*</Manifest>", "")), 400, "InvalidArgument");
        assertError(create(good.replaceAll("(?s)<Report>.*</Report>", "")), 400, "InvalidArgument");
    }

    @Test
    void outOfRangeAndUnknownValuesAreInvalidArgument() {
        String good = job(newToken());
        for (String p : new String[]{"-1", "2147483648", "ten", "1.5"}) {
            assertError(create(good.replace("<Priority>10</Priority>", "<Priority>" + p + "</Priority>")), 400, "InvalidArgument");
        }
        assertError(create(good.replace("AllTasks", "SomeTasks")), 400, "InvalidArgument");
        assertError(create(good.replace("<Fields>Bucket,Key</Fields>", "<Fields>Bucket,Name</Fields>")), 400, "InvalidArgument");
        assertError(create(good.replace("<Fields>Bucket,Key</Fields>", "<Fields>Key</Fields>")), 400, "InvalidArgument");
        assertError(create(good.replace("OSS_BatchOperations_CSV_20250611", "S3BatchOperations_CSV_20180820")), 400, "InvalidArgument");
        assertError(create(good.replace("<ConfirmationRequired>true", "<ConfirmationRequired>yes")), 400, "InvalidArgument");
        assertError(create(good.replace("acs:ram::1234567890123456:role/BatchRole", "arn:aws:iam::123456789012:role/x")), 400, "InvalidArgument");
        assertError(create(good.replace("role/BatchRole", "role/NotConfigured")), 403, "AccessDenied");
        assertError(create(good.replace("role/BatchRole", "role/narrow").replace("<Bucket>my-bucket</Bucket><Object>", "<Bucket>manifest-bucket</Bucket><Object>")),
                403, "AccessDenied"); // the narrow role may not write to the report bucket my-bucket
        assertError(create(good.replace("<ClientRequestToken>", "<ClientRequestToken>" + "t".repeat(64))), 400, "InvalidArgument");
        assertError(create(good.replace("Batch replace tags for specified objects", "d".repeat(257))), 400, "InvalidArgument");
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            tags.append("<Tag><Key>k").append(i).append("</Key><Value>v</Value></Tag>");
        }
        assertError(create(job(newToken(), "<Operation><PutObjectTagging><TagSet>" + tags + "</TagSet></PutObjectTagging></Operation>")), 400, "InvalidArgument");
        assertError(create(job(newToken(), "<Operation><PutObjectTagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag>"
                + "<Tag><Key>a</Key><Value>2</Value></Tag></TagSet></PutObjectTagging></Operation>")), 400, "InvalidArgument");
        assertError(create(job(newToken(), "<Operation><PutObjectTagging><TagSet/></PutObjectTagging><DeleteObjectTagging/></Operation>")), 400, "InvalidArgument");
        assertError(create(job(newToken(), "<Operation><DeleteEverything/></Operation>")), 400, "InvalidArgument");
    }

    @Test
    void aclAndRestoreFieldsAreCheckedAndDescribedBackAsSent() {
        assertError(create(job(newToken(), "<Operation><RestoreObject><Days>0</Days><Tier>Standard</Tier></RestoreObject></Operation>")), 400, "InvalidArgument");
        assertError(create(job(newToken(), "<Operation><RestoreObject><Days>366</Days></RestoreObject></Operation>")), 400, "InvalidArgument");
        assertError(create(job(newToken(), "<Operation><RestoreObject><Days>7</Days><Tier>Expedited</Tier></RestoreObject></Operation>")), 400, "InvalidArgument");
        assertError(create(job(newToken(), "<Operation><PutObjectAcl><ObjectAcl>everyone</ObjectAcl></PutObjectAcl></Operation>")), 400, "InvalidArgument");
        String restore = create(job(newToken(), "<Operation><RestoreObject><Days>7</Days><Tier>Bulk</Tier></RestoreObject></Operation>"))
                .statusCode(200).extract().path("CreateJobResult.JobId");
        given().when().get("/?batchJob&batchJobId=" + restore).then().statusCode(200)
                .body("DescribeJobResult.Job.Operation.RestoreObject.Days", org.hamcrest.Matchers.equalTo("7"))
                .body("DescribeJobResult.Job.Operation.RestoreObject.Tier", org.hamcrest.Matchers.equalTo("Bulk"));
        for (String acl : List.of("public-read", "default")) {
            String id = create(job(newToken(), "<Operation><PutObjectAcl><ObjectAcl>" + acl + "</ObjectAcl></PutObjectAcl></Operation>"))
                    .statusCode(200).extract().path("CreateJobResult.JobId");
            given().when().get("/?batchJob&batchJobId=" + id).then().statusCode(200)
                    .body("DescribeJobResult.Job.Operation.PutObjectAcl.ObjectAcl", org.hamcrest.Matchers.equalTo(acl));
        }
    }

    @Test
    void tagOperationsAreDescribedBackAsTheyWereSent() {
        String add = create(job(newToken(), "<Operation><AddObjectTagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>b</Key>"
                + "<Value>2</Value></Tag></TagSet></AddObjectTagging></Operation>")).statusCode(200).extract().path("CreateJobResult.JobId");
        given().when().get("/?batchJob&batchJobId=" + add).then().statusCode(200)
                .body("DescribeJobResult.Job.Operation.AddObjectTagging.TagSet.Tag.Key", org.hamcrest.Matchers.contains("a", "b"))
                .body("DescribeJobResult.Job.Operation.AddObjectTagging.TagSet.Tag.Value", org.hamcrest.Matchers.contains("1", "2"));
        String delete = create(job(newToken(), "<Operation><DeleteObjectTagging/></Operation>")).statusCode(200).extract().path("CreateJobResult.JobId");
        String described = given().when().get("/?batchJob&batchJobId=" + delete).then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(described.contains("<Operation><DeleteObjectTagging"), described);
        given().when().get("/?batchJob&batchJobStatuses=New|Preparing|Suspended&max-keys=1000").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("<Operation>DeleteObjectTagging</Operation>"));
        assertError(create(job(newToken(), "<Operation><AddObjectTagging><TagSet/></AddObjectTagging></Operation>")), 400, "InvalidArgument");
        assertError(create(job(newToken(), "<Operation><AddObjectTagging><TagSet>" + "<Tag><Key>k%d</Key><Value>v</Value></Tag>".repeat(11)
                .formatted(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) + "</TagSet></AddObjectTagging></Operation>")), 400, "InvalidArgument");
    }

    @Test
    void aKeyPrefixGeneratorAndAnInventoryManifestAreDescribedAsSent() {
        assertError(create(job(newToken()).replaceAll("(?s)<Manifest>.*</Manifest>",
                "<KeyPrefixManifestGenerator><SourceBucket>b</SourceBucket><Prefix>p/</Prefix></KeyPrefixManifestGenerator>")), 400, "InvalidArgument");
        String prefix = create(job(newToken()).replaceAll("(?s)<Manifest>.*</Manifest>",
                "<KeyPrefixManifestGenerator><SourceBucket>photos</SourceBucket><Prefix>2024/</Prefix></KeyPrefixManifestGenerator>"))
                .statusCode(200).extract().path("CreateJobResult.JobId");
        given().when().get("/?batchJob&batchJobId=" + prefix).then().statusCode(200)
                .body("DescribeJobResult.Job.KeyPrefixManifestGenerator.SourceBucket", equalTo("photos"))
                .body("DescribeJobResult.Job.KeyPrefixManifestGenerator.Prefix", equalTo("2024/"));
        String inventory = create(job(newToken()).replace("<Fields>Bucket,Key</Fields>", "")
                .replace("OSS_BatchOperations_CSV_20250611", "OSS_InventoryReport_CSV_20250611")).statusCode(200).extract().path("CreateJobResult.JobId");
        given().when().get("/?batchJob&batchJobId=" + inventory).then().statusCode(200)
                .body("DescribeJobResult.Job.Manifest.Spec.Format", equalTo("OSS_InventoryReport_CSV_20250611"));
    }

    @Test
    void unsignedAndStaleRequestsAreRefused() {
        assertError(given().noFilters().when().get("/?batchJob").then(), 403, "AccessDenied");
        assertError(given().noFilters().header("Authorization", "OSS " + OssV1Signing.ACCESS_KEY + ":bm90LWEtc2lnbmF0dXJl")
                .when().get("/?batchJob").then(), 403, "AccessDenied"); // no date at all
        assertError(given().noFilters().header("Authorization", "OSS " + OssV1Signing.ACCESS_KEY + ":bm90LWEtc2lnbmF0dXJl")
                .header("x-oss-date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(
                        java.time.ZoneOffset.UTC)))
                .when().get("/?batchJob").then(), 403, "SignatureDoesNotMatch");
        assertError(given().noFilters().filter(new OssV1Signing(java.time.Duration.ofMinutes(-30))).when().get("/?batchJob").then(),
                403, "RequestTimeTooSkewed");
        given().noFilters().filter(new OssV1Signing(java.time.Duration.ofMinutes(-10))).when().get("/?batchJob").then()
                .statusCode(200); // within the 15 minutes clocks may differ
    }

    @Test
    void updateJobPriorityChangesItAndChecksTheRange() {
        String id = create(job(newToken())).statusCode(200).extract().path("CreateJobResult.JobId");
        given().when().post("/?batchJobPriority&batchJobId=" + id + "&targetPriority=2147483647").then().statusCode(200)
                .body("UpdateJobPriorityResult.JobId", equalTo(id)).body("UpdateJobPriorityResult.Priority", equalTo("2147483647"));
        given().when().get("/?batchJob&batchJobId=" + id).then().body("DescribeJobResult.Job.Priority", equalTo("2147483647"));
        assertError(given().when().post("/?batchJobPriority&batchJobId=" + id + "&targetPriority=-1").then(), 400, "InvalidArgument");
        assertError(given().when().post("/?batchJobPriority&batchJobId=" + id).then(), 400, "InvalidArgument");
        assertError(given().when().post("/?batchJobPriority&targetPriority=3").then(), 400, "InvalidArgument");
        assertError(given().when().post("/?batchJobPriority&batchJobId=" + UUID.randomUUID() + "&targetPriority=3").then(), 404, "NoSuchJob");
    }

    @Test
    void updateJobStatusCancelsAndRefusesWhatTheRulesForbid() {
        String id = create(job(newToken())).statusCode(200).extract().path("CreateJobResult.JobId");
        assertError(given().when().post("/?batchJobStatus&batchJobId=" + id + "&requestedJobStatus=Ready").then(), 400, "InvalidRequest");
        assertError(given().when().post("/?batchJobStatus&batchJobId=" + id + "&requestedJobStatus=Active").then(), 400, "InvalidArgument");
        assertError(given().when().post("/?batchJobStatus&batchJobId=" + id).then(), 400, "InvalidArgument");
        assertError(given().when().post("/?batchJobStatus&batchJobId=" + id + "&requestedJobStatus=Cancelled&statusUpdateReason="
                + "r".repeat(257)).then(), 400, "InvalidArgument");
        given().queryParam("statusUpdateReason", "go away").when().post("/?batchJobStatus&batchJobId=" + id + "&requestedJobStatus=Cancelled").then()
                .statusCode(200).body("UpdateJobStatusResult.Status", equalTo("Cancelling"))
                .body("UpdateJobStatusResult.StatusUpdateReason", equalTo("go away"));
        given().when().get("/?batchJob&batchJobId=" + id).then().body("DescribeJobResult.Job.StatusUpdateReason", equalTo("go away"));
        assertError(given().when().post("/?batchJobStatus&batchJobId=" + id + "&requestedJobStatus=Cancelled").then(), 400, "InvalidRequest");
    }

    @Test
    void listJobsFiltersByStatusAndPages() {
        String a = create(job(newToken())).statusCode(200).extract().path("CreateJobResult.JobId");
        String b = create(job(newToken())).statusCode(200).extract().path("CreateJobResult.JobId");
        given().when().post("/?batchJobStatus&batchJobId=" + b + "&requestedJobStatus=Cancelled").then().statusCode(200);
        // the newest first, one per page
        var first = given().when().get("/?batchJob&max-keys=1").then().statusCode(200);
        String token = first.extract().path("ListJobsResult.NextToken");
        assertEquals(b, first.extract().path("ListJobsResult.Jobs.JobListDescriptor.JobId"));
        given().when().get("/?batchJob&max-keys=1&continuation-token=" + token).then().statusCode(200)
                .body("ListJobsResult.Jobs.JobListDescriptor.JobId", equalTo(a))
                .body("ListJobsResult.Jobs.JobListDescriptor.Operation", equalTo("PutObjectTagging"))
                .body("ListJobsResult.Jobs.JobListDescriptor.Status", equalTo("New"));
        String cancelling = given().queryParam("batchJobStatuses", "Cancelling | Failed").when().get("/?batchJob&max-keys=1000").then().statusCode(200)
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(cancelling.contains(b) && !cancelling.contains(a), cancelling);
        assertError(given().when().get("/?batchJob&batchJobStatuses=Running").then(), 400, "InvalidArgument");
        assertError(given().when().get("/?batchJob&max-keys=1001").then(), 400, "InvalidArgument");
        assertError(given().when().get("/?batchJob&continuation-token=not-ours").then(), 400, "InvalidArgument");
    }

    @Test
    void unknownJobsAndUnknownOperationsGetOssErrors() {
        assertError(given().when().get("/?batchJob&batchJobId=" + UUID.randomUUID()).then(), 404, "NoSuchJob");
        assertError(given().when().get("/?batchJob&batchJobId=not-a-job-id").then(), 404, "NoSuchJob");
        assertError(given().when().get("/?something").then(), 400, "InvalidRequest");
        assertError(given().body(job(newToken())).when().post("/").then(), 400, "InvalidRequest");
    }
}
